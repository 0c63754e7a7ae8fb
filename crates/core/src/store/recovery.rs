//! Repairing a damaged database without deleting anything.
//!
//! 1. A marker file beside the database names where the damaged copy goes
//!    (`matrix-desk.damaged-<time>.sqlite3`).
//! 2. The database, with its `-wal` and `-shm`, moves there.
//! 3. A fresh database is built beside it (`matrix-desk.repairing.sqlite3`), and what exists
//!    only on this desk is salvaged into it ([`super::salvage`]): from the damaged copy, or,
//!    when that cannot be read at all, from the newest good backup ([`super::backup`]).
//! 4. The fresh database takes the original's name (one rename), and the marker goes.
//!
//! Every step can be repeated: a crash anywhere leaves the marker, and the next open resumes
//! from it. Sync then downloads the platform's data from the start; the salvaged actions keep
//! their ids, which are their idempotency keys, so none is applied twice.

use std::path::{Path, PathBuf};

use chrono::Utc;
use mdesk_ipc::{RecoveryReport, RecoverySource, SalvageCounts};
use rusqlite::{Connection, OpenFlags};
use serde::{Deserialize, Serialize};

use super::{backup, kv, salvage};
use crate::error::{CoreError, CoreResult};

/// What the marker file records: the damaged copy's name and when the repair began.
#[derive(Debug, Serialize, Deserialize)]
struct Marker {
    damaged: String,
    at: String,
}

fn with_suffix(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(suffix);
    PathBuf::from(name)
}

fn marker_path(db: &Path) -> PathBuf {
    with_suffix(db, ".repairing")
}

fn scratch_path(db: &Path) -> PathBuf {
    with_suffix(db, ".repairing.sqlite3")
}

/// A repair was started and has not finished: the next open resumes it.
pub fn interrupted(db: &Path) -> bool {
    marker_path(db).exists()
}

fn stem(db: &Path) -> String {
    db.file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "matrix-desk".into())
}

/// A name for the damaged copy that no file has yet.
fn damaged_name(db: &Path, now: chrono::DateTime<Utc>) -> PathBuf {
    let dir = db.parent().unwrap_or(Path::new("."));
    let base = format!("{}.damaged-{}", stem(db), now.format("%Y%m%dT%H%M%SZ"));
    crate::files::free_name(dir, &base, "sqlite3")
}

/// Writes `bytes` to `path` so that it is either all there or not at all, and on disk.
pub(crate) fn write_durably(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    use std::io::Write;
    let tmp = with_suffix(path, ".tmp");
    let written = (|| {
        let mut f = std::fs::File::create(&tmp)?;
        f.write_all(bytes)?;
        f.sync_all()
    })();
    if let Err(e) = written.and_then(|()| std::fs::rename(&tmp, path)) {
        let _ = std::fs::remove_file(&tmp);
        return Err(e);
    }
    sync_dir(path);
    Ok(())
}

/// Makes a rename in `path`'s folder durable (Unix; elsewhere the rename is already).
pub(crate) fn sync_dir(path: &Path) {
    #[cfg(unix)]
    if let Some(dir) = path.parent() {
        if let Err(e) = std::fs::File::open(dir).and_then(|d| d.sync_all()) {
            tracing::warn!(error = %e, "could not sync the data folder");
        }
    }
    #[cfg(not(unix))]
    let _ = path;
}

fn read_marker(db: &Path) -> CoreResult<Option<Marker>> {
    match std::fs::read(marker_path(db)) {
        Ok(bytes) => Ok(serde_json::from_slice(&bytes).ok()),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(e.into()),
    }
}

