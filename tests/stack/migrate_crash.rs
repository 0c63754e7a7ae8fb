//! kill -9 at moments spread over the upgrade of an L-sized database from a frozen older
//! schema (version 5): every kill leaves a whole schema version and a sound file, and the next
//! start completes the migration with every row kept.

use std::process::Stdio;
use std::time::Duration;

use rusqlite::Connection;

use crate::crash::mdesk;

const WORKS: i64 = 100_000;
const AUDIT: i64 = 2_000;

/// An L-sized desk as schema 5 left it: 1,000 accounts, 100,000 works with three days of
/// numbers each, and an audit trail.
fn old_desk(path: &std::path::Path) {
    let conn = Connection::open(path).unwrap();
    conn.execute_batch(include_str!("../../migrations/tests/schema_v5.sql"))
        .unwrap();
    conn.execute_batch(&format!(
        "PRAGMA journal_mode = WAL;
         BEGIN;
         WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < {WORKS})
         INSERT INTO work (id, account_id, kind, title, text, privacy, pinned, review_status, inclusion_status, published_at, updated_at)
         SELECT 'w' || i, 'a' || (i % 1000), 'video', '春季新品开箱第' || i || '期', '正文 ' || i, 'public', 0, 'approved', 'included',
                '2026-11-01T00:00:00Z', '2026-11-01T00:00:00Z' FROM n;
         WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < {WORKS}),
              d(day) AS (VALUES ('2026-11-01'), ('2026-11-02'), ('2026-11-03'))
         INSERT INTO work_metric_daily (work_id, date, exposure, views, interactions, shop_traffic, orders, amount_cents)
         SELECT 'w' || i, day, 100, 10, 1, 1, 0, 0 FROM n, d;
         WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < {AUDIT})
         INSERT INTO audit_entry (at, staff_name, what, outcome) SELECT '2026-11-01T00:00:00Z', '小王', 'pin', 'queued' FROM n;
         COMMIT;"
    ))
    .unwrap();
}

fn version(path: &std::path::Path) -> i64 {
    Connection::open(path)
        .unwrap()
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap()
}

#[test]
fn kill_nine_during_a_migration_of_l_is_completed_at_the_next_start() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("matrix-desk.sqlite3");
    old_desk(&db);
    assert_eq!(version(&db), 5);
    let mut seen = Vec::new();
    // Each start resumes at the last whole version; killed a little later each time (a fifth
    // more), the kills land inside one migration after another until the upgrade is through,
    // however long the longest one takes on this machine.
    for after_ms in (0..60).map(|i| (50.0 * 1.2f64.powi(i)) as u64) {
        if version(&db) == mdesk_core::store::SCHEMA_VERSION {
            break;
        }
        let mut child = mdesk(dir.path())
            .arg("actions")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        // Until the first kill between two migrations, watch the version and kill as soon as
        // one migration has committed: a loaded machine can take longer over one migration
        // than the schedule allows, so the schedule alone may never land between two.
        let between = |v: i64| v > 5 && v < mdesk_core::store::SCHEMA_VERSION;
        let watch = !seen.iter().any(|v| between(*v));
        let started = std::time::Instant::now();
        while started.elapsed() < Duration::from_millis(after_ms) {
            if watch && between(version(&db)) {
                break;
            }
            std::thread::sleep(Duration::from_millis(1));
        }
        let _ = child.kill(); // SIGKILL
        let _ = child.wait();
        let v = version(&db);
        let check: String = Connection::open(&db)
            .unwrap()
            .query_row("PRAGMA quick_check", [], |r| r.get(0))
            .unwrap();
        assert_eq!(
            check, "ok",
            "killed after {after_ms} ms at version {v}: the file is sound"
        );
        assert!(
            (5..=mdesk_core::store::SCHEMA_VERSION).contains(&v),
            "a whole version: {v}"
        );
        seen.push(v);
    }
    eprintln!("versions after each kill: {seen:?}");
    assert!(
        seen.iter().any(|v| *v > 5 && *v < mdesk_core::store::SCHEMA_VERSION),
        "some kill landed between two migrations: {seen:?}"
    );
    // The next start completes it.
    let done = mdesk(dir.path()).arg("actions").status().unwrap();
    assert!(done.success(), "the migration completes: {done:?}");
    assert_eq!(version(&db), mdesk_core::store::SCHEMA_VERSION);
    let conn = Connection::open(&db).unwrap();
    let count = |sql: &str| -> i64 { conn.query_row(sql, [], |r| r.get(0)).unwrap() };
    assert_eq!(count("SELECT COUNT(*) FROM work"), WORKS, "every work kept");
    assert_eq!(
        count("SELECT COUNT(*) FROM work_metric_daily"),
        WORKS * 3,
        "every number kept"
    );
    assert_eq!(count("SELECT COUNT(*) FROM audit_entry"), AUDIT, "the audit trail kept");
    let query = mdesk_core::store::grams::index_query("新品开箱").unwrap().expression;
    let searchable: i64 = conn
        .query_row(
            "SELECT COUNT(*) FROM work_gram WHERE work_gram MATCH ?1",
            [query],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(searchable, WORKS, "every work searchable");
    // Its schema is exactly a fresh database's.
    let schema = |c: &Connection| -> Vec<(String, String)> {
        c.prepare("SELECT name, COALESCE(sql, '') FROM sqlite_master ORDER BY type, name")
            .unwrap()
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap()
    };
    let fresh_dir = tempfile::tempdir().unwrap();
    drop(mdesk_core::Store::open(&fresh_dir.path().join("fresh.sqlite3")).unwrap());
    let fresh = Connection::open(fresh_dir.path().join("fresh.sqlite3")).unwrap();
    assert_eq!(schema(&conn), schema(&fresh));
}
