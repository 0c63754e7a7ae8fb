//! The SQL behind the Works screen: the filters, where the period's numbers come from, and the
//! order. One builder serves the page, the count, the export and the dashboard's top works.

use chrono::{Local, NaiveDate, TimeZone, Utc};
use mdesk_ipc::{Metric, Metrics, PeriodRange, WorkRow, WorksQuery};
use rusqlite::types::Value;
use rusqlite::{Connection, Row};

use super::search;
use crate::error::CoreResult;
use crate::period;

/// The column of `work_period_total` (and of the daily tables) a metric is kept in.
pub fn column(metric: Metric) -> &'static str {
    match metric {
        Metric::Exposure => "exposure",
        Metric::Views => "views",
        Metric::Interactions => "interactions",
        Metric::ShopTraffic => "shop_traffic",
        Metric::Orders => "orders",
        Metric::Amount => "amount_cents",
    }
}

/// Where a period's numbers come from.
#[derive(Debug, Clone)]
pub enum Numbers {
    /// The rollup has this period (7, 30 or 90 days ending at the newest day).
    Rolled(u32),
    /// Summed from the daily rows for every matching work (needed to sort by them).
    Summed(PeriodRange),
    /// Not in the query; the caller sums them for the rows it got ([`fill_metrics`]).
    Later,
}

impl Numbers {
    /// The cheapest source that can answer `range`, given whether rows are ordered by a number.
    pub fn choose(conn: &Connection, range: &PeriodRange, sorted_by_metric: bool) -> CoreResult<Self> {
        Ok(match period::rolled_up(conn, range)? {
            Some(days) => Numbers::Rolled(days),
            None if sorted_by_metric => Numbers::Summed(range.clone()),
            None => Numbers::Later,
        })
    }
}

/// A statement and its parameters, built in step.
#[derive(Debug, Default)]
pub struct Sql {
    pub text: String,
    pub params: Vec<Value>,
}

const SELECT: &str = "SELECT w.id, w.account_id, a.guangguang_id, a.nickname, a.tag, w.kind, w.title, c.path, \
     w.review_status, w.review_reason, w.inclusion_status, w.topic, w.topic_status, w.privacy, w.pinned, \
     w.published_at, w.scheduled_at, w.like_count, w.comment_count";

/// The time a work is listed under: published, or else scheduled.
pub const WORK_TIME: &str = "COALESCE(w.published_at, w.scheduled_at)";

fn metric_columns(numbers: &Numbers) -> String {
    let cols = [
        "exposure",
        "views",
        "interactions",
        "shop_traffic",
        "orders",
        "amount_cents",
    ];
    match numbers {
        Numbers::Rolled(_) => cols.map(|c| format!("t.{c}")).join(", "),
        Numbers::Summed(_) => cols.map(|c| format!("COALESCE(t.{c}, 0)")).join(", "),
        Numbers::Later => "0, 0, 0, 0, 0, 0".into(),
    }
}

/// The start of the local calendar day `d`, as the platform's UTC timestamps are written.
fn local_midnight_utc(d: NaiveDate) -> String {
    let midnight = d.and_hms_opt(0, 0, 0).unwrap_or_default();
    let instant = Local
        .from_local_datetime(&midnight)
        .earliest()
        .map(|t| t.with_timezone(&Utc))
        .unwrap_or_else(|| Utc.from_utc_datetime(&midnight));
    instant.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}

/// `FROM … WHERE …` of the works `q` lets through, for `merchant`. `works_first`: walk the
/// works in the order of an index on them (the time order) instead of letting SQLite start
/// from the merchant's accounts, which would sort every work before the first page.
fn from_where(
    sql: &mut Sql,
    conn: &Connection,
    merchant: &str,
    q: &WorksQuery,
    numbers: &Numbers,
    works_first: bool,
) -> CoreResult<()> {
    let join = if works_first { "CROSS JOIN" } else { "JOIN" };
    sql.text.push_str(&format!(
        " FROM work w {join} matrix_account a ON a.id = w.account_id LEFT JOIN media_cache c ON c.url = w.cover_url"
    ));
    match numbers {
        Numbers::Rolled(days) => {
            sql.text.push_str(&format!(
                " JOIN work_period_total t ON t.work_id = w.id AND t.days = {days}"
            ));
        }
        Numbers::Summed(range) => {
            sql.text.push_str(
                " LEFT JOIN (SELECT work_id, SUM(exposure) AS exposure, SUM(views) AS views, \
                 SUM(interactions) AS interactions, SUM(shop_traffic) AS shop_traffic, SUM(orders) AS orders, \
                 SUM(amount_cents) AS amount_cents FROM work_metric_daily WHERE date >= ? AND date <= ? \
                 GROUP BY work_id) t ON t.work_id = w.id",
            );
            sql.params.push(Value::Text(range.from.clone()));
            sql.params.push(Value::Text(range.to.clone()));
        }
        Numbers::Later => {}
    }
    sql.text.push_str(" WHERE w.deleted = 0 AND a.merchant_id = ?");
    sql.params.push(Value::Text(merchant.to_owned()));
    filters(sql, q)?;
    if let Some(needle) = search_text(q) {
        let (cond, params) = search::condition(conn, needle)?;
        sql.text.push_str(" AND ");
        sql.text.push_str(&cond);
        sql.params.extend(params);
    }
    Ok(())
}

