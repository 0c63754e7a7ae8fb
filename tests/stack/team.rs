//! Teams end to end, desk by desk through `mdesk` against the simulator over HTTP: an
//! operator's work waits for a second person, an approval delivered through faults and
//! kill -9 publishes exactly once per account, nobody approves their own submission (even
//! after a change of role), a disabled person's desk is signed out (exit 5), and another
//! merchant's desk sees none of it.

use std::collections::HashMap;
use std::path::Path;
use std::process::{Output, Stdio};
use std::time::Duration;

use serde_json::{json, Value};

use crate::crash::mdesk;
use crate::Fixture;

/// A data folder signed in as `user` and synced once.
pub(crate) fn desk(f: &Fixture, user: &str, password: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let login = [
        "login",
        "--platform",
        &f.sim_url(),
        "--username",
        user,
        "--password",
        password,
    ];
    assert!(
        mdesk(dir.path()).args(login).status().unwrap().success(),
        "mdesk login {user}"
    );
    sync(dir.path());
    dir
}

pub(crate) fn sync(dir: &Path) {
    let out = run(dir, &["sync", "--until-idle"]);
    assert!(out.status.success(), "sync: {}", String::from_utf8_lossy(&out.stderr));
}

pub(crate) fn run(dir: &Path, args: &[&str]) -> Output {
    mdesk(dir)
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .output()
        .unwrap()
}

