//! What the work is: cover, title, account, kind, times, privacy, pin, the three states, a
//! change on its way or refused, what staff can do to it, its text and the products attached
//! (commission-free ones marked, as the core decided).

use mdesk_ipc::{ReviewStatus, WorkProduct, WorkRow};
use sycamore::prelude::*;

use super::actions::{Controls, WorkActions};
use crate::components::cover::cover;
use crate::components::error_note::ErrorNote;
use crate::components::work_change::{pending_badge, rejection_note};
use crate::format::{local_time, yuan};
use crate::state::app_state;

#[component(inline_props)]
pub fn Header(work: WorkRow, text: String, products: Vec<WorkProduct>, controls: Controls) -> View {
    let state = app_state();
    let lang = state.lang.get_clone();
    let w = work;
    let times = {
        let mut parts = Vec::new();
        if let Some(at) = &w.published_at {
            parts.push(state.t_args("work-published-at", &[("time", local_time(at, &lang).into())]));
        }
        if let Some(at) = &w.scheduled_at {
            parts.push(state.t_args("work-scheduled-for", &[("time", local_time(at, &lang).into())]));
        }
        parts.join(" · ")
    };
    let account = format!(
        "{} ({}) · {}",
        w.nickname,
        w.guangguang_id,
        state.t(&format!("tag-{}", w.tag.as_str()))
    );
    let review = w.review_status;
    let reason = w.review_reason.clone().filter(|_| review == ReviewStatus::Rejected);
    let topic = w.topic.clone().map(|t| {
        let status = w.topic_status.map(|s| (s, state.t(&format!("topic-{}", s.as_str()))));
        // Topics are written with their '#' on the platform; never add a second one.
        let t = if t.starts_with('#') { t } else { format!("#{t}") };
        view! {
            span(class="badge", data-testid="work-detail-topic") { (t) }
            (status.clone().map(|(s, text)| view! {
                span(class=format!("badge topic-{}", s.as_str()), data-testid="work-detail-topic-status", data-state=s.as_str()) { (text) }
            }))
        }
    });
    let pending = pending_badge(&w.pending, "work-detail-pending");
    let rejection = rejection_note(w.rejection.as_ref(), "work-detail-rejection");
    let for_actions = w.clone();
    let actions = view! { WorkActions(work=for_actions, controls=controls) };
    let (id_attr, pinned_attr, pending_attr) = (
        w.id.clone(),
        w.pinned.to_string(),
        crate::components::work_change::kinds_attr(&w.pending),
    );
    let product_views = products.into_iter().map(product).collect::<Vec<_>>();
    let has_products = !product_views.is_empty();
    view! {
        div(class="card wide work-head", data-testid="work-detail-head", data-id=id_attr, data-pinned=pinned_attr,
            data-privacy=w.privacy.as_str(), data-pending=pending_attr) {
            (cover(w.cover.clone(), "work-detail-cover"))
            div(class="work-head-body") {
                h1(data-testid="work-detail-title") { (w.title.clone()) }
                div(class="muted", data-testid="work-detail-account") { (account) }
                div(class="muted small", data-testid="work-detail-times") {
                    (state.t(&format!("kind-{}", w.kind.as_str()))) " · " (times)
                }
                div(class="badges") {
                    span(class=format!("badge privacy-{}", w.privacy.as_str()), data-testid="work-detail-privacy", data-state=w.privacy.as_str()) {
                        (state.t(&format!("visibility-{}", w.privacy.as_str())))
                    }
                    (if w.pinned { view! { span(class="badge pinned", data-testid="work-detail-pinned") { (state.t("work-pinned")) } } } else { view! {} })
                    span(class=format!("badge review-{}", review.as_str()), data-testid="work-detail-review", data-state=review.as_str()) {
                        (state.t_args("work-review-state", &[("state", state.t(&format!("review-{}", review.as_str())).into())]))
                    }
                    span(class=format!("badge inclusion-{}", w.inclusion_status.as_str()), data-testid="work-detail-inclusion",
                        data-state=w.inclusion_status.as_str()) {
                        (state.t_args("work-inclusion-state", &[("state", state.t(&format!("inclusion-{}", w.inclusion_status.as_str())).into())]))
                    }
                    (topic)
                    (pending)
                }
                (reason.clone().map(|r| view! { p(class="refused", data-testid="work-detail-review-reason") {
                    (state.t_args("work-rejected-because", &[("reason", r.clone().into())]))
                } }))
                (rejection)
                (actions)
                ErrorNote(error=*controls.error)
                (if text.is_empty() { view! {} } else {
                    let text = text.clone();
                    view! { p(class="work-text", data-testid="work-detail-text") { (text) } }
                })
                div(data-testid="work-products") {
                    h2 { (state.t("work-products")) }
                    (if has_products { view! {} } else {
                        view! { p(class="muted small", data-testid="work-products-empty") { (state.t("work-products-empty")) } }
                    })
                    ul(class="work-products") { (product_views) }
                }
            }
        }
    }
}

fn product(p: WorkProduct) -> View {
    let state = app_state();
    let title = p
        .title
        .clone()
        .unwrap_or_else(|| state.t_args("work-product-unknown", &[("id", p.id.clone().into())]));
    let price = p.price_cents.map(yuan).unwrap_or_default();
    let free = p.commission_free;
    view! {
        li(class="work-product", data-testid="work-product", data-id=p.id.clone(), data-commission-free=free.to_string()) {
            span(class="product-title") { (title) }
            span(class="muted") { (price) }
            (if free {
                view! { span(class="badge free", data-testid="work-product-free") { (state.t("work-commission-free")) } }
            } else { view! {} })
        }
    }
}
