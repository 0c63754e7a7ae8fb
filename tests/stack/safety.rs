//! Publishing safely, desk by desk through `mdesk` against the simulator over HTTP: a blocked
//! word is refused on this computer and nothing is queued; a warned word goes out once
//! accepted, exactly once; an account's own word refuses only that account; the duplicate
//! guard names the account that published a picture first; account health lists the accounts
//! whose permission was declined.

use std::path::Path;

use serde_json::Value;

use crate::team::{desk, json_of, published, run, sync};
use crate::Fixture;

/// Two bound accounts that granted publishing: (id, Guangguang ID, nickname).
pub(crate) fn publishers(dir: &Path) -> Vec<(String, String, String)> {
    json_of(dir, &["accounts"])
        .as_array()
        .unwrap()
        .iter()
        .filter(|a| a["binding_state"] == "bound" && a["publish"] == "granted")
        .take(2)
        .map(|a| {
            (
                a["id"].as_str().unwrap().to_owned(),
                a["guangguang_id"].as_str().unwrap().to_owned(),
                a["nickname"].as_str().unwrap().to_owned(),
            )
        })
        .collect()
}

fn picture(dir: &Path, name: &str) -> String {
    let path = dir.join(name);
    std::fs::write(&path, mdesk_tests::TINY_PNG).unwrap();
    path.display().to_string()
}

