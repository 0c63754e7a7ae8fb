//! kill -9 of `mdesk sync` at 20 moments during delivery of 1,000 actions: nothing is lost,
//! nothing is applied twice, and the database stays intact.

use mdesk_ipc::{ActionState, GrantState, InvitationStatus};
use std::collections::HashMap;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use mdesk_core::outbox::{self, Intention};
use mdesk_core::{FileSecretStore, Store};
use serde_json::{json, Value};

use crate::Fixture;
use mdesk_core::outbox::kinds;

fn mdesk_binary() -> std::path::PathBuf {
    let path = mdesk_tests::target_dir().join("debug").join("mdesk");
    assert!(
        path.exists(),
        "{} is missing: `cargo build -p mdesk-cli` (cargo xtask test does)",
        path.display()
    );
    path
}

pub(crate) fn mdesk(dir: &std::path::Path) -> Command {
    let mut c = Command::new(mdesk_binary());
    c.env("MDESK_DATA_DIR", dir)
        .env("MDESK_SECRET_STORE", "file")
        .env("MDESK_STAFF", "夜班小李");
    c.stdout(Stdio::null()).stderr(Stdio::null());
    c
}

/// A data directory signed in to `f`'s platform with `mdesk login`, and synced once.
pub(crate) fn signed_in_cli(f: &Fixture) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let login = [
        "login",
        "--platform",
        &f.sim_url(),
        "--username",
        "demo",
        "--password",
        "demo123",
    ];
    assert!(mdesk(dir.path()).args(login).status().unwrap().success(), "mdesk login");
    assert!(
        mdesk(dir.path()).args(["sync", "--once"]).status().unwrap().success(),
        "first pull"
    );
    dir
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn kill_nine_mid_sync_loses_nothing_and_duplicates_nothing() {
    let f = Fixture::new(12, 3600).await;
    let dir = signed_in_cli(&f);

    // 1,000 intentions, queued through the library on the same database the CLI uses.
    let titles: Vec<String> = (0..1000).map(|i| format!("夜间发布{i}")).collect();
    {
        let store = Store::open(&dir.path().join("matrix-desk.sqlite3")).unwrap();
        let secrets = FileSecretStore::new(dir.path().join("secrets.json"));
        let publishers = mdesk_tests::publishers(&store);
        for (i, title) in titles.iter().enumerate() {
            let intention = if i % 2 == 0 {
                mdesk_tests::image_post(&store, &publishers[i % publishers.len()], title)
            } else {
                Intention::SetShopCard(kinds::SetShopCard {
                    account_id: publishers[i % publishers.len()].clone(),
                    enabled: i % 4 == 1,
                })
            };
            outbox::enqueue(&store, &secrets, "夜班小李", intention, None).unwrap();
        }
    }
    // Slow the platform a little so kills land mid-request, and make it flaky.
    reqwest::Client::new()
        .put(format!("{}/sim/admin/faults", f.sim_url()))
        .json(&json!({"latency_ms": 100, "error_5xx_rate": 0.1}))
        .send()
        .await
        .unwrap();

    // Kill -9 at 20 moments spread over the run (a fixed pseudo-random sequence).
    let mut seed: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut kills_mid_delivery = 0;
    for _ in 0..20 {
        seed = seed
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        let wait = Duration::from_millis(150 + (seed >> 33) % 500);
        let mut child = mdesk(dir.path()).args(["sync", "--until-idle"]).spawn().unwrap();
        tokio::time::sleep(wait).await;
        let open = {
            let store = Store::open(&dir.path().join("matrix-desk.sqlite3")).unwrap();
            store.read(outbox::counts).unwrap().0
        };
        child.kill().unwrap(); // SIGKILL: no cleanup, no flush
        child.wait().unwrap();
        if open > 0 {
            kills_mid_delivery += 1;
        }
    }
    assert_eq!(
        kills_mid_delivery, 20,
        "every kill must land while actions are still being delivered"
    );
    let started = Instant::now();
    let done = mdesk(dir.path()).args(["sync", "--until-idle"]).status().unwrap();
    assert!(done.success(), "the final run delivers the rest");
    assert!(started.elapsed() < Duration::from_secs(180));

    let store = Store::open(&dir.path().join("matrix-desk.sqlite3")).unwrap();
    let integrity: String = store
        .read(|c| Ok(c.query_row("PRAGMA integrity_check", [], |r| r.get(0))?))
        .unwrap();
    assert_eq!(integrity, "ok");
    let actions = outbox::list(&store).unwrap();
    assert_eq!(actions.len(), 1000, "nothing lost");
    let ledger: Value = reqwest::get(format!("{}/sim/admin/ledger", f.sim_url()))
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let mut hits: HashMap<String, usize> = HashMap::new();
    for e in ledger.as_array().unwrap() {
        *hits
            .entry(e["idempotency_key"].as_str().unwrap().to_owned())
            .or_default() += 1;
    }
    for a in &actions {
        assert!(
            matches!(a.state, ActionState::Applied | ActionState::Rejected),
            "action {} ended {}",
            a.id,
            a.state
        );
        if a.state == ActionState::Applied {
            assert_eq!(hits.get(&a.id), Some(&1), "applied exactly once: {}", a.summary);
        }
    }
    let count = |sql: &str| -> i64 { store.read(|c| Ok(c.query_row(sql, [], |r| r.get(0))?)).unwrap() };
    let published = count("SELECT COUNT(*) FROM work WHERE title LIKE '夜间发布%'");
    let distinct = count("SELECT COUNT(DISTINCT title) FROM work WHERE title LIKE '夜间发布%'");
    assert_eq!(published, 500, "every publish arrived");
    assert_eq!(distinct, published, "and none twice");
}

