//! Uploads are typed by their `Content-Type` and sized by what they are; a work has the files
//! its kind needs. Refusals store nothing, and a retried upload stores nothing new.

use std::path::Path;

use mdesk_platform_api::rules::{check_media_size, check_work_media, MAX_IMAGE_BYTES};
use mdesk_platform_api::{MediaKind, WorkKind};
use platform_sim::{Seed, SimConfig};
use reqwest::header::CONTENT_TYPE;
use reqwest::{Method, StatusCode};
use rusqlite::Connection;
use serde_json::{json, Value};

use crate::client::{key, Api, TINY_MP4, TINY_PNG};

/// A demo platform whose database is a file the test can read beside the server.
async fn on_disk(path: &Path) -> Api {
    let config = SimConfig {
        db: path.to_string_lossy().into_owned(),
        seed: Seed::Demo,
        seed_value: 11,
        ..SimConfig::default()
    };
    Api::start_with(config, "demo").await
}

/// Uploads the platform holds, read from its database: the ground truth of "nothing stored".
fn stored_media(path: &Path) -> i64 {
    Connection::open(path)
        .unwrap()
        .query_row("SELECT COUNT(*) FROM media", [], |r| r.get(0))
        .unwrap()
}

async fn ledger_has(api: &Api, k: &str) -> bool {
    let (_, ledger) = api.admin(Method::GET, "/sim/admin/ledger", None).await;
    ledger.as_array().unwrap().iter().any(|e| e["idempotency_key"] == k)
}

fn message(body: &Value) -> &str {
    body["error"]["message"].as_str().unwrap_or("<no message>")
}

#[tokio::test]
async fn an_upload_of_an_unknown_type_or_a_wrong_size_is_refused_and_nothing_is_stored() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("sim.sqlite3");
    let api = on_disk(&db).await;
    let before = stored_media(&db);

    let too_big = vec![0u8; MAX_IMAGE_BYTES as usize + 1];
    let refusals = [
        (None, TINY_PNG.to_vec(), "no Content-Type"),
        (Some("application/pdf"), TINY_PNG.to_vec(), "application/pdf"),
        (Some("image/gif"), TINY_PNG.to_vec(), "image/gif"),
    ];
    for (content_type, bytes, named) in refusals {
        let k = key();
        let (s, b) = api.post_media(content_type, bytes, &k).await;
        assert_eq!(
            (s, Api::code(&b)),
            (StatusCode::UNPROCESSABLE_ENTITY, "validation"),
            "{content_type:?} is not a type the platform takes: {b}"
        );
        assert!(
            message(&b).contains(named) && message(&b).contains("image/png") && message(&b).contains("video/mp4"),
            "the message says what was sent and what is taken: {b}"
        );
        assert!(!ledger_has(&api, &k).await, "a refused upload is not applied");
    }
    for (content_type, kind, bytes) in [
        ("image/png", MediaKind::Image, Vec::new()),
        ("image/jpeg", MediaKind::Image, too_big.clone()),
    ] {
        let k = key();
        let size = bytes.len() as u64;
        let (s, b) = api.post_media(Some(content_type), bytes, &k).await;
        let rule = check_media_size(kind, size).expect_err("the rule refuses this size");
        assert_eq!(
            (s, Api::code(&b), message(&b)),
            (StatusCode::UNPROCESSABLE_ENTITY, "validation", rule.message.as_str()),
            "{content_type} of {size} bytes breaks {}",
            rule.rule
        );
        assert!(!ledger_has(&api, &k).await, "a refused upload is not applied");
    }
    assert_eq!(stored_media(&db), before, "no refused upload was stored");

    let (s, b) = api.post_media(Some("video/mp4"), too_big, &key()).await;
    assert_eq!(
        (s, &b["kind"], &b["bytes"]),
        (StatusCode::CREATED, &json!("video"), &json!(MAX_IMAGE_BYTES + 1)),
        "a video may be larger than an image, and than a JSON body: {b}"
    );
    assert_eq!(stored_media(&db), before + 1, "the video is stored");
}

#[tokio::test]
async fn an_upload_is_served_with_its_type_and_a_retry_stores_nothing_new() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("sim.sqlite3");
    let api = on_disk(&db).await;
    let before = stored_media(&db);

    let k = key();
    let first = api
        .post_media(Some("Image/PNG; charset=binary"), TINY_PNG.to_vec(), &k)
        .await;
    assert_eq!(
        (first.0, &first.1["kind"]),
        (StatusCode::CREATED, &json!("image")),
        "the type's essence decides, in any case: {}",
        first.1
    );
    let again = api
        .post_media(Some("Image/PNG; charset=binary"), TINY_PNG.to_vec(), &k)
        .await;
    assert_eq!(first, again, "a retry under the same key gets the same media id");
    assert_eq!(stored_media(&db), before + 1, "and stores nothing new");
    let id = first.1["id"].as_str().unwrap();
    let (s, headers, bytes) = api.fetch(&format!("/cdn/media/{id}")).await;
    assert_eq!(
        (s, headers[CONTENT_TYPE].to_str().unwrap(), bytes.as_slice()),
        (StatusCode::OK, "image/png", TINY_PNG),
        "served with the type it was uploaded as"
    );

    // MP4 bytes sent as QuickTime: the upload's own type is served, not a guess from the bytes.
    let mov = api.upload("video/quicktime", TINY_MP4.to_vec()).await;
    let (_, headers, _) = api.fetch(&format!("/cdn/media/{mov}")).await;
    assert_eq!(headers[CONTENT_TYPE], "video/quicktime");
}

