//! The local SQLite store: the one connection, its lock, and the schema from `migrations/`.
//!
//! The store owns its lock. Reads run in [`Store::read`] with a `&Connection` on which SQLite
//! refuses writes (`query_only`); writes run in [`Store::write`] with a `&Transaction`, so a
//! write outside a transaction fails. Closures are synchronous: nothing can hold the lock
//! across a network call, a keychain call or an `.await`.

mod accounts;
mod apply;
pub mod kv;
mod migrate;
pub mod rollup;

use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard};
use std::time::Duration;

use rusqlite::{Connection, Transaction};

use crate::error::CoreResult;

pub use accounts::list_accounts;
pub use apply::apply_change;
pub use migrate::{MIGRATIONS, SCHEMA_VERSION};

/// The app's database. Share it as `Arc<Store>`; every method takes `&self`.
pub struct Store {
    conn: Mutex<Connection>,
    /// Where files that belong to the database live (the cover cache); `None` in memory.
    dir: Option<PathBuf>,
}

impl Store {
    /// Opens (creating if needed) and migrates the database at `path`.
    pub fn open(path: &Path) -> CoreResult<Self> {
        let dir = path.parent().map(Path::to_path_buf);
        Self::init(Connection::open(path)?, dir)
    }

    /// A private in-memory database, for tests.
    pub fn open_in_memory() -> CoreResult<Self> {
        Self::init(Connection::open_in_memory()?, None)
    }

    /// The folder of cached media (covers) beside the database file; `None` in memory.
    pub fn media_dir(&self) -> Option<PathBuf> {
        self.dir.as_ref().map(|d| d.join("media"))
    }

    fn init(mut conn: Connection, dir: Option<PathBuf>) -> CoreResult<Self> {
        // Another process (the CLI) may write at the same moment: wait for it, don't fail.
        conn.busy_timeout(Duration::from_secs(5))?;
        // A 32 MB page cache (SQLite's default is 2 MB): the first download of a large matrix
        // touches the works, their indexes and the search index page after page.
        conn.execute_batch(
            "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON; PRAGMA cache_size = -32768;",
        )?;
        migrate::migrate(&mut conn)?;
        Ok(Self {
            conn: Mutex::new(conn),
            dir,
        })
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
        let reading = QueryOnly::on(&conn)?;
        f(reading.0)
    }

    /// Runs `f` in one write transaction; commits when it returns `Ok`, rolls back otherwise.
    pub fn write<T>(&self, f: impl FnOnce(&Transaction<'_>) -> CoreResult<T>) -> CoreResult<T> {
        let mut conn = self.lock();
        let tx = conn.transaction()?;
        let out = f(&tx)?;
        tx.commit()?;
        Ok(out)
    }
}

/// Tests: the rows a sign-in leaves (no tokens), as user `ops` of merchant `m1` on platform `demo`.
#[cfg(test)]
pub(crate) const TEST_SESSION: &str = "INSERT INTO sync_state (key, value) VALUES ('session.platform_id', 'demo'), \
     ('session.endpoint', 'http://127.0.0.1:1'), ('session.username', 'ops'), ('session.merchant_id', 'm1');";

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