// Multi-threaded: the CLI runs as a blocking child process while the simulator serves it.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn mdesk_refuses_invalid_intentions_with_exit_3_and_queues_nothing() {
    let f = Fixture::new(13, 3600).await;
    let dir = signed_in_cli(&f);

    let bad = mdesk(dir.path())
        .args(["invite", "gg12345678", "--phone", "12345"])
        .stderr(Stdio::piped())
        .output()
        .unwrap();
    assert_eq!(bad.status.code(), Some(3), "a malformed phone is refused locally");
    assert!(
        String::from_utf8_lossy(&bad.stderr).contains("11-digit"),
        "with the reason on stderr"
    );

    let listed = mdesk(dir.path())
        .args(["--json", "accounts"])
        .stdout(Stdio::piped())
        .output()
        .unwrap();
    let accounts: Vec<mdesk_ipc::AccountRow> = serde_json::from_slice(&listed.stdout).unwrap();
    let declined = accounts.iter().find(|a| a.publish == GrantState::Declined).unwrap();
    let image = dir.path().join("图1.png");
    std::fs::write(&image, mdesk_tests::TINY_PNG).unwrap();
    let image = image.display().to_string();
    let refused = mdesk(dir.path())
        .args([
            "publish",
            &declined.guangguang_id,
            "--type",
            "image_text",
            "--media",
            &image,
            "--title",
            "不该发出",
        ])
        .stderr(Stdio::piped())
        .output()
        .unwrap();
    assert_eq!(
        refused.status.code(),
        Some(3),
        "publishing without the grant is refused before queueing"
    );

    let ok = mdesk(dir.path())
        .args(["--json", "shop-card", "off", &accounts[0].guangguang_id])
        .stdout(Stdio::piped())
        .output()
        .unwrap();
    assert!(ok.status.success());
    let queued: Value = serde_json::from_slice(&ok.stdout).unwrap();
    let actions = mdesk(dir.path())
        .args(["--json", "actions"])
        .stdout(Stdio::piped())
        .output()
        .unwrap();
    let actions: Vec<mdesk_ipc::ActionRow> = serde_json::from_slice(&actions.stdout).unwrap();
    assert_eq!(actions.len(), 1, "only the valid intention was queued");
    assert_eq!(actions[0].id, queued["action_id"].as_str().unwrap());
    assert_eq!(
        actions[0].staff_name,
        crate::OWNER,
        "the platform's identity, not MDESK_STAFF"
    );

    let tagged = mdesk(dir.path())
        .args(["tag", &accounts[0].guangguang_id, "brand-persona"])
        .status()
        .unwrap();
    assert!(tagged.success(), "re-tagging a bound account queues");
    let listed = mdesk(dir.path())
        .args(["--json", "invitations"])
        .stdout(Stdio::piped())
        .output()
        .unwrap();
    let invitations: Vec<mdesk_ipc::InvitationRow> = serde_json::from_slice(&listed.stdout).unwrap();
    assert!(
        invitations
            .iter()
            .any(|i| i.state == InvitationStatus::Pending && i.phone_masked.contains("****")),
        "the seeded pending invitation, masked: {invitations:?}"
    );
}

