//! Which days the numbers cover: the last 7, 30 or 90 days, or (where offered) a custom range
//! of calendar days; beside it the days the core resolved the period to.

use mdesk_ipc::{Period, PeriodRange, ROLLED_UP_DAYS};
use sycamore::prelude::*;

use crate::components::form::choice;
use crate::state::app_state;

const CUSTOM: &str = "custom";

/// `{prefix}` is the select's test id; the custom range's inputs are `{prefix}-from` and
/// `{prefix}-to`, the resolved range `{prefix}-range`.
#[component(inline_props)]
pub fn PeriodPicker(
    prefix: &'static str,
    period: Signal<Period>,
    resolved: ReadSignal<Option<PeriodRange>>,
    custom: bool,
) -> View {
    let state = app_state();
    let options = create_memo(move || {
        let mut o: Vec<(String, String)> = ROLLED_UP_DAYS
            .iter()
            .map(|d| (d.to_string(), state.t_args("period-last", &[("days", (*d).into())])))
            .collect();
        if custom {
            o.push((CUSTOM.to_owned(), state.t("period-custom")));
        }
        o
    });
    let current = move || match period.get_clone() {
        Period::Last { days } => days.to_string(),
        Period::Range { .. } => CUSTOM.to_owned(),
    };
    let pick = move |value: String| {
        if value == CUSTOM {
            // A custom range starts from the days shown now.
            let (from, to) =
                resolved.with_untracked(|r| r.as_ref().map(|r| (r.from.clone(), r.to.clone())).unwrap_or_default());
            period.set(Period::Range { from, to });
        } else if let Ok(days) = value.parse() {
            period.set(Period::Last { days });
        }
    };

    // The date inputs edit their own text; a complete range becomes the period.
    let from = create_signal(String::new());
    let to = create_signal(String::new());
    create_effect(move || {
        if let Period::Range { from: f, to: t } = period.get_clone() {
            if from.with_untracked(|x| *x != f) {
                from.set(f);
            }
            if to.with_untracked(|x| *x != t) {
                to.set(t);
            }
        }
    });
    create_effect(move || {
        let (f, t) = (from.get_clone(), to.get_clone());
        if f.is_empty() || t.is_empty() {
            return;
        }
        let range = Period::Range { from: f, to: t };
        if period.with_untracked(|p| matches!(p, Period::Range { .. }) && *p != range) {
            period.set(range);
        }
    });
    let is_custom = create_selector(move || period.with(|p| matches!(p, Period::Range { .. })));

    view! {
        div(class="period") {
            span(class="muted") { (state.t("period-label")) }
            (choice(prefix, options, current, pick))
            (if is_custom.get() {
                view! {
                    input(r#type="date", bind:value=from, data-testid=format!("{prefix}-from"), aria-label=state.t("period-from"))
                    span(class="muted") { "–" }
                    input(r#type="date", bind:value=to, data-testid=format!("{prefix}-to"), aria-label=state.t("period-to"))
                }
            } else { view! {} })
            (resolved.get_clone().map(|r| {
                let text = state.t_args("period-range", &[("from", r.from.clone().into()), ("to", r.to.clone().into()), ("days", r.days.into())]);
                view! { span(class="muted small", data-testid=format!("{prefix}-range")) { (text) } }
            }))
        }
    }
}
