//! The accounts ranked by one metric (a click on a metric's heading ranks by it), narrowed by
//! account type and group. The first rows show until "show all" is asked for.

use mdesk_ipc::{LeaderRow, Metric, Tag};
use sycamore::prelude::*;

use crate::components::form::{choice, non_empty, state_options};
use crate::components::metrics::metric_cells;
use crate::format::count;
use crate::list::by_id;
use crate::state::app_state;

/// Rows shown before "show all".
const FIRST_ROWS: usize = 50;

#[component(inline_props)]
pub fn Leaderboard(
    rows: ReadSignal<Vec<LeaderRow>>,
    groups: ReadSignal<Vec<String>>,
    sort: ReadSignal<Metric>,
) -> View {
    let state = app_state();
    let query = state.dashboard;
    let show_all = create_signal(false);
    let shown = create_memo(move || {
        let all = show_all.get();
        rows.with(|r| {
            r.iter()
                .take(if all { usize::MAX } else { FIRST_ROWS })
                .enumerate()
                .map(|(i, row)| (i + 1, row.clone()))
                .collect::<Vec<_>>()
        })
    });
    let tag_options = create_memo(move || {
        state_options(state.t("filter-all-tags"), Tag::ALL, |t| {
            (t.as_str().to_owned(), state.t(&format!("tag-{}", t.as_str())))
        })
    });
    let group_options = create_memo(move || {
        let mut o = vec![(String::new(), state.t("filter-all-groups"))];
        groups.with(|g| o.extend(g.iter().map(|g| (g.clone(), g.clone()))));
        o
    });
    let headers = move || {
        Metric::ALL
            .iter()
            .map(|m| {
                let m = *m;
                let active = move || sort.get() == m;
                let class = move || if active() { "num sortable active" } else { "num sortable" };
                view! {
                    th(class=class, data-testid=format!("dash-sort-{}", m.as_str()), aria-sort=move || if active() { "descending" } else { "none" },
                        on:click=move |_| query.update(|q| q.sort = Some(m))) {
                        (state.t(&format!("metric-{}", m.as_str())))
                        (if active() { " ▼" } else { "" })
                    }
                }
            })
            .collect::<Vec<_>>()
    };

    view! {
        div(class="card wide", data-testid="dash-leaderboard-card") {
            div(class="card-head") {
                h2 { (state.t("dash-leaderboard")) }
                div(class="filters") {
                    (choice("dash-filter-tag", tag_options, move || query.with(|q| q.tag.map(|t| t.as_str().to_owned()).unwrap_or_default()),
                        move |v| query.update(|q| q.tag = v.parse().ok())))
                    (choice("dash-filter-group", group_options, move || query.with(|q| q.group.clone().unwrap_or_default()),
                        move |v| query.update(|q| q.group = non_empty(v))))
                }
            }
            div(class="table-scroll") {
                table(class="grid", data-testid="dash-leaderboard") {
                    thead { tr {
                        th(class="num") { (state.t("col-rank")) }
                        th { (state.t("col-nickname")) }
                        th { (state.t("col-tag")) }
                        th { (state.t("col-group")) }
                        (headers())
                    } }
                    tbody {
                        Keyed(list=shown, key=|(rank, r): &(usize, LeaderRow)| by_id(r.account_id.clone(), &(*rank, r.clone())),
                            view=|(rank, r): (usize, LeaderRow)| view! { LeaderRowView(rank=rank, row=r) })
                    }
                }
            }
            (if rows.with(Vec::is_empty) {
                view! { p(class="empty muted", data-testid="dash-leaderboard-empty") { (state.t("dash-leaderboard-empty")) } }
            } else if rows.with(Vec::len) > FIRST_ROWS {
                let total = rows.with(Vec::len);
                let label = if show_all.get() {
                    state.t_args("dash-show-first", &[("count", FIRST_ROWS.into())])
                } else {
                    state.t_args("dash-show-all", &[("count", total.into()), ("shown", count(total as i64).into())])
                };
                view! {
                    button(class="link show-all", data-testid="dash-show-all", data-all=show_all.get().to_string(),
                        on:click=move |_| show_all.update(|a| *a = !*a)) { (label) }
                }
            } else { view! {} })
        }
    }
}

#[component(inline_props)]
fn LeaderRowView(rank: usize, row: LeaderRow) -> View {
    let state = app_state();
    let tag_text = state.t(&format!("tag-{}", row.tag.as_str()));
    let group = row
        .group
        .clone()
        .filter(|g| !g.is_empty())
        .unwrap_or_else(|| "—".to_owned());
    let numbers = metric_cells(&row.metrics);
    let LeaderRow {
        account_id,
        nickname,
        guangguang_id,
        tag,
        ..
    } = row;
    view! {
        tr(data-testid="dash-leader-row", data-id=account_id, data-tag=tag.as_str()) {
            td(class="num", data-testid="dash-leader-rank") { (rank.to_string()) }
            td {
                div(data-testid="dash-leader-nickname") { (nickname) }
                div(class="muted small mono") { (guangguang_id) }
            }
            td { (tag_text) }
            td { (group) }
            (numbers)
        }
    }
}
