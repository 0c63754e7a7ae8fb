//! The content check (内容检查) in a box being typed into: the words found marked in the
//! text, each with why and what to write instead; the tick that accepts warnings; and the
//! live check for boxes that have no dry run of their own (an edit, a reply, a comment).

use mdesk_ipc::{cmd, CheckedField, CheckedText, ContentCheck, ContentHit, Severity};
use sycamore::futures::spawn_local_scoped;
use sycamore::prelude::*;

use crate::ipc;
use crate::state::app_state;
use crate::timer::sleep;

/// How long typing pauses before the box is checked again.
const CHECK_DELAY_MS: i32 = 300;

/// What was checked and what was found: the marks are drawn on the text that was checked,
/// not on one typed since.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Checked {
    pub text: CheckedText,
    pub check: ContentCheck,
}

impl Checked {
    fn field(&self, field: CheckedField) -> &str {
        self.text
            .fields()
            .into_iter()
            .find(|(f, _)| *f == field)
            .map_or("", |(_, t)| t)
    }
}

/// The check of `text()` as `accounts()`, again whenever either changes (after a pause; a
/// newer keystroke aborts the wait of an older one).
pub fn live_check(
    text: impl Fn() -> CheckedText + 'static,
    accounts: impl Fn() -> Vec<String> + 'static,
) -> Signal<Option<Checked>> {
    let state = app_state();
    let checked = create_signal(None::<Checked>);
    create_effect(move || {
        // The reasons are in the desk's language: check again when it changes.
        state.lang.track();
        let (text, account_ids) = (text(), accounts());
        spawn_local_scoped(async move {
            sleep(CHECK_DELAY_MS).await;
            if let Ok(check) = ipc::call(&cmd::CheckContent {
                text: text.clone(),
                account_ids,
            })
            .await
            {
                let now = Checked { text, check };
                if checked.with_untracked(|c| c.as_ref() != Some(&now)) {
                    checked.set(Some(now));
                }
            }
        });
    });
    checked
}

/// `text` cut into pieces, each marked with the worst hit over it (none: plain text).
fn pieces(text: &str, hits: &[ContentHit]) -> Vec<(String, Option<Severity>)> {
    let spans: Vec<(usize, usize, Severity)> = hits.iter().map(|h| (h.start, h.end, h.severity)).collect();
    crate::format::marked_with(text, &spans, Severity::min)
}

pub fn hit_view(h: ContentHit) -> View {
    let state = app_state();
    let severity = h.severity.as_str();
    let category = state.t(&format!("word-category-{}", h.category.as_str()));
    let scope = match (&h.account_id, h.own) {
        (Some(_), _) => state.t("content-hit-account"),
        (None, true) => state.t("content-hit-own"),
        (None, false) => String::new(),
    };
    let word = if h.found.to_lowercase() == h.word.to_lowercase() {
        h.found.clone()
    } else {
        format!("{} → {}", h.found, h.word)
    };
    view! {
        li(class=format!("content-hit {severity}"), data-testid="content-hit", data-word=h.word.clone(),
            data-severity=severity, data-field=h.field.as_str()) {
            span(class=format!("badge sev-{severity}")) { (state.t(&format!("severity-{severity}"))) }
            " "
            strong { (word) }
            span(class="muted small") { " · " (category) (if scope.is_empty() { String::new() } else { format!(" · {scope}") }) }
            div(class="small") { (h.reason.clone()) }
            div(class="small muted") { (state.t_args("content-suggestion", &[("text", h.suggestion.clone().into())])) }
        }
    }
}

/// The content check's hits as a card under `title_key`, each with its field when `fields`.
pub fn hits_card(testid: &'static str, hits: Vec<ContentHit>, fields: bool) -> View {
    let state = app_state();
    if hits.is_empty() {
        return view! {};
    }
    let items: View = hits
        .into_iter()
        .map(|h| {
            let field = fields.then(|| state.t(&format!("publish-field-{}", h.field.as_str())));
            let hit = hit_view(h);
            match field {
                Some(f) => view! { div(class="content-field small muted") { (f) } (hit) },
                None => hit,
            }
        })
        .collect::<Vec<_>>()
        .into();
    view! {
        div(class="content-check", data-testid=testid) {
            div { strong { (state.t("content-title")) } }
            ul(class="content-hits") { (items) }
        }
    }
}

