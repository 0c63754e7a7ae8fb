//! What exists only on this desk, copied from one database into another row by row: from a
//! damaged file into a fresh one (a repair), and from the live file into a backup.
//!
//! The platform's data (accounts, works, numbers, comments) is not copied: sync downloads it
//! again. What is copied: the outbox (every action, open and finished, under its own id, which
//! is its idempotency key) with its uploads' progress, drafts, the audit trail, settings, the
//! session's identity (never a token: those are in the keychain), notices with their read
//! flags, which comments were still unread, the merchant's own content-check words and the
//! material library.
//!
//! A row that cannot be read is skipped and counted; reading goes on after it. Rows are read
//! in rowid order from the table itself, never through an index, so a damaged index costs
//! nothing; a damaged page costs the rows on it.

use mdesk_ipc::{ActionState, SalvageCounts};
use rusqlite::types::Value;
use rusqlite::{params_from_iter, Connection, OptionalExtension, Row, Transaction};

use super::kv;
use crate::error::CoreResult;

/// A table of the desk's own, and which of its rows belong to the desk (`None`: all).
struct Local {
    table: &'static str,
    only: Option<&'static str>,
}

/// In an order that satisfies references (an upload's action comes before it).
const LOCAL: &[Local] = &[
    Local {
        table: "setting",
        only: None,
    },
    Local {
        table: "sync_state",
        only: Some("key LIKE 'session.%' OR key = 'recovery.unread_comments'"),
    },
    Local {
        table: "draft",
        only: None,
    },
    Local {
        table: "action",
        only: None,
    },
    Local {
        table: "audit_entry",
        only: None,
    },
    Local {
        table: "notice",
        only: None,
    },
    Local {
        table: "content_word",
        only: None,
    },
    Local {
        table: "material",
        only: None,
    },
];

/// How far past a damaged page to keep probing when the table's last rowid is unknown.
const PROBE_WITHOUT_MAX: i64 = 10_000;

/// Copies the desk's own rows from `src` into `dst` (a fresh database of this build's schema)
/// and counts what `dst` then holds. Never fails for a row or a table of `src`: what cannot be
/// read is counted in `unreadable` / `unreadable_tables`. Fails only when `dst` cannot be
/// written (a full disk).
pub fn copy_local(src: &Connection, dst: &Transaction<'_>) -> CoreResult<SalvageCounts> {
    let mut counts = SalvageCounts::default();
    for local in LOCAL {
        match copy_table(src, dst, local) {
            Ok(skipped) => counts.unreadable += skipped,
            Err(Stop::Source(e)) => {
                tracing::warn!(table = local.table, error = %e, "table unreadable");
                counts.unreadable_tables.push(local.table.to_owned());
            }
            Err(Stop::Destination(e)) => return Err(e.into()),
        }
    }
    counts.unreadable += copy_uploads(src, dst)?;
    match unread_comments(src) {
        Ok((ids, skipped)) => {
            counts.unreadable += skipped;
            merge_unread(dst, ids)?;
        }
        Err(e) => {
            tracing::warn!(error = %e, "unread marks unreadable");
            counts.unreadable_tables.push("comment".to_owned());
        }
    }
    tally(dst, &mut counts)?;
    Ok(counts)
}

/// Why copying a table stopped: its source is unreadable (go on with the next table), or the
/// destination refused a write (stop everything: the disk is full or the like).
enum Stop {
    Source(rusqlite::Error),
    Destination(rusqlite::Error),
}

fn columns(conn: &Connection, table: &str) -> rusqlite::Result<Vec<String>> {
    let mut stmt = conn.prepare(&format!("PRAGMA table_info(\"{table}\")"))?;
    let names = stmt.query_map([], |r| r.get::<_, String>(1))?;
    names.collect()
}

/// The columns both databases have, in the destination's order. An older schema simply has
/// fewer; the fresh database fills the rest with their defaults.
fn shared_columns(src: &Connection, dst: &Connection, table: &str) -> Result<Vec<String>, Stop> {
    let theirs = columns(src, table).map_err(Stop::Source)?;
    let ours = columns(dst, table).map_err(Stop::Destination)?;
    Ok(ours.into_iter().filter(|c| theirs.contains(c)).collect())
}

