//! The composer without HTTP: field problems, the dry run per account, staging, queueing one
//! action per account, and drafts.

use std::path::PathBuf;

use mdesk_ipc::{CoverChoice, DraftField, ErrorCode, PublishDraft, WorkKind};

use super::*;
use crate::outbox::tests::with_fixture;

const STAFF: &str = "小王";

/// A file-backed store with the outbox fixture (`a-ok` may publish with p1 in its pool,
/// `a-nopub` lacks the grant, `a-gone` is unbound), and a folder of picked files.
fn setup() -> (tempfile::TempDir, Store, PathBuf) {
    let dir = tempfile::tempdir().expect("dir");
    let store = with_fixture(Store::open(&dir.path().join("mdesk.db")).expect("store"));
    let picked = dir.path().join("picked");
    std::fs::create_dir_all(&picked).expect("picked");
    std::fs::write(picked.join("开箱.mp4"), vec![7u8; 4096]).expect("video");
    std::fs::write(picked.join("封面.png"), vec![1u8; 512]).expect("cover");
    std::fs::write(picked.join("图1.jpg"), vec![2u8; 256]).expect("image");
    std::fs::write(picked.join("说明.txt"), b"not media").expect("text");
    (dir, store, picked)
}

fn draft(picked: &std::path::Path, accounts: &[&str]) -> PublishDraft {
    PublishDraft {
        kind: WorkKind::Video,
        title: "春茶开箱".into(),
        text: "今年的新茶到了".into(),
        topic: "#好物分享".into(),
        product_ids: vec!["p1".into()],
        media: vec![picked.join("开箱.mp4").display().to_string()],
        cover: CoverChoice::Image {
            path: picked.join("封面.png").display().to_string(),
        },
        account_ids: accounts.iter().map(|a| (*a).to_owned()).collect(),
        ..PublishDraft::default()
    }
}

fn rules_of(plan: &mdesk_ipc::PublishPlan) -> Vec<(DraftField, String)> {
    plan.problems
        .iter()
        .map(|p| (p.field, p.error.rule.clone().unwrap_or_default()))
        .collect()
}

#[test]
fn the_dry_run_says_per_account_what_is_sent_and_queues_nothing() {
    let (_dir, store, picked) = setup();
    let plan = plan(&store, STAFF, &draft(&picked, &["a-ok", "a-nopub", "a-gone"])).expect("plan");
    assert!(plan.problems.is_empty(), "{:?}", plan.problems);
    let refusals: Vec<Option<ErrorCode>> = plan.rows.iter().map(|r| r.refusal.as_ref().map(|e| e.code)).collect();
    assert_eq!(
        refusals,
        vec![None, Some(ErrorCode::PermissionRequired), Some(ErrorCode::NotBound)],
        "the granted account is sent to; the others say why not"
    );
    assert_eq!(plan.rows[1].nickname, "员工乙", "rows name the account");
    assert_eq!(plan.sendable(), 1);
    assert!(
        crate::outbox::list(&store).expect("actions").is_empty(),
        "a dry run queues nothing"
    );
    assert!(
        !store.media_dir().expect("dir").join("outgoing").exists(),
        "nor copies a file"
    );
}

#[test]
fn a_product_outside_the_accounts_pool_is_refused_for_that_account() {
    let (_dir, store, picked) = setup();
    let mut d = draft(&picked, &["a-ok"]);
    d.product_ids = vec!["p1".into(), "p2".into()];
    let plan = plan(&store, STAFF, &d).expect("plan");
    assert_eq!(
        plan.rows[0].refusal.as_ref().map(|e| e.code),
        Some(ErrorCode::NotInProductPool)
    );
}

#[test]
fn field_problems_stand_next_to_their_field_and_keep_the_rows() {
    let (_dir, store, picked) = setup();
    let mut d = draft(&picked, &["a-ok", "a-nopub"]);
    d.title = "标".repeat(31);
    d.media.push(picked.join("说明.txt").display().to_string());
    d.scheduled_at = Some("2020-01-01T08:00:00+08:00".into());
    let first = plan(&store, STAFF, &d).expect("plan");
    assert_eq!(
        rules_of(&first),
        vec![
            (DraftField::Title, "title_too_long".to_owned()),
            (DraftField::Schedule, "schedule_past".to_owned()),
            (DraftField::Media, "media_type".to_owned()),
        ]
    );
    assert_eq!(first.sendable(), 0, "nothing goes while the draft has problems");
    assert_eq!(
        first.rows[1].refusal.as_ref().map(|e| e.code),
        Some(ErrorCode::PermissionRequired),
        "accounts are still checked"
    );
    assert!(queue(&store, STAFF, &d, None).is_err(), "and queueing is refused");
    assert!(crate::outbox::list(&store).expect("actions").is_empty());

    let mut d = draft(&picked, &["a-ok"]);
    d.media = vec![picked.join("图1.jpg").display().to_string()];
    assert_eq!(
        rules_of(&plan(&store, STAFF, &d).expect("plan")),
        vec![(DraftField::Media, "video_needs_one_video".to_owned())],
        "a video work needs a video"
    );
    d.kind = WorkKind::ImageText;
    d.media = vec![d.media[0].clone(); 10];
    d.cover = CoverChoice::Auto;
    assert_eq!(
        rules_of(&plan(&store, STAFF, &d).expect("plan")),
        vec![(DraftField::Media, "images_count".to_owned())]
    );
    d.media.truncate(9);
    d.cover = CoverChoice::Frame { ms: 1000 };
    assert_eq!(
        rules_of(&plan(&store, STAFF, &d).expect("plan")),
        vec![(DraftField::Cover, "cover_frame_not_video".to_owned())]
    );
    let mut d = draft(&picked, &[]);
    d.media = vec![picked.join("不存在.mp4").display().to_string()];
    assert_eq!(
        rules_of(&plan(&store, STAFF, &d).expect("plan")),
        vec![
            (DraftField::Accounts, "no_accounts".to_owned()),
            (DraftField::Media, "media_unreadable".to_owned())
        ]
    );
}

