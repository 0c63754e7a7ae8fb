//! Dashboard: the whole matrix's numbers for a period, as the core added them up — totals
//! against the period before, the daily trend, the accounts' leaderboard, the top works and
//! subtotals per account type and group. One file per card.

mod kpis;
mod leaderboard;
mod subtotals;
mod top_works;
mod trend;

use std::cell::Cell;
use std::rc::Rc;

use mdesk_ipc::{cmd, Dashboard, IpcError, Metric};
use sycamore::futures::spawn_local_scoped;
use sycamore::prelude::*;

use self::kpis::Kpis;
use self::leaderboard::Leaderboard;
use self::subtotals::Subtotals;
use self::top_works::TopWorks;
use self::trend::Trend;
use crate::components::error_note::ErrorNote;
use crate::components::export_bar::{ExportBar, ExportRequest};
use crate::components::period::PeriodPicker;
use crate::ipc;
use crate::state::app_state;

/// What the leaderboard and top works are ordered by when the query names nothing.
pub const DEFAULT_SORT: Metric = Metric::Views;

#[component]
pub fn DashboardPage() -> View {
    let state = app_state();
    let query = state.dashboard;
    let dashboard = create_signal(None::<Dashboard>);
    let error = create_signal(None::<IpcError>);
    let groups = create_signal(Vec::<String>::new());

    let asked = Rc::new(Cell::new(0u32));
    create_effect(move || {
        state.data.track();
        let q = query.get_clone();
        let ticket = asked.get().wrapping_add(1);
        asked.set(ticket);
        let asked = asked.clone();
        spawn_local_scoped(async move {
            let result = ipc::call(&cmd::GetDashboard { query: q }).await;
            if asked.get() != ticket {
                return;
            }
            match result {
                Ok(d) => {
                    if dashboard.with_untracked(|cur| cur.as_ref() != Some(&d)) {
                        dashboard.set(Some(d));
                    }
                    error.set(None);
                }
                Err(e) => error.set(Some(e)),
            }
            if let Ok(g) = ipc::call(&cmd::ListAccountGroups {}).await {
                groups.set(g);
            }
        });
    });

    let period = create_signal(query.with_untracked(|q| q.period.clone()));
    create_effect(move || {
        let p = period.get_clone();
        if query.with_untracked(|q| q.period != p) {
            query.update(|q| q.period = p);
        }
    });
    let resolved = create_selector(move || dashboard.with(|d| d.as_ref().map(|d| d.period.clone())));
    let through = move || {
        dashboard.with(|d| match d.as_ref().and_then(|d| d.data_through.clone()) {
            Some(day) => state.t_args("dash-data-through", &[("date", day.into())]),
            None => state.t("dash-no-data"),
        })
    };
    let export = create_memo(move || Some(ExportRequest::Dashboard(query.get_clone())));
    let loaded = create_selector(move || dashboard.with(Option::is_some));

    view! {
        section(class="page", data-testid="dashboard-page") {
            header(class="page-header") {
                div {
                    h1(data-testid="page-title") { (state.t("dash-title")) }
                    div(class="muted", data-testid="dash-data-through",
                        data-date=move || dashboard.with(|d| d.as_ref().and_then(|d| d.data_through.clone()).unwrap_or_default())) {
                        (through())
                    }
                }
                ExportBar(prefix="dash", request=export)
            }
            ErrorNote(error=*error)
            div(class="toolbar") {
                PeriodPicker(prefix="dash-period", period=period, resolved=resolved, custom=true)
            }
            (if loaded.get() {
                view! { DashboardBody(dashboard=*dashboard, groups=*groups) }
            } else {
                view! { p(class="empty muted") { (state.t("accounts-loading")) } }
            })
        }
    }
}

/// The cards, each following its own part of the answer.
#[component(inline_props)]
fn DashboardBody(dashboard: ReadSignal<Option<Dashboard>>, groups: ReadSignal<Vec<String>>) -> View {
    let state = app_state();
    let sort = create_selector(move || state.dashboard.with(|q| q.sort.unwrap_or(DEFAULT_SORT)));
    let totals = create_selector(move || {
        dashboard.with(|d| d.as_ref().map(|d| (d.totals, d.previous_totals, d.previous.clone())))
    });
    let trend = create_selector(move || dashboard.with(|d| d.as_ref().map(|d| d.trend.clone()).unwrap_or_default()));
    let leaders =
        create_selector(move || dashboard.with(|d| d.as_ref().map(|d| d.leaderboard.clone()).unwrap_or_default()));
    let top = create_selector(move || dashboard.with(|d| d.as_ref().map(|d| d.top_works.clone()).unwrap_or_default()));
    let by_tag = create_selector(move || dashboard.with(|d| d.as_ref().map(|d| d.by_tag.clone()).unwrap_or_default()));
    let by_group =
        create_selector(move || dashboard.with(|d| d.as_ref().map(|d| d.by_group.clone()).unwrap_or_default()));
    view! {
        Kpis(totals=totals)
        Trend(trend=trend)
        Leaderboard(rows=leaders, groups=groups, sort=sort)
        Subtotals(by_tag=by_tag, by_group=by_group)
        TopWorks(works=top, sort=sort)
    }
}
