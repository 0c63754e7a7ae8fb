//! The words of the work (title and text with live counts against the platform's limits,
//! topic) and how it goes out (public or private, now or at a local time).

use mdesk_ipc::{DraftField, Privacy, PublishDraft};
use mdesk_platform_api::rules::{MAX_TEXT_CHARS, MAX_TITLE_CHARS};
use sycamore::prelude::*;

use super::schedule::{default_later, input_value_of, local_zone, rfc3339_of};
use super::{Composer, FieldProblems};
use crate::components::content_check::{live_check, AcceptWarnings, ContentMarks};
use crate::format::local_minute;
use crate::state::app_state;

/// An input's own text, kept in step with one text field of the draft both ways: typing
/// changes the draft (and shows the field's problems from then on), and a draft opened from
/// the list changes the input.
fn draft_text(
    composer: Composer,
    field: DraftField,
    get: fn(&PublishDraft) -> &String,
    set: fn(&mut PublishDraft, String),
) -> Signal<String> {
    let draft = composer.draft;
    let text = create_signal(draft.with_untracked(|d| get(d).clone()));
    create_effect(move || {
        let now = draft.with(|d| get(d).clone());
        if text.with_untracked(|t| *t != now) {
            text.set(now);
        }
    });
    create_effect(move || {
        let typed = text.get_clone();
        if draft.with_untracked(|d| *get(d) != typed) {
            composer.edit(field, |d| set(d, typed));
        }
    });
    text
}

/// `n/max`, red once over.
fn counter(testid: &'static str, used: ReadSignal<usize>, max: usize) -> View {
    let over = create_selector(move || used.get() > max);
    view! {
        span(class=move || if over.get() { "counter over" } else { "counter" }, data-testid=testid,
            data-count=move || used.get().to_string(), data-over=move || over.get().to_string()) {
            (format!("{}/{max}", used.get()))
        }
    }
}