/// Repairs the database at `db` (closed by the caller), or finishes a repair a crash
/// interrupted. The report is also stored in the fresh database, for the window to show.
pub fn repair(db: &Path) -> CoreResult<RecoveryReport> {
    let marker = match read_marker(db)? {
        Some(m) => m,
        None => {
            let now = Utc::now();
            let m = Marker {
                damaged: damaged_name(db, now).to_string_lossy().into_owned(),
                at: now.to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
            };
            let json = serde_json::to_vec(&m).map_err(|e| CoreError::Corrupt(format!("repair marker: {e}")))?;
            write_durably(&marker_path(db), &json)?;
            m
        }
    };
    let damaged = PathBuf::from(&marker.damaged);
    tracing::error!(damaged = %damaged.display(), "the local database is damaged; repairing");
    let scratch = scratch_path(db);
    if damaged.exists() && db.exists() && !scratch.exists() {
        // The crash came after the fresh database took its place: only the marker is left.
        return finish(db);
    }
    move_aside(db, &damaged)?;
    let report = rebuild(&scratch, &damaged, &marker.at)?;
    std::fs::rename(&scratch, db)?;
    sync_dir(db);
    std::fs::remove_file(marker_path(db))?;
    sync_dir(db);
    tracing::warn!(?report, "the local database was repaired");
    Ok(report)
}

/// The repair had finished but for removing its marker.
fn finish(db: &Path) -> CoreResult<RecoveryReport> {
    let conn = Connection::open(db)?;
    let report = kv::recovery_report(&conn)?
        .ok_or_else(|| CoreError::Corrupt("a repaired database without its report".into()))?;
    drop(conn);
    std::fs::remove_file(marker_path(db))?;
    Ok(report)
}

/// Moves the database and its `-wal`/`-shm` to the damaged copy's name; each part only if it
/// is still where it was, so a repeat after a crash moves the rest.
fn move_aside(db: &Path, damaged: &Path) -> CoreResult<()> {
    for suffix in ["", "-wal", "-shm", "-journal"] {
        let from = with_suffix(db, suffix);
        let to = with_suffix(damaged, suffix);
        if from.exists() && !to.exists() {
            std::fs::rename(&from, &to)?;
        }
    }
    sync_dir(db);
    Ok(())
}

/// Opens a database without writing to it, if its schema can be read at all.
pub(crate) fn open_readable(path: &Path) -> Option<Connection> {
    let readable = |conn: &Connection| conn.query_row("SELECT COUNT(*) FROM sqlite_master", [], |r| r.get::<_, i64>(0));
    let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    if let Ok(conn) = Connection::open_with_flags(path, flags) {
        if readable(&conn).is_ok() {
            return Some(conn);
        }
    }
    // A WAL without its `-shm` cannot be opened read-only; read-write replays it.
    let conn = Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )
    .ok()?;
    conn.pragma_update(None, "query_only", true).ok()?;
    readable(&conn).ok().map(|_| conn)
}

/// Builds the fresh database at `scratch` (starting over if a crash left one) and salvages
/// into it.
fn rebuild(scratch: &Path, damaged: &Path, at: &str) -> CoreResult<RecoveryReport> {
    for suffix in ["", "-journal", "-wal", "-shm"] {
        let part = with_suffix(scratch, suffix);
        if part.exists() {
            std::fs::remove_file(part)?; // our own unfinished work, never the user's data
        }
    }
    let (source, from) = match open_readable(damaged) {
        Some(conn) => (RecoverySource::DamagedCopy, Some(conn)),
        None => match backup::newest_good(damaged.parent().unwrap_or(Path::new("."))) {
            Some((conn, taken_at)) => (RecoverySource::Backup { taken_at }, Some(conn)),
            None => (RecoverySource::Nothing, None),
        },
    };
    let mut conn = Connection::open(scratch)?;
    conn.execute_batch("PRAGMA journal_mode = DELETE; PRAGMA synchronous = FULL; PRAGMA foreign_keys = OFF;")?;
    super::migrate::migrate(&mut conn)?;
    let tx = conn.transaction()?;
    let saved = match &from {
        Some(src) => salvage::copy_local(src, &tx)?,
        None => SalvageCounts::default(),
    };
    let report = RecoveryReport {
        at: at.to_owned(),
        damaged_file: damaged.to_string_lossy().into_owned(),
        source,
        saved,
    };
    kv::set_recovery_report(&tx, Some(&report))?;
    tx.commit()?;
    drop(from);
    conn.close().map_err(|(_, e)| e)?;
    std::fs::File::open(scratch)?.sync_all()?;
    Ok(report)
}
