//! The period's best works by the dashboard's sort metric; a click opens the work.

use mdesk_ipc::{Metric, WorkRow};
use sycamore::prelude::*;

use crate::components::cover::cover;
use crate::format::metric;
use crate::list::by_id;
use crate::state::app_state;

#[component(inline_props)]
pub fn TopWorks(works: ReadSignal<Vec<WorkRow>>, sort: ReadSignal<Metric>) -> View {
    let state = app_state();
    view! {
        div(class="card", data-testid="dash-top-works-card") {
            h2 { (state.t_args("dash-top-works", &[("metric", state.t(&format!("metric-{}", sort.get().as_str())).into())])) }
            (if works.with(Vec::is_empty) {
                view! { p(class="muted small", data-testid="dash-top-works-empty") { (state.t("dash-top-works-empty")) } }
            } else { view! {} })
            ol(class="top-works", data-testid="dash-top-works") {
                Keyed(list=works, key=|w: &WorkRow| by_id(w.id.clone(), w), view=move |w: WorkRow| {
                    let id = w.id.clone();
                    let data_id = w.id.clone();
                    let account = format!("{} · {}", w.nickname, state.t(&format!("tag-{}", w.tag.as_str())));
                    let value = move || {
                        let m = sort.get();
                        metric(m, w.metrics.get(m))
                    };
                    view! {
                        li(class="top-work clickable", data-testid="dash-top-work", data-id=data_id,
                            on:click=move |_| state.open_work(id.clone())) {
                            (cover(w.cover.clone(), "work-cover"))
                            div(class="top-work-body") {
                                div(class="work-title") { (w.title.clone()) }
                                div(class="muted small") { (account) }
                            }
                            div(class="top-work-value", data-testid="dash-top-work-value") { (value()) }
                        }
                    }
                })
            }
        }
    }
}
