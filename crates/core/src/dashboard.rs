//! The matrix dashboard: totals against the previous period, the daily trend, the accounts'
//! leaderboard, the top works and subtotals per account type and group.
//!
//! It reads the per-account daily rollup (`account_metric_daily`, one row per account and day,
//! kept exact by triggers as sync applies metrics) and the works' period rollup, never the raw
//! daily rows of every work.

use std::collections::BTreeMap;

use mdesk_ipc::{DailyPoint, Dashboard, DashboardQuery, LeaderRow, Metric, Metrics, PeriodRange, Subtotal, WorksQuery};
use rusqlite::{params, Connection};

use crate::works::query::metrics_at;

use crate::covers;
use crate::error::CoreResult;
use crate::period;
use crate::session;
use crate::store::{rollup, Store};
use crate::works;

/// How many top works the dashboard shows.
pub const TOP_WORKS: u32 = 10;

const SUMS: &str = "COALESCE(SUM(d.exposure), 0), COALESCE(SUM(d.views), 0), COALESCE(SUM(d.interactions), 0), \
     COALESCE(SUM(d.shop_traffic), 0), COALESCE(SUM(d.orders), 0), COALESCE(SUM(d.amount_cents), 0)";

/// The dashboard of the signed-in merchant; empty numbers when nobody is signed in.
pub fn dashboard(store: &Store, q: &DashboardQuery) -> CoreResult<Dashboard> {
    let (mut board, covers) = store.read(|conn| {
        let range = period::resolve(conn, &q.period)?;
        let previous = period::previous(&range)?;
        let data_through = rollup::newest_day(conn)?;
        let Some(session) = session::current_in(conn)? else {
            let board = Dashboard {
                trend: zero_days(&range)?,
                period: range,
                previous,
                totals: Metrics::default(),
                previous_totals: Metrics::default(),
                leaderboard: Vec::new(),
                top_works: Vec::new(),
                by_tag: Vec::new(),
                by_group: Vec::new(),
                data_through,
            };
            return Ok((board, Vec::new()));
        };
        let merchant = session.merchant_id.as_str();
        // The merchant's daily rollup when it is up to date; else the accounts' (a pull that
        // brought a new day is still running).
        let daily = if rollup::fresh_through(conn)?.is_some() {
            Daily::Merchant
        } else {
            Daily::Accounts
        };
        let trend = trend(conn, daily, merchant, &range)?;
        let mut totals = Metrics::default();
        trend.iter().for_each(|p| totals.add(&p.metrics));
        let previous_totals = sum(conn, daily, merchant, &previous)?;
        let everyone = leaderboard(conn, merchant, &range, period::rolled_up(conn, &range)?)?;
        let by_tag = subtotals(&everyone, |r| r.tag.as_str().to_owned());
        let by_group = subtotals(&everyone, |r| r.group.clone().unwrap_or_default());
        let sort = q.sort.unwrap_or(Metric::Views);
        let mut leaders: Vec<LeaderRow> = everyone
            .into_iter()
            .filter(|r| q.tag.is_none_or(|t| r.tag == t))
            .filter(|r| {
                q.group
                    .as_deref()
                    .is_none_or(|g| g.is_empty() || r.group.as_deref() == Some(g))
            })
            .collect();
        leaders.sort_by(|a, b| {
            b.metrics
                .get(sort)
                .cmp(&a.metrics.get(sort))
                .then_with(|| a.nickname.cmp(&b.nickname))
        });
        let top = WorksQuery {
            sort: Some(sort),
            limit: TOP_WORKS,
            ..WorksQuery::default()
        };
        let top_rows = works::rows_in(conn, merchant, &top, &range, Some((TOP_WORKS, 0)))?;
        let board = Dashboard {
            period: range,
            previous,
            totals,
            previous_totals,
            trend,
            leaderboard: leaders,
            top_works: Vec::new(),
            by_tag,
            by_group,
            data_through,
        };
        Ok((board, top_rows))
    })?;
    board.top_works = covers::attach(store, covers, |w, c| w.cover = c);
    Ok(board)
}

