//! A damaged database is repaired without losing what exists only on this desk.

use std::path::{Path, PathBuf};

use mdesk_ipc::RecoverySource;
use rusqlite::params;

use super::damage::inject::noise_over;
use super::{backup, kv, Store};
use crate::error::CoreResult;

const ACTIONS: usize = 3_000;
const AUDIT: usize = 3_000;

/// A desk with its own data (an outbox of open and finished actions with an upload, drafts,
/// an audit trail, settings, notices, unread comments, a session) and the platform's
/// (works and their daily numbers, many pages of each).
fn desk(dir: &Path) -> PathBuf {
    let db = dir.join("matrix-desk.sqlite3");
    let store = Store::open(&db).expect("open");
    store
        .write(|tx| {
            tx.execute_batch(super::TEST_SESSION)?;
            tx.execute("INSERT INTO setting (key, value) VALUES ('staff_name', '小王'), ('language', 'en')", [])?;
            for i in 0..ACTIONS {
                let state = if i % 3 == 0 { "queued" } else { "applied" };
                tx.execute(
                    "INSERT INTO action (id, kind, entity_kind, entity_id, account_id, payload, state, staff_name, created_at, updated_at) \
                     VALUES (?1, 'set_tag', 'account', ?2, ?2, '{\"tag\":\"store\",\"note\":\"一段足够长的说明文字，让每个操作占满更多页面\"}', ?3, '小王', '2026-12-01T00:00:00Z', '2026-12-01T00:00:00Z')",
                    params![format!("act-{i:05}"), format!("a{}", i % 50), state],
                )?;
            }
            tx.execute(
                "INSERT INTO action_upload (action_id, slot, file, name, content_type, bytes, sent_bytes, media_id) \
                 VALUES ('act-00000', 0, 'abc.mp4', '开箱.mp4', 'video/mp4', 1000, 400, NULL)",
                [],
            )?;
            for i in 0..AUDIT {
                tx.execute(
                    "INSERT INTO audit_entry (at, staff_name, merchant_id, account_id, action_id, what, outcome) \
                     VALUES ('2026-12-01T00:00:00Z', '小王', 'm1', 'a1', ?1, 'set_tag', 'queued')",
                    [format!("act-{i:05}")],
                )?;
            }
            tx.execute(
                "INSERT INTO draft (id, merchant_id, body, created_at, updated_at) VALUES ('d1', 'm1', '{}', 'x', 'x'), ('d2', 'm1', '{}', 'y', 'y')",
                [],
            )?;
            tx.execute("INSERT INTO notice (at, kind, subject, read) VALUES ('2026-12-01T00:00:00Z', 'new_comment', '粉丝', 1)", [])?;
            for w in 0..400 {
                tx.execute(
                    "INSERT INTO work (id, account_id, kind, title, text, privacy, pinned, review_status, inclusion_status, updated_at) \
                     VALUES (?1, 'a1', 'video', '春季新品开箱', '正文', 'public', 0, 'approved', 'included', '2026-01-01T00:00:00Z')",
                    [format!("w{w}")],
                )?;
                for d in 1..=28 {
                    tx.execute(
                        "INSERT INTO work_metric_daily (work_id, date, exposure, views, interactions, shop_traffic, orders, amount_cents) \
                         VALUES (?1, ?2, 1000, 100, 10, 5, 1, 990)",
                        params![format!("w{w}"), format!("2026-11-{d:02}")],
                    )?;
                }
            }
            // Comments that arrive after the first full download are unread until read.
            tx.execute("INSERT INTO sync_state (key, value) VALUES ('pull.last_sync_at', '2026-12-01T00:00:00Z')", [])?;
            tx.execute(
                "INSERT INTO comment (id, work_id, author_name, text, created_at, read) VALUES \
                 ('c1', 'w1', '粉丝', '好看', '2026-12-01T00:00:00Z', 0), ('c2', 'w1', '粉丝', '不错', '2026-12-01T00:00:00Z', 1)",
                [],
            )?;
            Ok(())
        })
        .expect("seed");
    drop(store);
    db
}

