//! The app's demo platform keeps its SQLite file across app updates: a database made by the
//! simulator before topic statuses and drawn covers (frozen in frozen/sim_schema_v1.sql), or
//! before media kinds and comment likes (frozen/sim_schema_v2.sql), opens, gains them, tells
//! clients through the feed, and ends with the columns of a fresh one.

use std::path::Path;

use platform_sim::{RunningSim, Seed, SimConfig};
use reqwest::header::CONTENT_TYPE;
use reqwest::{Method, StatusCode};
use rusqlite::Connection;
use serde_json::{json, Value};

use crate::client::Api;
use crate::feed::read_feed;

const OLD_PNG: &[u8] = &[0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A, 1, 2, 3];

/// A small platform as the simulator of 2026-11-29 left it on disk; answers its feed head.
fn old_database(path: &Path) -> i64 {
    let conn = Connection::open(path).unwrap();
    conn.execute_batch(include_str!("frozen/sim_schema_v1.sql")).unwrap();
    conn.execute_batch(
        "INSERT INTO merchant VALUES ('m-demo', 'demo', 'demo123', '青禾生活', '青禾生活旗舰店', 1);
         INSERT INTO creator VALUES ('c-000001', 'gg10000001', '林小满·青禾', '13800000001', NULL);
         INSERT INTO account (id, merchant_id, creator_id, tag, binding_state, bound_at, publish_state, updated_at)
             VALUES ('a-000001', 'm-demo', 'c-000001', 'staff', 'bound', '2026-10-01T00:00:00Z', 'granted', '2026-10-01T00:00:00Z');
         INSERT INTO media VALUES ('m-old', 'm-demo', x'89504E470D0A1A0A010203', '2026-11-01T00:00:00Z');
         INSERT INTO work (id, account_id, merchant_id, kind, title, text, cover_url, product_ids, privacy, pinned,
             review_status, inclusion_status, topic, published_at, updated_at) VALUES
           ('w-0000001', 'a-000001', 'm-demo', 'video', '有话题', '', NULL, '[]', 'public', 0, 'approved', 'included', '#好物分享', '2026-11-01T00:00:00Z', '2026-11-01T00:00:00Z'),
           ('w-0000002', 'a-000001', 'm-demo', 'video', '被驳回', '', NULL, '[]', 'public', 0, 'rejected', 'not_included', '#居家生活', '2026-11-01T00:00:00Z', '2026-11-01T00:00:00Z'),
           ('w-0000003', 'a-000001', 'm-demo', 'image_text', '自带封面', '', 'media:m-old', '[]', 'public', 0, 'approved', 'included', NULL, '2026-11-01T00:00:00Z', '2026-11-01T00:00:00Z'),
           ('w-0000004', 'a-000001', 'm-demo', 'video', '空话题', '', NULL, '[]', 'public', 0, 'pending', 'not_included', '', '2026-11-01T00:00:00Z', '2026-11-01T00:00:00Z');
         INSERT INTO work_metric VALUES ('w-0000001', '2026-11-01', 100, 20, 3, 2, 1, 990);
         INSERT INTO change (merchant_id, kind, entity_id) VALUES ('m-demo', 'merchant', 'm-demo'), ('m-demo', 'account', 'a-000001'),
           ('m-demo', 'work', 'w-0000001'), ('m-demo', 'work', 'w-0000002'), ('m-demo', 'work', 'w-0000003'),
           ('m-demo', 'work', 'w-0000004'), ('m-demo', 'work_metric', 'w-0000001|2026-11-01');",
    )
    .unwrap();
    conn.query_row("SELECT MAX(seq) FROM change", [], |r| r.get(0)).unwrap()
}

fn on_disk(path: &Path, seed: Seed) -> SimConfig {
    SimConfig {
        db: path.to_string_lossy().into_owned(),
        seed,
        ..SimConfig::default()
    }
}

/// A column as `pragma_table_info` describes it: name, type, not null, default.
type Column = (String, String, bool, Option<String>);

/// Every table's columns, for comparing two databases.
fn columns(path: &Path) -> Vec<(String, Vec<Column>)> {
    let conn = Connection::open(path).unwrap();
    let tables: Vec<String> = conn
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    tables
        .into_iter()
        .map(|t| {
            let cols = conn
                .prepare("SELECT name, type, \"notnull\", dflt_value FROM pragma_table_info(?1)")
                .unwrap()
                .query_map([&t], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
                .unwrap()
                .collect::<Result<_, _>>()
                .unwrap();
            (t, cols)
        })
        .collect()
}

fn by_id<'a>(works: &'a [Value], id: &str) -> &'a Value {
    works.iter().find(|w| w["id"] == id).unwrap()
}