/// Under a field: the field's text with what was found marked, and the list of hits. Nothing
/// when nothing was found.
#[component(inline_props)]
pub fn ContentMarks(checked: ReadSignal<Option<Checked>>, field: CheckedField) -> View {
    let found = create_memo(move || {
        checked.with(|c| {
            c.as_ref()
                .map(|c| {
                    (
                        c.field(field).to_owned(),
                        c.check.in_field(field).cloned().collect::<Vec<_>>(),
                    )
                })
                .unwrap_or_default()
        })
    });
    view! {
        (if found.with(|(_, hits)| hits.is_empty()) {
            view! {}
        } else {
            let (text, hits) = found.get_clone();
            let marked: View = pieces(&text, &hits)
                .into_iter()
                .map(|(s, m)| match m {
                    Some(sev) => view! { mark(class=format!("content-mark {}", sev.as_str()), data-testid="content-mark") { (s) } },
                    None => view! { span { (s) } },
                })
                .collect::<Vec<_>>()
                .into();
            let list: View = hits.into_iter().map(hit_view).collect::<Vec<_>>().into();
            view! {
                div(class="content-check", data-testid="content-check", data-field=field.as_str()) {
                    div(class="content-marked", data-testid="content-marked") { (marked) }
                    ul(class="content-hits") { (list) }
                }
            }
        })
    }
}

/// Below the marks: a block says nothing can go out; warnings need the tick. With `per_account`
/// (the composer, for several accounts) an account's own blocked word refuses only that
/// account, which the dry run says: the note is for blocks that hold for every account.
#[component(inline_props)]
pub fn AcceptWarnings(
    checked: ReadSignal<Option<Checked>>,
    accepted: Signal<bool>,
    #[prop(default)] per_account: bool,
) -> View {
    let state = app_state();
    let blocked = create_selector(move || {
        checked.with(|c| {
            c.as_ref().is_some_and(|c| {
                c.check
                    .hits
                    .iter()
                    .any(|h| h.severity == Severity::Block && (!per_account || h.account_id.is_none()))
            })
        })
    });
    let warned = create_selector(move || checked.with(|c| c.as_ref().is_some_and(|c| c.check.warned())));
    view! {
        (if blocked.get() {
            view! { div(class="content-verdict blocked", data-testid="content-blocked") { (state.t("content-blocked-note")) } }
        } else if warned.get() {
            view! {
                label(class="content-verdict warned checkbox", data-testid="content-accept") {
                    input(r#type="checkbox", data-testid="content-accept-input", bind:checked=accepted)
                    (state.t("content-accept-warnings"))
                }
            }
        } else {
            view! {}
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hit(start: usize, end: usize, severity: Severity) -> ContentHit {
        ContentHit {
            word: String::new(),
            found: String::new(),
            category: mdesk_ipc::WordCategory::Absolute,
            severity,
            field: CheckedField::Title,
            start,
            end,
            reason: String::new(),
            suggestion: String::new(),
            own: false,
            account_id: None,
        }
    }

    #[test]
    fn marks_cover_exactly_the_characters_found_with_the_worst_severity() {
        let p = pieces(
            "全网第一的顶级好茶",
            &[
                hit(2, 4, Severity::Block),
                hit(5, 7, Severity::Warn),
                hit(3, 6, Severity::Warn),
            ],
        );
        assert_eq!(
            p,
            vec![
                ("全网".to_owned(), None),
                ("第一".to_owned(), Some(Severity::Block)),
                ("的顶级".to_owned(), Some(Severity::Warn)),
                ("好茶".to_owned(), None),
            ]
        );
    }
}