/// ` AND …` for each of `q`'s filters other than the search text, on `w` and `a`.
fn filters(sql: &mut Sql, q: &WorksQuery) -> CoreResult<()> {
    let mut eq = |column: &str, value: Option<String>| {
        if let Some(v) = value {
            sql.text.push_str(&format!(" AND {column} = ?"));
            sql.params.push(Value::Text(v));
        }
    };
    eq("w.account_id", q.account_id.clone().filter(|s| !s.is_empty()));
    eq("a.tag", q.tag.map(|t| t.as_str().to_owned()));
    eq("a.local_group", q.group.clone().filter(|s| !s.is_empty()));
    eq("w.review_status", q.review_status.map(|s| s.as_str().to_owned()));
    eq("w.inclusion_status", q.inclusion_status.map(|s| s.as_str().to_owned()));
    eq("w.topic_status", q.topic_status.map(|s| s.as_str().to_owned()));
    eq("w.privacy", q.privacy.map(|s| s.as_str().to_owned()));
    eq("w.kind", q.kind.map(|s| s.as_str().to_owned()));
    if let Some(pinned) = q.pinned {
        sql.text.push_str(" AND w.pinned = ?");
        sql.params.push(Value::Integer(i64::from(pinned)));
    }
    if let Some(from) = q.published_from.as_deref().filter(|s| !s.is_empty()) {
        let day = period::parse_input_day(from)?;
        sql.text.push_str(&format!(" AND {WORK_TIME} >= ?"));
        sql.params.push(Value::Text(local_midnight_utc(day)));
    }
    if let Some(to) = q.published_to.as_deref().filter(|s| !s.is_empty()) {
        let day = period::parse_input_day(to)?;
        let next = day.succ_opt().unwrap_or(day);
        sql.text.push_str(&format!(" AND {WORK_TIME} < ?"));
        sql.params.push(Value::Text(local_midnight_utc(next)));
    }
    Ok(())
}

/// The search text, if there is one.
pub fn search_text(q: &WorksQuery) -> Option<&str> {
    Some(q.search.trim()).filter(|s| !s.is_empty())
}

/// The rows `q` selects, in its order; `page` adds its LIMIT and OFFSET.
pub fn select(
    conn: &Connection,
    merchant: &str,
    q: &WorksQuery,
    numbers: &Numbers,
    page: Option<(u32, u32)>,
) -> CoreResult<Sql> {
    let mut sql = Sql {
        text: format!("{SELECT}, {}", metric_columns(numbers)),
        params: Vec::new(),
    };
    from_where(&mut sql, conn, merchant, q, numbers, q.sort.is_none())?;
    let dir = if q.ascending { "ASC" } else { "DESC" };
    match (q.sort, numbers) {
        (Some(m), Numbers::Rolled(_)) => {
            // Exactly the index's order (days, metric, work_id): no sort step.
            sql.text
                .push_str(&format!(" ORDER BY t.{col} {dir}, t.work_id {dir}", col = column(m)));
        }
        (Some(m), _) => {
            sql.text.push_str(&format!(
                " ORDER BY COALESCE(t.{col}, 0) {dir}, w.id {dir}",
                col = column(m)
            ));
        }
        // Exactly the order of the `work_time` index (the time, then the id): no sort step.
        (None, _) => sql.text.push_str(&format!(" ORDER BY {WORK_TIME} {dir}, w.id {dir}")),
    }
    if let Some((limit, offset)) = page {
        sql.text.push_str(" LIMIT ? OFFSET ?");
        sql.params.push(Value::Integer(i64::from(limit)));
        sql.params.push(Value::Integer(i64::from(offset)));
    }
    Ok(sql)
}

