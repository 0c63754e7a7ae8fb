//! From the draft to queued works: "Check" shows every problem; "Review" opens the dry run —
//! per account, sent or refused and why — and nothing is queued until "Publish to N
//! accounts" is pressed. Then what was queued and what was refused, and a fresh composer.

use mdesk_ipc::{cmd, FieldProblem, IpcError, PublishDraft, PublishPlan, PublishPlanRow};
use sycamore::futures::spawn_local_scoped;
use sycamore::prelude::*;

use super::{all_problems, field_name, Composer};
use crate::format::local_minute;
use crate::ipc;
use crate::list::by_id;
use crate::state::app_state;

/// The dry run being looked at, of exactly the draft that confirming will queue.
#[derive(Debug, Clone, PartialEq)]
pub struct Review {
    pub draft: PublishDraft,
    pub plan: PublishPlan,
    pub problems: Vec<FieldProblem>,
}

impl Review {
    /// Accounts that will get the work; none while the draft has problems.
    fn sendable(&self) -> usize {
        if self.problems.is_empty() {
            self.plan.sendable()
        } else {
            0
        }
    }
}

/// Where the dry run's problems are, in the UI language: "Title: …".
fn problem_line(p: &FieldProblem) -> String {
    let state = app_state();
    format!(
        "{}{}{}",
        state.t(&format!("publish-field-{}", field_name(p.field))),
        state.t("publish-field-separator"),
        state.t(&p.error.message_key())
    )
}

/// "Video · 3 accounts · 2 products · now", under the composer.
fn summary(d: &PublishDraft) -> String {
    let state = app_state();
    let lang = state.lang.get_clone();
    let when = match d.scheduled_at.as_deref() {
        Some(at) if !at.trim().is_empty() => {
            state.t_args("publish-summary-later", &[("time", local_minute(at, &lang).into())])
        }
        Some(_) => state.t("publish-summary-later-unset"),
        None => state.t("publish-when-now"),
    };
    [
        state.t(&format!("kind-{}", d.kind.as_str())),
        state.t_args("publish-summary-files", &[("count", d.media.len().into())]),
        state.t_args("publish-summary-accounts", &[("count", d.account_ids.len().into())]),
        state.t_args("publish-summary-products", &[("count", d.product_ids.len().into())]),
        when,
    ]
    .join(" · ")
}

/// The bar under the composer: what will go out, how many problems are left, Check, Review.
#[component(inline_props)]
pub fn ActionBar(composer: Composer) -> View {
    let state = app_state();
    let draft = composer.draft;
    let busy = create_signal(false);
    let problems = create_selector(move || draft.with(|d| composer.plan.with(|p| all_problems(d, p.as_ref()).len())));
    let checked = create_selector(move || composer.plan.with(Option::is_some));

    let plan_now = move |open: bool| {
        composer.reveal.set(true);
        composer.error.set(None);
        busy.set(true);
        let draft = draft.get_clone_untracked();
        spawn_local_scoped(async move {
            let result = ipc::call(&cmd::PlanPublish { draft: draft.clone() }).await;
            busy.set(false);
            match result {
                Ok(plan) => {
                    composer.plan.set(Some(plan.clone()));
                    if open {
                        let problems = all_problems(&draft, Some(&plan));
                        composer.review.set(Some(Review { draft, plan, problems }));
                    }
                }
                Err(e) => composer.error.set(Some(e)),
            }
        });
    };

    view! {
        div(class="publish-bar", data-testid="publish-bar") {
            div(class="publish-bar-text") {
                div(data-testid="publish-summary") { (draft.with(summary)) }
                (if composer.reveal.get() && checked.get() {
                    let n = problems.get();
                    view! {
                        div(class=if n == 0 { "small ok" } else { "small refused" }, data-testid="publish-problem-count",
                            data-count=n.to_string()) {
                            (if n == 0 { state.t("publish-no-problems") } else { state.t_args("publish-problems", &[("count", n.into())]) })
                        }
                    }
                } else { view! {} })
            }
            button(class="secondary", data-testid="publish-check", disabled=move || busy.get(), on:click=move |_| plan_now(false)) {
                (state.t("publish-check"))
            }
            button(class="primary", data-testid="publish-review", disabled=move || busy.get(), on:click=move |_| plan_now(true)) {
                (state.t("publish-review"))
            }
        }
    }
}

/// The dry run, over the screen; confirming queues exactly what it shows.
#[component(inline_props)]
pub fn ReviewDialog(composer: Composer) -> View {
    let open = create_selector(move || composer.review.with(Option::is_some));
    view! {
        (if open.get() {
            view! { ReviewBody(composer=composer) }
        } else { view! {} })
    }
}