/// `mdesk` and its JSON, for the data commands.
fn mdesk_json(dir: &std::path::Path, args: &[&str]) -> Value {
    let out = mdesk(dir)
        .arg("--json")
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "mdesk {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn mdesk_reads_works_a_work_the_dashboard_and_exports_them_from_the_local_database() {
    let f = Fixture::new(14, 3600).await;
    let dir = signed_in_cli(&f);

    let page = mdesk_json(
        dir.path(),
        &["works", "--sort", "views", "--period", "7d", "--limit", "20"],
    );
    let rows = page["rows"].as_array().unwrap();
    assert_eq!(rows.len(), 20);
    let views: Vec<i64> = rows.iter().map(|r| r["metrics"]["views"].as_i64().unwrap()).collect();
    assert!(views.windows(2).all(|w| w[0] >= w[1]), "largest first: {views:?}");
    let total = page["total"].as_u64().unwrap();
    let rejected = mdesk_json(dir.path(), &["works", "--status", "rejected", "--type", "video"]);
    assert!(rejected["rows"]
        .as_array()
        .unwrap()
        .iter()
        .all(|r| r["review_status"] == "rejected" && r["kind"] == "video"));

    let id = rows[0]["id"].as_str().unwrap();
    let work = mdesk_json(dir.path(), &["work", id, "--period", "7d"]);
    assert_eq!(work["daily"].as_array().unwrap().len(), 7);
    assert_eq!(work["work"]["metrics"]["views"], rows[0]["metrics"]["views"]);

    let board = mdesk_json(dir.path(), &["dashboard", "--period", "30d"]);
    assert_eq!(board["period"]["days"], 30);
    assert!(board["totals"]["views"].as_i64().unwrap() > 0);

    let csv = dir.path().join("works.csv");
    let csv_arg = csv.to_string_lossy().into_owned();
    let done = mdesk_json(dir.path(), &["export", "works", "--format", "csv", "--out", &csv_arg]);
    assert_eq!(done["rows"].as_u64(), Some(total), "every work, not a page");
    let text = std::fs::read_to_string(&csv).unwrap();
    assert_eq!(text.lines().count() as u64, total + 1, "a header and a line per work");
    let xlsx = dir.path().join("dashboard.xlsx");
    let xlsx_arg = xlsx.to_string_lossy().into_owned();
    mdesk_json(
        dir.path(),
        &[
            "export",
            "dashboard",
            "--format",
            "xlsx",
            "--out",
            &xlsx_arg,
            "--period",
            "7d",
        ],
    );
    assert!(std::fs::metadata(&xlsx).unwrap().len() > 1000);

    let bad = mdesk(dir.path())
        .args(["works", "--period", "2026-12-01..2026-11-01"])
        .stderr(Stdio::piped())
        .output()
        .unwrap();
    assert_eq!(bad.status.code(), Some(3), "a reversed period is refused");
}
