//! How the work's review, inclusion and topic states changed, as this computer saw them.

use mdesk_ipc::StatusEvent;
use sycamore::prelude::*;

use crate::format::local_time;
use crate::state::app_state;

#[component(inline_props)]
pub fn HistoryCard(history: ReadSignal<Vec<StatusEvent>>) -> View {
    let state = app_state();
    view! {
        div(class="card", data-testid="work-history") {
            h2 { (state.t("work-history")) }
            (if history.with(Vec::is_empty) {
                view! { p(class="muted small", data-testid="work-history-empty") { (state.t("work-history-empty")) } }
            } else {
                let lang = state.lang.get_clone();
                let items = history.get_clone().into_iter().map(|e| {
                    let field = e.field.as_str();
                    let key = format!("{field}-{}", e.value);
                    // A state this build has no words for still shows, by its wire name.
                    let value = match state.t(&key) {
                        t if t == key => e.value.clone(),
                        t => t,
                    };
                    let when = local_time(&e.at, &lang);
                    let badge = format!("badge {field}-{}", e.value);
                    let reason = e.reason.clone();
                    let wire = e.value.clone();
                    view! {
                        li(class="timeline-item", data-testid="work-history-item", data-field=field, data-value=wire) {
                            span(class="muted small") { (when) }
                            span { (state.t(&format!("history-field-{field}"))) }
                            span(class=badge) { (value) }
                            (reason.clone().map(|r| view! { span(class="refused") { (r) } }))
                        }
                    }
                }).collect::<Vec<_>>();
                view! { ol(class="timeline") { (items) } }
            })
        }
    }
}