fn publish<'a>(gg: &[&'a str], media: &'a str, title: &'a str, extra: &[&'a str]) -> Vec<&'a str> {
    let mut args = vec!["publish"];
    args.extend_from_slice(gg);
    args.extend_from_slice(&["--type", "image_text", "--media", media, "--title", title]);
    args.extend_from_slice(extra);
    args
}

fn actions(dir: &Path) -> usize {
    json_of(dir, &["actions"]).as_array().unwrap().len()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_blocked_word_is_refused_here_and_a_warned_one_goes_out_once_accepted() {
    let f = Fixture::new(41, 3600).await;
    let owner = desk(&f, "demo", "demo123");
    let files = tempfile::tempdir().unwrap();
    let pic = picture(files.path(), "春茶.png");
    let targets = publishers(owner.path());
    let (id1, gg1, _) = &targets[0];

    // Blocked, however disguised: refused with exit 3, and nothing is queued.
    let out = run(
        owner.path(),
        &publish(&[gg1], &pic, "國家級 春茶", &["--accept-warnings"]),
    );
    assert_eq!(out.status.code(), Some(3), "{}", String::from_utf8_lossy(&out.stderr));
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(
        said.contains("block") && said.contains("国家级"),
        "the hit is listed: {said}"
    );
    assert_eq!(actions(owner.path()), 0, "nothing queued");
    let out = run(owner.path(), &["--json", "check-text", "找 V X 领券"]);
    assert_eq!(out.status.code(), Some(3));
    let hits: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(hits["hits"][0]["word"], "vx", "{hits}");
    assert_eq!(
        (hits["hits"][0]["start"].as_u64(), hits["hits"][0]["end"].as_u64()),
        (Some(2), Some(5))
    );

    // Warned: refused until accepted, then delivered exactly once.
    let out = run(owner.path(), &publish(&[gg1], &pic, "顶级春茶", &[]));
    assert_eq!(out.status.code(), Some(3), "a warning needs --accept-warnings");
    assert!(String::from_utf8_lossy(&out.stdout).contains("顶级"));
    assert_eq!(actions(owner.path()), 0);
    let out = run(owner.path(), &publish(&[gg1], &pic, "顶级春茶", &["--accept-warnings"]));
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    sync(owner.path());
    sync(owner.path());
    let works = published(&f, "顶级春茶").await;
    assert_eq!(works.get(id1), Some(&1), "{works:?}");
    assert_eq!(works.len(), 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_accounts_own_word_refuses_only_that_account() {
    let f = Fixture::new(42, 3600).await;
    let owner = desk(&f, "demo", "demo123");
    let files = tempfile::tempdir().unwrap();
    let pic = picture(files.path(), "门店.png");
    let targets = publishers(owner.path());
    let ((id1, gg1, _), (id2, gg2, _)) = (&targets[0], &targets[1]);
    let out = run(
        owner.path(),
        &[
            "words",
            "add",
            "隔壁店",
            "--severity",
            "block",
            "--account",
            gg2,
            "--reason",
            "品牌号不提竞品",
        ],
    );
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));

    let plan = json_of(
        owner.path(),
        &publish(&[gg1, gg2], &pic, "比隔壁店好喝", &["--dry-run"]),
    );
    let rows = plan["rows"].as_array().unwrap();
    assert!(rows[0]["refusal"].is_null(), "{plan}");
    assert_eq!(rows[1]["refusal"]["rule"], "content_blocked", "{plan}");
    assert_eq!(rows[1]["content"][0]["reason"], "品牌号不提竞品");

    let out = run(owner.path(), &publish(&[gg1, gg2], &pic, "比隔壁店好喝", &[]));
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    sync(owner.path());
    sync(owner.path());
    let works = published(&f, "比隔壁店好喝").await;
    assert_eq!(works.get(id1), Some(&1), "{works:?}");
    assert_eq!(works.get(id2), None, "refused for the account whose word it is");

    // Exported and imported by another desk of the merchant.
    let csv = files.path().join("words.csv");
    let out = run(owner.path(), &["words", "export", csv.to_str().unwrap()]);
    assert!(out.status.success());
    let other = desk(&f, "demo", "demo123");
    let out = run(other.path(), &["words", "import", csv.to_str().unwrap()]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let listed = json_of(other.path(), &["words", "list"]);
    assert_eq!(listed["own"][0]["word"], "隔壁店", "{listed}");
    assert_eq!(listed["own"][0]["account_id"].as_str(), Some(id2.as_str()));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_duplicate_guard_names_the_account_that_published_a_picture_first() {
    let f = Fixture::new(43, 3600).await;
    let owner = desk(&f, "demo", "demo123");
    let files = tempfile::tempdir().unwrap();
    let first = picture(files.path(), "上新.png");
    let targets = publishers(owner.path());
    let ((_, gg1, nick1), (_, gg2, _)) = (&targets[0], &targets[1]);
    let out = run(owner.path(), &publish(&[gg1], &first, "上新啦", &[]));
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    sync(owner.path());
    sync(owner.path());

    // The same picture under another name, for another account: named, with the work.
    let again = picture(files.path(), "上新-副本.png");
    let plan = json_of(owner.path(), &publish(&[gg2], &again, "又上新啦", &["--dry-run"]));
    let dup = &plan["duplicates"][0];
    assert_eq!(dup["name"], "上新-副本.png", "{plan}");
    assert_eq!(dup["exact"], true);
    assert_eq!(dup["used"][0]["nickname"].as_str(), Some(nick1.as_str()), "{plan}");
    assert_eq!(dup["used"][0]["title"], "上新啦");
    assert!(dup["used"][0]["work_id"].is_string(), "the platform's work: {plan}");
    assert_eq!(plan["rows"][0]["refusal"], Value::Null, "a warning, not a refusal");

    let library = json_of(owner.path(), &["media"]);
    assert_eq!(library[0]["name"], "上新.png", "{library}");
    assert_eq!(library[0]["uses"].as_array().map(Vec::len), Some(1));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn account_health_lists_the_accounts_whose_permission_was_declined() {
    let f = Fixture::new(44, 3600).await;
    let owner = desk(&f, "demo", "demo123");
    let declined: Vec<String> = json_of(owner.path(), &["accounts"])
        .as_array()
        .unwrap()
        .iter()
        .filter(|a| a["binding_state"] == "bound" && a["publish"] == "declined")
        .map(|a| a["id"].as_str().unwrap().to_owned())
        .collect();
    assert!(!declined.is_empty(), "the demo matrix has declined permissions");
    let health = json_of(owner.path(), &["health"]);
    for id in &declined {
        let row = health
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["account_id"] == id.as_str())
            .unwrap_or_else(|| panic!("{id} is not listed: {health}"));
        assert!(
            row["findings"]
                .as_array()
                .unwrap()
                .iter()
                .any(|f| f["reason"] == "grant_declined" && f["detail"] == "publish"),
            "{row}"
        );
    }
}
