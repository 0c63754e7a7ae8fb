//! The works table: one row per work with a box to pick it for a change, its cover, title
//! (search matches marked; type and time beneath; a change on its way), account, its states in
//! one column (and a change the platform refused), and the six numbers of the period, so the
//! numbers stay in view in a normal window. A click elsewhere on the row opens the work.

use mdesk_ipc::WorkRow;
use sycamore::prelude::*;
use wasm_bindgen::JsValue;

use crate::components::cover::cover;
use crate::components::form::checked;
use crate::components::metrics::{metric_cells, metric_headers};
use crate::components::work_change::{pending_badge, rejection_note};
use crate::format::{local_minute, marked};
use crate::list::by_id;
use crate::state::app_state;

// The boxes follow the pick through the `checked` property: the attribute only sets a box's
// default, which a box once clicked no longer shows (a cleared pick would stay ticked).

/// Ticking a box picks the work; it does not open it.
fn keep_to_cell(ev: web_sys::MouseEvent) {
    ev.stop_propagation();
}

#[component(inline_props)]
pub fn WorksTable(rows: ReadSignal<Vec<WorkRow>>, selected: Signal<Vec<String>>) -> View {
    let state = app_state();
    // "Select all" is about this page: ticked when every work shown is picked.
    let all_picked = move || rows.with(|r| !r.is_empty() && selected.with(|s| r.iter().all(|w| s.contains(&w.id))));
    let pick_page = move |ev: web_sys::Event| {
        let on = checked(&ev);
        let shown: Vec<String> = rows.with_untracked(|r| r.iter().map(|w| w.id.clone()).collect());
        selected.update(|s| {
            s.retain(|id| !shown.contains(id));
            if on {
                s.extend(shown);
            }
        });
    };
    view! {
        table(class="grid works", data-testid="works-table") {
            thead {
                tr {
                    th(on:click=keep_to_cell) {
                        input(r#type="checkbox", data-testid="works-select-all", title=move || state.t("works-select-all"),
                            aria-label=move || state.t("works-select-all"), prop:checked=move || JsValue::from_bool(all_picked()),
                            on:change=pick_page)
                    }
                    th { (state.t("col-cover")) }
                    th { (state.t("col-title")) }
                    th { (state.t("col-account")) }
                    th { (state.t("col-states")) }
                    (metric_headers())
                }
            }
            tbody {
                Keyed(list=rows, view=move |w: WorkRow| view! { WorkRowView(row=w, selected=selected) },
                    key=|w: &WorkRow| by_id(w.id.clone(), w))
            }
        }
    }
}

/// A title with the stretches a search matched in `<mark>`.
fn title_view(row: &WorkRow) -> View {
    marked(&row.title, &row.title_marks)
        .into_iter()
        .map(|(text, hit)| {
            if hit {
                view! { mark { (text) } }
            } else {
                view! { (text) }
            }
        })
        .collect::<Vec<_>>()
        .into()
}

#[component(inline_props)]
fn WorkRowView(row: WorkRow, selected: Signal<Vec<String>>) -> View {
    let state = app_state();
    let lang = state.lang.get_clone();
    let id = row.id.clone();
    let open = move |_| state.open_work(id.clone());
    let (id_is, id_pick) = (row.id.clone(), row.id.clone());
    let is_picked = move || selected.with(|s| s.contains(&id_is));
    let pick = move |ev: web_sys::Event| {
        let on = checked(&ev);
        selected.update(|s| {
            s.retain(|x| x != &id_pick);
            if on {
                s.push(id_pick.clone());
            }
        });
    };
    let pending = if row.pending.is_empty() {
        view! {}
    } else {
        let badge = pending_badge(&row.pending, "work-pending");
        view! { div { (badge) } }
    };
    let rejection = rejection_note(row.rejection.as_ref(), "work-rejection");
    let pending_attr = crate::components::work_change::kinds_attr(&row.pending);
    let rejected_attr = row.rejection.as_ref().map(|r| r.kind.as_str()).unwrap_or_default();
    let published = match (&row.published_at, &row.scheduled_at) {
        (Some(at), _) => local_minute(at, &lang),
        (None, Some(at)) => state.t_args("work-scheduled-for", &[("time", local_minute(at, &lang).into())]),
        (None, None) => "—".to_owned(),
    };
    let review = row.review_status;
    let reason = row
        .review_reason
        .clone()
        .filter(|_| review == mdesk_ipc::ReviewStatus::Rejected);
    let topic = match (&row.topic, row.topic_status) {
        (Some(topic), status) => {
            let status = status.map(|s| (s, state.t(&format!("topic-{}", s.as_str()))));
            // Topics are written with their '#' on the platform; never add a second one.
            let topic = if topic.starts_with('#') {
                topic.clone()
            } else {
                format!("#{topic}")
            };
            view! {
                span(data-testid="work-topic") { (topic) }
                (status.clone().map(|(s, text)| view! {
                    " " span(class=format!("badge topic-{}", s.as_str()), data-testid="work-topic-status", data-state=s.as_str()) { (text) }
                }))
            }
        }
        (None, _) => view! { span(class="muted") { "—" } },
    };
    let numbers = metric_cells(&row.metrics);
    let title = title_view(&row);
    let pinned = row.pinned;
    let tag_text = state.t(&format!("tag-{}", row.tag.as_str()));
    view! {
        tr(class="clickable", data-testid="works-row", data-id=row.id.clone(), data-review=review.as_str(),
            data-inclusion=row.inclusion_status.as_str(), data-privacy=row.privacy.as_str(), data-pinned=pinned.to_string(),
            data-pending=pending_attr, data-rejected=rejected_attr, on:click=open) {
            td(on:click=keep_to_cell) {
                input(r#type="checkbox", data-testid="works-select", aria-label=state.t("works-select"),
                    prop:checked=move || JsValue::from_bool(is_picked()), on:change=pick)
            }
            td { (cover(row.cover.clone(), "work-cover")) }
            td(class="title-cell") {
                div {
                    span(class="work-title", data-testid="work-title") { (title) }
                    (if pinned { view! { span(class="badge pinned", data-testid="work-pinned") { (state.t("work-pinned")) } } } else { view! {} })
                }
                (pending)
                div(class="muted small") {
                    (state.t(&format!("kind-{}", row.kind.as_str()))) " · "
                    span(data-testid="work-published") { (published) }
                }
            }
            td(class="account-cell") {
                div(data-testid="work-account") { (row.nickname.clone()) }
                div(class="muted small") { (tag_text) }
            }
            td(class="states") {
                div {
                    span(class=format!("badge review-{}", review.as_str()), data-testid="work-review") {
                        (state.t(&format!("review-{}", review.as_str())))
                    }
                    " "
                    span(class=format!("badge inclusion-{}", row.inclusion_status.as_str()), data-testid="work-inclusion") {
                        (state.t(&format!("inclusion-{}", row.inclusion_status.as_str())))
                    }
                    " "
                    span(class=format!("badge privacy-{}", row.privacy.as_str())) { (state.t(&format!("visibility-{}", row.privacy.as_str()))) }
                }
                (reason.clone().map(|r| view! { div(class="refused", data-testid="work-review-reason") { (r) } }))
                div(class="small") { (topic) }
                (rejection)
            }
            (numbers)
        }
    }
}
