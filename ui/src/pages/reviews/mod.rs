//! Reviews (审核): four-eyes approval. The queue of submissions with its filters; one, several
//! or all selected can be approved or returned with a reason, through a dry run that says for
//! each what will happen; a submission opens beside its previous version (`detail`).

mod batch;
mod detail;

use std::collections::HashSet;

use mdesk_ipc::{cmd, IpcError, Permission, ReviewsQuery, SubmissionRow, SubmissionState};
use sycamore::futures::spawn_local_scoped;
use sycamore::prelude::*;

use self::batch::BatchBar;
use self::detail::SubmissionPanel;
use crate::components::error_note::ErrorNote;
use crate::components::role_note::RoleNote;
use crate::format::local_time;
use crate::ipc;
use crate::list::by_id;
use crate::state::{app_state, Reload};

/// The state filter's choices: the queue first.
const STATES: [Option<SubmissionState>; 5] = [
    Some(SubmissionState::Pending),
    Some(SubmissionState::Returned),
    Some(SubmissionState::Approved),
    Some(SubmissionState::Withdrawn),
    None,
];

/// What the screen's parts share.
#[derive(Clone, Copy)]
pub struct Reviews {
    pub rows: Signal<Vec<SubmissionRow>>,
    pub selected: Signal<HashSet<String>>,
    /// The submission open beside the list.
    pub open: Signal<Option<String>>,
    pub error: Signal<Option<IpcError>>,
    pub reload: Reload,
}

