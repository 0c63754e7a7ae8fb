//! One metric of the whole matrix, day by day through the period; a switch picks the metric.

use mdesk_ipc::{DailyPoint, Metric};
use serde_json::Value;
use sycamore::prelude::*;

use crate::chart::{daily_lines, Chart, Line};
use crate::components::form::choice;
use crate::format::yuan_number;
use crate::state::app_state;

#[component(inline_props)]
pub fn Trend(trend: ReadSignal<Vec<DailyPoint>>) -> View {
    let state = app_state();
    let shown = create_signal(Metric::Exposure);
    let options = create_memo(move || {
        Metric::ALL
            .iter()
            .map(|m| (m.as_str().to_owned(), state.t(&format!("metric-{}", m.as_str()))))
            .collect::<Vec<_>>()
    });
    let option = create_memo(move || {
        let m = shown.get();
        trend.with(|days| {
            let dates: Vec<String> = days.iter().map(|d| d.date.clone()).collect();
            let values = days
                .iter()
                .map(|d| match m {
                    Metric::Amount => Value::from(yuan_number(d.metrics.amount_cents)),
                    _ => Value::from(d.metrics.get(m)),
                })
                .collect();
            daily_lines(
                &dates,
                vec![Line {
                    id: "trend",
                    name: state.t(&format!("metric-{}", m.as_str())),
                    values,
                    yuan: m == Metric::Amount,
                }],
            )
        })
    });
    view! {
        div(class="card wide", data-testid="dash-trend") {
            div(class="card-head") {
                h2 { (state.t("dash-trend")) }
                (choice("dash-trend-metric", options, move || shown.get().as_str().to_owned(), move |v| {
                    if let Ok(m) = v.parse() {
                        shown.set(m);
                    }
                }))
            }
            Chart(option=option, testid="dash-trend-chart", merge=false)
        }
    }
}