fn insert_sql(table: &str, cols: &[String]) -> String {
    let marks: Vec<String> = (1..=cols.len()).map(|i| format!("?{i}")).collect();
    format!(
        "INSERT OR IGNORE INTO \"{table}\" ({}) VALUES ({})",
        quoted(cols),
        marks.join(", ")
    )
}

fn quoted(cols: &[String]) -> String {
    cols.iter().map(|c| format!("\"{c}\"")).collect::<Vec<_>>().join(", ")
}

/// Copies one table; the number of rows that could not be read (or not be written back,
/// being garbage that breaks a constraint).
fn copy_table(src: &Connection, dst: &Transaction<'_>, local: &Local) -> Result<u64, Stop> {
    let cols = shared_columns(src, dst, local.table)?;
    if cols.is_empty() {
        return Ok(0); // a schema from before this table existed
    }
    let mut insert = dst
        .prepare(&insert_sql(local.table, &cols))
        .map_err(Stop::Destination)?;
    let mut write_error = None;
    let skipped = each_row(src, local.table, &cols, local.only, |values| {
        match insert.execute(params_from_iter(values)) {
            Ok(1) => true,
            Ok(_) => false,
            Err(e) if super::damage::is_disk_full(&e) => {
                write_error.get_or_insert(e);
                false
            }
            Err(_) => false,
        }
    })
    .map_err(Stop::Source)?;
    match write_error {
        Some(e) => Err(Stop::Destination(e)),
        None => Ok(skipped),
    }
}

/// The rowid and `n` values of a row.
fn values(row: &Row<'_>, n: usize) -> rusqlite::Result<(i64, Vec<Value>)> {
    let rowid = row.get(0)?;
    let values = (1..=n)
        .map(|i| row.get::<_, Value>(i))
        .collect::<rusqlite::Result<_>>()?;
    Ok((rowid, values))
}

/// Hands each readable row of `table` (its `cols`, in rowid order) to `each`, which answers
/// whether it kept the row. Returns the rows that could not be read or were not kept.
///
/// It scans; when the scan meets a damaged page it probes rowid by rowid until a row reads
/// again, counting each failed probe, and scans on from there. Fails only when the table
/// cannot be read at all (its schema or its root is damaged).
fn each_row(
    src: &Connection,
    table: &str,
    cols: &[String],
    only: Option<&str>,
    mut each: impl FnMut(&[Value]) -> bool,
) -> rusqlite::Result<u64> {
    let cond = only.map(|c| format!(" AND ({c})")).unwrap_or_default();
    let list = quoted(cols);
    let mut scan = src.prepare(&format!(
        "SELECT rowid, {list} FROM \"{table}\" WHERE rowid > ?1{cond} ORDER BY rowid"
    ))?;
    let mut one = src.prepare(&format!("SELECT rowid, {list} FROM \"{table}\" WHERE rowid = ?1{cond}"))?;
    let max: Option<i64> = src
        .query_row(&format!("SELECT max(rowid) FROM \"{table}\""), [], |r| r.get(0))
        .ok()
        .flatten();
    let mut after = i64::MIN;
    let mut skipped = 0u64;
    let mut first_scan = true;
    'scan: loop {
        let mut rows = match scan.query([after]) {
            Ok(rows) => rows,
            // The table's root page itself: nothing of it can be read.
            Err(e) if first_scan => return Err(e),
            Err(_) => return Ok(skipped),
        };
        first_scan = false;
        loop {
            match rows.next() {
                Ok(Some(row)) => match values(row, cols.len()) {
                    Ok((rowid, v)) => {
                        after = rowid;
                        if !each(&v) {
                            skipped += 1;
                        }
                    }
                    Err(_) => match row.get::<_, i64>(0) {
                        Ok(rowid) => {
                            after = rowid;
                            skipped += 1;
                        }
                        Err(_) => break,
                    },
                },
                Ok(None) => return Ok(skipped),
                Err(_) => break,
            }
        }
        // The scan stopped on a damaged page: probe the rowids after the last good one.
        after = after.max(0);
        let last = max.unwrap_or(after.saturating_add(PROBE_WITHOUT_MAX));
        while after < last {
            after += 1;
            match one.query_row([after], |r| values(r, cols.len())).optional() {
                Ok(Some((_, v))) => {
                    if !each(&v) {
                        skipped += 1;
                    }
                    continue 'scan;
                }
                Ok(None) => {} // no such row: a gap, not a loss
                Err(_) => skipped += 1,
            }
        }
        return Ok(skipped);
    }
}

