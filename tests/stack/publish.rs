//! Publishing from the composer against the platform: one work per account with its files,
//! a scheduled work held until its time, `kill -9` mid-upload and mid-request delivering
//! exactly one work, a draft surviving a crash, and liking a comment.

use std::process::Stdio;
use std::time::{Duration, Instant};

use mdesk_core::outbox::{self, Intention};
use mdesk_core::publish;
use mdesk_core::Store;
use mdesk_ipc::{ActionState, CoverChoice, GrantState, PublishDraft, WorkKind};
use serde_json::json;

use crate::crash::{mdesk, signed_in_cli};
use crate::outbox::{accounts_with, deliver, signed_in_and_synced, STAFF};
use crate::Fixture;
use mdesk_core::outbox::kinds;
use mdesk_tests::platform::Platform;

/// Writes `bytes` as a picked file named `name` in `dir`; answers its path.
fn picked(dir: &std::path::Path, name: &str, bytes: &[u8]) -> String {
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap();
    path.display().to_string()
}

async fn platform(f: &Fixture) -> Platform {
    Platform::sign_in(&f.sim_url()).await.unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_composer_publishes_one_work_per_granted_account_with_its_files() {
    let f = Fixture::new(21, 3600).await;
    let session = signed_in_and_synced(&f).await;
    let granted = accounts_with(&f, GrantState::Granted, GrantState::Granted);
    let declined = accounts_with(&f, GrantState::Declined, GrantState::Granted);
    let products: Vec<String> = mdesk_core::pool::products(&f.store)
        .unwrap()
        .into_iter()
        .take(2)
        .map(|p| p.id)
        .collect();
    for account in &granted[..2] {
        let set = Intention::SetPool(kinds::SetPool {
            account_id: account.clone(),
            product_ids: products.clone(),
        });
        outbox::enqueue(&f.store, f.secrets.as_ref(), STAFF, set, None).unwrap();
    }
    deliver(&f, &session, Duration::from_secs(30)).await;

    let files = tempfile::tempdir().unwrap();
    let draft = PublishDraft {
        kind: WorkKind::Video,
        title: "三店同发".into(),
        text: "新品到店".into(),
        topic: "#好物分享".into(),
        product_ids: products.clone(),
        media: vec![picked(files.path(), "开箱.mp4", &[7u8; 300_000])],
        cover: CoverChoice::Image {
            path: picked(files.path(), "封面.png", mdesk_tests::TINY_PNG),
        },
        account_ids: vec![granted[0].clone(), granted[1].clone(), declined[0].clone()],
        ..PublishDraft::default()
    };
    let plan = publish::plan(&f.store, STAFF, &draft).unwrap();
    assert_eq!(plan.sendable(), 2, "{plan:?}");
    assert!(plan.rows[2].refusal.is_some(), "no publish grant");
    let outcome = publish::queue(&f.store, STAFF, &draft, None).unwrap();
    assert_eq!(outcome.queued.len(), 2);
    // The originals may be deleted right after queueing: the copies go.
    drop(files);
    deliver(&f, &session, Duration::from_secs(60)).await;

    let p = platform(&f).await;
    let works = p.titled("三店同发").await.unwrap();
    for account in &granted[..2] {
        let mine: Vec<&mdesk_platform_api::Work> = works.iter().filter(|w| w.account_id == *account).collect();
        assert_eq!(mine.len(), 1, "exactly one work for {account}");
        let w = mine[0];
        assert_eq!(w.kind, WorkKind::Video);
        assert_eq!(w.topic.as_deref(), Some("#好物分享"));
        assert_eq!(w.product_ids, products);
        assert!(
            w.cover_url.as_deref().is_some_and(|u| u.starts_with("/cdn/media/")),
            "the uploaded cover: {w:?}"
        );
    }
    assert!(
        !works.iter().any(|w| w.account_id == declined[0]),
        "nothing for the refused account"
    );
    let uploads = p.applied(None, "/v1/media").await.unwrap();
    assert_eq!(uploads, 4, "a video and a cover per work, each uploaded once");
    assert!(
        outbox::media::uploads(&f.store).unwrap().is_empty(),
        "nothing left on its way"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_scheduled_work_is_held_by_the_platform_until_its_time() {
    let f = Fixture::new(22, 3600).await;
    let session = signed_in_and_synced(&f).await;
    let account = accounts_with(&f, GrantState::Granted, GrantState::Granted)[0].clone();
    let files = tempfile::tempdir().unwrap();
    let at = chrono::Utc::now() + chrono::Duration::hours(20);
    let draft = PublishDraft {
        kind: WorkKind::ImageText,
        title: "明早九点见".into(),
        media: vec![picked(files.path(), "预告.png", mdesk_tests::TINY_PNG)],
        scheduled_at: Some(
            at.with_timezone(&chrono::FixedOffset::east_opt(8 * 3600).unwrap())
                .to_rfc3339(),
        ),
        account_ids: vec![account.clone()],
        ..PublishDraft::default()
    };
    publish::queue(&f.store, STAFF, &draft, None).unwrap();
    deliver(&f, &session, Duration::from_secs(30)).await;
    let p = platform(&f).await;
    let held = p.titled("明早九点见").await.unwrap().pop().unwrap();
    assert_eq!(held.published_at, None, "held: {held:?}");
    assert!(held.scheduled_at.is_some());
    let local = |f: &Fixture| {
        f.store
            .read(|c| {
                Ok(c.query_row(
                    "SELECT published_at, scheduled_at FROM work WHERE title = '明早九点见'",
                    [],
                    |r| Ok((r.get::<_, Option<String>>(0)?, r.get::<_, Option<String>>(1)?)),
                )?)
            })
            .unwrap()
    };
    let (published, scheduled) = local(&f);
    assert_eq!(published, None, "shown as scheduled here too");
    assert!(scheduled.is_some());

    p.tick(1).await.unwrap();
    deliver(&f, &session, Duration::from_secs(30)).await;
    let (published, _) = local(&f);
    assert!(published.is_some(), "published once its time came");
}

/// Per file of a publish: the bytes sent, and the platform's media id once it has the file.
type Slots = Vec<(i64, Option<String>)>;

/// The publish action of the CLI's database: its state and its files.
fn progress(db: &std::path::Path) -> Option<(String, Slots)> {
    let conn = rusqlite::Connection::open_with_flags(db, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY).ok()?;
    conn.busy_timeout(Duration::from_secs(2)).ok()?;
    let (id, state): (String, String) = conn
        .query_row("SELECT id, state FROM action WHERE kind = 'publish'", [], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })
        .ok()?;
    let mut stmt = conn
        .prepare("SELECT sent_bytes, media_id FROM action_upload WHERE action_id = ?1 ORDER BY slot")
        .ok()?;
    let slots = stmt
        .query_map([&id], |r| Ok((r.get(0)?, r.get(1)?)))
        .ok()?
        .collect::<Result<Vec<_>, _>>()
        .ok()?;
    Some((state, slots))
}

/// Runs `mdesk sync` until `moment` holds for the publish, then kills it with SIGKILL.
fn kill_when(dir: &std::path::Path, what: &str, moment: impl Fn(&str, &[(i64, Option<String>)]) -> bool) {
    let db = dir.join("matrix-desk.sqlite3");
    let mut child = mdesk(dir).arg("sync").spawn().unwrap();
    let started = Instant::now();
    loop {
        if let Some((state, slots)) = progress(&db) {
            if moment(&state, &slots) {
                break;
            }
        }
        assert!(started.elapsed() < Duration::from_secs(60), "never reached: {what}");
        std::thread::sleep(Duration::from_millis(20));
    }
    child.kill().unwrap();
    child.wait().unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_publish_killed_mid_upload_and_mid_request_delivers_exactly_one_work() {
    let f = Fixture::new(23, 3600).await;
    let dir = signed_in_cli(&f);
    let accounts: Vec<mdesk_ipc::AccountRow> = serde_json::from_slice(
        &mdesk(dir.path())
            .args(["--json", "accounts"])
            .stdout(Stdio::piped())
            .output()
            .unwrap()
            .stdout,
    )
    .unwrap();
    let gg = &accounts
        .iter()
        .find(|a| a.publish == GrantState::Granted)
        .unwrap()
        .guangguang_id;
    let files = tempfile::tempdir().unwrap();
    let video = picked(files.path(), "大视频.mp4", &vec![5u8; 6 << 20]);
    let cover = picked(files.path(), "封面.png", mdesk_tests::TINY_PNG);
    let queued = mdesk(dir.path())
        .args(["publish", gg, "--type", "video", "--media", &video, "--cover", &cover])
        .args(["--title", "断点续传", "--topic", "#好物分享"])
        .status()
        .unwrap();
    assert!(queued.success());

    // Every request now waits 1.5 s on the platform: kills land while one is on its way.
    let p = platform(&f).await;
    p.faults(json!({"latency_ms": 1500})).await.unwrap();
    kill_when(dir.path(), "the video on its way", |_, slots| {
        slots.first().is_some_and(|(sent, id)| *sent > 0 && id.is_none())
    });
    kill_when(dir.path(), "the files uploaded, the work on its way", |state, slots| {
        state == "sending" && slots.iter().all(|(_, id)| id.is_some())
    });
    p.faults(json!({})).await.unwrap();
    let done = mdesk(dir.path()).args(["sync", "--once"]).status().unwrap();
    assert!(done.success());
    let (state, slots) = progress(&dir.path().join("matrix-desk.sqlite3")).unwrap();
    assert_eq!(state, ActionState::Applied.as_str());
    assert!(slots.iter().all(|(_, id)| id.is_some()));

    let works = p.titled("断点续传").await.unwrap();
    assert_eq!(works.len(), 1, "one work, however many times it was sent");
    let media = p.applied(None, "/v1/media").await.unwrap();
    assert_eq!(media, 2, "the video and the cover, each applied once");
    let publishes = p
        .applied(Some("POST"), &format!("/v1/accounts/{}/works", works[0].account_id))
        .await
        .unwrap();
    assert_eq!(publishes, 1);
}

#[tokio::test]
async fn a_draft_survives_a_crash() {
    // A crash leaves the database and its write-ahead log as they are on disk: copy them
    // without closing anything, and open the copy as the restarted app would.
    let f = Fixture::new(25, 3600).await;
    signed_in_and_synced(&f).await;
    let store = &f.store;
    let draft = PublishDraft {
        title: "写到一半".into(),
        text: "还没写完的正文".into(),
        ..PublishDraft::default()
    };
    let id = publish::drafts::save(store, None, &draft).unwrap();
    let after = tempfile::tempdir().unwrap();
    for entry in std::fs::read_dir(f.dir.path()).unwrap().flatten() {
        if entry.path().is_file() {
            std::fs::copy(entry.path(), after.path().join(entry.file_name())).unwrap();
        }
    }
    let reopened = Store::open(&after.path().join("matrix-desk.sqlite3")).unwrap();
    let drafts = publish::drafts::list(&reopened).unwrap();
    assert_eq!(drafts.len(), 1);
    assert_eq!(drafts[0].id, id);
    assert_eq!(drafts[0].draft, draft, "every word typed");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn liking_a_comment_reaches_the_platform_and_shows_liked() {
    let f = Fixture::new(24, 3600).await;
    let session = signed_in_and_synced(&f).await;
    mdesk_core::settings::set_staff_name(&f.store, STAFF).unwrap();
    let comments = mdesk_core::comments::list(&f.store, &mdesk_ipc::CommentsQuery::default()).unwrap();
    let target = comments
        .iter()
        .find(|c| c.can_reply && !c.from_matrix)
        .expect("a fan's comment on a work of an account with the interact grant");
    mdesk_core::comments::like_comment(&f.store, f.secrets.as_ref(), &target.id, true).unwrap();
    let shown = |f: &Fixture| {
        mdesk_core::comments::list(&f.store, &mdesk_ipc::CommentsQuery::default())
            .unwrap()
            .into_iter()
            .find(|c| c.id == target.id)
            .unwrap()
    };
    let pending = shown(&f);
    assert!(pending.liked && pending.like_pending);
    assert_eq!(pending.like_count, target.like_count + 1, "counted at once");
    deliver(&f, &session, Duration::from_secs(30)).await;
    let synced = shown(&f);
    assert!(synced.liked && !synced.like_pending, "{synced:?}");
    assert_eq!(synced.like_count, target.like_count + 1, "counted once");
    let declined = mdesk_core::comments::list(&f.store, &mdesk_ipc::CommentsQuery::default())
        .unwrap()
        .into_iter()
        .find(|c| !c.can_reply)
        .expect("a comment on a work of an account without the interact grant");
    assert!(
        mdesk_core::comments::like_comment(&f.store, f.secrets.as_ref(), &declined.id, true).is_err(),
        "no like without the interact grant"
    );
}
