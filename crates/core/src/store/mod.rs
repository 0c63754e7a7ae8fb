//! The local SQLite store: one writer connection, schema from `migrations/`.
//!
//! Readers take `&Connection`, writers a `&Transaction`, so a write outside a transaction
//! does not compile. No transaction is held across network I/O.

mod accounts;
mod apply;
mod kv;
mod migrate;

use std::path::Path;
use std::time::Duration;

use rusqlite::{Connection, Transaction};

use crate::error::CoreResult;

pub use accounts::list_accounts;
pub use apply::apply_change;
pub use kv::{get_setting, get_sync_state, set_setting, set_sync_state};
pub use migrate::{MIGRATIONS, SCHEMA_VERSION};

/// The app's database.
pub struct Store {
    conn: Connection,
}

impl Store {
    /// Opens (creating if needed) and migrates the database at `path`.
    pub fn open(path: &Path) -> CoreResult<Self> {
        Self::init(Connection::open(path)?)
    }

    /// A private in-memory database, for tests.
    pub fn open_in_memory() -> CoreResult<Self> {
        Self::init(Connection::open_in_memory()?)
    }

    fn init(mut conn: Connection) -> CoreResult<Self> {
        conn.busy_timeout(Duration::from_secs(5))?;
        conn.execute_batch("PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON;")?;
        migrate::migrate(&mut conn)?;
        Ok(Self { conn })
    }

    /// Read access.
    pub fn conn(&self) -> &Connection {
        &self.conn
    }

    /// Runs `f` in one write transaction; commits when it returns `Ok`.
    pub fn write<T>(&mut self, f: impl FnOnce(&Transaction<'_>) -> CoreResult<T>) -> CoreResult<T> {
        let tx = self.conn.transaction()?;
        let out = f(&tx)?;
        tx.commit()?;
        Ok(out)
    }
}
