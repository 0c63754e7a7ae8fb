//! Changing works — pin, unpin, public, private, delete — through a dry run: per work what
//! will change, what is skipped (already so) and what is refused and why; then a confirmation,
//! an explicit one for a delete. Also the marks a work carries while a change is on its way
//! (the values shown are already the new ones) or after the platform refused one.

use mdesk_ipc::{cmd, ActionKind, IpcError, WorkChange, WorkChangePlan, WorkChangeRow, WorkRejection};
use sycamore::futures::spawn_local_scoped;
use sycamore::prelude::*;
use wasm_bindgen::JsValue;

use crate::components::error_note::ErrorNote;
use crate::components::form::checked;
use crate::ipc;
use crate::state::{app_state, AppState};

/// An error in plain words: the broken rule's message when the build has one, else the code's.
pub fn error_text(state: AppState, e: &IpcError) -> String {
    if let Some(rule) = &e.rule {
        let key = format!("rule-{rule}");
        let text = state.t(&key);
        if text != key {
            return text;
        }
    }
    state.t(e.code.message_key())
}

/// A change's name, as its button says it ("置顶").
pub fn change_name(state: AppState, change: WorkChange) -> String {
    state.t(&format!("work-change-{}", change.as_str()))
}

/// An outbox action's kind in words.
pub fn intention_name(state: AppState, kind: ActionKind) -> String {
    state.t(&format!("intention-{kind}"))
}

/// Kinds as a test attribute: `pin,set_privacy`.
pub fn kinds_attr(kinds: &[ActionKind]) -> String {
    kinds.iter().map(|k| k.as_str()).collect::<Vec<_>>().join(",")
}

/// "待同步：置顶、隐私设置" on a work with changes on their way; nothing otherwise.
pub fn pending_badge(kinds: &[ActionKind], testid: &'static str) -> View {
    if kinds.is_empty() {
        return view! {};
    }
    let state = app_state();
    let mut names: Vec<String> = Vec::new();
    for kind in kinds {
        let name = intention_name(state, *kind);
        if !names.contains(&name) {
            names.push(name);
        }
    }
    let text = state.t_args(
        "work-pending",
        &[("kinds", names.join(&state.t("work-pending-separator")).into())],
    );
    let kinds = kinds_attr(kinds);
    view! {
        span(class="badge pending flush", data-testid=testid, data-kinds=kinds, title=state.t("work-pending-hint")) { (text) }
    }
}

/// What the platform refused of this work's latest change, and why.
pub fn rejection_note(rejection: Option<&WorkRejection>, testid: &'static str) -> View {
    let Some(r) = rejection else {
        return view! {};
    };
    let state = app_state();
    let text = state.t_args(
        "work-rejected-change",
        &[
            ("action", intention_name(state, r.kind).into()),
            ("reason", error_text(state, &r.error).into()),
        ],
    );
    let (kind, code) = (r.kind.as_str(), r.error.message_key());
    view! {
        div(class="refused", role="status", data-testid=testid, data-kind=kind, data-code=code) { (text) }
    }
}

/// What the dry run says of one work.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Verdict {
    /// Will be changed once confirmed.
    Send,
    /// Already so: skipped.
    Unchanged,
    Refused,
    /// Confirmed: its action waits in the outbox.
    Queued,
}

impl Verdict {
    fn of(row: &WorkChangeRow) -> Self {
        if row.refusal.is_some() {
            Verdict::Refused
        } else if row.unchanged {
            Verdict::Unchanged
        } else if row.action_id.is_some() {
            Verdict::Queued
        } else {
            Verdict::Send
        }
    }

    fn as_str(self) -> &'static str {
        match self {
            Verdict::Send => "send",
            Verdict::Unchanged => "unchanged",
            Verdict::Refused => "refused",
            Verdict::Queued => "queued",
        }
    }
}