fn count(store: &Store, sql: &str) -> i64 {
    store.read(|c| Ok(c.query_row(sql, [], |r| r.get(0))?)).expect("count")
}

fn damaged_copies(dir: &Path) -> Vec<PathBuf> {
    let mut found: Vec<PathBuf> = std::fs::read_dir(dir)
        .expect("dir")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.to_string_lossy().contains(".damaged-") && p.extension().is_some_and(|e| e == "sqlite3"))
        .collect();
    found.sort();
    found
}

#[test]
fn noise_over_the_daily_numbers_is_found_and_repaired_with_every_own_row_saved() {
    // The case: a dozen pages of platform data damaged. The desk must not stay
    // unable to sync; everything of its own must survive, and nothing be deleted.
    let dir = tempfile::tempdir().expect("tmp");
    let db = desk(dir.path());
    let hit = noise_over(&db, "work_metric_daily", 12, 7).expect("noise");
    assert_eq!(hit.len(), 12);
    let store = Store::open(&db).expect("the schema is intact, so it opens");
    let r: CoreResult<i64> =
        store.read(|c| Ok(c.query_row("SELECT SUM(views) FROM work_metric_daily", [], |r| r.get(0))?));
    let e = r.expect_err("reading the damaged pages fails");
    assert!(e.is_damage(), "{e}");
    assert_eq!(e.code(), mdesk_ipc::ErrorCode::DatabaseDamaged);
    assert!(store.is_damaged(), "the store noted it for the worker");

    let report = store.repair().expect("repair");
    assert_eq!(report.source, RecoverySource::DamagedCopy);
    let s = &report.saved;
    assert_eq!(
        (
            s.open_actions + s.finished_actions,
            s.open_actions,
            s.audit_entries,
            s.drafts,
            s.uploads
        ),
        (ACTIONS as u64, (ACTIONS as u64).div_ceil(3), AUDIT as u64, 2, 1),
        "{s:?}"
    );
    assert_eq!(
        (s.settings, s.notices, s.unread_marks, s.unreadable),
        (2, 3, 1, 0),
        "{s:?}"
    );
    assert!(!store.is_damaged());
    assert_eq!(damaged_copies(dir.path()), vec![PathBuf::from(&report.damaged_file)]);
    // The fresh database holds the desk's own rows under their own ids, and no platform data.
    assert_eq!(
        count(
            &store,
            "SELECT COUNT(*) FROM action WHERE id = 'act-02999' AND state = 'applied'"
        ),
        1
    );
    assert_eq!(
        count(
            &store,
            "SELECT sent_bytes FROM action_upload WHERE action_id = 'act-00000'"
        ),
        400
    );
    assert_eq!(
        count(&store, "SELECT COUNT(*) FROM work"),
        0,
        "downloaded again by sync"
    );
    assert_eq!(
        count(&store, "SELECT COUNT(*) FROM sync_state WHERE key = 'pull.cursor'"),
        0,
        "from the start"
    );
    let session = store.read(kv::session).expect("session");
    assert_eq!(session.map(|s| s.merchant_id).as_deref(), Some("m1"), "still signed in");
    assert_eq!(store.read(kv::recovery_report).expect("report"), Some(report.clone()));
    assert!(store.quick_check().expect("check"), "the fresh database is sound");
    // The unread comment is unread again once the first download brings it back.
    store
        .write(|tx| {
            tx.execute(
                "INSERT INTO comment (id, work_id, author_name, text, created_at) VALUES \
                 ('c1', 'w1', '粉丝', '好看', 'x'), ('c2', 'w1', '粉丝', '不错', 'x')",
                [],
            )?;
            kv::apply_salvaged_unread(tx)
        })
        .expect("first download");
    assert_eq!(
        count(&store, "SELECT COUNT(*) FROM comment WHERE read = 0"),
        1,
        "only c1 was unread"
    );
}