#[component(inline_props)]
fn ReviewBody(composer: Composer) -> View {
    let state = app_state();
    let Some(review) = composer.review.get_clone_untracked() else {
        return view! {};
    };
    let sending = create_signal(false);
    let sendable = review.sendable();
    let by_submission = review.plan.by_submission;
    let rows = create_signal(review.plan.rows.clone());
    let refused = review.plan.rows.iter().filter(|r| r.refusal.is_some()).count();
    let problems: Vec<String> = review.problems.iter().map(problem_line).collect();
    let has_problems = !problems.is_empty();
    let title = if review.draft.title.trim().is_empty() {
        state.t("publish-untitled")
    } else {
        review.draft.title.trim().to_owned()
    };
    let draft_summary = summary(&review.draft);
    // What goes with it, in words: visibility, topic, the products by name.
    let details = {
        let d = &review.draft;
        let mut parts = vec![state.t(&format!("visibility-{}", d.privacy.as_str()))];
        if !d.topic.trim().is_empty() {
            parts.push(state.t_args("publish-review-topic", &[("topic", d.topic.trim().to_owned().into())]));
        }
        if !d.product_ids.is_empty() {
            let names = composer.products.with_untracked(|all| {
                d.product_ids
                    .iter()
                    .map(|id| {
                        all.iter()
                            .find(|p| p.id == *id)
                            .map_or_else(|| id.clone(), |p| p.title.clone())
                    })
                    .collect::<Vec<_>>()
                    .join("、")
            });
            parts.push(state.t_args("publish-review-products", &[("list", names.into())]));
        }
        parts.join(" · ")
    };
    let content = content_section(&review.plan);
    let duplicates = duplicates_section(&review.plan);
    let close = move |_| composer.review.set(None);
    let reviewed = review.draft.clone();
    let confirm = move |_| {
        if sending.get_untracked() {
            return;
        }
        sending.set(true);
        composer.error.set(None);
        let draft = reviewed.clone();
        // In the page's scope: the dialog closes on the way.
        composer.spawn(async move {
            composer.flush().await;
            let draft_id = composer.draft_id.get_clone_untracked();
            match ipc::call(&cmd::Publish { draft, draft_id }).await {
                Ok(outcome) => {
                    if !outcome.queued.is_empty() {
                        // The core deleted the draft: the composer starts afresh.
                        composer.load(PublishDraft::default(), None);
                    }
                    composer.outcome.set(Some(outcome));
                    composer.review.set(None);
                    composer.drafts_changed.bump();
                    composer.uploads_kick.bump();
                }
                Err(e) => {
                    composer.error.set(Some(e));
                    composer.review.set(None);
                }
            }
        });
    };

    view! {
        div(class="modal-backdrop") {
            div(class="modal publish-review", role="dialog", data-testid="publish-plan", data-sendable=sendable.to_string(),
                data-refused=refused.to_string(), data-problems=review.problems.len().to_string()) {
                h2 { (state.t("publish-review-title")) }
                div(class="review-work") {
                    strong(data-testid="publish-plan-title") { (title.clone()) }
                    div(class="muted small") { (draft_summary.clone()) }
                    div(class="muted small", data-testid="publish-plan-details") { (details.clone()) }
                }
                (if has_problems {
                    let items = problems.clone().into_iter().map(|p| view! { li { (p) } }).collect::<Vec<_>>();
                    view! {
                        div(class="review-problems", data-testid="publish-plan-problems") {
                            div { (state.t("publish-fix-first")) }
                            ul { (items) }
                        }
                    }
                } else { view! {} })
                (content)
                (duplicates)
                div(class="review-scroll") {
                    table(class="grid compact") {
                        thead {
                            tr {
                                th { (state.t("col-nickname")) }
                                th { (state.t("col-tag")) }
                                th { (state.t("publish-col-verdict")) }
                            }
                        }
                        tbody {
                            Keyed(list=*rows, key=|r: &PublishPlanRow| by_id(r.account_id.clone(), r), view=move |r: PublishPlanRow| {
                                let tag = r.tag.as_str();
                                let code = r.refusal.as_ref().map(IpcError::reason).unwrap_or_default();
                                let verdict = match r.refusal.clone() {
                                    None => view! { span(class="ok") { (state.t("publish-will-send")) } },
                                    Some(e) => {
                                        let key = e.message_key();
                                        view! { span(class="refused", title=e.message.clone()) { (state.t(&key)) } }
                                    }
                                };
                                // This account's own words, found in the copy.
                                let own: View = r
                                    .content
                                    .clone()
                                    .into_iter()
                                    .map(|h| {
                                        let sev = h.severity.as_str();
                                        let line = format!("{} · {}", h.found, h.reason);
                                        view! {
                                            div(class=format!("small content-own {sev}"), data-testid="publish-plan-own-word",
                                                data-word=h.word.clone(), data-severity=sev) { (line) }
                                        }
                                    })
                                    .collect::<Vec<_>>()
                                    .into();
                                view! {
                                    tr(data-testid="publish-plan-row", data-id=r.account_id.clone(), data-refused=code,
                                        data-sendable=r.refusal.is_none().to_string()) {
                                        td(class="wrap") { (r.nickname.clone()) }
                                        td { span(class="badge") { (state.t(&format!("tag-{tag}"))) } }
                                        td(class="detail") { (verdict) (own) }
                                    }
                                }
                            })
                        }
                    }
                }
                div(class="actions review-actions") {
                    span(class="muted small") {
                        (if refused > 0 { state.t_args("publish-review-refused", &[("count", refused.into())]) } else { String::new() })
                    }
                    span(class="spacer")
                    button(class="secondary", data-testid="publish-plan-close", on:click=close) { (state.t("publish-back-to-edit")) }
                    button(class="primary", data-testid="publish-confirm", data-count=sendable.to_string(),
                        disabled=move || sendable == 0 || has_problems || sending.get(), on:click=confirm) {
                        (if sending.get() {
                            state.t("publish-sending")
                        } else if by_submission {
                            // An operator while approval is on: the work goes to a reviewer first.
                            state.t_args("publish-confirm-submit", &[("count", sendable.into())])
                        } else {
                            state.t_args("publish-confirm", &[("count", sendable.into())])
                        })
                    }
                }
            }
        }
    }
}