fn zero_days(range: &PeriodRange) -> CoreResult<Vec<DailyPoint>> {
    Ok(period::days(range)?
        .into_iter()
        .map(|date| DailyPoint {
            date,
            metrics: Metrics::default(),
        })
        .collect())
}

/// Which rollup the daily numbers of the whole matrix come from.
#[derive(Debug, Clone, Copy)]
enum Daily {
    /// `merchant_metric_daily`: one row per day.
    Merchant,
    /// `account_metric_daily`: one row per account and day.
    Accounts,
}

impl Daily {
    /// `FROM … WHERE` of the merchant's (?1) days between ?2 and ?3, as `d`.
    const fn source(self) -> &'static str {
        match self {
            Daily::Merchant => "merchant_metric_daily d WHERE d.merchant_id = ?1 AND d.date >= ?2 AND d.date <= ?3",
            Daily::Accounts => {
                "account_metric_daily d JOIN matrix_account a ON a.id = d.account_id \
                 WHERE a.merchant_id = ?1 AND d.date >= ?2 AND d.date <= ?3"
            }
        }
    }
}

/// The matrix's numbers per day of `range` (a day without data is zero).
fn trend(conn: &Connection, daily: Daily, merchant: &str, range: &PeriodRange) -> CoreResult<Vec<DailyPoint>> {
    let mut by_day: BTreeMap<String, Metrics> = conn
        .prepare_cached(&format!(
            "SELECT d.date, {SUMS} FROM {} GROUP BY d.date",
            daily.source()
        ))?
        .query_map(params![merchant, range.from, range.to], |r| {
            Ok((r.get(0)?, metrics_at(r, 1)?))
        })?
        .collect::<Result<_, _>>()?;
    let mut out = zero_days(range)?;
    for p in &mut out {
        if let Some(m) = by_day.remove(&p.date) {
            p.metrics = m;
        }
    }
    Ok(out)
}

/// The matrix's totals over `range`.
fn sum(conn: &Connection, daily: Daily, merchant: &str, range: &PeriodRange) -> CoreResult<Metrics> {
    Ok(conn
        .prepare_cached(&format!("SELECT {SUMS} FROM {}", daily.source()))?
        .query_row(params![merchant, range.from, range.to], |r| metrics_at(r, 0))?)
}

/// Every account of the merchant that is or was in the matrix, with its numbers: from the
/// accounts' period rollup when it has the period (`rolled`), else summed by day.
fn leaderboard(
    conn: &Connection,
    merchant: &str,
    range: &PeriodRange,
    rolled: Option<u32>,
) -> CoreResult<Vec<LeaderRow>> {
    let (numbers, args) = match rolled {
        Some(days) => (
            format!("account_period_total d ON d.account_id = a.id AND d.days = {days}"),
            vec![merchant],
        ),
        None => (
            "account_metric_daily d ON d.account_id = a.id AND d.date >= ?2 AND d.date <= ?3".to_owned(),
            vec![merchant, range.from.as_str(), range.to.as_str()],
        ),
    };
    Ok(conn
        .prepare_cached(&format!(
            "SELECT a.id, a.guangguang_id, a.nickname, a.tag, a.local_group, {SUMS} FROM matrix_account a \
             LEFT JOIN {numbers} WHERE a.merchant_id = ?1 AND a.binding_state <> 'invited' GROUP BY a.id"
        ))?
        .query_map(rusqlite::params_from_iter(args), |r| {
            Ok(LeaderRow {
                account_id: r.get(0)?,
                guangguang_id: r.get(1)?,
                nickname: r.get(2)?,
                tag: r.get(3)?,
                group: r.get(4)?,
                metrics: metrics_at(r, 5)?,
            })
        })?
        .collect::<Result<_, _>>()?)
}