#[test]
fn confirming_queues_one_action_per_account_with_the_files_staged_once() {
    let (_dir, store, picked) = setup();
    let d = draft(&picked, &["a-ok", "a-nopub"]);
    // The same account twice is two works: each is its own action with its own key.
    let mut twice = d.clone();
    twice.account_ids = vec!["a-ok".into(), "a-ok".into(), "a-nopub".into()];
    let id = drafts::save(&store, None, &twice).expect("draft");
    let outcome = queue(&store, STAFF, &twice, Some(&id)).expect("queue");
    assert_eq!(outcome.queued.len(), 2);
    assert_ne!(outcome.queued[0].action_id, outcome.queued[1].action_id);
    assert_eq!(outcome.refused.len(), 1);
    assert_eq!(outcome.refused[0].account_id, "a-nopub");
    assert!(
        drafts::list(&store).expect("drafts").is_empty(),
        "a queued draft is done"
    );

    // The originals may go now: the copies are in the data folder, one per content.
    let staged: Vec<_> = std::fs::read_dir(store.media_dir().expect("dir").join("outgoing"))
        .expect("outgoing")
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(staged.len(), 2, "the video and the cover, once each: {staged:?}");
    std::fs::remove_dir_all(&picked).expect("delete originals");
    let uploads = crate::outbox::media::uploads(&store).expect("uploads");
    assert_eq!(uploads.len(), 4, "two slots (video, cover) for each of two works");
    assert!(uploads.iter().all(|u| !u.done && u.sent_bytes == 0));
    assert_eq!(uploads[0].name, "开箱.mp4");
    assert_eq!(uploads[1].name, "封面.png");
    assert_eq!(
        crate::outbox::media::sweep(&store).expect("sweep"),
        0,
        "queued files are kept"
    );
}

#[test]
fn a_scheduled_time_must_be_a_future_time() {
    assert!(parse_schedule(None).expect("none").is_none());
    assert!(parse_schedule(Some(" ")).expect("blank").is_none());
    let later = (Utc::now() + chrono::Duration::hours(2)).to_rfc3339();
    assert!(parse_schedule(Some(&later)).expect("later").is_some());
    let rule = |s: &str| match parse_schedule(Some(s)) {
        Err(CoreError::Rule { rule, .. }) => rule,
        other => panic!("{other:?}"),
    };
    assert_eq!(rule("tomorrow 9am"), "schedule_invalid");
    assert_eq!(rule("2020-01-01T09:00:00+08:00"), "schedule_past");
}

#[test]
fn drafts_keep_everything_typed_and_the_latest_comes_first() {
    let (_dir, store, picked) = setup();
    let first = drafts::save(&store, None, &draft(&picked, &["a-ok"])).expect("first");
    let mut d = draft(&picked, &["a-ok", "a-nopub"]);
    d.text = "写到一半".into();
    let second = drafts::save(&store, None, &d).expect("second");
    d.title = "改了标题".into();
    assert_eq!(drafts::save(&store, Some(&second), &d).expect("update"), second);
    let list = drafts::list(&store).expect("list");
    assert_eq!(
        list.iter().map(|r| r.id.as_str()).collect::<Vec<_>>(),
        vec![second.as_str(), first.as_str()]
    );
    assert_eq!(list[0].draft, d, "every field comes back as typed");
    drafts::delete(&store, &first).expect("delete");
    assert_eq!(drafts::list(&store).expect("list").len(), 1);

    // Another merchant signs in on this computer: these drafts name accounts that are not theirs.
    store
        .write(|tx| {
            tx.execute(
                "UPDATE sync_state SET value = 'm2' WHERE key = 'session.merchant_id'",
                [],
            )?;
            Ok(())
        })
        .expect("switch merchant");
    assert!(
        drafts::list(&store).expect("list").is_empty(),
        "not shown to another merchant"
    );
    assert!(
        drafts::save(&store, Some(&second), &d).is_err(),
        "nor overwritten by them"
    );
}