/// What the last confirmation did: works queued, accounts refused and why.
#[component(inline_props)]
pub fn Outcome(composer: Composer) -> View {
    let state = app_state();
    view! {
        (composer.outcome.get_clone().map(|o| {
            let queued = o.queued.len();
            let refused = o.refused.len();
            let submitted = o.submitted;
            let head = if queued > 0 && o.submitted {
                state.t_args("publish-result-submitted", &[("count", queued.into())])
            } else if queued > 0 {
                state.t_args("publish-result-queued", &[("count", queued.into())])
            } else {
                state.t("publish-result-none")
            };
            let next = if queued > 0 {
                view! { p(class="muted small") { (state.t("publish-result-next")) } }
            } else {
                view! {}
            };
            let why = if refused == 0 {
                view! {}
            } else {
                let items = o
                    .refused
                    .into_iter()
                    .map(|r| {
                        let reason = r.refusal.as_ref().map(|e| state.t(&e.message_key())).unwrap_or_default();
                        let (name, id) = (r.nickname, r.account_id);
                        view! {
                            li(data-testid="publish-result-refused", data-id=id) {
                                strong { (name) } " — " (reason)
                            }
                        }
                    })
                    .collect::<Vec<_>>();
                let intro = state.t_args("publish-result-refused", &[("count", refused.into())]);
                view! {
                    p(class="small") { (intro) }
                    ul(class="small refused-list") { (items) }
                }
            };
            let class = if queued > 0 { "card wide outcome ok-card" } else { "card wide outcome bad-card" };
            view! {
                div(class=class, data-testid="publish-result", data-queued=queued.to_string(), data-refused=refused.to_string(),
                    data-submitted=submitted.to_string()) {
                    div(class="card-title") {
                        h2 { (head) }
                        span(class="spacer")
                        button(class="link", data-testid="publish-result-dismiss", on:click=move |_| composer.outcome.set(None)) {
                            (state.t("publish-result-dismiss"))
                        }
                    }
                    (next)
                    (why)
                }
            }
        }))
    }
}

/// The content check in the dry run: each word found, where, why, and what instead (the
/// accounts' own words are in their rows).
fn content_section(plan: &PublishPlan) -> View {
    let hits: Vec<_> = plan
        .content
        .hits
        .iter()
        .filter(|h| h.account_id.is_none())
        .cloned()
        .collect();
    crate::components::content_check::hits_card("publish-plan-content-check", hits, true)
}

/// The duplicate guard in the dry run: files going to several accounts at once, and files a
/// matrix account published before (which account, which work, when).
pub(super) fn duplicates_section(plan: &PublishPlan) -> View {
    let state = app_state();
    if plan.duplicates.is_empty() {
        return view! {};
    }
    let lang = state.lang.get_clone_untracked();
    let items: View = plan
        .duplicates
        .clone()
        .into_iter()
        .map(|d| {
            let at_once = if d.at_once.is_empty() {
                String::new()
            } else {
                state.t_args("duplicate-at-once", &[("count", d.at_once.len().into())])
            };
            let exact = d.exact;
            let used: View = d
                .used
                .clone()
                .into_iter()
                .map(|u| {
                    let key = if exact {
                        "duplicate-used"
                    } else {
                        "duplicate-used-similar"
                    };
                    let line = state.t_args(
                        key,
                        &[
                            ("account", u.nickname.clone().into()),
                            ("title", u.title.clone().into()),
                            ("time", local_minute(&u.at, &lang).into()),
                        ],
                    );
                    let account = u.account_id.clone();
                    view! { li(data-testid="publish-plan-duplicate-use", data-account=account) { (line) } }
                })
                .collect::<Vec<_>>()
                .into();
            let (name, shown, used_count) = (d.name.clone(), d.name.clone(), d.used.len().to_string());
            view! {
                li(data-testid="publish-plan-duplicate", data-name=name, data-exact=exact.to_string(),
                    data-used=used_count) {
                    strong { (shown) } " " span(class="muted small") { (at_once) }
                    ul(class="small") { (used) }
                }
            }
        })
        .collect::<Vec<_>>()
        .into();
    view! {
        div(class="review-duplicates", data-testid="publish-plan-duplicates") {
            div { strong { (state.t("duplicate-title")) } " " span(class="muted small") { (state.t("duplicate-hint")) } }
            ul { (items) }
        }
    }
}