#[test]
fn damaged_outbox_pages_cost_only_their_rows_and_are_counted() {
    let dir = tempfile::tempdir().expect("tmp");
    let db = desk(dir.path());
    noise_over(&db, "action", 3, 11).expect("noise");
    let store = Store::open(&db).expect("opens");
    let _ = store.read(|c| {
        Ok(
            c.query_row("SELECT COUNT(*) FROM action WHERE payload LIKE '%x%'", [], |r| {
                r.get::<_, i64>(0)
            })?,
        )
    });
    assert!(store.is_damaged());
    let report = store.repair().expect("repair");
    let s = &report.saved;
    let saved = s.open_actions + s.finished_actions;
    assert!(saved < ACTIONS as u64, "three pages of actions are gone: {s:?}");
    assert!(saved > ACTIONS as u64 * 8 / 10, "but only those pages: {s:?}");
    assert_eq!(
        saved + s.unreadable,
        ACTIONS as u64,
        "every action is either saved or counted as unreadable: {s:?}"
    );
    assert_eq!(s.audit_entries, AUDIT as u64, "other tables are whole");
}

#[test]
fn a_garbage_header_is_repaired_from_the_newest_backup() {
    // Nothing of the file can be read: the backup is all there is.
    let dir = tempfile::tempdir().expect("tmp");
    let db = desk(dir.path());
    let now = chrono::Utc::now();
    let taken = backup::take(&db, now - chrono::Duration::hours(30)).expect("backup");
    assert!(backup::due(&db, now), "a day old: due again");
    backup::take(&db, now - chrono::Duration::hours(20)).expect("second backup");
    assert!(!backup::due(&db, now));
    backup::take(&db, now - chrono::Duration::hours(1)).expect("third backup");
    let kept = backup::list(&backup::folder(&db));
    assert_eq!(kept.len(), backup::KEEP, "only the newest two are kept");
    assert!(!taken.exists(), "the oldest went");
    // Garbage over the header.
    let mut bytes = std::fs::read(&db).expect("read");
    bytes[..100].copy_from_slice(&[0x5a; 100]);
    std::fs::write(&db, bytes).expect("write");

    let store = Store::open(&db).expect("repaired while opening");
    let report = store.read(kv::recovery_report).expect("report").expect("a report");
    assert!(matches!(report.source, RecoverySource::Backup { .. }), "{report:?}");
    assert_eq!(report.saved.audit_entries, AUDIT as u64);
    assert_eq!(count(&store, "SELECT COUNT(*) FROM action"), ACTIONS as i64);
    assert_eq!(damaged_copies(dir.path()).len(), 1, "the unreadable file was kept");
}

#[test]
fn a_repair_interrupted_anywhere_finishes_at_the_next_open() {
    // A crash after the move, with a half-built fresh database beside it.
    let dir = tempfile::tempdir().expect("tmp");
    let db = desk(dir.path());
    noise_over(&db, "work_metric_daily", 4, 3).expect("noise");
    let damaged = dir.path().join("matrix-desk.damaged-20261206T000000Z.sqlite3");
    std::fs::write(
        dir.path().join("matrix-desk.sqlite3.repairing"),
        format!(
            "{{\"damaged\":{:?},\"at\":\"2026-12-06T00:00:00Z\"}}",
            damaged.to_string_lossy()
        ),
    )
    .expect("marker");
    std::fs::rename(&db, &damaged).expect("moved aside");
    std::fs::write(
        dir.path().join("matrix-desk.sqlite3.repairing.sqlite3"),
        b"half written",
    )
    .expect("scratch");

    let store = Store::open(&db).expect("resumes");
    let report = store.read(kv::recovery_report).expect("report").expect("a report");
    assert_eq!(report.damaged_file, damaged.to_string_lossy());
    assert_eq!(report.saved.audit_entries, AUDIT as u64);
    assert!(
        !dir.path().join("matrix-desk.sqlite3.repairing").exists(),
        "marker gone"
    );
    assert!(
        !dir.path().join("matrix-desk.sqlite3.repairing.sqlite3").exists(),
        "scratch gone"
    );
    assert_eq!(damaged_copies(dir.path()), vec![damaged]);
}