fn plan_row(state: AppState, change: WorkChange, row: WorkChangeRow) -> View {
    let verdict = Verdict::of(&row);
    let text = match (verdict, &row.refusal) {
        (Verdict::Refused, Some(e)) => state.t_args("work-change-refused", &[("reason", error_text(state, e).into())]),
        (Verdict::Unchanged, _) => state.t(&format!("work-change-unchanged-{}", change.as_str())),
        (Verdict::Queued, _) => state.t("work-change-queued"),
        _ => state.t(&format!("work-change-will-{}", change.as_str())),
    };
    let reason = row.refusal.as_ref().map(IpcError::message_key).unwrap_or_default();
    // Refusals in red, skips greyed, the rest as plain text.
    let style = match verdict {
        Verdict::Refused => "color: var(--red);",
        Verdict::Unchanged => "color: var(--muted);",
        _ => "",
    };
    let title = if row.title.is_empty() {
        row.work_id.clone()
    } else {
        row.title.clone()
    };
    view! {
        tr(data-testid="work-change-row", data-id=row.work_id.clone(), data-verdict=verdict.as_str(), data-reason=reason) {
            td(class="wrap") { (title) }
            td(class="wrap") { (row.nickname.clone()) }
            td(class="detail", style=style, data-testid="work-change-verdict") { (text) }
        }
    }
}

