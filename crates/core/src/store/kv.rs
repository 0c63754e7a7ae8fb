//! Small key/value tables: `sync_state` (cursor, last sync, session identity) and `setting`.

use rusqlite::{Connection, OptionalExtension, Transaction};

use crate::error::CoreResult;

fn get(conn: &Connection, table: &str, key: &str) -> CoreResult<Option<String>> {
    let sql = format!("SELECT value FROM {table} WHERE key = ?1");
    Ok(conn.prepare_cached(&sql)?.query_row([key], |r| r.get(0)).optional()?)
}

fn set(tx: &Transaction<'_>, table: &str, key: &str, value: Option<&str>) -> CoreResult<()> {
    match value {
        Some(v) => {
            let sql = format!("INSERT INTO {table} (key, value) VALUES (?1, ?2) ON CONFLICT (key) DO UPDATE SET value = excluded.value");
            tx.prepare_cached(&sql)?.execute([key, v])?;
        }
        None => {
            let sql = format!("DELETE FROM {table} WHERE key = ?1");
            tx.prepare_cached(&sql)?.execute([key])?;
        }
    }
    Ok(())
}

pub fn get_sync_state(conn: &Connection, key: &str) -> CoreResult<Option<String>> {
    get(conn, "sync_state", key)
}

pub fn set_sync_state(tx: &Transaction<'_>, key: &str, value: Option<&str>) -> CoreResult<()> {
    set(tx, "sync_state", key, value)
}

pub fn get_setting(conn: &Connection, key: &str) -> CoreResult<Option<String>> {
    get(conn, "setting", key)
}

pub fn set_setting(tx: &Transaction<'_>, key: &str, value: Option<&str>) -> CoreResult<()> {
    set(tx, "setting", key, value)
}