/// The message the platform's rule gives for these files, for comparing answers with.
fn rule_message(kind: WorkKind, media: &[MediaKind], cover: Option<MediaKind>, frame: bool) -> String {
    check_work_media(kind, media, cover, frame)
        .expect_err("the rule refuses these files")
        .message
}

#[tokio::test]
async fn a_work_has_the_files_its_kind_needs() {
    use MediaKind::{Image, Video};
    let api = Api::start("demo").await;
    let (account, _) = api.account_where("granted", "granted").await;
    let path = format!("/v1/accounts/{account}/works");
    let (video, image) = (api.video().await, api.image().await);
    let mut images = Vec::new();
    for _ in 0..10 {
        images.push(api.image().await);
    }
    let works_before = api.all_works().await.len();

    let refused = [
        (
            json!({"kind": "video", "title": "无视频"}),
            rule_message(WorkKind::Video, &[], None, false),
        ),
        (
            json!({"kind": "video", "title": "两段视频", "media_ids": [video, video]}),
            rule_message(WorkKind::Video, &[Video, Video], None, false),
        ),
        (
            json!({"kind": "video", "title": "图当视频", "media_ids": [image]}),
            rule_message(WorkKind::Video, &[Image], None, false),
        ),
        (
            json!({"kind": "image_text", "title": "无图"}),
            rule_message(WorkKind::ImageText, &[], None, false),
        ),
        (
            json!({"kind": "image_text", "title": "十张图", "media_ids": images}),
            rule_message(WorkKind::ImageText, &[Image; 10], None, false),
        ),
        (
            json!({"kind": "image_text", "title": "图里有视频", "media_ids": [image, video]}),
            rule_message(WorkKind::ImageText, &[Image, Video], None, false),
        ),
        (
            json!({"kind": "image_text", "title": "图文取帧", "media_ids": [image], "cover_frame_ms": 0}),
            rule_message(WorkKind::ImageText, &[Image], None, true),
        ),
        (
            json!({"kind": "video", "title": "视频当封面", "media_ids": [video], "cover_media_id": video}),
            rule_message(WorkKind::Video, &[Video], Some(Video), false),
        ),
        (
            json!({"kind": "video", "title": "两个封面", "media_ids": [video], "cover_media_id": image, "cover_frame_ms": 500}),
            rule_message(WorkKind::Video, &[Video], Some(Image), true),
        ),
    ];
    for (body, want) in refused {
        let (s, b) = api.send(Method::POST, &path, Some(body.clone())).await;
        assert_eq!(
            (s, Api::code(&b), message(&b)),
            (StatusCode::UNPROCESSABLE_ENTITY, "validation", want.as_str()),
            "refused by the platform's rule: {body}"
        );
    }
    assert_eq!(
        api.all_works().await.len(),
        works_before,
        "no refused work was published"
    );

    let nine = &images[..9];
    for body in [
        json!({"kind": "image_text", "title": "九张图", "media_ids": nine}),
        json!({"kind": "image_text", "title": "一张图", "media_ids": [image], "cover_media_id": image}),
        json!({"kind": "video", "title": "取一帧", "media_ids": [video], "cover_frame_ms": 1500}),
    ] {
        let (s, b) = api.send(Method::POST, &path, Some(body.clone())).await;
        assert_eq!(s, StatusCode::CREATED, "{body} is a valid work: {b}");
    }

    // Another merchant's upload is not this merchant's to use.
    let rival = api.login("rival").await;
    let resp = api
        .http
        .post(api.url("/v1/media"))
        .bearer_auth(&rival)
        .header("Idempotency-Key", key())
        .header(CONTENT_TYPE, "image/png")
        .body(TINY_PNG.to_vec())
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), StatusCode::CREATED);
    let theirs: Value = resp.json().await.unwrap();
    let (s, b) = api
        .send(
            Method::POST,
            &path,
            Some(json!({"kind": "image_text", "title": "别家的图", "media_ids": [theirs["id"]]})),
        )
        .await;
    assert_eq!(
        (s, Api::code(&b)),
        (StatusCode::UNPROCESSABLE_ENTITY, "validation"),
        "media must be this merchant's upload: {b}"
    );
}
