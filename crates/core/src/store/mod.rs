//! The local SQLite store: the one connection, its lock, and the schema from `migrations/`.
//!
//! The store owns its lock. Reads run in [`Store::read`] with a `&Connection` on which SQLite
//! refuses writes (`query_only`); writes run in [`Store::write`] with a `&Transaction`, so a
//! write outside a transaction fails. Closures are synchronous: nothing can hold the lock
//! across a network call, a keychain call or an `.await`.

mod accounts;
mod apply;
pub mod backup;
pub mod damage;
pub mod grams;
pub mod kv;
mod migrate;
mod recovery;
pub mod rollup;
mod salvage;

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Mutex, MutexGuard};
use std::time::Duration;

use mdesk_ipc::RecoveryReport;
use rusqlite::{Connection, Transaction};

use crate::error::{CoreError, CoreResult};

pub use accounts::list_accounts;
pub use apply::apply_change;
pub use migrate::{MIGRATIONS, SCHEMA_VERSION};

/// The app's database. Share it as `Arc<Store>`; every method takes `&self`.
pub struct Store {
    conn: Mutex<Connection>,
    /// The database file; `None` in memory.
    path: Option<PathBuf>,
    /// Set when a statement answered that the file is damaged; the sync worker repairs it.
    damaged: AtomicBool,
    /// The repair [`Store::open`] made, if it made one.
    repaired_at_open: Option<RecoveryReport>,
    /// How commits reach the disk; [`Durability::AsShipped`] but in the durability benchmark.
    durability: Mutex<Durability>,
}

/// How commits reach the disk. The app always runs [`Durability::AsShipped`]; the others
/// exist so the benchmark can measure what the choice costs (docs/benchmarks.md).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Durability {
    /// The desk's own writes wait for the disk (`FULL`); the platform's pages do not.
    AsShipped,
    /// Every commit waits for the disk, the platform's pages too.
    AllFull,
    /// No commit waits for the disk (SQLite's `NORMAL` in WAL mode: consistent, not durable).
    AllNormal,
}

impl Store {
    /// Opens (creating if needed) and migrates the database at `path`. A damaged database is
    /// repaired first ([`recovery`]): moved aside, never deleted, with the desk's own data
    /// salvaged; so is one whose repair a crash interrupted. The report is then in
    /// [`kv::recovery_report`].
    pub fn open(path: &Path) -> CoreResult<Self> {
        let mut repaired = None;
        if recovery::interrupted(path) {
            repaired = Some(recovery::repair(path).map_err(repair_failed)?);
        }
        let conn = match connect(path) {
            Err(e) if e.is_damage() => {
                tracing::error!(error = %e, "the local database is damaged");
                repaired = Some(recovery::repair(path).map_err(repair_failed)?);
                connect(path)?
            }
            other => other?,
        };
        let mut store = Self::with(conn, Some(path.to_owned()));
        store.repaired_at_open = repaired;
        Ok(store)
    }

    /// A private in-memory database, for tests.
    pub fn open_in_memory() -> CoreResult<Self> {
        let mut conn = Connection::open_in_memory()?;
        init(&mut conn)?;
        Ok(Self::with(conn, None))
    }

    fn with(conn: Connection, path: Option<PathBuf>) -> Self {
        Self {
            conn: Mutex::new(conn),
            path,
            damaged: AtomicBool::new(false),
            repaired_at_open: None,
            durability: Mutex::new(Durability::AsShipped),
        }
    }

    /// For the durability benchmark only: how commits reach the disk from now on.
    #[doc(hidden)]
    pub fn set_durability(&self, d: Durability) {
        *self.durability.lock().unwrap_or_else(|p| p.into_inner()) = d;
    }

