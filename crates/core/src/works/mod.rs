//! Reading the signed-in merchant's works from the local database (all its accounts): the
//! Works screen's pages, one work's detail, offline full-text search. Nothing here needs the
//! network; everything is scoped to the merchant signed in last.

mod detail;
pub mod export;
pub mod query;
mod search;
#[cfg(test)]
pub(crate) mod tests;

use mdesk_ipc::{PeriodRange, WorkRow, WorksPage, WorksQuery};
use rusqlite::{params_from_iter, Connection};

use crate::covers;
use crate::error::{CoreError, CoreResult};
use crate::period;
use crate::session;
use crate::store::kv::{self, Setting};
use crate::store::Store;

pub use detail::detail;
pub use query::Numbers;
pub use search::marks;

/// Rows per page at most.
pub const MAX_PAGE: u32 = 500;

/// One page of the works `q` lets through.
pub fn list(store: &Store, q: &WorksQuery) -> CoreResult<WorksPage> {
    let (rows, period) = store.read(|conn| {
        let period = period::resolve(conn, &q.period)?;
        let Some(session) = session::current_in(conn)? else {
            return Ok((Vec::new(), period));
        };
        let limit = q.limit.clamp(1, MAX_PAGE);
        let (mut works, covers): (Vec<WorkRow>, Vec<Option<String>>) =
            rows_in(conn, &session.merchant_id, q, &period, Some((limit, q.offset)))?
                .into_iter()
                .unzip();
        crate::outbox::overlay_works(conn, &mut works)?;
        Ok((works.into_iter().zip(covers).collect(), period))
    })?;
    Ok(WorksPage {
        rows: covers::attach(store, rows, |w, c| w.cover = c),
        period,
    })
}

/// How many works `q`'s filters let through, on all pages.
pub fn count(store: &Store, q: &WorksQuery) -> CoreResult<u64> {
    store.read(|conn| {
        let Some(session) = session::current_in(conn)? else {
            return Ok(0);
        };
        let count = query::count(conn, &session.merchant_id, q)?;
        let total: i64 = conn
            .prepare_cached(&count.text)?
            .query_row(params_from_iter(count.params.iter()), |r| r.get(0))?;
        Ok(total.max(0) as u64)
    })
}

/// The rows of `q` for `merchant` over `period` (a page, or all of them), numbers filled in,
/// search matches marked; covers still as cached file names.
pub fn rows_in(
    conn: &Connection,
    merchant: &str,
    q: &WorksQuery,
    period: &PeriodRange,
    page: Option<(u32, u32)>,
) -> CoreResult<Vec<(WorkRow, Option<String>)>> {
    // A whole export sums every work's numbers in one pass rather than one by one.
    let numbers = Numbers::choose(conn, period, q.sort.is_some() || page.is_none())?;
    let sql = query::select(conn, merchant, q, &numbers, page)?;
    let mut stmt = conn.prepare_cached(&sql.text)?;
    let mut rows = stmt
        .query_map(params_from_iter(sql.params.iter()), query::row)?
        .collect::<Result<Vec<_>, _>>()?;
    if matches!(numbers, Numbers::Later) {
        query::fill_metrics(conn, &mut rows, period)?;
    }
    if let Some(needle) = query::search_text(q) {
        for (row, _) in &mut rows {
            row.title_marks = marks(&row.title, needle);
        }
    }
    Ok(rows)
}

/// The Works screen's filters, sort and period as last saved; the defaults the first time.
pub fn view(store: &Store) -> CoreResult<WorksQuery> {
    let saved = store.read(|conn| kv::setting(conn, Setting::WorksView))?;
    // A view saved by another version that no longer reads is not worth an error: start over.
    Ok(saved
        .and_then(|json| serde_json::from_str::<WorksQuery>(&json).ok())
        .map(|q| WorksQuery { offset: 0, ..q })
        .unwrap_or_default())
}

/// Remembers the Works screen's filters, sort and period (not the page).
pub fn save_view(store: &Store, q: &WorksQuery) -> CoreResult<()> {
    let json = serde_json::to_string(&WorksQuery { offset: 0, ..q.clone() })
        .map_err(|e| CoreError::InvalidInput(e.to_string()))?;
    store.write(|tx| kv::set_setting(tx, Setting::WorksView, Some(&json)))
}
