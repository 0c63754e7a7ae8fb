//! Forward-only migrations from `migrations/NNNN_name.sql`, tracked in `PRAGMA user_version`.

use rusqlite::Connection;

use crate::error::{CoreError, CoreResult};

/// Every migration in order; index + 1 is the schema version it produces.
pub const MIGRATIONS: &[(&str, &str)] = &[
    ("0001_domain", include_str!("../../../../migrations/0001_domain.sql")),
    (
        "0002_work_search",
        include_str!("../../../../migrations/0002_work_search.sql"),
    ),
    (
        "0003_matrix_history",
        include_str!("../../../../migrations/0003_matrix_history.sql"),
    ),
];

pub const SCHEMA_VERSION: i64 = MIGRATIONS.len() as i64;

/// Brings the database to [`SCHEMA_VERSION`], each step in its own transaction.
/// A database from a newer build is refused, never opened: it could hold data we would damage.
pub fn migrate(conn: &mut Connection) -> CoreResult<()> {
    migrate_to(conn, SCHEMA_VERSION)
}

/// Applies migrations up to `target` (tests use this to build older schemas).
pub fn migrate_to(conn: &mut Connection, target: i64) -> CoreResult<()> {
    let found: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    if found > SCHEMA_VERSION {
        return Err(CoreError::NewerDatabase {
            found,
            supported: SCHEMA_VERSION,
        });
    }
    for (index, (name, sql)) in MIGRATIONS.iter().enumerate().skip(found as usize) {
        let version = index as i64 + 1;
        if version > target {
            break;
        }
        let tx = conn.transaction()?;
        tx.execute_batch(sql)
            .map_err(|e| CoreError::Corrupt(format!("migration {name} failed: {e}")))?;
        tx.pragma_update(None, "user_version", version)?;
        tx.commit()?;
        tracing::info!(migration = name, version, "applied migration");
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn schema(conn: &Connection) -> Vec<(String, String)> {
        let mut stmt = match conn.prepare("SELECT name, COALESCE(sql, '') FROM sqlite_master ORDER BY type, name") {
            Ok(s) => s,
            Err(e) => panic!("sqlite_master must be readable: {e}"),
        };
        let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)));
        match rows.and_then(|r| r.collect()) {
            Ok(v) => v,
            Err(e) => panic!("schema rows: {e}"),
        }
    }

    fn fresh() -> Connection {
        let mut conn = Connection::open_in_memory().expect("in-memory db");
        migrate(&mut conn).expect("fresh migration");
        conn
    }

    #[test]
    fn upgrading_from_every_earlier_version_matches_a_fresh_database() {
        // A user may skip releases; each older schema must end exactly where a new install does.
        let want = schema(&fresh());
        for start in 1..SCHEMA_VERSION {
            let mut conn = Connection::open_in_memory().expect("in-memory db");
            migrate_to(&mut conn, start).expect("old schema");
            conn.execute(
                "INSERT INTO work (id, account_id, kind, title, text, privacy, pinned, review_status, inclusion_status, updated_at) \
                 VALUES ('w1', 'a1', 'video', '春季新品开箱', '正文', 'public', 0, 'approved', 'included', '2026-01-01T00:00:00Z')",
                [],
            )
            .expect("data written under the old schema");
            migrate(&mut conn).expect("upgrade");
            assert_eq!(schema(&conn), want, "upgrade from v{start} must equal a fresh schema");
            let hits: i64 = conn
                .query_row(
                    "SELECT COUNT(*) FROM work_search WHERE work_search MATCH '新品开'",
                    [],
                    |r| r.get(0),
                )
                .expect("search query");
            assert_eq!(hits, 1, "rows from before the upgrade must be searchable after it");
        }
    }

    #[test]
    fn a_newer_database_is_refused() {
        // Opening a future schema could silently corrupt it; the user must get a clear refusal.
        let mut conn = fresh();
        conn.pragma_update(None, "user_version", SCHEMA_VERSION + 1)
            .expect("bump version");
        match migrate(&mut conn) {
            Err(CoreError::NewerDatabase { found, supported }) => {
                assert_eq!((found, supported), (SCHEMA_VERSION + 1, SCHEMA_VERSION));
            }
            other => panic!("expected NewerDatabase, got {other:?}"),
        }
    }

    #[test]
    fn audit_trail_is_append_only() {
        // R2: the record of who did what on whose behalf must not be editable afterwards.
        let conn = fresh();
        conn.execute(
            "INSERT INTO audit_entry (at, staff_name, what, outcome) VALUES ('2026-01-01T00:00:00Z', '小王', 'invite', 'queued')",
            [],
        )
        .expect("append");
        assert!(
            conn.execute("UPDATE audit_entry SET outcome = 'applied'", []).is_err(),
            "update must be refused"
        );
        assert!(
            conn.execute("DELETE FROM audit_entry", []).is_err(),
            "delete must be refused"
        );
    }
}