#[component]
pub fn ReviewsPage() -> View {
    let state = app_state();
    let reviews = Reviews {
        rows: create_signal(Vec::new()),
        selected: create_signal(HashSet::new()),
        open: create_signal(None),
        error: create_signal(None),
        reload: Reload::new(),
    };
    let filter = create_signal(Some(SubmissionState::Pending));
    let search = create_signal(String::new());
    let mine_only = create_signal(false);
    let loaded = create_signal(false);

    create_effect(move || {
        state.data.track();
        reviews.reload.track();
        let query = ReviewsQuery {
            state: filter.get(),
            submitted_by: if mine_only.get() {
                state.whoami().map(|w| w.login)
            } else {
                None
            },
            search: Some(search.get_clone()).filter(|s| !s.trim().is_empty()),
        };
        spawn_local_scoped(async move {
            match ipc::call(&cmd::ListReviews { query }).await {
                Ok(rows) => {
                    // What is no longer listed cannot stay selected.
                    reviews
                        .selected
                        .update(|s| s.retain(|id| rows.iter().any(|r| r.id == *id)));
                    reviews.rows.set(rows);
                    loaded.set(true);
                }
                Err(e) => reviews.error.set(Some(e)),
            }
        });
    });
    let rows = create_memo(move || reviews.rows.get_clone());
    let reviewable = create_memo(move || {
        reviews.rows.with(|r| {
            r.iter()
                .filter(|r| r.can_review)
                .map(|r| r.id.clone())
                .collect::<Vec<_>>()
        })
    });
    let all_selected = create_selector(move || {
        reviewable.with(|ids| !ids.is_empty() && reviews.selected.with(|s| ids.iter().all(|id| s.contains(id))))
    });
    let toggle_all = move |_| {
        let ids = reviewable.get_clone();
        let select = !all_selected.get_untracked();
        reviews.selected.update(|s| {
            for id in ids {
                if select {
                    s.insert(id);
                } else {
                    s.remove(&id);
                }
            }
        });
    };

    view! {
        section(class="page", data-testid="reviews-page") {
            header(class="page-header") {
                div {
                    h1(data-testid="page-title") { (state.t("reviews-title")) }
                    div(class="muted") { (state.t("reviews-intro")) }
                }
            }
            // An operator comes here for their own submissions; only a role that can do
            // neither is told what it lacks.
            (if state.may(Permission::Review) {
                view! {}
            } else if state.may(Permission::Submit) {
                view! { p(class="muted small", data-testid="reviews-yours") { (state.t("reviews-intro-submitter")) } }
            } else {
                view! { RoleNote(permission=Permission::Review) }
            })
            div(class="filters") {
                div(class="tabs") {
                    Keyed(list=STATES.to_vec(), key=|s| *s, view=move |s: Option<SubmissionState>| {
                        let key = s.map_or("reviews-filter-all".to_owned(), |s| format!("submission-state-{}", s.as_str()));
                        let id = s.map_or("all", |s| s.as_str());
                        view! {
                            button(class=move || if filter.get() == s { "tab active" } else { "tab" },
                                data-testid=format!("reviews-filter-{id}"), on:click=move |_| filter.set(s)) { (state.t(&key)) }
                        }
                    })
                }
                input(r#type="search", class="search", bind:value=search, data-testid="reviews-search",
                    placeholder=move || state.t("reviews-search"))
                label(class="check") {
                    input(r#type="checkbox", bind:checked=mine_only, data-testid="reviews-mine")
                    span { (state.t("reviews-mine")) }
                }
            }
            ErrorNote(error=*reviews.error)
            BatchBar(reviews=reviews)
            div(class=move || if reviews.open.with(Option::is_some) { "reviews-layout with-panel" } else { "reviews-layout" }) {
                table(class="grid", data-testid="reviews-table") {
                    thead {
                        tr {
                            th { input(r#type="checkbox", data-testid="reviews-select-all", checked=move || all_selected.get(),
                                disabled=move || reviewable.with(Vec::is_empty), on:change=toggle_all) }
                            th { (state.t("reviews-col-work")) }
                            th { (state.t("reviews-col-accounts")) }
                            th { (state.t("reviews-col-by")) }
                            th { (state.t("col-time")) }
                            th { (state.t("col-state")) }
                        }
                    }
                    tbody {
                        Keyed(list=rows, key=|r: &SubmissionRow| by_id(r.id.clone(), r), view=move |r: SubmissionRow| {
                            let lang = state.lang.get_clone_untracked();
                            let id = r.id.clone();
                            let (id_check, id_open, id_row) = (id.clone(), id.clone(), id.clone());
                            let checked = create_selector(move || reviews.selected.with(|s| s.contains(&id_check)));
                            let toggle = move |_| {
                                let id = id.clone();
                                reviews.selected.update(|s| {
                                    if !s.remove(&id) {
                                        s.insert(id);
                                    }
                                });
                            };
                            let state_key = format!("submission-state-{}", r.state.as_str());
                            let badge = format!("badge submission-{}", r.state.as_str());
                            let version = state.t_args("reviews-version", &[("version", r.version.into())]);
                            let kind = state.t(&format!("reviews-kind-{}", r.kind.as_str()));
                            let pending = !r.pending.is_empty();
                            let open_class = move || if reviews.open.with(|o| o.as_deref() == Some(id_row.as_str())) { "open" } else { "" };
                            view! {
                                tr(class=open_class, data-testid="review-row", data-id=r.id.clone(), data-state=r.state.as_str(),
                                    data-can-review=r.can_review.to_string(), data-mine=r.mine.to_string()) {
                                    td { input(r#type="checkbox", data-testid="review-select", checked=move || checked.get(),
                                        disabled=!r.can_review, on:change=toggle) }
                                    td(class="wrap") {
                                        button(class="link", data-testid="review-open",
                                            on:click=move |_| reviews.open.set(Some(id_open.clone()))) { (r.title.clone()) }
                                        div(class="muted small") { (kind) " · " (version) }
                                    }
                                    td(class="wrap small") { (r.accounts.join("、")) }
                                    td { (r.submitted_by.name.clone()) }
                                    td(class="wrap small") { (local_time(&r.submitted_at, &lang)) }
                                    td {
                                        span(class=badge, data-testid="review-state") { (state.t(&state_key)) }
                                        (if pending { view! { span(class="muted small", data-testid="review-pending") { " " (state.t("reviews-on-its-way")) } } } else { view! {} })
                                    }
                                }
                            }
                        })
                    }
                }
                SubmissionPanel(reviews=reviews)
            }
            (if loaded.get() && reviews.rows.with(Vec::is_empty) {
                view! { p(class="empty muted", data-testid="reviews-empty") { (state.t("reviews-empty")) } }
            } else { view! {} })
        }
    }
}