/// One work of `merchant` (deleted or not), numbers left to [`fill_metrics`].
pub fn one(merchant: &str, work_id: &str) -> Sql {
    Sql {
        text: format!(
            "{SELECT}, {} FROM work w JOIN matrix_account a ON a.id = w.account_id \
             LEFT JOIN media_cache c ON c.url = w.cover_url WHERE a.merchant_id = ? AND w.id = ?",
            metric_columns(&Numbers::Later)
        ),
        params: vec![Value::Text(merchant.to_owned()), Value::Text(work_id.to_owned())],
    }
}

/// How many works `q` lets through. A search is counted from the index outward (its matches,
/// then their works), never by reading every work: with no other filter, from the index and the
/// keys alone.
pub fn count(conn: &Connection, merchant: &str, q: &WorksQuery) -> CoreResult<Sql> {
    if let Some(needle) = search_text(q) {
        let alone = !has_filters(q);
        if let Some(mut sql) = search::count(merchant, needle, alone) {
            if !alone {
                filters(&mut sql, q)?;
            }
            return Ok(sql);
        }
    }
    let mut sql = Sql {
        text: "SELECT COUNT(*)".into(),
        params: Vec::new(),
    };
    from_where(&mut sql, conn, merchant, q, &Numbers::Later, false)?;
    Ok(sql)
}

/// Whether `q` filters on anything but the search text.
fn has_filters(q: &WorksQuery) -> bool {
    q.account_id.as_deref().is_some_and(|s| !s.is_empty())
        || q.tag.is_some()
        || q.group.as_deref().is_some_and(|s| !s.is_empty())
        || q.review_status.is_some()
        || q.inclusion_status.is_some()
        || q.topic_status.is_some()
        || q.privacy.is_some()
        || q.kind.is_some()
        || q.pinned.is_some()
        || q.published_from.as_deref().is_some_and(|s| !s.is_empty())
        || q.published_to.as_deref().is_some_and(|s| !s.is_empty())
}

/// A row of [`select`]; the cover is the cached file's path until [`super::covers`] reads it.
pub fn row(r: &Row<'_>) -> rusqlite::Result<(WorkRow, Option<String>)> {
    Ok((
        WorkRow {
            id: r.get(0)?,
            account_id: r.get(1)?,
            guangguang_id: r.get(2)?,
            nickname: r.get(3)?,
            tag: r.get(4)?,
            kind: r.get(5)?,
            title: r.get(6)?,
            cover: None,
            review_status: r.get(8)?,
            review_reason: r.get(9)?,
            inclusion_status: r.get(10)?,
            topic: r.get(11)?,
            topic_status: r.get(12)?,
            privacy: r.get(13)?,
            pinned: r.get(14)?,
            published_at: r.get(15)?,
            scheduled_at: r.get(16)?,
            like_count: r.get(17)?,
            comment_count: r.get(18)?,
            metrics: metrics_at(r, 19)?,
            title_marks: Vec::new(),
            pending: Vec::new(),
            rejection: None,
        },
        r.get(7)?,
    ))
}

/// The six numbers in columns `first..first + 6` of a row, in [`Metric::ALL`]'s order.
pub fn metrics_at(r: &Row<'_>, first: usize) -> rusqlite::Result<Metrics> {
    Ok(Metrics {
        exposure: r.get(first)?,
        views: r.get(first + 1)?,
        interactions: r.get(first + 2)?,
        shop_traffic: r.get(first + 3)?,
        orders: r.get(first + 4)?,
        amount_cents: r.get(first + 5)?,
    })
}

/// Sums the period's numbers for rows selected with [`Numbers::Later`], in one query for the
/// whole page.
pub fn fill_metrics(conn: &Connection, rows: &mut [(WorkRow, Option<String>)], range: &PeriodRange) -> CoreResult<()> {
    if rows.is_empty() {
        return Ok(());
    }
    let ids = serde_json::to_string(&rows.iter().map(|(w, _)| w.id.as_str()).collect::<Vec<_>>())
        .map_err(|e| crate::CoreError::Corrupt(e.to_string()))?;
    let mut stmt = conn.prepare_cached(
        "SELECT work_id, SUM(exposure), SUM(views), SUM(interactions), SUM(shop_traffic), SUM(orders), \
         SUM(amount_cents) FROM work_metric_daily WHERE work_id IN (SELECT value FROM json_each(?1)) \
         AND date >= ?2 AND date <= ?3 GROUP BY work_id",
    )?;
    let mut sums = std::collections::HashMap::new();
    for row in stmt.query_map(rusqlite::params![ids, range.from, range.to], |r| {
        Ok((r.get::<_, String>(0)?, metrics_at(r, 1)?))
    })? {
        let (id, m) = row?;
        sums.insert(id, m);
    }
    for (row, _) in rows.iter_mut() {
        row.metrics = sums.remove(&row.id).unwrap_or_default();
    }
    Ok(())
}