#[component(inline_props)]
pub fn WordsCard(composer: Composer) -> View {
    let state = app_state();
    let title = draft_text(composer, DraftField::Title, |d| &d.title, |d, v| d.title = v);
    let text = draft_text(composer, DraftField::Text, |d| &d.text, |d, v| d.text = v);
    let topic = draft_text(composer, DraftField::Topic, |d| &d.topic, |d, v| d.topic = v);
    // Counted as the platform counts: characters; a title without surrounding blanks.
    let title_used = create_selector(move || title.with(|t| t.trim().chars().count()));
    let text_used = create_selector(move || text.with(|t| t.chars().count()));
    // The content check as it is typed, with the chosen accounts' own words.
    let draft = composer.draft;
    let checked = live_check(
        move || draft.with(|d| mdesk_ipc::CheckedText::work(&d.title, &d.text, &d.topic)),
        move || draft.with(|d| d.account_ids.clone()),
    );
    let accepted = create_signal(draft.with_untracked(|d| d.accept_warnings));
    create_effect(move || {
        let now = draft.with(|d| d.accept_warnings);
        if accepted.get_untracked() != now {
            accepted.set(now);
        }
    });
    create_effect(move || {
        let ticked = accepted.get();
        if draft.with_untracked(|d| d.accept_warnings != ticked) {
            draft.update(|d| d.accept_warnings = ticked);
        }
    });
    // A new warning is not accepted by an old tick.
    let warned_words = create_memo(move || {
        checked.with(|c| {
            c.as_ref()
                .map(|c| {
                    c.check
                        .hits
                        .iter()
                        .filter(|h| h.severity == mdesk_ipc::Severity::Warn)
                        .map(|h| h.word.clone())
                        .collect::<std::collections::BTreeSet<_>>()
                })
                .unwrap_or_default()
        })
    });
    let seen_warned = create_signal(warned_words.get_clone_untracked());
    create_effect(move || {
        let now = warned_words.get_clone();
        let grew = now.iter().any(|w| seen_warned.with_untracked(|s| !s.contains(w)));
        if grew && !seen_warned.with_untracked(std::collections::BTreeSet::is_empty) {
            accepted.set(false);
        }
        seen_warned.set(now);
    });

    view! {
        div(class="card", data-testid="publish-words") {
            h2 { (state.t("publish-words")) }
            div(class="field") {
                div(class="field-head") {
                    label(r#for="publish-title") { (state.t("publish-title-label")) }
                    (counter("publish-title-count", title_used, MAX_TITLE_CHARS))
                }
                input(id="publish-title", r#type="text", bind:value=title, data-testid="publish-title-input",
                    placeholder=move || state.t("publish-title-placeholder"))
                FieldProblems(composer=composer, field=DraftField::Title)
                ContentMarks(checked=*checked, field=mdesk_ipc::CheckedField::Title)
            }
            div(class="field") {
                div(class="field-head") {
                    label(r#for="publish-text") { (state.t("publish-text-label")) }
                    (counter("publish-text-count", text_used, MAX_TEXT_CHARS))
                }
                textarea(id="publish-text", class="publish-textarea", bind:value=text, data-testid="publish-text-input",
                    placeholder=move || state.t("publish-text-placeholder"))
                FieldProblems(composer=composer, field=DraftField::Text)
                ContentMarks(checked=*checked, field=mdesk_ipc::CheckedField::Text)
            }
            div(class="field") {
                div(class="field-head") {
                    label(r#for="publish-topic") { (state.t("publish-topic-label")) }
                }
                input(id="publish-topic", r#type="text", bind:value=topic, data-testid="publish-topic-input",
                    placeholder=move || state.t("publish-topic-placeholder"))
                div(class="muted small") { (state.t("publish-topic-hint")) }
                FieldProblems(composer=composer, field=DraftField::Topic)
                ContentMarks(checked=*checked, field=mdesk_ipc::CheckedField::Topic)
            }
            AcceptWarnings(checked=*checked, accepted=accepted, per_account=true)
        }
    }
}

/// One button of a segmented choice.
fn segment(testid: String, label: String, on: impl Fn() -> bool + 'static, pick: impl Fn() + 'static) -> View {
    let on = create_selector(on);
    let on = move || on.get();
    view! {
        button(r#type="button", class=move || if on() { "seg on" } else { "seg" }, data-testid=testid,
            data-on=move || on().to_string(), on:click=move |_| pick()) { (label) }
    }
}

#[component(inline_props)]
pub fn SettingsCard(composer: Composer) -> View {
    let state = app_state();
    let draft = composer.draft;
    let privacy = create_selector(move || draft.with(|d| d.privacy));
    let later = create_selector(move || draft.with(|d| d.scheduled_at.is_some()));

    // The time input's text; the draft keeps it as RFC 3339 with the local offset.
    let when =
        create_signal(draft.with_untracked(|d| d.scheduled_at.as_deref().map(input_value_of).unwrap_or_default()));
    create_effect(move || {
        let kept = draft.with(|d| d.scheduled_at.clone());
        let Some(kept) = kept else { return };
        // Only a different moment rewrites what is being typed.
        if when.with_untracked(|w| rfc3339_of(w).unwrap_or_else(|| w.trim().to_owned()) != kept) {
            when.set(input_value_of(&kept));
        }
    });
    create_effect(move || {
        let typed = when.get_clone();
        if !later.get_untracked() {
            return;
        }
        let at = rfc3339_of(&typed).unwrap_or_else(|| typed.trim().to_owned());
        if draft.with_untracked(|d| d.scheduled_at.as_deref() != Some(at.as_str())) {
            composer.edit(DraftField::Schedule, |d| d.scheduled_at = Some(at));
        }
    });
    let preview = move || {
        let lang = state.lang.get_clone();
        draft.with(|d| match d.scheduled_at.as_deref() {
            Some(at) if rfc3339_of(&input_value_of(at)).is_some() => {
                state.t_args("publish-when-preview", &[("time", local_minute(at, &lang).into())])
            }
            _ => String::new(),
        })
    };

    let set_privacy = move |p: Privacy| move || draft.update(|d| d.privacy = p);
    view! {
        div(class="card", data-testid="publish-settings") {
            h2 { (state.t("publish-settings")) }
            div(class="field") {
                div(class="field-head") { span(class="label") { (state.t("publish-privacy-label")) } }
                div(class="segments") {
                    (segment("publish-privacy-public".into(), state.t("visibility-public"),
                        move || privacy.get() == Privacy::Public, set_privacy(Privacy::Public)))
                    (segment("publish-privacy-private".into(), state.t("visibility-private"),
                        move || privacy.get() == Privacy::Private, set_privacy(Privacy::Private)))
                }
            }
            div(class="field") {
                div(class="field-head") { span(class="label") { (state.t("publish-when-label")) } }
                div(class="segments") {
                    (segment("publish-when-now".into(), state.t("publish-when-now"), move || !later.get(),
                        move || composer.edit(DraftField::Schedule, |d| d.scheduled_at = None)))
                    (segment("publish-when-later".into(), state.t("publish-when-later"), move || later.get(),
                        move || {
                            if !later.get_untracked() {
                                let at = default_later();
                                when.set(input_value_of(&at));
                                composer.edit(DraftField::Schedule, |d| d.scheduled_at = Some(at));
                            }
                        }))
                }
                (if later.get() {
                    view! {
                        div(class="schedule-row") {
                            input(r#type="datetime-local", bind:value=when, data-testid="publish-schedule",
                                aria-label=state.t("publish-when-later"))
                            span(class="muted small", data-testid="publish-zone") {
                                (state.t_args("publish-when-zone", &[("zone", local_zone().into())]))
                            }
                        }
                        div(class="muted small", data-testid="publish-when-preview") { (preview()) }
                    }
                } else { view! {} })
                FieldProblems(composer=composer, field=DraftField::Schedule)
            }
        }
    }
}
