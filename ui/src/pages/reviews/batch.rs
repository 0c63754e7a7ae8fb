//! Approving or returning several submissions at once: a dry run says, per submission, whether
//! it will be approved (returned) or why not, and nothing is queued until it is confirmed.

use mdesk_ipc::{cmd, BatchAnswer, Permission};
use sycamore::futures::spawn_local_scoped;
use sycamore::prelude::*;

use super::Reviews;
use crate::ipc;
use crate::state::app_state;

/// Which decision the dry run is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Decision {
    Approve,
    Return,
}

#[derive(Clone, PartialEq)]
struct Plan {
    decision: Decision,
    ids: Vec<String>,
    reason: String,
    answers: Vec<BatchAnswer>,
}

async fn ask(
    decision: Decision,
    ids: Vec<String>,
    reason: String,
    dry_run: bool,
) -> Result<Vec<BatchAnswer>, mdesk_ipc::IpcError> {
    match decision {
        Decision::Approve => ipc::call(&cmd::ApproveSubmissions { ids, dry_run }).await,
        Decision::Return => ipc::call(&cmd::ReturnSubmissions { ids, reason, dry_run }).await,
    }
}

#[component(inline_props)]
pub fn BatchBar(reviews: Reviews) -> View {
    let state = app_state();
    let plan = create_signal(None::<Plan>);
    let reason = create_signal(String::new());
    let asking_reason = create_signal(false);
    let count = create_selector(move || reviews.selected.with(|s| s.len()));
    let dry_run = move |decision: Decision| {
        let ids: Vec<String> = reviews.rows.with_untracked(|rows| {
            rows.iter()
                .filter(|r| reviews.selected.with_untracked(|s| s.contains(&r.id)))
                .map(|r| r.id.clone())
                .collect()
        });
        let why = reason.get_clone_untracked();
        reviews.error.set(None);
        spawn_local_scoped(async move {
            match ask(decision, ids.clone(), why.clone(), true).await {
                Ok(answers) => plan.set(Some(Plan {
                    decision,
                    ids,
                    reason: why,
                    answers,
                })),
                Err(e) => reviews.error.set(Some(e)),
            }
        });
    };
    let confirm = move |_| {
        let Some(p) = plan.get_clone_untracked() else { return };
        let ids: Vec<String> = p
            .answers
            .iter()
            .filter(|a| a.refusal.is_none())
            .map(|a| a.id.clone())
            .collect();
        spawn_local_scoped(async move {
            match ask(p.decision, ids, p.reason, false).await {
                Ok(_) => {
                    plan.set(None);
                    asking_reason.set(false);
                    reason.set(String::new());
                    reviews.selected.set(Default::default());
                    reviews.reload.bump();
                }
                Err(e) => {
                    plan.set(None);
                    reviews.error.set(Some(e));
                }
            }
        });
    };

    view! {
        (if count.get() > 0 && state.may(Permission::Review) {
            let n = count.get();
            view! {
                div(class="bulk-bar", data-testid="reviews-bulk") {
                    span { (state.t_args("reviews-selected", &[("count", n.into())])) }
                    button(class="primary", data-testid="reviews-approve-selected", on:click=move |_| dry_run(Decision::Approve)) {
                        (state.t("reviews-approve-selected"))
                    }
                    button(class="secondary", data-testid="reviews-return-selected", on:click=move |_| asking_reason.set(true)) {
                        (state.t("reviews-return-selected"))
                    }
                    (if asking_reason.get() {
                        view! {
                            textarea(class="reason", bind:value=reason, data-testid="reviews-bulk-reason", maxlength="500",
                                placeholder=state.t("reviews-reason-placeholder"))
                            button(class="secondary", data-testid="reviews-bulk-return-check", on:click=move |_| dry_run(Decision::Return)) {
                                (state.t("reviews-check"))
                            }
                        }
                    } else { view! {} })
                }
            }
        } else { view! {} })
        (plan.get_clone().map(|p| {
            let ok = p.answers.iter().filter(|a| a.refusal.is_none()).count();
            let title_key = match p.decision {
                Decision::Approve => "reviews-dry-run-approve",
                Decision::Return => "reviews-dry-run-return",
            };
            let items = p.answers.clone().into_iter().map(|a| {
                let title = reviews.rows.with_untracked(|rows| rows.iter().find(|r| r.id == a.id).map(|r| r.title.clone())).unwrap_or_else(|| a.id.clone());
                let ok_row = a.refusal.is_none().to_string();
                let verdict = match a.refusal.clone() {
                    None => view! { span(class="ok") { (state.t("reviews-will-go")) } },
                    Some(e) => {
                        let key = e.message_key();
                        view! { span(class="refused", title=e.message.clone()) { (state.t(&key)) } }
                    }
                };
                view! {
                    tr(data-testid="reviews-plan-row", data-id=a.id.clone(), data-ok=ok_row) {
                        td(class="wrap") { (title) }
                        td(class="detail") { (verdict) }
                    }
                }
            }).collect::<Vec<_>>();
            view! {
                div(class="modal-backdrop") {
                    div(class="modal", role="dialog", data-testid="reviews-plan", data-ok=ok.to_string()) {
                        h2 { (state.t_args(title_key, &[("count", p.ids.len().into())])) }
                        table(class="grid compact") { tbody { (items) } }
                        div(class="actions") {
                            span(class="spacer")
                            button(class="secondary", data-testid="reviews-plan-close", on:click=move |_| plan.set(None)) { (state.t("reviews-back")) }
                            button(class="primary", data-testid="reviews-plan-confirm", disabled=ok == 0, on:click=confirm) {
                                (state.t_args("reviews-confirm", &[("count", ok.into())]))
                            }
                        }
                    }
                }
            }
        }))
    }
}