fn subtotals(rows: &[LeaderRow], key: impl Fn(&LeaderRow) -> String) -> Vec<Subtotal> {
    let mut by: BTreeMap<String, Subtotal> = BTreeMap::new();
    for r in rows {
        let k = key(r);
        let s = by.entry(k.clone()).or_insert_with(|| Subtotal {
            key: k,
            accounts: 0,
            metrics: Metrics::default(),
        });
        s.accounts += 1;
        s.metrics.add(&r.metrics);
    }
    by.into_values().collect()
}

/// The dashboard as a workbook (totals, trend, leaderboard, top works, subtotals) or, as CSV,
/// its leaderboard with a total row.
pub fn export(
    store: &Store,
    q: &DashboardQuery,
    format: mdesk_ipc::ExportFormat,
    lang: &str,
    path: &std::path::Path,
    progress: &mut dyn FnMut(mdesk_ipc::ExportProgress),
) -> CoreResult<mdesk_ipc::ExportDone> {
    use crate::export::{self, Cell, Sheet};
    use crate::works::export::{label, metric_cells, metric_headers, state_label, works_sheet};

    let board = dashboard(store, q)?;
    let with = |first: &[&str], rest: Vec<String>| -> Vec<String> {
        first.iter().map(|k| label(lang, k)).chain(rest).collect()
    };
    let mut leaders = Sheet {
        name: label(lang, "export-sheet-leaderboard"),
        headers: with(
            &[
                "export-col-rank",
                "export-col-account",
                "export-col-gg",
                "export-col-tag",
                "export-col-group",
            ],
            metric_headers(lang),
        ),
        rows: board
            .leaderboard
            .iter()
            .enumerate()
            .map(|(i, r)| {
                let mut cells = vec![
                    Cell::Int(i as i64 + 1),
                    Cell::Text(r.nickname.clone()),
                    Cell::Text(r.guangguang_id.clone()),
                    Cell::Text(state_label(lang, "tag", &r.tag)),
                    Cell::opt_text(r.group.clone()),
                ];
                cells.extend(metric_cells(&r.metrics));
                cells
            })
            .collect(),
    };
    if format == mdesk_ipc::ExportFormat::Csv {
        let mut total = Metrics::default();
        board.leaderboard.iter().for_each(|r| total.add(&r.metrics));
        let mut cells = vec![
            Cell::Text(label(lang, "export-total-row")),
            Cell::Empty,
            Cell::Empty,
            Cell::Empty,
            Cell::Empty,
        ];
        cells.extend(metric_cells(&total));
        leaders.rows.push(cells);
        return export::write(format, &[leaders], path, progress);
    }
    let totals = Sheet {
        name: label(lang, "export-sheet-totals"),
        headers: with(
            &[
                "export-col-metric",
                "export-col-value",
                "export-col-previous",
                "export-col-change",
            ],
            Vec::new(),
        ),
        rows: Metric::ALL
            .iter()
            .map(|m| {
                let (now, before) = (board.totals.get(*m), board.previous_totals.get(*m));
                let cell = |v: i64| {
                    if *m == Metric::Amount {
                        Cell::Money(v)
                    } else {
                        Cell::Int(v)
                    }
                };
                vec![
                    Cell::Text(label(lang, &format!("export-metric-{}", m.as_str()))),
                    cell(now),
                    cell(before),
                    export::change(now, before).map_or(Cell::Empty, Cell::Percent),
                ]
            })
            .chain([vec![
                Cell::Text(label(lang, "export-col-period")),
                Cell::Text(format!("{} – {}", board.period.from, board.period.to)),
                Cell::Text(format!("{} – {}", board.previous.from, board.previous.to)),
                Cell::Empty,
            ]])
            .collect(),
    };
    let trend = Sheet {
        name: label(lang, "export-sheet-trend"),
        headers: with(&["export-col-date"], metric_headers(lang)),
        rows: board
            .trend
            .iter()
            .map(|p| {
                std::iter::once(Cell::Day(p.date.clone()))
                    .chain(metric_cells(&p.metrics))
                    .collect()
            })
            .collect(),
    };
    let subtotal_sheet = |name: &str, key_col: &str, rows: &[Subtotal], key: &dyn Fn(&str) -> String| Sheet {
        name: label(lang, name),
        headers: with(&[key_col, "export-col-accounts"], metric_headers(lang)),
        rows: rows
            .iter()
            .map(|s| {
                let mut cells = vec![Cell::Text(key(&s.key)), Cell::Int(i64::from(s.accounts))];
                cells.extend(metric_cells(&s.metrics));
                cells
            })
            .collect(),
    };
    let by_tag = subtotal_sheet("export-sheet-by-tag", "export-col-tag", &board.by_tag, &|k| {
        label(lang, &format!("tag-{k}"))
    });
    let by_group = subtotal_sheet("export-sheet-by-group", "export-col-group", &board.by_group, &|k| {
        if k.is_empty() {
            label(lang, "export-no-group")
        } else {
            k.to_owned()
        }
    });
    let mut top = works_sheet(lang, &board.top_works);
    top.name = label(lang, "export-sheet-top-works");
    export::write(format, &[totals, trend, leaders, top, by_tag, by_group], path, progress)
}

