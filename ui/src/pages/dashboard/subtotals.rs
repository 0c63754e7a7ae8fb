//! The period's numbers per account type and per group, as the core added them up.

use mdesk_ipc::Subtotal;
use sycamore::prelude::*;

use crate::components::metrics::{metric_cells, metric_headers};
use crate::state::app_state;

#[component(inline_props)]
pub fn Subtotals(by_tag: ReadSignal<Vec<Subtotal>>, by_group: ReadSignal<Vec<Subtotal>>) -> View {
    let state = app_state();
    view! {
        div(class="card") {
            h2 { (state.t("dash-by-tag")) }
            SubtotalTable(rows=by_tag, testid="dash-by-tag", label=|key: &str| app_state().t(&format!("tag-{key}")))
            h2(class="spaced") { (state.t("dash-by-group")) }
            SubtotalTable(rows=by_group, testid="dash-by-group", label=|key: &str| {
                if key.is_empty() { app_state().t("filter-no-group") } else { key.to_owned() }
            })
        }
    }
}

#[component(inline_props)]
fn SubtotalTable(rows: ReadSignal<Vec<Subtotal>>, testid: &'static str, label: fn(&str) -> String) -> View {
    let state = app_state();
    view! {
        div(class="table-scroll") {
            table(class="grid compact", data-testid=testid) {
                thead { tr {
                    th { (state.t(if testid == "dash-by-tag" { "col-tag" } else { "col-group" })) }
                    th(class="num") { (state.t("col-accounts")) }
                    (metric_headers())
                } }
                tbody {
                    (rows.get_clone().into_iter().map(|s| {
                        let name = label(&s.key);
                        let numbers = metric_cells(&s.metrics);
                        let accounts = s.accounts.to_string();
                        view! {
                            tr(data-testid="dash-subtotal-row", data-key=s.key.clone()) {
                                td { (name) }
                                td(class="num") { (accounts) }
                                (numbers)
                            }
                        }
                    }).collect::<Vec<_>>())
                }
            }
        }
    }
}
