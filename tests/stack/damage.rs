//! A damaged database met through `mdesk`, as a person would: noise over platform data, the
//! desk's queued work still delivered exactly once, the platform's data downloaded again, the
//! damaged file kept; a closed pipe ends the CLI quietly.

use std::collections::HashMap;
use std::io::Read;
use std::process::Stdio;

use mdesk_core::outbox::{self, Intention};
use mdesk_core::store::damage::inject::noise_over;
use mdesk_core::{FileSecretStore, Store};
use mdesk_ipc::ActionState;
use serde_json::Value;

use crate::crash::{mdesk, signed_in_cli};
use crate::Fixture;
use mdesk_core::outbox::kinds;

async fn applied_keys(f: &Fixture) -> HashMap<String, usize> {
    let ledger: Value = reqwest::get(format!("{}/sim/admin/ledger", f.sim_url()))
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let mut hits = HashMap::new();
    for e in ledger.as_array().unwrap() {
        *hits
            .entry(e["idempotency_key"].as_str().unwrap().to_owned())
            .or_default() += 1;
    }
    hits
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn noise_over_the_daily_numbers_is_repaired_and_the_queued_work_delivered_once() {
    let f = Fixture::new(21, 3600).await;
    let dir = signed_in_cli(&f);
    let db = dir.path().join("matrix-desk.sqlite3");
    // Work queued on the desk, not yet delivered: it exists nowhere else.
    let (queued, _) = {
        let store = Store::open(&db).unwrap();
        let secrets = FileSecretStore::new(dir.path().join("secrets.json"));
        let publishers = mdesk_tests::publishers(&store);
        let mut ids = Vec::new();
        for i in 0..12 {
            let intention = Intention::SetShopCard(kinds::SetShopCard {
                account_id: publishers[i % publishers.len()].clone(),
                enabled: i % 2 == 0,
            });
            ids.push(outbox::enqueue(&store, &secrets, "夜班小李", intention, None).unwrap());
        }
        let works: i64 = store
            .read(|c| Ok(c.query_row("SELECT COUNT(*) FROM work", [], |r| r.get(0))?))
            .unwrap();
        (ids, works)
    };
    // A day passes on the platform (new numbers for every work), and a dozen pages of the
    // daily numbers turn to noise on this desk.
    let platform = mdesk_tests::platform::Platform::sign_in(&f.sim_url()).await.unwrap();
    platform.tick(1).await.unwrap();
    let hit = noise_over(&db, "work_metric_daily", 12, 42).unwrap();
    assert_eq!(hit.len(), 12);

    let out = mdesk(dir.path())
        .args(["sync", "--once"])
        .env("LANG", "en_US.UTF-8")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "the sync goes on after the repair: {stderr}");
    // The person is told what happened, what was saved and where the damaged copy is.
    assert!(stderr.contains("本地数据库已损坏,已修复"), "{stderr}");
    // Sync delivered the queue before it met the damage: the actions were saved as applied,
    // so the sync after the repair does not send them again.
    assert!(stderr.contains("12 个已完成的操作"), "{stderr}");
    assert!(stderr.contains("没有丢失"), "{stderr}");
    assert!(stderr.contains("matrix-desk.damaged-"), "{stderr}");
    let damaged: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .filter_map(Result::ok)
        .filter(|e| e.file_name().to_string_lossy().starts_with("matrix-desk.damaged-"))
        .collect();
    assert!(!damaged.is_empty(), "the damaged file was kept");

    // Each queued intention reached the platform exactly once, under its own key.
    let hits = applied_keys(&f).await;
    for id in &queued {
        assert_eq!(hits.get(id), Some(&1), "action {id} applied exactly once");
    }
    let store = Store::open(&db).unwrap();
    let actions = outbox::list(&store).unwrap();
    for id in &queued {
        let a = actions
            .iter()
            .find(|a| &a.id == id)
            .expect("the action is still on the desk");
        assert_eq!(a.state, ActionState::Applied, "{}", a.summary);
    }
    // The platform's data is back, and the file is sound.
    let works_after: i64 = store
        .read(|c| Ok(c.query_row("SELECT COUNT(*) FROM work WHERE deleted = 0", [], |r| r.get(0))?))
        .unwrap();
    let on_platform = platform.works(None).await.unwrap().len() as i64;
    assert_eq!(works_after, on_platform, "every work downloaded again");
    assert!(store.quick_check().unwrap());
    // A second sync has nothing to repair and nothing more to apply.
    let again = mdesk(dir.path())
        .args(["sync", "--once"])
        .stderr(Stdio::piped())
        .output()
        .unwrap();
    assert!(again.status.success());
    assert!(!String::from_utf8_lossy(&again.stderr).contains("已修复"));
    assert_eq!(applied_keys(&f).await.len(), hits.len(), "nothing applied twice");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_closed_pipe_ends_the_cli_quietly() {
    // `mdesk --json works | head`: the reader goes away before the first line is written.
    let f = Fixture::new(22, 3600).await;
    let dir = signed_in_cli(&f);
    let mut child = mdesk(dir.path())
        .args(["--json", "works"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    let mut stderr = String::new();
    child.stderr.take().unwrap().read_to_string(&mut stderr).unwrap();
    let status = child.wait().unwrap();
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert!(status.success(), "exit 0 on a closed pipe: {status:?} {stderr}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn kill_nine_during_the_salvage_resumes_and_loses_nothing() {
    // A desk with a long audit trail (a salvage that takes a while), damaged daily numbers,
    // and `mdesk sync` killed at moments spread over finding, moving and salvaging.
    const AUDIT: i64 = 200_000;
    let f = Fixture::new(25, 3600).await;
    let dir = signed_in_cli(&f);
    let db = dir.path().join("matrix-desk.sqlite3");
    let queued = {
        let store = Store::open(&db).unwrap();
        let secrets = FileSecretStore::new(dir.path().join("secrets.json"));
        let publishers = mdesk_tests::publishers(&store);
        let ids: Vec<String> = (0..6)
            .map(|i| {
                let intention = Intention::SetShopCard(kinds::SetShopCard {
                    account_id: publishers[i % publishers.len()].clone(),
                    enabled: i % 2 == 0,
                });
                outbox::enqueue(&store, &secrets, "夜班小李", intention, None).unwrap()
            })
            .collect();
        store
            .write(|tx| {
                tx.execute_batch(&format!(
                    "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < {AUDIT}) \
                     INSERT INTO audit_entry (at, staff_name, what, outcome) \
                     SELECT '2026-11-01T00:00:00Z', '夜班小李', 'pin', 'applied' FROM n;"
                ))?;
                Ok(())
            })
            .unwrap();
        ids
    };
    let audit_before: i64 = Store::open(&db)
        .unwrap()
        .read(|c| Ok(c.query_row("SELECT COUNT(*) FROM audit_entry", [], |r| r.get(0))?))
        .unwrap();
    mdesk_tests::platform::days_pass(&f.sim_url(), 1).await.unwrap();
    noise_over(&db, "work_metric_daily", 12, 43).unwrap();

    // Killed once the repair has begun (its marker is there), a little later each time; each
    // start after the first resumes the repair from the marker.
    let marker = dir.path().join("matrix-desk.sqlite3.repairing");
    let mut interrupted = 0;
    for after_ms in [0u64, 5, 20, 60, 150] {
        let mut child = mdesk(dir.path()).args(["sync", "--once"]).spawn().unwrap();
        let started = std::time::Instant::now();
        while !marker.exists() && started.elapsed() < std::time::Duration::from_secs(20) {
            if child.try_wait().unwrap().is_some() {
                break;
            }
            std::thread::sleep(std::time::Duration::from_millis(1));
        }
        std::thread::sleep(std::time::Duration::from_millis(after_ms));
        let _ = child.kill(); // SIGKILL
        let _ = child.wait();
        if marker.exists() {
            interrupted += 1;
        }
    }
    eprintln!("repairs interrupted by kill -9: {interrupted}");
    assert!(
        interrupted >= 2,
        "the kills landed inside the repair ({interrupted} times)"
    );
    let done = mdesk(dir.path())
        .args(["sync", "--once"])
        .stderr(Stdio::piped())
        .output()
        .unwrap();
    assert!(done.status.success(), "{}", String::from_utf8_lossy(&done.stderr));

    let damaged: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with("matrix-desk.damaged-") && n.ends_with(".sqlite3"))
        .collect();
    assert_eq!(damaged.len(), 1, "one repair, one damaged copy kept: {damaged:?}");
    assert!(
        !dir.path().join("matrix-desk.sqlite3.repairing").exists(),
        "the repair finished"
    );
    let store = Store::open(&db).unwrap();
    let audit_after: i64 = store
        .read(|c| Ok(c.query_row("SELECT COUNT(*) FROM audit_entry", [], |r| r.get(0))?))
        .unwrap();
    assert!(
        audit_after >= audit_before,
        "no audit entry lost: {audit_after} < {audit_before}"
    );
    let hits = applied_keys(&f).await;
    for id in &queued {
        assert_eq!(hits.get(id), Some(&1), "action {id} applied exactly once");
    }
    assert!(store.quick_check().unwrap());
}