#[cfg(test)]
mod tests {
    use mdesk_ipc::Period;

    use super::*;
    use crate::works::tests::with_metrics;

    #[test]
    fn dashboard_totals_trend_and_leaderboard_come_from_the_account_rollup() {
        let st = with_metrics();
        let board = dashboard(
            &st,
            &mdesk_ipc::DashboardQuery {
                period: Period::Last { days: 7 },
                ..Default::default()
            },
        )
        .expect("dashboard");
        assert_eq!(board.totals.views, 65, "w1 35 + w2 30; not the other merchant's");
        assert_eq!(board.previous_totals.views, 500, "w2's 11-10 is in the 7 days before");
        assert_eq!(board.trend.len(), 7);
        assert_eq!(board.trend.iter().map(|p| p.metrics.views).sum::<i64>(), 65);
        assert_eq!(board.leaderboard.len(), 1);
        assert_eq!(board.leaderboard[0].metrics.orders, 4);
        assert_eq!(board.top_works.first().map(|w| w.id.as_str()), Some("w1"));
        assert_eq!(board.by_tag[0].key, "store");
        assert_eq!(board.data_through.as_deref(), Some("2026-11-20"));
    }

    #[test]
    fn the_dashboard_exports_as_a_workbook_and_its_leaderboard_as_csv() {
        let st = with_metrics();
        let dir = tempfile::tempdir().expect("dir");
        let q = DashboardQuery {
            period: Period::Last { days: 7 },
            ..Default::default()
        };
        let to = |f| crate::export::path(dir.path(), "dashboard", f);
        let xlsx = export(
            &st,
            &q,
            mdesk_ipc::ExportFormat::Xlsx,
            "zh-CN",
            &to(mdesk_ipc::ExportFormat::Xlsx),
            &mut |_| {},
        )
        .expect("xlsx");
        assert!(std::fs::metadata(&xlsx.path).expect("file").len() > 1000);
        let csv = export(
            &st,
            &q,
            mdesk_ipc::ExportFormat::Csv,
            "en",
            &to(mdesk_ipc::ExportFormat::Csv),
            &mut |_| {},
        )
        .expect("csv");
        let text = std::fs::read_to_string(&csv.path).expect("read");
        let lines: Vec<&str> = text.trim_start_matches('\u{feff}').lines().collect();
        assert_eq!(lines.len(), 3, "header, one account, total: {text}");
        assert!(lines[0].starts_with("Rank,Account"), "{}", lines[0]);
        assert!(lines[2].starts_with("Total,"), "{}", lines[2]);
        assert!(lines[2].contains(",65,"), "the total row sums the views: {}", lines[2]);
    }
}
