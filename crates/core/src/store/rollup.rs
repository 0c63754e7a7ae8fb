//! The period totals the Works screen sorts by (`work_period_total`, migration 0006): each
//! work's numbers over the last 7, 30 and 90 days of data, ending at the newest day any
//! metric has (`kv::rollup_through`).
//!
//! Kept exact in the transaction that applies a page of the change feed: the works a page
//! touched are summed again. When a page brings a newer day, every period moves, so the whole
//! table is rebuilt once, after the last page of that pull. Until then the rollup is stale and
//! readers sum the daily rows themselves ([`fresh_through`] tells them which).
//!
//! The merchant's daily totals (`merchant_metric_daily`, what the dashboard's totals and trend
//! read) follow the same rule: the days a page touched are summed again from the per-account
//! rollup, or the whole table is rebuilt after the pull.
//!
//! The per-account daily rollup (`account_metric_daily`) is kept by triggers (migration 0001).

use std::collections::{BTreeSet, HashMap};

use chrono::{Duration, NaiveDate};
use mdesk_ipc::{Metrics, ROLLED_UP_DAYS};
use rusqlite::{params, Connection, OptionalExtension, Transaction};

use crate::error::{CoreError, CoreResult};
use crate::store::kv;

/// The newest day any metric has, `YYYY-MM-DD`.
pub fn newest_day(conn: &Connection) -> CoreResult<Option<String>> {
    Ok(conn.query_row("SELECT MAX(date) FROM account_metric_daily", [], |r| r.get(0))?)
}

/// The day the rollup ends at when it is up to date with the data; `None` while it is stale.
pub fn fresh_through(conn: &Connection) -> CoreResult<Option<String>> {
    let through = kv::rollup_through(conn)?;
    Ok(if through.is_some() && through == newest_day(conn)? {
        through
    } else {
        None
    })
}

/// `YYYY-MM-DD` → a date, or a corrupt-database error.
pub fn parse_day(day: &str) -> CoreResult<NaiveDate> {
    NaiveDate::parse_from_str(day, "%Y-%m-%d").map_err(|_| CoreError::Corrupt(format!("day {day:?}")))
}

/// The first day of the `days` days that end at `through`.
pub fn first_day(through: NaiveDate, days: u32) -> NaiveDate {
    through - Duration::days(i64::from(days.max(1)) - 1)
}

/// What a page of the change feed touched: works that arrived or changed, and days of numbers.
#[derive(Debug, Default)]
pub struct Touched {
    works: BTreeSet<String>,
    /// Works that arrived or changed: numbers that came before them join the rollups now.
    arrived: BTreeSet<String>,
    days: BTreeSet<NaiveDate>,
}

impl Touched {
    pub fn work(&mut self, id: &str) {
        self.works.insert(id.to_owned());
        self.arrived.insert(id.to_owned());
    }

    pub fn metric(&mut self, work_id: &str, date: NaiveDate) {
        self.works.insert(work_id.to_owned());
        self.days.insert(date);
    }
}

/// After a page of the change feed was applied in `tx`. `last_page`: the pull ends with it.
pub fn after_page(tx: &Transaction<'_>, touched: &Touched, last_page: bool) -> CoreResult<()> {
    let newest = newest_day(tx)?;
    let through = kv::rollup_through(tx)?;
    match (&through, &newest) {
        (Some(t), Some(n)) if t == n => {
            refresh(tx, t, &touched.works)?;
            let mut days: BTreeSet<String> = touched.days.iter().map(NaiveDate::to_string).collect();
            let mut of_work = tx.prepare_cached("SELECT date FROM work_metric_daily WHERE work_id = ?1")?;
            for work in &touched.arrived {
                for d in of_work.query_map([work], |r| r.get::<_, String>(0))? {
                    days.insert(d?);
                }
            }
            refresh_days(tx, &days)
        }
        (_, Some(n)) if last_page => rebuild(tx, n),
        // A newer day arrived mid-pull: rebuilt after the last page.
        _ => Ok(()),
    }
}

const MERCHANT_SUMS: &str = "INSERT INTO merchant_metric_daily \
     (merchant_id, date, exposure, views, interactions, shop_traffic, orders, amount_cents) \
     SELECT a.merchant_id, d.date, SUM(d.exposure), SUM(d.views), SUM(d.interactions), SUM(d.shop_traffic), \
     SUM(d.orders), SUM(d.amount_cents) FROM account_metric_daily d JOIN matrix_account a ON a.id = d.account_id";

/// Sums the merchants' totals of these days again from the per-account rollup.
fn refresh_days(tx: &Transaction<'_>, days: &BTreeSet<String>) -> CoreResult<()> {
    let mut clear = tx.prepare_cached("DELETE FROM merchant_metric_daily WHERE date = ?1")?;
    let mut sum = tx.prepare_cached(&format!("{MERCHANT_SUMS} WHERE d.date = ?1 GROUP BY a.merchant_id"))?;
    for d in days {
        clear.execute([d])?;
        sum.execute([d])?;
    }
    Ok(())
}

