//! One submission beside its previous version (a revision) or the live work (an edit): each
//! changed field before and after, the text line by line, the files, the target accounts; and
//! what the signed-in person may do with it now: approve, return with a reason, revise, withdraw.

use mdesk_ipc::{
    cmd, CoverChoice, FieldDiff, IpcError, Proposal, PublishDraft, SubmissionDetail, SubmissionState, WorkKind,
};
use sycamore::futures::spawn_local_scoped;
use sycamore::prelude::*;

use super::Reviews;
use crate::format::local_time;
use crate::ipc;
use crate::state::app_state;

#[component(inline_props)]
pub fn SubmissionPanel(reviews: Reviews) -> View {
    let state = app_state();
    let detail = create_signal(None::<SubmissionDetail>);
    create_effect(move || {
        state.data.track();
        reviews.reload.track();
        let Some(id) = reviews.open.get_clone() else {
            detail.set(None);
            return;
        };
        spawn_local_scoped(async move {
            match ipc::call(&cmd::GetSubmission { id }).await {
                Ok(d) => detail.set(Some(d)),
                Err(e) => reviews.error.set(Some(e)),
            }
        });
    });
    view! {
        (detail.get_clone().map(|d| view! { Panel(reviews=reviews, detail=d) }))
    }
}

/// A field's name in the UI language.
fn field_label(field: &str) -> String {
    app_state().t(&format!("reviews-field-{field}"))
}

fn field_view(f: FieldDiff) -> View {
    let state = app_state();
    let label = field_label(&f.field);
    let body = if f.field == "text" && !f.lines.is_empty() {
        let lines = f
            .lines
            .into_iter()
            .map(|l| {
                let class = format!("diff-line diff-{}", l.change);
                let mark = match l.change.as_str() {
                    "added" => "+ ",
                    "removed" => "− ",
                    _ => "  ",
                };
                view! { div(class=class, data-testid="diff-line", data-change=l.change.clone()) { (mark) (l.text.clone()) } }
            })
            .collect::<Vec<_>>();
        view! { div(class="diff-text") { (lines) } }
    } else {
        match f.before.clone() {
            Some(before) => view! {
                div(class="diff-pair") {
                    span(class="diff-before", data-testid="diff-before") { (before) }
                    span(class="diff-arrow") { " → " }
                    span(class="diff-after", data-testid="diff-after") { (f.after.clone().unwrap_or_else(|| state.t("reviews-none"))) }
                }
            },
            None => {
                view! { div(class="diff-after", data-testid="diff-after") { (f.after.clone().unwrap_or_default()) } }
            }
        }
    };
    view! {
        div(class="diff-field", data-testid="diff-field", data-field=f.field.clone()) {
            div(class="diff-label") { (label) }
            (body)
        }
    }
}

/// The draft a revision starts from: the submitted work with the edited words, its files kept.
fn revision_of(proposal: &Proposal, title: String, text: String, topic: String) -> Option<PublishDraft> {
    match proposal {
        Proposal::Publish { account_ids, work } => Some(PublishDraft {
            kind: work.kind,
            title,
            text,
            topic,
            product_ids: work.product_ids.clone(),
            privacy: work.privacy,
            media: Vec::new(),
            cover: match work.cover_frame_ms {
                Some(ms) if work.kind == WorkKind::Video => CoverChoice::Frame { ms },
                _ => CoverChoice::Auto,
            },
            scheduled_at: work.scheduled_at.map(|t| t.to_rfc3339()),
            account_ids: account_ids.clone(),
            accept_warnings: false,
        }),
        Proposal::Edit { .. } => None,
    }
}

