//! Notices: answers from matrix accounts (invitation accepted or declined, permission granted
//! or declined), actions the platform refused, review results of works and fans' new comments. Database triggers write them as sync
//! applies changes (migrations/0003); the shell turns new ones into desktop notifications.

use mdesk_ipc::Notice;
use rusqlite::Row;

use crate::error::CoreResult;
use crate::store::Store;

const COLS: &str = "seq, at, kind, subject, scope, action_kind, error_code, read, work_id, detail";

fn notice(r: &Row<'_>) -> rusqlite::Result<Notice> {
    Ok(Notice {
        seq: r.get(0)?,
        at: r.get(1)?,
        kind: r.get(2)?,
        subject: r.get(3)?,
        scope: r.get(4)?,
        action_kind: r.get(5)?,
        error_code: r.get(6)?,
        read: r.get(7)?,
        work_id: r.get(8)?,
        detail: r.get(9)?,
    })
}

/// Notices not yet shown as desktop notifications, oldest first; marks them shown.
pub fn take_undelivered(store: &Store) -> CoreResult<Vec<Notice>> {
    // Called after every status change: only write when there is something to take.
    let waiting: bool = store.read(|conn| {
        Ok(
            conn.query_row("SELECT EXISTS (SELECT 1 FROM notice WHERE delivered = 0)", [], |r| {
                r.get(0)
            })?,
        )
    })?;
    if !waiting {
        return Ok(Vec::new());
    }
    store.write(|tx| {
        let rows = tx
            .prepare_cached(&format!("SELECT {COLS} FROM notice WHERE delivered = 0 ORDER BY seq"))?
            .query_map([], notice)?
            .collect::<Result<Vec<_>, _>>()?;
        tx.prepare_cached("UPDATE notice SET delivered = 1 WHERE delivered = 0")?
            .execute([])?;
        Ok(rows)
    })
}

/// The latest notices, newest first.
pub fn list(store: &Store, limit: u32) -> CoreResult<Vec<Notice>> {
    store.read(|conn| {
        let mut stmt = conn.prepare_cached(&format!("SELECT {COLS} FROM notice ORDER BY seq DESC LIMIT ?1"))?;
        let rows = stmt.query_map([limit], notice)?;
        Ok(rows.collect::<Result<_, _>>()?)
    })
}

/// How many notices have not been seen in the app.
pub fn unread(store: &Store) -> CoreResult<u32> {
    store.read(|conn| Ok(conn.query_row("SELECT COUNT(*) FROM notice WHERE read = 0", [], |r| r.get(0))?))
}

/// The staff member has seen them all.
pub fn mark_all_read(store: &Store) -> CoreResult<()> {
    store.write(|tx| {
        tx.execute("UPDATE notice SET read = 1 WHERE read = 0", [])?;
        Ok(())
    })
}

/// The person has read the report of a repaired database: it is no longer shown.
pub fn dismiss_recovery(store: &Store) -> CoreResult<()> {
    store.write(|tx| crate::store::kv::set_recovery_report(tx, None))
}
