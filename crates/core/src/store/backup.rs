//! Backups of the desk's own data, for the day a damaged database cannot be read at all.
//!
//! At most one a day, taken at idle: the same tables a repair salvages ([`super::salvage`]),
//! not the platform's data, copied through a second, read-only connection (so the window
//! keeps working) into a temporary file, checked with `quick_check`, made durable, then
//! renamed into `backups/`. The newest [`KEEP`] are kept.

use std::path::{Path, PathBuf};

use chrono::{DateTime, NaiveDateTime, Utc};
use rusqlite::{Connection, OpenFlags};

use super::recovery::{open_readable, sync_dir};
use super::salvage;
use crate::error::{CoreError, CoreResult};

/// How many backups are kept.
pub const KEEP: usize = 2;
/// A backup is due when the newest is older than this.
pub const EVERY: chrono::Duration = chrono::Duration::hours(24);

const PREFIX: &str = "local-";
const SUFFIX: &str = ".sqlite3";
const TIME: &str = "%Y%m%dT%H%M%SZ";

/// The backups folder of the database at `db`.
pub fn folder(db: &Path) -> PathBuf {
    db.parent().unwrap_or(Path::new(".")).join("backups")
}

/// Every finished backup in `folder` with the time it was taken, newest first.
pub fn list(folder: &Path) -> Vec<(PathBuf, DateTime<Utc>)> {
    let Ok(entries) = std::fs::read_dir(folder) else {
        return Vec::new();
    };
    let mut found: Vec<(PathBuf, DateTime<Utc>)> = entries
        .filter_map(Result::ok)
        .filter_map(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            let time = name.strip_prefix(PREFIX)?.strip_suffix(SUFFIX)?;
            let at = NaiveDateTime::parse_from_str(time, TIME).ok()?.and_utc();
            Some((e.path(), at))
        })
        .collect();
    found.sort_by_key(|f| std::cmp::Reverse(f.1));
    found
}

/// True when the newest backup is older than [`EVERY`] (or there is none).
pub fn due(db: &Path, now: DateTime<Utc>) -> bool {
    list(&folder(db)).first().is_none_or(|(_, at)| now - *at >= EVERY)
}

/// SQLite's `quick_check` says the file is sound. A check that cannot even run is a "no".
pub fn quick_check(conn: &Connection) -> bool {
    conn.query_row("PRAGMA quick_check", [], |r| r.get::<_, String>(0))
        .is_ok_and(|first| first == "ok")
}

/// Takes a backup of the database at `db` now; its path.
pub fn take(db: &Path, now: DateTime<Utc>) -> CoreResult<PathBuf> {
    let dir = folder(db);
    std::fs::create_dir_all(&dir)?;
    let done = dir.join(format!("{PREFIX}{}{SUFFIX}", now.format(TIME)));
    let tmp = dir.join(format!(".{PREFIX}{}{SUFFIX}.tmp", now.format(TIME)));
    let result = write(db, &tmp).and_then(|()| {
        std::fs::rename(&tmp, &done)?;
        sync_dir(&done);
        Ok(())
    });
    if let Err(e) = result {
        for part in [tmp.clone(), tmp.with_extension("tmp-journal")] {
            let _ = std::fs::remove_file(part);
        }
        return Err(e);
    }
    for (old, _) in list(&dir).into_iter().skip(KEEP) {
        if let Err(e) = std::fs::remove_file(&old) {
            tracing::warn!(file = %old.display(), error = %e, "old backup not removed");
        }
    }
    Ok(done)
}

/// Takes a backup if one is [`due`]; the new backup's path.
pub fn take_if_due(db: &Path, now: DateTime<Utc>) -> CoreResult<Option<PathBuf>> {
    if !due(db, now) {
        return Ok(None);
    }
    take(db, now).map(Some)
}

fn write(db: &Path, tmp: &Path) -> CoreResult<()> {
    if tmp.exists() {
        std::fs::remove_file(tmp)?;
    }
    let src = Connection::open_with_flags(db, OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX)?;
    src.busy_timeout(std::time::Duration::from_secs(5))?;
    // One read transaction: the backup is one moment of the database.
    src.execute_batch("BEGIN")?;
    let mut dst = Connection::open(tmp)?;
    dst.execute_batch("PRAGMA journal_mode = DELETE; PRAGMA synchronous = FULL; PRAGMA foreign_keys = OFF;")?;
    super::migrate::migrate(&mut dst)?;
    let tx = dst.transaction()?;
    let counts = salvage::copy_local(&src, &tx)?;
    tx.commit()?;
    src.execute_batch("COMMIT")?;
    if counts.unreadable > 0 || !counts.unreadable_tables.is_empty() {
        // The live database is itself damaged: this would be a worse backup than the last.
        return Err(CoreError::Corrupt(format!(
            "backup skipped: {} rows unreadable in the live database",
            counts.unreadable
        )));
    }
    if !quick_check(&dst) {
        return Err(CoreError::Corrupt("the new backup failed its check".into()));
    }
    dst.close().map_err(|(_, e)| e)?;
    std::fs::File::open(tmp)?.sync_all()?;
    Ok(())
}

/// The newest backup in `data_dir/backups` that opens and passes its check, with the time it
/// was taken (RFC 3339).
pub fn newest_good(data_dir: &Path) -> Option<(Connection, String)> {
    list(&data_dir.join("backups")).into_iter().find_map(|(path, at)| {
        let conn = open_readable(&path)?;
        quick_check(&conn).then(|| (conn, at.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)))
    })
}
