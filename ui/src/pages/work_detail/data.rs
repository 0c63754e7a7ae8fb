//! The work's numbers: a period (7, 30 or 90 days), its totals (as the core added them up),
//! and a line per metric and day (the legend switches lines on and off).

use mdesk_ipc::{DailyPoint, Metric, Metrics, Period, PeriodRange};
use serde_json::Value;
use sycamore::prelude::*;

use crate::chart::{daily_lines, Chart, Line};
use crate::components::period::PeriodPicker;
use crate::format::{metric, yuan_number};
use crate::state::app_state;

#[component(inline_props)]
pub fn DataCard(
    period: Signal<Period>,
    resolved: ReadSignal<Option<PeriodRange>>,
    totals: ReadSignal<Metrics>,
    daily: ReadSignal<Vec<DailyPoint>>,
) -> View {
    let state = app_state();
    let option = create_memo(move || {
        daily.with(|days| {
            let dates: Vec<String> = days.iter().map(|d| d.date.clone()).collect();
            let lines = Metric::ALL
                .iter()
                .map(|m| Line {
                    id: m.as_str(),
                    name: state.t(&format!("metric-{}", m.as_str())),
                    values: days
                        .iter()
                        .map(|d| match m {
                            Metric::Amount => Value::from(yuan_number(d.metrics.amount_cents)),
                            _ => Value::from(d.metrics.get(*m)),
                        })
                        .collect(),
                    yuan: *m == Metric::Amount,
                })
                .collect();
            daily_lines(&dates, lines)
        })
    });
    view! {
        div(class="card wide", data-testid="work-data") {
            div(class="card-head") {
                h2 { (state.t("work-data")) }
                PeriodPicker(prefix="work-period", period=period, resolved=resolved, custom=false)
            }
            div(class="figures", data-testid="work-totals") {
                (Metric::ALL.iter().map(|m| {
                    let value = totals.with(|t| t.get(*m));
                    view! {
                        div(class="figure") {
                            div(class="figure-label muted small") { (state.t(&format!("metric-{}", m.as_str()))) }
                            div(class="figure-value", data-testid=format!("work-total-{}", m.as_str()), data-value=value.to_string()) {
                                (metric(*m, value))
                            }
                        }
                    }
                }).collect::<Vec<_>>())
            }
            Chart(option=option, testid="work-chart", merge=true)
        }
    }
}