    /// `synchronous` for a write of the desk's own data (`own`) or of the platform's.
    fn synchronous(&self, own: bool) -> &'static str {
        match (*self.durability.lock().unwrap_or_else(|p| p.into_inner()), own) {
            (Durability::AllFull, _) | (Durability::AsShipped, true) => "FULL",
            (Durability::AllNormal, _) | (Durability::AsShipped, false) => "NORMAL",
        }
    }

    /// The report of the repair [`Store::open`] made just now (the CLI prints it).
    pub fn repaired_at_open(&self) -> Option<&RecoveryReport> {
        self.repaired_at_open.as_ref()
    }

    /// The database file; `None` in memory.
    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    /// The folder of cached media (covers) beside the database file; `None` in memory.
    pub fn media_dir(&self) -> Option<PathBuf> {
        self.path.as_ref().and_then(|p| p.parent()).map(|d| d.join("media"))
    }

    /// A statement answered that the file is damaged (since the last repair).
    pub fn is_damaged(&self) -> bool {
        self.damaged.load(Ordering::Relaxed)
    }

    /// Notes that `result` found the file damaged (for [`Store::is_damaged`]).
    fn watch<T>(&self, result: CoreResult<T>) -> CoreResult<T> {
        if let Err(e) = &result {
            if e.is_damage() {
                self.damaged.store(true, Ordering::Relaxed);
            }
        }
        result
    }

    /// Checks the whole file (`PRAGMA quick_check`) through a connection of its own, so the
    /// window keeps working meanwhile; true when sound. A damaged file is also noted for
    /// [`Store::is_damaged`]. In memory there is nothing to check.
    pub fn quick_check(&self) -> CoreResult<bool> {
        let Some(path) = &self.path else { return Ok(true) };
        let conn = Connection::open_with_flags(path, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)?;
        conn.busy_timeout(Duration::from_secs(5))?;
        let sound = backup::quick_check(&conn);
        if !sound {
            self.damaged.store(true, Ordering::Relaxed);
        }
        Ok(sound)
    }

    /// Repairs the database while the app runs: closes it, repairs it ([`recovery`]) and
    /// opens the fresh one. Reads and writes wait meanwhile. When the repair fails the store
    /// stays closed (every call fails) and the next start resumes the repair.
    pub fn repair(&self) -> CoreResult<RecoveryReport> {
        let Some(path) = &self.path else {
            return Err(CoreError::InvalidInput(
                "an in-memory database has nothing to repair".into(),
            ));
        };
        let mut conn = self.lock();
        let closed = std::mem::replace(&mut *conn, Connection::open_in_memory()?);
        if let Err((_, e)) = closed.close() {
            tracing::warn!(error = %e, "the damaged database did not close cleanly");
        }
        let report = recovery::repair(path).map_err(repair_failed)?;
        *conn = connect(path)?;
        self.damaged.store(false, Ordering::Relaxed);
        Ok(report)
    }

    /// A poisoned lock only means another thread panicked; SQLite rolled back whatever it had
    /// open, so the connection is still consistent.
    fn lock(&self) -> MutexGuard<'_, Connection> {
        self.conn.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Runs `f` with read access. Reads that belong together go in one call, so they see one
    /// state of the database.
    pub fn read<T>(&self, f: impl FnOnce(&Connection) -> CoreResult<T>) -> CoreResult<T> {
        let conn = self.lock();
        let result = QueryOnly::on(&conn).and_then(|reading| f(reading.0));
        self.watch(result)
    }

    /// Runs `f` in one write transaction; commits when it returns `Ok`, rolls back otherwise.
    /// The commit is durable (`synchronous = FULL`): what the window then calls queued,
    /// drafted or recorded survives a power loss.
    pub fn write<T>(&self, f: impl FnOnce(&Transaction<'_>) -> CoreResult<T>) -> CoreResult<T> {
        self.write_as(true, f)
    }

    /// [`Store::write`] for the platform's data, which sync downloads again if a power loss
    /// takes the last pages: committed without waiting for the disk (`synchronous = NORMAL`,
    /// still atomic and consistent). The figures are in docs/benchmarks.md.
    pub fn write_replaceable<T>(&self, f: impl FnOnce(&Transaction<'_>) -> CoreResult<T>) -> CoreResult<T> {
        self.write_as(false, f)
    }

    fn write_as<T>(&self, own: bool, f: impl FnOnce(&Transaction<'_>) -> CoreResult<T>) -> CoreResult<T> {
        let mode = self.synchronous(own);
        let mut conn = self.lock();
        let result = conn
            .pragma_update(None, "synchronous", mode)
            .map_err(CoreError::from)
            .and_then(|()| transact(&mut conn, f));
        self.watch(result)
    }
}

/// A repair that could not finish: a full disk stays a full disk (it passes by itself, and
/// the next start resumes); anything else is [`CoreError::RepairFailed`].
fn repair_failed(e: CoreError) -> CoreError {
    if e.is_disk_full() || matches!(e, CoreError::RepairFailed(_)) {
        e
    } else {
        CoreError::RepairFailed(e.to_string())
    }
}

fn transact<T>(conn: &mut Connection, f: impl FnOnce(&Transaction<'_>) -> CoreResult<T>) -> CoreResult<T> {
    let tx = conn.transaction()?;
    let out = f(&tx)?;
    tx.commit()?;
    Ok(out)
}

/// Opens the database file and brings it to this build's schema.
fn connect(path: &Path) -> CoreResult<Connection> {
    let mut conn = Connection::open(path)?;
    init(&mut conn)?;
    Ok(conn)
}

fn init(conn: &mut Connection) -> CoreResult<()> {
    // Another process (the CLI) may write at the same moment: wait for it, don't fail.
    conn.busy_timeout(Duration::from_secs(5))?;
    // A 32 MB page cache (SQLite's default is 2 MB): the first download of a large matrix
    // touches the works, their indexes and the search index page after page. Commits are
    // durable by default (`Store::write`); sync's pages opt out (`Store::write_replaceable`).
    // Statement journals in memory: an upsert with triggers inside a page's transaction journals
    // the pages it changes, which on disk was a third of a first download's time.
    conn.execute_batch(
        "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON; PRAGMA cache_size = -32768; \
         PRAGMA temp_store = MEMORY;",
    )?;
    // The schema is read at the first statement: a damaged one fails here, as damage.
    migrate::migrate(conn)
}

/// Tests: the rows a sign-in leaves (no tokens), as user `ops` of merchant `m1` on platform `demo`.
#[cfg(test)]
pub(crate) const TEST_SESSION: &str = "INSERT INTO sync_state (key, value) VALUES ('session.platform_id', 'demo'), \
     ('session.endpoint', 'http://127.0.0.1:1'), ('session.username', 'ops'), ('session.merchant_id', 'm1');";

/// Tests: `store` signed in ([`TEST_SESSION`]) with `sql`'s rows written in one transaction.
#[cfg(test)]
pub(crate) fn signed_in_with(store: Store, sql: &str) -> Store {
    store
        .write(|tx| {
            tx.execute_batch(TEST_SESSION)?;
            tx.execute_batch(sql)?;
            Ok(())
        })
        .expect("a test fixture");
    store
}

/// `query_only` for as long as it lives: switched off again on drop, even when the reading
/// closure panics, so the next write is not refused.
struct QueryOnly<'a>(&'a Connection);

impl<'a> QueryOnly<'a> {
    fn on(conn: &'a Connection) -> CoreResult<Self> {
        conn.pragma_update(None, "query_only", true)?;
        Ok(Self(conn))
    }
}

impl Drop for QueryOnly<'_> {
    fn drop(&mut self) {
        if let Err(e) = self.0.pragma_update(None, "query_only", false) {
            tracing::error!(error = %e, "could not leave query_only");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::CoreError;

    #[test]
    fn a_write_inside_a_read_is_refused() {
        // Reads hand out a plain connection; SQLite itself must refuse a write through it.
        let store = Store::open_in_memory().expect("store");
        let r = store.read(|conn| Ok(conn.execute("INSERT INTO setting (key, value) VALUES ('k', 'v')", [])?));
        assert!(matches!(r, Err(CoreError::Db(_))), "a write in read() must fail: {r:?}");
        let n: i64 = store
            .read(|c| Ok(c.query_row("SELECT COUNT(*) FROM setting", [], |r| r.get(0))?))
            .expect("count");
        assert_eq!(n, 0, "nothing was written");
        store
            .write(|tx| Ok(tx.execute("INSERT INTO setting (key, value) VALUES ('k', 'v')", [])?))
            .expect("writes work in write()");
    }

    #[test]
    fn a_panic_while_reading_does_not_leave_the_store_read_only() {
        // The lock survives a panicking thread; the connection must stay writable too.
        let store = std::sync::Arc::new(Store::open_in_memory().expect("store"));
        let reader = store.clone();
        let panicked = std::thread::spawn(move || reader.read(|_| -> CoreResult<()> { panic!("a bug in a reader") }))
            .join()
            .is_err();
        assert!(panicked);
        store
            .write(|tx| Ok(tx.execute("INSERT INTO setting (key, value) VALUES ('k', 'v')", [])?))
            .expect("still writable");
    }

    #[test]
    fn a_failed_write_leaves_nothing() {
        // Domain change, outbox row and audit entry go together or not at all.
        let store = Store::open_in_memory().expect("store");
        let r: CoreResult<()> = store.write(|tx| {
            tx.execute("INSERT INTO setting (key, value) VALUES ('k', 'v')", [])?;
            Err(CoreError::InvalidInput("refused halfway".into()))
        });
        assert!(r.is_err());
        let n: i64 = store
            .read(|c| Ok(c.query_row("SELECT COUNT(*) FROM setting", [], |r| r.get(0))?))
            .expect("count");
        assert_eq!(n, 0, "the half-done write was rolled back");
    }
}

#[cfg(test)]
mod recovery_tests;