#[tokio::test]
async fn a_database_from_before_topic_status_opens_upgraded_and_tells_the_feed() {
    let dir = tempfile::tempdir().unwrap();
    let old = dir.path().join("demo-platform.sqlite3");
    let old_head = old_database(&old);

    let api = Api::start_with(on_disk(&old, Seed::Demo), "demo").await;
    let works = api.all_works().await;
    assert_eq!(works.len(), 4, "the old platform is kept, not seeded over");
    let w1 = by_id(&works, "w-0000001");
    assert_eq!(
        (w1["topic_status"].as_str(), w1["cover_url"].as_str()),
        (Some("pending"), Some("/cdn/covers/w-0000001.png")),
        "an old approved work's topic waits for the next tick; it gets a drawn cover"
    );
    assert_eq!(
        by_id(&works, "w-0000002")["topic_status"],
        "not_joined",
        "a rejected work is in no topic"
    );
    let w3 = by_id(&works, "w-0000003");
    assert_eq!(
        (w3["topic_status"].is_null(), w3["cover_url"].as_str()),
        (true, Some("/cdn/media/m-old")),
        "no topic, no status; an uploaded cover moves from media: to a fetchable URL"
    );
    let w4 = by_id(&works, "w-0000004");
    assert!(
        w4["topic"].is_null() && w4["topic_status"].is_null(),
        "a blank topic was no topic"
    );
    let (s, headers, bytes) = api.fetch("/cdn/media/m-old").await;
    assert_eq!(
        (s, bytes.as_slice()),
        (StatusCode::OK, OLD_PNG),
        "old uploads are served"
    );
    assert_eq!(
        headers[CONTENT_TYPE], "image/png",
        "an old upload has the type its bytes show"
    );

    let (delta, _) = read_feed(&api, old_head, 1000).await;
    let mut touched: Vec<&str> = delta
        .iter()
        .filter(|c| c["kind"] == "work")
        .map(|c| c["data"]["id"].as_str().unwrap())
        .collect();
    touched.sort_unstable();
    assert_eq!(
        touched,
        ["w-0000001", "w-0000002", "w-0000003", "w-0000004"],
        "a client synced before the upgrade receives every work's new fields"
    );
    let (_, totals) = api
        .admin(Method::GET, "/sim/admin/totals?from=2026-11-01&to=2026-11-01", None)
        .await;
    assert_eq!(totals[0]["amount_cents"], 990, "old metrics count in period totals");

    let (s, work) = api
        .send(
            Method::POST,
            "/v1/accounts/a-000001/works",
            Some(json!({"kind": "image_text", "title": "旧图新发", "media_ids": ["m-old"]})),
        )
        .await;
    assert_eq!(
        (s, &work["cover_url"]),
        (StatusCode::CREATED, &json!("/cdn/media/m-old")),
        "an old PNG upload counts as an image for a new work: {work}"
    );

    api.tick(0).await;
    let settled = api.work("w-0000001").await;
    assert!(
        ["joined", "not_joined"].contains(&settled["topic_status"].as_str().unwrap()),
        "the tick settles an upgraded pending topic: {settled}"
    );
    let (_, head) = api.get("/v1/changes?since=0&limit=1").await;
    let head = head["latest_seq"].as_i64().unwrap();
    api.sim.stop().await;

    let reopened = Api::start_with(on_disk(&old, Seed::Demo), "demo").await;
    let (_, page) = reopened.get(&format!("/v1/changes?since={head}")).await;
    assert_eq!(
        page["changes"].as_array().unwrap().len(),
        0,
        "the upgrade runs once: opening again moves nothing in the feed"
    );
    reopened.sim.stop().await;

    let fresh = dir.path().join("fresh.sqlite3");
    RunningSim::start(on_disk(&fresh, Seed::None))
        .await
        .unwrap()
        .stop()
        .await;
    assert_eq!(
        columns(&old),
        columns(&fresh),
        "an upgraded database has exactly the tables and columns of a fresh one"
    );
}

const OLD_MP4: &[u8] = &[0, 0, 0, 0x18, b'f', b't', b'y', b'p', b'i', b's', b'o', b'm'];