#[test]
fn picked_files_are_described_with_what_is_wrong() {
    let (_dir, store, picked) = setup();
    let infos = inspect_files(
        &store,
        &[
            picked.join("图1.jpg").display().to_string(),
            picked.join("说明.txt").display().to_string(),
        ],
    );
    assert_eq!(infos[0].kind, Some(MediaKind::Image));
    assert!(infos[0]
        .thumbnail
        .as_deref()
        .is_some_and(|t| t.starts_with("data:image/jpeg;base64,")));
    assert_eq!(infos[1].kind, None);
    assert_eq!(
        infos[1].problem.as_ref().and_then(|p| p.rule.as_deref()),
        Some("media_type")
    );
}

// The material library, as publishing fills it.

use crate::materials::tests::{picture, save as save_picture};
use image::ImageFormat;
use mdesk_ipc::MediaKind;

fn picked_folder() -> (tempfile::TempDir, Store, PathBuf) {
    let dir = tempfile::tempdir().expect("dir");
    let store = with_fixture(Store::open(&dir.path().join("mdesk.db")).expect("store"));
    let picked = dir.path().join("picked");
    std::fs::create_dir_all(&picked).expect("picked");
    (dir, store, picked)
}

fn image_draft(path: &Path, accounts: &[&str]) -> PublishDraft {
    PublishDraft {
        kind: WorkKind::ImageText,
        title: "春茶图文".into(),
        product_ids: vec!["p1".into()],
        media: vec![path.display().to_string()],
        cover: CoverChoice::Auto,
        account_ids: accounts.iter().map(|a| (*a).to_owned()).collect(),
        ..PublishDraft::default()
    }
}

#[test]
fn a_published_picture_is_in_the_library_and_its_copy_names_the_account_that_used_it() {
    let (_dir, store, picked) = picked_folder();
    let first = save_picture(&picture(400, 300, 1), &picked.join("春茶.png"), ImageFormat::Png);
    let queued = queue(&store, "小王", &image_draft(&first, &["a-ok"]), None).expect("queued");
    assert_eq!(queued.queued.len(), 1);

    let lib = crate::materials::library(&store, "", 100).expect("library");
    assert_eq!(lib.len(), 1);
    assert_eq!(lib[0].name, "春茶.png");
    assert_eq!((lib[0].width, lib[0].height), (Some(400), Some(300)));
    assert!(lib[0]
        .thumbnail
        .as_deref()
        .is_some_and(|t| t.starts_with("data:image/png")));
    assert_eq!(lib[0].uses.len(), 1);
    assert_eq!(lib[0].uses[0].nickname, "门店甲");
    assert!(
        crate::materials::library(&store, "门店甲", 100)
            .expect("by account")
            .len()
            == 1
    );
    assert!(crate::materials::library(&store, "没有这个", 100)
        .expect("none")
        .is_empty());

    // Put into a new work from the library: it keeps the name it was picked with.
    let copy = lib[0].path.clone().expect("the library keeps its copy");
    assert_eq!(inspect_files(&store, std::slice::from_ref(&copy))[0].name, "春茶.png");
    assert_eq!(
        crate::outbox::media::stage(&store, std::path::Path::new(&copy))
            .expect("staged")
            .name,
        "春茶.png"
    );

    // The same picture, re-encoded, for another account: named as used by 门店甲.
    let again = save_picture(&picture(400, 300, 1), &picked.join("春茶-转码.jpg"), ImageFormat::Jpeg);
    let notes = crate::materials::duplicates(
        &store,
        &[(again.display().to_string(), "春茶-转码.jpg".into(), MediaKind::Image)],
        &["a-nopub".to_owned()],
    )
    .expect("notes");
    assert_eq!(notes.len(), 1, "{notes:?}");
    assert!(!notes[0].exact, "visually the same, not the same bytes");
    assert_eq!(notes[0].used[0].nickname, "门店甲");
    assert_eq!(notes[0].used[0].title, "春茶图文");
    assert!(notes[0].at_once.is_empty(), "one account");

    // Another picture to two accounts: only the at-once note.
    let other = save_picture(&picture(400, 300, 2), &picked.join("茶具.png"), ImageFormat::Png);
    let notes = crate::materials::duplicates(
        &store,
        &[(other.display().to_string(), "茶具.png".into(), MediaKind::Image)],
        &["a-ok".to_owned(), "a-nopub".to_owned()],
    )
    .expect("notes");
    assert_eq!(notes.len(), 1);
    assert!(notes[0].used.is_empty(), "{:?}", notes[0].used);
    assert_eq!(notes[0].at_once, vec!["门店甲".to_owned(), "员工乙".to_owned()]);
}
