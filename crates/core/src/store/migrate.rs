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
    (
        "0004_action_outcomes",
        include_str!("../../../../migrations/0004_action_outcomes.sql"),
    ),
    (
        "0005_work_search_keys",
        include_str!("../../../../migrations/0005_work_search_keys.sql"),
    ),
    (
        "0006_works_data",
        include_str!("../../../../migrations/0006_works_data.sql"),
    ),
    (
        "0007_comment_inbox",
        include_str!("../../../../migrations/0007_comment_inbox.sql"),
    ),
    (
        "0008_publishing",
        include_str!("../../../../migrations/0008_publishing.sql"),
    ),
    (
        "0009_account_work_counts",
        include_str!("../../../../migrations/0009_account_work_counts.sql"),
    ),
    (
        "0010_work_grams",
        include_str!("../../../../migrations/0010_work_grams.sql"),
    ),
    ("0011_teams", include_str!("../../../../migrations/0011_teams.sql")),
    (
        "0012_publish_safely",
        include_str!("../../../../migrations/0012_publish_safely.sql"),
    ),
];

pub const SCHEMA_VERSION: i64 = MIGRATIONS.len() as i64;

/// Brings the database to [`SCHEMA_VERSION`], each step in its own transaction.
/// A database from a newer build is refused, never opened: it could hold data we would damage.
/// Registers the desk's own SQL functions first: the search index's triggers call them (and
/// migration 0010 does), so every connection that may write works has them.
pub fn migrate(conn: &mut Connection) -> CoreResult<()> {
    super::grams::register(conn)?;
    let found: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    if found > SCHEMA_VERSION {
        return Err(CoreError::NewerDatabase {
            found,
            supported: SCHEMA_VERSION,
        });
    }
    for (index, (name, sql)) in MIGRATIONS.iter().enumerate().skip(found as usize) {
        let version = index as i64 + 1;
        let tx = conn.transaction()?;
        tx.execute_batch(sql).map_err(|e| {
            // A damaged file or a full disk is what it is (repaired, or waited out); only
            // a migration that fails on a sound database is a bug of ours.
            if super::damage::is_damage(&e) || super::damage::is_disk_full(&e) {
                CoreError::Db(e)
            } else {
                CoreError::Corrupt(format!("migration {name} failed: {e}"))
            }
        })?;
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

    /// Every released schema, frozen when it shipped (`migrations/tests/`). Version 1 never
    /// shipped on its own: the first release carried version 2.
    const RELEASED: &[(i64, &str)] = &[
        (2, include_str!("../../../../migrations/tests/schema_v2.sql")),
        (3, include_str!("../../../../migrations/tests/schema_v3.sql")),
        (4, include_str!("../../../../migrations/tests/schema_v4.sql")),
        (5, include_str!("../../../../migrations/tests/schema_v5.sql")),
        (6, include_str!("../../../../migrations/tests/schema_v6.sql")),
        (7, include_str!("../../../../migrations/tests/schema_v7.sql")),
        (8, include_str!("../../../../migrations/tests/schema_v8.sql")),
        (9, include_str!("../../../../migrations/tests/schema_v9.sql")),
        (10, include_str!("../../../../migrations/tests/schema_v10.sql")),
        (11, include_str!("../../../../migrations/tests/schema_v11.sql")),
        (12, include_str!("../../../../migrations/tests/schema_v12.sql")),
    ];

    #[test]
    fn counting_an_accounts_live_works_reads_only_the_index() {
        // The Accounts screen counts works per account at every start; at 100,000 works a
        // count that reads the rows is most of the work table from a cold disk.
        let conn = fresh();
        let mut stmt = conn
            .prepare("EXPLAIN QUERY PLAN SELECT COUNT(*) FROM work w WHERE w.account_id = ?1 AND w.deleted = 0")
            .expect("plan");
        let plan: Vec<String> = stmt
            .query_map(["a1"], |r| r.get::<_, String>(3))
            .expect("plan rows")
            .collect::<Result<_, _>>()
            .expect("plan text");
        assert!(
            plan.iter().any(|p| p.contains("COVERING INDEX work_account_live")),
            "{plan:?}"
        );
    }

    /// Writes this build's schema as a frozen file (to `$MDESK_FREEZE_TO`), for a new
    /// migration's `migrations/tests/schema_vN.sql`: `MDESK_FREEZE_TO=… cargo test -p mdesk-core
    /// freeze_this_schema -- --ignored`. Add the header comment by hand.
    #[test]
    #[ignore = "a tool for freezing a new schema, not a check"]
    fn freeze_this_schema() {
        let Ok(to) = std::env::var("MDESK_FREEZE_TO") else {
            return;
        };
        let conn = fresh();
        let mut stmt = conn
            .prepare(
                "SELECT sql FROM sqlite_master WHERE sql IS NOT NULL AND name NOT LIKE 'sqlite_%' \
                 AND NOT (type = 'table' AND name LIKE 'work_gram_%') ORDER BY rowid",
            )
            .expect("sqlite_master");
        let sql: Vec<String> = stmt
            .query_map([], |r| r.get(0))
            .expect("rows")
            .collect::<Result<_, _>>()
            .expect("sql");
        let mut out: String = sql.iter().map(|s| format!("{s};\n\n")).collect();
        out.push_str(&format!("PRAGMA user_version = {SCHEMA_VERSION};\n"));
        std::fs::write(to, out).expect("written");
    }

    #[test]
    fn the_newest_frozen_schema_is_this_builds_schema() {
        // A new migration ships with its frozen schema, or the upgrade test below would not
        // cover the version users will have next.
        let newest = RELEASED.last().map(|(v, _)| *v);
        assert_eq!(
            newest,
            Some(SCHEMA_VERSION),
            "add migrations/tests/schema_v{SCHEMA_VERSION}.sql"
        );
        let mut frozen = Connection::open_in_memory().expect("in-memory db");
        frozen
            .execute_batch(RELEASED[RELEASED.len() - 1].1)
            .expect("frozen schema loads");
        migrate(&mut frozen).expect("nothing to do");
        assert_eq!(
            schema(&frozen),
            schema(&fresh()),
            "today's migrations must build the frozen schema"
        );
    }

    #[test]
    fn upgrading_from_every_released_version_matches_a_fresh_database() {
        // A user may skip releases; each shipped schema must end exactly where a new install
        // does. Starting from frozen files (not today's migrations) catches an edited old one.
        let want = schema(&fresh());
        for (version, sql) in RELEASED {
            let mut conn = Connection::open_in_memory().expect("in-memory db");
            // The frozen v10 schema's triggers call the desk's functions.
            super::super::grams::register(&conn).expect("functions");
            conn.execute_batch(sql).expect("frozen schema loads");
            let found: i64 = conn
                .query_row("PRAGMA user_version", [], |r| r.get(0))
                .expect("version");
            assert_eq!(found, *version, "schema_v{version}.sql records its version");
            conn.execute(
                "INSERT INTO work (id, account_id, kind, title, text, privacy, pinned, review_status, inclusion_status, updated_at) \
                 VALUES ('w1', 'a1', 'video', '春季新品开箱', '正文', 'public', 0, 'approved', 'included', '2026-01-01T00:00:00Z')",
                [],
            )
            .expect("data written under the old schema");
            conn.execute(
                "INSERT INTO audit_entry (at, staff_name, what, outcome) VALUES ('2026-01-01T00:00:00Z', '小王', 'pin', 'rejected: pin_limit')",
                [],
            )
            .expect("an old-style rejection entry");
            migrate(&mut conn).expect("upgrade");
            assert_eq!(schema(&conn), want, "upgrade from v{version} must equal a fresh schema");
            let hits: i64 = conn
                .query_row(
                    "SELECT COUNT(*) FROM work_gram WHERE work_gram MATCH ?1",
                    [crate::store::grams::index_query("新品开").expect("a query").expression],
                    |r| r.get(0),
                )
                .expect("search query");
            assert_eq!(hits, 1, "rows from before the upgrade must be searchable after it");
            let (outcome, code): (String, Option<String>) = conn
                .query_row("SELECT outcome, error_code FROM audit_entry", [], |r| {
                    Ok((r.get(0)?, r.get(1)?))
                })
                .expect("audit entry");
            // From v4 on the code has its own column; older entries are moved into it.
            if *version < 4 {
                assert_eq!(
                    (outcome.as_str(), code.as_deref()),
                    ("rejected", Some("pin_limit")),
                    "v{version}: the code moved out of the text"
                );
            }
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