pub(crate) fn json_of(dir: &Path, args: &[&str]) -> Value {
    let mut all = vec!["--json"];
    all.extend_from_slice(args);
    let out = run(dir, &all);
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

/// The platform's works titled `title`, per account, read with the owner's token.
pub(crate) async fn published(f: &Fixture, title: &str) -> HashMap<String, usize> {
    let token = f.platform_token("demo", "demo123").await;
    let http = reqwest::Client::new();
    let (mut cursor, mut per_account) = (None::<String>, HashMap::new());
    loop {
        let mut url = format!("{}/v1/works?limit=1000", f.sim_url());
        if let Some(c) = &cursor {
            url.push_str(&format!("&cursor={c}"));
        }
        let page: Value = http
            .get(url)
            .bearer_auth(&token)
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        for w in page["works"].as_array().unwrap() {
            if w["title"] == title {
                *per_account
                    .entry(w["account_id"].as_str().unwrap().to_owned())
                    .or_default() += 1;
            }
        }
        match page["next_cursor"].as_str() {
            Some(c) => cursor = Some(c.to_owned()),
            None => return per_account,
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_operators_work_goes_out_once_per_account_after_a_second_persons_approval() {
    let f = Fixture::new(31, 3600).await;
    let owner = desk(&f, "demo", "demo123");
    let out = run(owner.path(), &["settings", "approval", "on"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    sync(owner.path());

    let operator = desk(&f, "demo:xiaoli", "xiaoli123");
    let me = json_of(operator.path(), &["whoami"]);
    assert_eq!(
        (me["role"].as_str(), me["approval_required"].as_bool()),
        (Some("operator"), Some(true))
    );
    assert_eq!(me["publishes_by_submission"], true, "{me}");
    let targets: Vec<(String, String)> = crate::safety::publishers(operator.path())
        .into_iter()
        .map(|(id, gg, _)| (id, gg))
        .collect();
    assert_eq!(targets.len(), 2);
    let image = operator.path().join("新品.png");
    std::fs::write(&image, mdesk_tests::TINY_PNG).unwrap();
    let image = image.display().to_string();
    let title = "新品开箱｜审核后发出";
    let out = run(
        operator.path(),
        &[
            "publish",
            &targets[0].1,
            &targets[1].1,
            "--type",
            "image_text",
            "--media",
            &image,
            "--title",
            title,
        ],
    );
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(
        said.starts_with("submitted "),
        "the operator's publish is a submission: {said}"
    );
    // A pin (a direct change of a live work) is refused locally while approval is on.
    let works = json_of(operator.path(), &["works", "--limit", "1"]);
    let work_id = works["rows"][0]["id"].as_str().unwrap().to_owned();
    let pin = run(operator.path(), &["pin", &work_id]);
    assert_eq!(pin.status.code(), Some(3), "refused before queueing");
    assert!(
        String::from_utf8_lossy(&pin.stderr).contains("operator"),
        "naming the role"
    );
    sync(operator.path());
    assert!(
        published(&f, title).await.is_empty(),
        "nothing goes out before the approval"
    );

    // The reviewer sees it and approves it; the delivery meets faults and kill -9.
    let reviewer = desk(&f, "demo:laowang", "laowang123");
    let queue = json_of(reviewer.path(), &["reviews", "--state", "pending"]);
    let waiting: Vec<&Value> = queue
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["title"] == title)
        .collect();
    assert_eq!(waiting.len(), 1, "{queue}");
    assert_eq!(waiting[0]["can_review"], true);
    let id = waiting[0]["id"].as_str().unwrap().to_owned();
    let out = run(reviewer.path(), &["approve", &id]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    reqwest::Client::new()
        .put(format!("{}/sim/admin/faults", f.sim_url()))
        .json(&json!({"latency_ms": 150, "error_5xx_rate": 0.3}))
        .send()
        .await
        .unwrap();
    let mut kills_mid_delivery = 0;
    for wait in [60u64, 140, 220, 90, 300] {
        let mut child = mdesk(reviewer.path()).args(["sync", "--until-idle"]).spawn().unwrap();
        tokio::time::sleep(Duration::from_millis(wait)).await;
        let store = mdesk_core::Store::open(&reviewer.path().join("matrix-desk.sqlite3")).unwrap();
        if store.read(mdesk_core::outbox::counts).unwrap().0 > 0 {
            kills_mid_delivery += 1;
        }
        drop(store);
        child.kill().unwrap(); // SIGKILL: no cleanup
        child.wait().unwrap();
    }
    assert!(
        kills_mid_delivery > 0,
        "a kill must land while the approval is on its way"
    );
    reqwest::Client::new()
        .put(format!("{}/sim/admin/faults", f.sim_url()))
        .json(&json!({"latency_ms": 0, "error_5xx_rate": 0.0}))
        .send()
        .await
        .unwrap();
    sync(reviewer.path());
    let per_account = published(&f, title).await;
    let want: HashMap<String, usize> = targets.iter().map(|(id, _)| (id.clone(), 1)).collect();
    assert_eq!(per_account, want, "exactly one work per target account");

    // Both desks see the approval; the operator hears of it.
    sync(operator.path());
    let mine = json_of(operator.path(), &["reviews"]);
    let row = mine
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["id"] == id.as_str())
        .unwrap();
    assert_eq!(row["state"], "approved", "{row}");
    assert_eq!(row["reviewed_by"]["login"], "demo:laowang");
    let audit = json_of(reviewer.path(), &["audit"]);
    let approval = audit
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["what"].as_str().is_some_and(|w| w.starts_with("approve")))
        .unwrap();
    assert_eq!(
        approval["staff_name"], "老王 (demo:laowang)",
        "the platform's identity, not the typed name"
    );
    assert_eq!(approval["verified"], true);

    // The owner makes the operator a reviewer: they still cannot approve their own work.
    let out = run(
        operator.path(),
        &[
            "publish",
            &targets[0].1,
            "--type",
            "image_text",
            "--media",
            &image,
            "--title",
            "自己审自己",
        ],
    );
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    sync(operator.path());
    let out = run(owner.path(), &["staff", "role", "xiaoli", "reviewer"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    sync(owner.path());
    sync(operator.path());
    let queue = json_of(operator.path(), &["reviews", "--state", "pending"]);
    let own = queue
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["title"] == "自己审自己")
        .unwrap();
    assert_eq!(own["can_review"], false, "{own}");
    let out = run(operator.path(), &["approve", own["id"].as_str().unwrap()]);
    assert_eq!(out.status.code(), Some(3), "four eyes: refused locally");
    assert!(
        String::from_utf8_lossy(&out.stdout).contains("four eyes"),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    let token = f.platform_token("demo:xiaoli", "xiaoli123").await;
    let forced: Value = reqwest::Client::new()
        .post(format!(
            "{}/v1/submissions/{}/approve",
            f.sim_url(),
            own["id"].as_str().unwrap()
        ))
        .bearer_auth(token)
        .header("Idempotency-Key", "forced-own-approval")
        .json(&json!({"version": 1}))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(
        forced["error"]["code"], "role_forbidden",
        "and by the platform: {forced}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_disabled_person_is_signed_out_and_another_merchant_sees_nothing() {
    let f = Fixture::new(32, 3600).await;
    let owner = desk(&f, "demo", "demo123");
    let added = mdesk(owner.path())
        .args([
            "staff",
            "add",
            "xiaoqian",
            "--role",
            "operator",
            "--display-name",
            "小倩",
        ])
        .env("MDESK_STAFF_PASSWORD", "qian-2026!")
        .status()
        .unwrap();
    assert!(added.success());
    sync(owner.path());
    let team = json_of(owner.path(), &["staff", "list"]);
    assert!(
        team["staff"]
            .as_array()
            .unwrap()
            .iter()
            .any(|m| m["login"] == "demo:xiaoqian" && m["name"] == "小倩"),
        "{team}"
    );

    let qian = desk(&f, "demo:xiaoqian", "qian-2026!");
    let out = run(qian.path(), &["settings", "approval", "on"]);
    assert_eq!(out.status.code(), Some(3), "an operator may not change team settings");

    let out = run(owner.path(), &["staff", "disable", "xiaoqian"]);
    assert!(out.status.success());
    sync(owner.path());
    let out = run(qian.path(), &["sync", "--once"]);
    assert_eq!(
        out.status.code(),
        Some(5),
        "signed out: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(said.contains("disabled"), "a clear message: {said}");
    let out = run(qian.path(), &["sync", "--once"]);
    assert_eq!(out.status.code(), Some(5), "and stays signed out");

    // The rival's desk: none of the demo merchant's team or submissions.
    let rival = desk(&f, "rival:xiaohe", "xiaohe123");
    let team = json_of(rival.path(), &["staff", "list"]);
    assert!(
        team["staff"]
            .as_array()
            .unwrap()
            .iter()
            .all(|m| m["login"].as_str().unwrap().starts_with("rival:")),
        "{team}"
    );
    assert_eq!(json_of(rival.path(), &["reviews"]), json!([]));
}
