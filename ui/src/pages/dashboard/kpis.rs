//! The six totals of the period, each with its change against the period just before.

use mdesk_ipc::{Metric, Metrics, PeriodRange};
use sycamore::prelude::*;

use crate::format::{metric, Change};
use crate::state::app_state;

#[component(inline_props)]
pub fn Kpis(totals: ReadSignal<Option<(Metrics, Metrics, PeriodRange)>>) -> View {
    let state = app_state();
    view! {
        div(class="kpis", data-testid="dash-kpis") {
            (totals.get_clone().map(|(now, before, previous)| {
                let compared = state.t_args("dash-compared", &[("from", previous.from.clone().into()), ("to", previous.to.clone().into())]);
                Metric::ALL.iter().map(|m| {
                    let value = now.get(*m);
                    let change = Change::of(value, before.get(*m));
                    let direction = change.direction();
                    let arrow = match direction {
                        "up" => "▲ ",
                        "down" => "▼ ",
                        _ => "",
                    };
                    let change_text = format!("{arrow}{}", change.text());
                    let title = compared.clone();
                    let before_text = state.t_args("dash-before", &[("value", metric(*m, before.get(*m)).into())]);
                    view! {
                        div(class="kpi card", data-metric=m.as_str()) {
                            div(class="kpi-label muted") { (state.t(&format!("metric-{}", m.as_str()))) }
                            div(class="kpi-value", data-testid=format!("dash-total-{}", m.as_str()), data-value=value.to_string()) {
                                (metric(*m, value))
                            }
                            div(class="kpi-change") {
                                span(class=format!("change {direction}"), data-testid=format!("dash-change-{}", m.as_str()),
                                    data-direction=direction, title=title) { (change_text) }
                                span(class="muted small") { (before_text) }
                            }
                        }
                    }
                }).collect::<Vec<_>>()
            }).unwrap_or_default())
        }
    }
}
