//! Reading works from the local database (all accounts), with the filters of the Works screen.

use mdesk_ipc::{ReviewStatus, WorkRow};
use rusqlite::params;

use crate::error::CoreResult;
use crate::store::Store;

/// Which works to list; `None` means any.
#[derive(Debug, Clone, Default)]
pub struct WorkFilter {
    pub account_id: Option<String>,
    pub review_status: Option<ReviewStatus>,
    pub limit: u32,
}

pub fn list(store: &Store, filter: &WorkFilter) -> CoreResult<Vec<WorkRow>> {
    store.read(|conn| list_in(conn, filter))
}

fn list_in(conn: &rusqlite::Connection, filter: &WorkFilter) -> CoreResult<Vec<WorkRow>> {
    let limit = if filter.limit == 0 { 100 } else { filter.limit };
    let mut stmt = conn.prepare_cached(
        "SELECT w.id, w.account_id, a.guangguang_id, a.nickname, w.kind, w.title, w.review_status, w.review_reason, \
         w.inclusion_status, w.privacy, w.pinned, w.published_at, w.like_count, w.comment_count \
         FROM work w JOIN matrix_account a ON a.id = w.account_id \
         WHERE w.deleted = 0 AND (?1 IS NULL OR w.account_id = ?1) AND (?2 IS NULL OR w.review_status = ?2) \
         ORDER BY w.published_at DESC, w.id DESC LIMIT ?3",
    )?;
    let rows = stmt.query_map(params![filter.account_id, filter.review_status, limit], |r| {
        Ok(WorkRow {
            id: r.get(0)?,
            account_id: r.get(1)?,
            guangguang_id: r.get(2)?,
            nickname: r.get(3)?,
            kind: r.get(4)?,
            title: r.get(5)?,
            review_status: r.get(6)?,
            review_reason: r.get(7)?,
            inclusion_status: r.get(8)?,
            privacy: r.get(9)?,
            pinned: r.get(10)?,
            published_at: r.get(11)?,
            like_count: r.get(12)?,
            comment_count: r.get(13)?,
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}