/// Sums the touched works' periods again (a work that just arrived gets its rows), then their
/// accounts' periods.
fn refresh(tx: &Transaction<'_>, through: &str, works: &BTreeSet<String>) -> CoreResult<()> {
    let end = parse_day(through)?;
    let mut upsert = tx.prepare_cached(
        "INSERT INTO work_period_total (days, work_id, exposure, views, interactions, shop_traffic, orders, amount_cents) \
         SELECT ?4, w.id, COALESCE(SUM(m.exposure), 0), COALESCE(SUM(m.views), 0), COALESCE(SUM(m.interactions), 0), \
          COALESCE(SUM(m.shop_traffic), 0), COALESCE(SUM(m.orders), 0), COALESCE(SUM(m.amount_cents), 0) \
         FROM work w LEFT JOIN work_metric_daily m ON m.work_id = w.id AND m.date >= ?2 AND m.date <= ?3 \
         WHERE w.id = ?1 GROUP BY w.id \
         ON CONFLICT (days, work_id) DO UPDATE SET exposure = excluded.exposure, views = excluded.views, \
         interactions = excluded.interactions, shop_traffic = excluded.shop_traffic, orders = excluded.orders, \
         amount_cents = excluded.amount_cents",
    )?;
    let mut account_of = tx.prepare_cached("SELECT account_id FROM work WHERE id = ?1")?;
    let mut accounts = BTreeSet::new();
    for work in works {
        for days in ROLLED_UP_DAYS {
            upsert.execute(params![work, first_day(end, days).to_string(), through, days])?;
        }
        if let Some(account) = account_of.query_row([work], |r| r.get::<_, String>(0)).optional()? {
            accounts.insert(account);
        }
    }
    let mut clear = tx.prepare_cached("DELETE FROM account_period_total WHERE account_id = ?1")?;
    let mut sum = tx.prepare_cached(&format!("{ACCOUNT_SUMS} WHERE w.account_id = ?1 GROUP BY t.days"))?;
    for account in &accounts {
        clear.execute([account])?;
        sum.execute([account])?;
    }
    Ok(())
}

const ACCOUNT_SUMS: &str = "INSERT INTO account_period_total \
     (days, account_id, exposure, views, interactions, shop_traffic, orders, amount_cents) \
     SELECT t.days, w.account_id, SUM(t.exposure), SUM(t.views), SUM(t.interactions), SUM(t.shop_traffic), \
     SUM(t.orders), SUM(t.amount_cents) FROM work_period_total t JOIN work w ON w.id = t.work_id";

/// Builds every work's periods ending at `through` from the daily rows, in one pass over them.
pub fn rebuild(tx: &Transaction<'_>, through: &str) -> CoreResult<()> {
    let end = parse_day(through)?;
    let [d7, d30, d90] = ROLLED_UP_DAYS.map(|days| first_day(end, days).to_string());
    let mut sums: HashMap<String, [Metrics; 3]> = HashMap::new();
    {
        let mut stmt = tx.prepare(
            "SELECT work_id, date >= ?1, date >= ?2, exposure, views, interactions, shop_traffic, orders, amount_cents \
             FROM work_metric_daily WHERE date >= ?3 AND date <= ?4",
        )?;
        let mut rows = stmt.query(params![d7, d30, d90, through])?;
        let mut last: Option<(String, [Metrics; 3])> = None;
        while let Some(r) = rows.next()? {
            let work: String = r.get(0)?;
            let m = Metrics {
                exposure: r.get(3)?,
                views: r.get(4)?,
                interactions: r.get(5)?,
                shop_traffic: r.get(6)?,
                orders: r.get(7)?,
                amount_cents: r.get(8)?,
            };
            // Rows come in key order (work, date): sum a work's run, then move on.
            let entry = match &mut last {
                Some((id, acc)) if *id == work => acc,
                _ => {
                    if let Some((id, acc)) = last.take() {
                        merge(&mut sums, id, acc);
                    }
                    &mut last.insert((work, [Metrics::default(); 3])).1
                }
            };
            if r.get::<_, bool>(1)? {
                entry[0].add(&m);
            }
            if r.get::<_, bool>(2)? {
                entry[1].add(&m);
            }
            entry[2].add(&m);
        }
        if let Some((id, acc)) = last {
            merge(&mut sums, id, acc);
        }
    }
    tx.execute("DELETE FROM work_period_total", [])?;
    let works: Vec<String> = tx
        .prepare("SELECT id FROM work ORDER BY id")?
        .query_map([], |r| r.get(0))?
        .collect::<Result<_, _>>()?;
    let mut insert = tx.prepare_cached(
        "INSERT INTO work_period_total (days, work_id, exposure, views, interactions, shop_traffic, orders, amount_cents) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    )?;
    let zero = [Metrics::default(); 3];
    for (i, days) in ROLLED_UP_DAYS.iter().enumerate() {
        for work in &works {
            let m = sums.get(work).unwrap_or(&zero)[i];
            insert.execute(params![
                days,
                work,
                m.exposure,
                m.views,
                m.interactions,
                m.shop_traffic,
                m.orders,
                m.amount_cents
            ])?;
        }
    }
    tx.execute("DELETE FROM account_period_total", [])?;
    tx.execute(&format!("{ACCOUNT_SUMS} GROUP BY t.days, w.account_id"), [])?;
    tx.execute("DELETE FROM merchant_metric_daily", [])?;
    tx.execute(&format!("{MERCHANT_SUMS} GROUP BY a.merchant_id, d.date"), [])?;
    kv::set_rollup_through(tx, Some(through))
}

fn merge(sums: &mut HashMap<String, [Metrics; 3]>, work: String, run: [Metrics; 3]) {
    let into = sums.entry(work).or_insert([Metrics::default(); 3]);
    for (total, part) in into.iter_mut().zip(run.iter()) {
        total.add(part);
    }
}