/// A platform as the simulator of 2026-11-30 left it: uploads without a recorded type, a work
/// scheduled for later stored with that time as its `published_at`, a comment; its feed head.
fn database_before_media_kinds(path: &Path) -> i64 {
    let conn = Connection::open(path).unwrap();
    conn.execute_batch(include_str!("frozen/sim_schema_v2.sql")).unwrap();
    conn.execute_batch(
        "INSERT INTO merchant VALUES ('m-demo', 'demo', 'demo123', '青禾生活', '青禾生活旗舰店', 1);
         INSERT INTO creator VALUES ('c-000001', 'gg10000001', '林小满·青禾', '13800000001', NULL);
         INSERT INTO account (id, merchant_id, creator_id, tag, binding_state, bound_at, publish_state, interact_state, updated_at)
             VALUES ('a-000001', 'm-demo', 'c-000001', 'staff', 'bound', '2026-10-01T00:00:00Z', 'granted', 'granted', '2026-10-01T00:00:00Z');
         INSERT INTO media VALUES
           ('m-png', 'm-demo', x'89504E470D0A1A0A010203', '2026-11-01T00:00:00Z'),
           ('m-mp4', 'm-demo', x'000000186674797069736F6D', '2026-11-01T00:00:00Z'),
           ('m-txt', 'm-demo', CAST('just some notes' AS BLOB), '2026-11-01T00:00:00Z');
         INSERT INTO work (id, account_id, merchant_id, kind, title, text, cover_url, product_ids, privacy, pinned,
             review_status, inclusion_status, topic, scheduled_at, published_at, updated_at, topic_status) VALUES
           ('w-0000001', 'a-000001', 'm-demo', 'video', '已发布', '', '/cdn/covers/w-0000001.png', '[]', 'public', 0,
            'approved', 'included', NULL, NULL, '2026-11-01T00:00:00Z', '2026-11-01T00:00:00Z', NULL),
           ('w-0000002', 'a-000001', 'm-demo', 'video', '定时发布', '', '/cdn/covers/w-0000002.png', '[]', 'public', 0,
            'pending', 'not_included', NULL, '2099-01-01T00:00:00Z', '2099-01-01T00:00:00Z', '2026-11-01T00:00:00Z', NULL);
         INSERT INTO comment VALUES ('c-1', 'w-0000001', NULL, '路过的小猫', NULL, '好喜欢!', 3, '2026-11-02T00:00:00Z');
         INSERT INTO change (merchant_id, kind, entity_id) VALUES ('m-demo', 'merchant', 'm-demo'),
           ('m-demo', 'account', 'a-000001'), ('m-demo', 'work', 'w-0000001'), ('m-demo', 'work', 'w-0000002'),
           ('m-demo', 'comment', 'c-1');",
    )
    .unwrap();
    conn.query_row("SELECT MAX(seq) FROM change", [], |r| r.get(0)).unwrap()
}

#[tokio::test]
async fn a_database_from_before_media_kinds_opens_with_typed_uploads_and_held_schedules() {
    let dir = tempfile::tempdir().unwrap();
    let old = dir.path().join("demo-platform.sqlite3");
    let old_head = database_before_media_kinds(&old);

    let api = Api::start_with(on_disk(&old, Seed::Demo), "demo").await;
    for (id, bytes, content_type) in [
        (
            "m-png",
            &[0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A, 1, 2, 3][..],
            "image/png",
        ),
        ("m-mp4", OLD_MP4, "video/mp4"),
        ("m-txt", b"just some notes", "application/octet-stream"),
    ] {
        let (s, headers, served) = api.fetch(&format!("/cdn/media/{id}")).await;
        assert_eq!(
            (s, headers[CONTENT_TYPE].to_str().unwrap(), served.as_slice()),
            (StatusCode::OK, content_type, bytes),
            "{id}: an old upload is served as its bytes show"
        );
    }
    let publish = |body: Value| api.send(Method::POST, "/v1/accounts/a-000001/works", Some(body));
    let (s, b) = publish(json!({"kind": "image_text", "title": "旧图", "media_ids": ["m-png"]})).await;
    assert_eq!(s, StatusCode::CREATED, "an old PNG is an image: {b}");
    let (s, b) = publish(json!({"kind": "video", "title": "旧视频", "media_ids": ["m-mp4"]})).await;
    assert_eq!(s, StatusCode::CREATED, "an old MP4 is a video: {b}");
    let (s, b) = publish(json!({"kind": "image_text", "title": "旧文件", "media_ids": ["m-txt"]})).await;
    assert_eq!(
        (s, Api::code(&b)),
        (StatusCode::UNPROCESSABLE_ENTITY, "validation"),
        "an old upload of no type the platform takes cannot be a work's file: {b}"
    );

    let held = api.work("w-0000002").await;
    assert_eq!(
        (held["scheduled_at"].as_str(), &held["published_at"]),
        (Some("2099-01-01T00:00:00Z"), &Value::Null),
        "a work scheduled for later is held, no longer published in the future"
    );
    let (delta, _) = read_feed(&api, old_head, 1000).await;
    assert!(
        delta
            .iter()
            .any(|c| c["kind"] == "work" && c["data"]["id"] == "w-0000002" && c["data"]["published_at"].is_null()),
        "a client synced before the upgrade learns the work is held"
    );
    let (s, liked) = api.send(Method::PUT, "/v1/comments/c-1/like", None).await;
    assert_eq!(
        (s, &liked["like_count"], &liked["liked_by"]),
        (StatusCode::OK, &json!(4), &json!(["a-000001"])),
        "an old comment can be liked: {liked}"
    );
    let (_, head) = api.get("/v1/changes?since=0&limit=1").await;
    let head = head["latest_seq"].as_i64().unwrap();
    api.sim.stop().await;

    let reopened = Api::start_with(on_disk(&old, Seed::Demo), "demo").await;
    let (_, page) = reopened.get(&format!("/v1/changes?since={head}")).await;
    assert_eq!(
        page["changes"].as_array().unwrap().len(),
        0,
        "the upgrade runs once: opening again moves nothing in the feed"
    );
    reopened.sim.stop().await;

    let fresh = dir.path().join("fresh.sqlite3");
    RunningSim::start(on_disk(&fresh, Seed::None))
        .await
        .unwrap()
        .stop()
        .await;
    assert_eq!(
        columns(&old),
        columns(&fresh),
        "an upgraded database has exactly the tables and columns of a fresh one"
    );
}