#[component(inline_props)]
fn Panel(reviews: Reviews, detail: SubmissionDetail) -> View {
    let state = app_state();
    let lang = state.lang.get_clone_untracked();
    let row = detail.row.clone();
    let id = row.id.clone();
    let error = create_signal(None::<IpcError>);
    let reason = create_signal(String::new());
    let returning = create_signal(false);
    let revising = create_signal(false);
    let (title0, text0, topic0) = match &detail.proposal {
        Proposal::Publish { work, .. } => (
            work.title.clone(),
            work.text.clone(),
            work.topic.clone().unwrap_or_default(),
        ),
        Proposal::Edit { edit, .. } => (
            edit.title.clone().unwrap_or_default(),
            edit.text.clone().unwrap_or_default(),
            edit.topic.clone().unwrap_or_default(),
        ),
    };
    let new_title = create_signal(title0);
    let new_text = create_signal(text0);
    let new_topic = create_signal(topic0);
    // Signals, so the handlers below are `Copy` and every button can hold one.
    let proposal = create_signal(detail.proposal.clone());
    let id = create_signal(id);

    let done = move || {
        returning.set(false);
        revising.set(false);
        reviews.reload.bump();
    };
    let call = move |what: &'static str| {
        let id = id.get_clone_untracked();
        let why = reason.get_clone_untracked();
        let proposal = proposal.get_clone_untracked();
        error.set(None);
        spawn_local_scoped(async move {
            let result = match what {
                "approve" => ipc::call(&cmd::ApproveSubmissions {
                    ids: vec![id.clone()],
                    dry_run: false,
                })
                .await
                .and_then(first_refusal),
                "return" => ipc::call(&cmd::ReturnSubmissions {
                    ids: vec![id.clone()],
                    reason: why,
                    dry_run: false,
                })
                .await
                .and_then(first_refusal),
                "withdraw" => ipc::call(&cmd::WithdrawSubmission { id }).await.map(|_| ()),
                _ => match revision_of(
                    &proposal,
                    new_title.get_clone_untracked(),
                    new_text.get_clone_untracked(),
                    new_topic.get_clone_untracked(),
                ) {
                    Some(draft) => ipc::call(&cmd::ReviseSubmission { id, draft }).await.map(|_| ()),
                    None => Ok(()),
                },
            };
            match result {
                Ok(()) => done(),
                Err(e) => error.set(Some(e)),
            }
        });
    };
    let (approve, send_back, withdraw, revise) = (call, call, call, call);

    let compared = match (&detail.compared_with, &detail.proposal) {
        (None, _) => state.t("reviews-compared-new"),
        (Some(_), Proposal::Edit { .. }) => state.t("reviews-compared-live"),
        (Some(v), _) => state.t_args(
            "reviews-compared-version",
            &[("version", v.trim_start_matches('v').to_owned().into())],
        ),
    };
    let fields = detail.fields.clone().into_iter().map(field_view).collect::<Vec<_>>();
    // What the content check finds in the copy, for the reviewer to weigh.
    let content =
        crate::components::content_check::hits_card("review-content-check", detail.content.hits.clone(), true);
    let is_video = matches!(&detail.proposal, Proposal::Publish { work, .. } if work.kind == WorkKind::Video);
    let media = detail
        .media_urls
        .iter()
        .map(|url| {
            let url = url.clone();
            if is_video {
                view! { video(class="review-media", src=url, controls=true, preload="metadata") }
            } else {
                view! { img(class="review-media", src=url, alt="", data-testid="review-media") }
            }
        })
        .collect::<Vec<_>>();
    let results = row
        .results
        .clone()
        .into_iter()
        .map(|r| {
            let line = match (r.work_id.clone(), r.error.clone()) {
                (Some(w), _) => view! { span(class="ok") { "✓ " (w) } },
                (None, Some(e)) => {
                    let key = format!("error-{}", e.code.as_str());
                    view! { span(class="refused", title=e.message.clone()) { "✗ " (state.t(&key)) } }
                }
                _ => view! {},
            };
            view! { li(data-testid="review-result") { (r.account_id.clone()) " " (line) } }
        })
        .collect::<Vec<_>>();
    let media = if media.is_empty() {
        view! {}
    } else {
        view! { div(class="review-media-row") { (media) } }
    };
    let results = if results.is_empty() {
        view! {}
    } else {
        view! { ul(class="small", data-testid="review-results") { (results) } }
    };
    let returned = match (
        row.state,
        row.reason.clone(),
        row.reviewed_by.as_ref().map(|a| a.name.clone()),
    ) {
        (SubmissionState::Returned, Some(why), who) => {
            let by = state.t_args("reviews-returned-by", &[("name", who.unwrap_or_default().into())]);
            view! {
                div(class="review-reason", data-testid="review-reason") {
                    strong { (by) }
                    " " (why)
                }
            }
        }
        _ => view! {},
    };
    let state_key = format!("submission-state-{}", row.state.as_str());
    let can_revise = row.can_change && matches!(detail.proposal, Proposal::Publish { .. });

    view! {
        aside(class="card review-panel", data-testid="review-panel", data-id=row.id.clone(), data-state=row.state.as_str(),
            data-version=row.version.to_string()) {
            div(class="card-title") {
                h2(data-testid="review-title") { (row.title.clone()) }
                span(class="spacer")
                button(class="link", data-testid="review-close", on:click=move |_| reviews.open.set(None)) { (state.t("reviews-close")) }
            }
            div(class="muted small") {
                (state.t(&state_key)) " · " (state.t_args("reviews-version", &[("version", row.version.into())])) " · "
                (state.t_args("reviews-submitted-by", &[("name", row.submitted_by.name.clone().into()), ("time", local_time(&row.submitted_at, &lang).into())]))
            }
            div(class="small") { (state.t("reviews-col-accounts")) ": " (row.accounts.join("、")) }
            (returned)
            p(class="muted small", data-testid="review-compared") { (compared) }
            div(class="diff", data-testid="review-diff") { (fields) }
            (content)
            (media)
            (results)
            crate::components::error_note::ErrorNote(error=*error)
            div(class="actions") {
                (if row.can_review {
                    view! {
                        button(class="primary", data-testid="review-approve", on:click=move |_| approve("approve")) { (state.t("reviews-approve")) }
                        button(class="secondary", data-testid="review-return", on:click=move |_| returning.set(true)) { (state.t("reviews-return")) }
                    }
                } else { view! {} })
                (if row.can_change {
                    view! {
                        (if can_revise {
                            view! { button(class="secondary", data-testid="review-revise", on:click=move |_| revising.set(true)) { (state.t("reviews-revise")) } }
                        } else { view! {} })
                        button(class="link", data-testid="review-withdraw", on:click=move |_| withdraw("withdraw")) { (state.t("reviews-withdraw")) }
                    }
                } else { view! {} })
            }
            (if returning.get() {
                view! {
                    div(class="review-form") {
                        label {
                            span { (state.t("reviews-reason")) }
                            textarea(bind:value=reason, data-testid="review-reason-input", maxlength="500",
                                placeholder=state.t("reviews-reason-placeholder"))
                        }
                        div(class="actions") {
                            button(class="primary", data-testid="review-return-confirm", disabled=move || reason.with(|r| r.trim().is_empty()),
                                on:click=move |_| send_back("return")) { (state.t("reviews-return-confirm")) }
                            button(class="link", on:click=move |_| returning.set(false)) { (state.t("reviews-back")) }
                        }
                    }
                }
            } else { view! {} })
            (if revising.get() {
                view! {
                    div(class="review-form", data-testid="review-revise-form") {
                        label {
                            span { (field_label("title")) }
                            input(r#type="text", bind:value=new_title, data-testid="revise-title", maxlength="30")
                        }
                        label {
                            span { (field_label("text")) }
                            textarea(bind:value=new_text, data-testid="revise-text", rows="5")
                        }
                        label {
                            span { (field_label("topic")) }
                            input(r#type="text", bind:value=new_topic, data-testid="revise-topic")
                        }
                        p(class="muted small") { (state.t("reviews-revise-keeps")) }
                        div(class="actions") {
                            button(class="primary", data-testid="revise-confirm", on:click=move |_| revise("revise")) { (state.t("reviews-revise-confirm")) }
                            button(class="link", on:click=move |_| revising.set(false)) { (state.t("reviews-back")) }
                        }
                    }
                }
            } else { view! {} })
        }
    }
}

/// A batch of one: its refusal as the error.
fn first_refusal(answers: Vec<mdesk_ipc::BatchAnswer>) -> Result<(), IpcError> {
    match answers.into_iter().next().and_then(|a| a.refusal) {
        Some(e) => Err(e),
        None => Ok(()),
    }
}
