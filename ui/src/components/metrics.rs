//! The six numbers as table cells and headers, one way everywhere (Works, leaderboard,
//! subtotals): right-aligned, formatted for people, the raw value in `data-value` for tests.

use mdesk_ipc::{Metric, Metrics};
use sycamore::prelude::*;

use crate::format::metric;
use crate::state::app_state;

/// A metric's name in the UI language.
pub fn metric_name(m: Metric) -> String {
    app_state().t(&format!("metric-{}", m.as_str()))
}

/// `<th>` for each of the six metrics.
pub fn metric_headers() -> View {
    Metric::ALL
        .iter()
        .map(|m| view! { th(class="num") { (metric_name(*m)) } })
        .collect::<Vec<_>>()
        .into()
}

/// `<td>` for each of the six numbers.
pub fn metric_cells(numbers: &Metrics) -> View {
    Metric::ALL
        .iter()
        .map(|m| {
            let value = numbers.get(*m);
            view! { td(class="num", data-metric=m.as_str(), data-value=value.to_string()) { (metric(*m, value)) } }
        })
        .collect::<Vec<_>>()
        .into()
}