#[test]
fn a_sound_database_is_never_moved() {
    let dir = tempfile::tempdir().expect("tmp");
    let db = desk(dir.path());
    let store = Store::open(&db).expect("open");
    assert!(store.quick_check().expect("check"));
    assert!(!store.is_damaged());
    assert!(damaged_copies(dir.path()).is_empty());
    assert_eq!(store.read(kv::recovery_report).expect("report"), None);
}

#[test]
fn a_file_truncated_below_its_schema_is_repaired_from_the_backup_and_kept_as_it_was() {
    let dir = tempfile::tempdir().expect("tmp");
    let db = desk(dir.path());
    backup::take(&db, chrono::Utc::now()).expect("backup");
    Store::open(&db)
        .expect("open")
        .quick_check()
        .expect("checkpointed by the check");
    let conn = rusqlite::Connection::open(&db).expect("open");
    conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))
        .expect("checkpoint");
    drop(conn);
    let file = std::fs::OpenOptions::new().write(true).open(&db).expect("file");
    file.set_len(4096).expect("truncate to one page");
    drop(file);

    let store = Store::open(&db).expect("repaired while opening");
    let report = store.read(kv::recovery_report).expect("report").expect("a report");
    assert!(matches!(report.source, RecoverySource::Backup { .. }), "{report:?}");
    assert_eq!(report.saved.audit_entries, AUDIT as u64);
    let kept = std::fs::metadata(&report.damaged_file).expect("the damaged copy").len();
    assert_eq!(kept, 4096, "the damaged copy is exactly what was found");
}

#[test]
fn a_damaged_wal_loses_no_commit_before_the_damage_and_the_desk_opens_sound() {
    // SQLite checks every WAL frame: frames from a damaged one on are treated as never
    // committed. What was checkpointed into the database, and every frame before, stays.
    let dir = tempfile::tempdir().expect("tmp");
    let db = desk(dir.path());
    let wal = dir.path().join("matrix-desk.sqlite3-wal");
    {
        let conn = rusqlite::Connection::open(&db).expect("open");
        conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))
            .expect("checkpoint");
        conn.pragma_update(None, "wal_autocheckpoint", 0).expect("keep the WAL");
        for i in 0..50 {
            conn.execute(
                "INSERT INTO draft (id, merchant_id, body, created_at, updated_at) VALUES (?1, 'm1', '{}', 'z', 'z')",
                [format!("late-{i}")],
            )
            .expect("a later commit");
        }
        // As a crash leaves it: the database and its WAL, copied while still open (no
        // checkpoint, no shared index), so opening the copy rebuilds the index from the WAL
        // and checks every frame.
        let copy = dir.path().join("after-crash");
        std::fs::create_dir_all(&copy).expect("dir");
        std::fs::copy(&db, copy.join("matrix-desk.sqlite3")).expect("copy db");
        std::fs::copy(&wal, copy.join("matrix-desk.sqlite3-wal")).expect("copy wal");
        drop(conn);
        let copied_wal = copy.join("matrix-desk.sqlite3-wal");
        let mut bytes = std::fs::read(&copied_wal).expect("read wal");
        assert!(bytes.len() > 8192, "the later commits are in the WAL");
        let middle = bytes.len() / 2;
        for b in &mut bytes[middle..middle + 512] {
            *b ^= 0x5a;
        }
        std::fs::write(&copied_wal, bytes).expect("damage the wal");
    }
    let db = dir.path().join("after-crash").join("matrix-desk.sqlite3");

    let store = Store::open(&db).expect("opens");
    assert!(store.quick_check().expect("check"), "the database is sound");
    assert_eq!(
        count(&store, "SELECT COUNT(*) FROM audit_entry"),
        AUDIT as i64,
        "checkpointed rows all there"
    );
    let late = count(&store, "SELECT COUNT(*) FROM draft WHERE id LIKE 'late-%'");
    assert!(late < 50, "commits from the damaged frame on are gone: {late}");
    assert!(late > 0, "commits before the damaged frame stay: {late}");
    assert_eq!(
        store.read(kv::recovery_report).expect("report"),
        None,
        "nothing to repair"
    );
}