/// Each saved action's files, read by their action (the table has no rowid to walk).
fn copy_uploads(src: &Connection, dst: &Transaction<'_>) -> CoreResult<u64> {
    let cols = match shared_columns(src, dst, "action_upload") {
        Ok(cols) if !cols.is_empty() => cols,
        Ok(_) => return Ok(0),
        Err(Stop::Source(_)) => return Ok(0),
        Err(Stop::Destination(e)) => return Err(e.into()),
    };
    let ids: Vec<String> = dst
        .prepare("SELECT id FROM action ORDER BY rowid")?
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    let Ok(mut read) = src.prepare(&format!(
        "SELECT {} FROM action_upload WHERE action_id = ?1 ORDER BY slot",
        quoted(&cols)
    )) else {
        return Ok(0);
    };
    let mut insert = dst.prepare(&insert_sql("action_upload", &cols))?;
    let mut skipped = 0;
    for id in ids {
        let rows = read.query_map([&id], |r| {
            (0..cols.len())
                .map(|i| r.get::<_, Value>(i))
                .collect::<rusqlite::Result<Vec<_>>>()
        });
        let rows = match rows.and_then(|r| r.collect::<rusqlite::Result<Vec<_>>>()) {
            Ok(rows) => rows,
            Err(_) => {
                skipped += 1;
                continue;
            }
        };
        for values in rows {
            match insert.execute(params_from_iter(values)) {
                Ok(1) => {}
                Ok(_) => skipped += 1,
                Err(e) if super::damage::is_disk_full(&e) => return Err(e.into()),
                Err(_) => skipped += 1,
            }
        }
    }
    Ok(skipped)
}

/// The ids of comments still unread on this desk, and how many rows could not be read.
fn unread_comments(src: &Connection) -> rusqlite::Result<(Vec<String>, u64)> {
    let cols = columns(src, "comment")?;
    if !cols.iter().any(|c| c == "read") {
        return Ok((Vec::new(), 0));
    }
    let mut ids = Vec::new();
    let skipped = each_row(src, "comment", &["id".to_owned()], Some("read = 0"), |v| {
        match v.first() {
            Some(Value::Text(id)) => {
                ids.push(id.clone());
                true
            }
            _ => false,
        }
    })?;
    Ok((ids, skipped))
}

/// Adds `ids` to the unread marks `dst` keeps until its first complete download.
fn merge_unread(dst: &Transaction<'_>, ids: Vec<String>) -> CoreResult<()> {
    let mut all = kv::salvaged_unread(dst)?;
    all.extend(ids);
    all.sort_unstable();
    all.dedup();
    kv::set_salvaged_unread(dst, &all)
}

/// What `dst` holds of each kind: a fresh database holds only what was saved.
fn tally(dst: &Transaction<'_>, counts: &mut SalvageCounts) -> CoreResult<()> {
    let count = |sql: &str| -> rusqlite::Result<u64> {
        dst.query_row(sql, [], |r| r.get::<_, i64>(0)).map(|n| n.max(0) as u64)
    };
    let open = format!(
        "SELECT COUNT(*) FROM action WHERE state IN {}",
        ActionState::sql_list(ActionState::is_open)
    );
    counts.open_actions = count(&open)?;
    counts.finished_actions = count("SELECT COUNT(*) FROM action")? - counts.open_actions;
    counts.uploads = count("SELECT COUNT(*) FROM action_upload")?;
    counts.drafts = count("SELECT COUNT(*) FROM draft")?;
    counts.audit_entries = count("SELECT COUNT(*) FROM audit_entry")?;
    counts.settings = count("SELECT COUNT(*) FROM setting")?;
    counts.notices = count("SELECT COUNT(*) FROM notice")?;
    counts.unread_marks = kv::salvaged_unread(dst)?.len() as u64;
    Ok(())
}