/// The dry run of `change` on `work_ids`, then the confirmation. `open` closes the dialog;
/// `applied` receives what was queued once the staff member confirmed.
#[component(inline_props)]
pub fn WorkChangeDialog(
    change: WorkChange,
    work_ids: Vec<String>,
    open: Signal<Option<WorkChange>>,
    applied: Signal<Option<WorkChangePlan>>,
) -> View {
    let state = app_state();
    let plan = create_signal(None::<WorkChangePlan>);
    let error = create_signal(None::<IpcError>);
    let busy = create_signal(false);
    let done = create_signal(false);
    // A delete cannot be taken back on the platform: it needs a tick of its own.
    let sure = create_signal(change != WorkChange::Delete);

    let picked = work_ids.len();
    let ids = work_ids.clone();
    spawn_local_scoped(async move {
        match ipc::call(&cmd::PlanWorkChange { change, work_ids: ids }).await {
            Ok(p) => plan.set(Some(p)),
            Err(e) => error.set(Some(e)),
        }
    });

    let count = move |v: Verdict| {
        plan.with(|p| {
            p.as_ref()
                .map_or(0, |p| p.rows.iter().filter(|r| Verdict::of(r) == v).count())
        })
    };
    let sendable = create_selector(move || plan.with(|p| p.as_ref().map_or(0, WorkChangePlan::sendable)));
    let apply = move |_| {
        if busy.get_untracked() || done.get_untracked() || !sure.get_untracked() {
            return;
        }
        busy.set(true);
        error.set(None);
        let work_ids = work_ids.clone();
        spawn_local_scoped(async move {
            match ipc::call(&cmd::ApplyWorkChange { change, work_ids }).await {
                Ok(p) => {
                    applied.set(Some(p.clone()));
                    plan.set(Some(p));
                    done.set(true);
                }
                Err(e) => error.set(Some(e)),
            }
            busy.set(false);
        });
    };
    let close = move |_| open.set(None);
    let name = change_name(state, change);
    let title = state.t_args(
        "work-change-dialog-title",
        &[("change", name.into()), ("count", picked.into())],
    );
    let is_delete = change == WorkChange::Delete;

    view! {
        div(class="modal-backdrop") {
            div(class="modal wide", role="dialog", aria-modal="true", data-testid="work-change-dialog", data-change=change.as_str(),
                data-ready=move || plan.with(Option::is_some).to_string(),
                data-done=move || done.get().to_string()) {
                h2 { (title) }
                p(class="muted small") { (if done.get() { state.t("work-change-intro-done") } else { state.t("work-change-intro") }) }
                ErrorNote(error=*error)
                (match plan.get_clone() {
                    None => view! { p(class="muted", data-testid="work-change-checking") { (state.t("work-change-checking")) } },
                    Some(p) => {
                        let rows = p.rows.into_iter().map(|r| plan_row(state, change, r)).collect::<Vec<_>>();
                        view! {
                            div(class="modal-scroll") {
                                table(class="grid compact", data-testid="work-change-plan") {
                                    thead { tr {
                                        th { (state.t("col-title")) }
                                        th { (state.t("col-account")) }
                                        th { (state.t("work-change-col-verdict")) }
                                    } }
                                    tbody { (rows) }
                                }
                            }
                        }
                    }
                })
                (if plan.with(Option::is_some) {
                    let text = state.t_args("work-change-summary", &[
                        ("send", (count(Verdict::Send) + count(Verdict::Queued)).into()),
                        ("skip", count(Verdict::Unchanged).into()),
                        ("refused", count(Verdict::Refused).into()),
                    ]);
                    view! {
                        p(class="small", data-testid="work-change-summary", data-send=sendable.get().to_string(),
                            data-skip=count(Verdict::Unchanged).to_string(), data-refused=count(Verdict::Refused).to_string()) { (text) }
                    }
                } else { view! {} })
                (if is_delete && !done.get() && sendable.get() > 0 {
                    view! {
                        div(class="confirm", data-testid="work-change-delete-warning") {
                            p { strong { (state.t("work-change-delete-warning")) } }
                            label(class="inline check") {
                                input(r#type="checkbox", data-testid="work-change-delete-confirm", prop:checked=move || JsValue::from_bool(sure.get()),
                                    on:change=move |ev| sure.set(checked(&ev)))
                                " "
                                span { (state.t_args("work-change-delete-confirm", &[("count", sendable.get().into())])) }
                            }
                        }
                    }
                } else { view! {} })
                (if done.get() {
                    let queued = count(Verdict::Queued);
                    view! {
                        p(class="ok", data-testid="work-change-done", data-count=queued.to_string()) {
                            (state.t_args("work-change-done", &[("count", queued.into())]))
                        }
                        div(class="actions") {
                            button(class="primary", data-testid="work-change-close", on:click=close) { (state.t("dialog-close")) }
                        }
                    }
                } else {
                    let class = if is_delete { "primary danger" } else { "primary" };
                    view! {
                        div(class="actions") {
                            button(class=class, data-testid="work-change-apply",
                                disabled=move || busy.get() || sendable.get() == 0 || !sure.get(), on:click=apply.clone()) {
                                (if busy.get() {
                                    state.t("work-change-applying")
                                } else if plan.with(Option::is_some) && sendable.get() == 0 {
                                    state.t("work-change-nothing")
                                } else {
                                    state.t_args("work-change-confirm", &[("count", sendable.get().into())])
                                })
                            }
                            button(class="secondary", data-testid="work-change-cancel", on:click=close) { (state.t("dialog-cancel")) }
                        }
                    }
                })
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use mdesk_ipc::i18n::{translate, LANGUAGES};
    use mdesk_ipc::ErrorCode;

    use super::*;

    fn row(refusal: Option<IpcError>, unchanged: bool, action_id: Option<&str>) -> WorkChangeRow {
        WorkChangeRow {
            work_id: "w1".into(),
            title: "春季新品".into(),
            nickname: "门店甲".into(),
            refusal,
            unchanged,
            action_id: action_id.map(str::to_owned),
        }
    }

    #[test]
    fn a_refusal_outranks_everything_else_in_the_verdict() {
        // A row refused by the core must never read as "will change" or "queued".
        let pin_limit = IpcError::new(ErrorCode::PinLimit, "full");
        assert_eq!(Verdict::of(&row(Some(pin_limit), false, None)), Verdict::Refused);
        assert_eq!(Verdict::of(&row(None, true, None)), Verdict::Unchanged);
        assert_eq!(Verdict::of(&row(None, false, Some("a1"))), Verdict::Queued);
        assert_eq!(Verdict::of(&row(None, false, None)), Verdict::Send);
    }

    #[test]
    fn every_change_has_its_words_in_both_languages() {
        // The buttons, the dry run's verdicts and the dialog's title are looked up by the
        // change's name: a missing key would show the key itself.
        for (lang, _) in LANGUAGES {
            for change in WorkChange::ALL {
                for prefix in ["work-change", "work-change-will", "work-change-unchanged"] {
                    let key = format!("{prefix}-{}", change.as_str());
                    assert_ne!(translate(lang, &key, &[]), key, "{lang} lacks {key}");
                }
            }
            let title = translate(
                lang,
                "work-change-dialog-title",
                &[("change", "X".into()), ("count", 2.into())],
            );
            assert!(title.contains('2'), "{lang}: {title}");
        }
    }

    #[test]
    fn pending_kinds_read_as_a_list_in_each_language() {
        // The separator is a placeable in English (", "): Fluent would trim a bare one.
        assert_eq!(translate("en", "work-pending-separator", &[]), ", ");
        assert_eq!(translate("zh-CN", "work-pending-separator", &[]), "、");
    }
}
