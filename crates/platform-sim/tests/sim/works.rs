//! Proxy publishing and interaction, review by the platform, metrics.

use mdesk_platform_api::{Privacy, ReviewStatus};
use reqwest::{Method, StatusCode};
use serde_json::{json, Value};

use crate::client::Api;
use crate::feed::read_feed;

#[tokio::test]
async fn publish_review_edit_and_rereview() {
    let api = Api::start("demo").await;
    let (id, _) = api.account_where("granted", "granted").await;
    let (s, media) = api
        .post_media(Some("video/mp4"), vec![0u8; 2048], &crate::client::key())
        .await;
    assert_eq!(s, StatusCode::CREATED, "{media}");
    assert_eq!(
        (&media["bytes"], &media["kind"]),
        (&json!(2048), &json!("video")),
        "the size as received, and the kind its Content-Type makes it"
    );

    let body =
        json!({"kind": "video", "title": "新品试用", "text": "正文", "media_ids": [media["id"]], "topic": "#开箱测评"});
    let (s, work) = api
        .send(Method::POST, &format!("/v1/accounts/{id}/works"), Some(body))
        .await;
    assert_eq!(s, StatusCode::CREATED, "{work}");
    let work_id = work["id"].as_str().unwrap().to_owned();
    // Reviews finish on a tick: approved (maybe included) or rejected with a reason.
    api.admin(Method::POST, "/sim/admin/tick", None).await;
    let (_, page) = api.get(&format!("/v1/works?account_id={id}&limit=1000")).await;
    let reviewed = page["works"]
        .as_array()
        .unwrap()
        .iter()
        .find(|w| w["id"] == work_id.as_str())
        .unwrap()
        .clone();
    assert_ne!(reviewed["review_status"], "pending");
    if reviewed["review_status"] == ReviewStatus::Rejected.as_str() {
        assert!(reviewed["review_reason"].is_string(), "a rejection carries its reason");
    }
    let (s, edited) = api
        .send(
            Method::PATCH,
            &format!("/v1/works/{work_id}"),
            Some(json!({"title": "新品试用(二)"})),
        )
        .await;
    assert_eq!(s, StatusCode::OK, "{edited}");
    assert_eq!(edited["title"], "新品试用(二)");
    assert_eq!(edited["review_status"], "pending", "an edit goes through review again");

    let (s, private) = api
        .send(
            Method::PUT,
            &format!("/v1/works/{work_id}/privacy"),
            Some(json!({"privacy": "private"})),
        )
        .await;
    assert_eq!((s, &private["privacy"]), (StatusCode::OK, &json!("private")));
    let (s, deleted) = api.send(Method::DELETE, &format!("/v1/works/{work_id}"), None).await;
    assert_eq!((s, &deleted["deleted"]), (StatusCode::OK, &json!(true)));
    let (s, b) = api.send(Method::PUT, &format!("/v1/works/{work_id}/pin"), None).await;
    assert_eq!(
        (s, Api::code(&b)),
        (StatusCode::NOT_FOUND, "not_found"),
        "a deleted work is gone"
    );
}

#[tokio::test]
async fn a_scheduled_work_is_held_until_a_tick_passes_its_time_then_reviewed() {
    let api = Api::start("demo").await;
    let (id, _) = api.account_where("granted", "granted").await;
    let (_, head) = api.get("/v1/changes?since=0&limit=1").await;
    let cursor = head["latest_seq"].as_i64().unwrap();
    // Half a day ahead of the platform's clock, which starts at real time: one day's tick passes it.
    let later = chrono::Utc::now() + chrono::Duration::hours(12);
    let body = json!({"kind": "video", "title": "周末上新", "media_ids": [api.video().await], "scheduled_at": later});
    let (s, w) = api
        .send(Method::POST, &format!("/v1/accounts/{id}/works"), Some(body))
        .await;
    assert_eq!(s, StatusCode::CREATED, "{w}");
    assert!(
        w["scheduled_at"].is_string() && w["published_at"].is_null(),
        "held: scheduled, not published: {w}"
    );
    let work_id = w["id"].as_str().unwrap().to_owned();
    let (delta, cursor) = read_feed(&api, cursor, 1000).await;
    assert!(
        delta
            .iter()
            .any(|c| c["kind"] == "work" && c["data"]["id"] == work_id.as_str() && c["data"]["published_at"].is_null()),
        "the merchant sees the held work in the feed, unpublished"
    );

    let report = api.tick(0).await;
    assert_eq!(report["scheduled_released"], 0, "its time has not come: {report}");
    let held = api.work(&work_id).await;
    assert_eq!(
        (&held["review_status"], &held["published_at"]),
        (&json!("pending"), &Value::Null),
        "a held work is listed, and not reviewed before its time"
    );

    let report = api.tick(1).await;
    assert!(
        report["scheduled_released"].as_u64().unwrap() >= 1,
        "a tick a day later passes its time: {report}"
    );
    let released = api.work(&work_id).await;
    assert_eq!(
        released["published_at"], released["scheduled_at"],
        "published at the time it was scheduled for"
    );
    assert_eq!(
        released["review_status"], "pending",
        "review follows on a later tick, as for any new work"
    );
    let (delta, _) = read_feed(&api, cursor, 1000).await;
    assert!(
        delta.iter().any(|c| c["kind"] == "work"
            && c["data"]["id"] == work_id.as_str()
            && c["data"]["published_at"].is_string()),
        "the release reaches clients through the feed"
    );

    api.tick(0).await;
    assert_ne!(
        api.work(&work_id).await["review_status"],
        "pending",
        "once published, the next tick reviews it"
    );

    let past = (chrono::Utc::now() - chrono::Duration::days(1)).to_rfc3339();
    let (s, b) = api
        .send(
            Method::POST,
            &format!("/v1/accounts/{id}/works"),
            Some(json!({"kind": "video", "title": "昨天", "media_ids": [api.video().await], "scheduled_at": past})),
        )
        .await;
    assert_eq!(
        (s, Api::code(&b)),
        (StatusCode::UNPROCESSABLE_ENTITY, "validation"),
        "a time in the past is refused: {b}"
    );

    // The topic rule the app checks before queueing is the platform's own: 31 characters fail.
    let long_topic = "话".repeat(mdesk_platform_api::rules::MAX_TOPIC_CHARS + 1);
    let (s, b) = api
        .send(
            Method::POST,
            &format!("/v1/accounts/{id}/works"),
            Some(json!({"kind": "video", "title": "话题太长", "media_ids": [api.video().await], "topic": long_topic})),
        )
        .await;
    assert_eq!(
        (s, Api::code(&b)),
        (StatusCode::UNPROCESSABLE_ENTITY, "validation"),
        "a topic over the limit is refused: {b}"
    );
}

#[tokio::test]
async fn comments_replies_and_likes_need_the_interact_grant() {
    let api = Api::start("demo").await;
    let (speaker, _) = api.account_where("granted", "granted").await;
    let (mute, _) = api.account_where("granted", "requested").await;
    let (_, page) = api.get(&format!("/v1/works?account_id={speaker}&limit=1")).await;
    let work = page["works"][0]["id"].as_str().unwrap().to_owned();

    let (s, c) = api
        .send(
            Method::POST,
            &format!("/v1/works/{work}/comments"),
            Some(json!({"text": "谢谢支持!"})),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED, "{c}");
    assert_eq!(c["author_account_id"], speaker.as_str());
    let reply = json!({"text": "已回复", "parent_id": c["id"]});
    let (s, r) = api
        .send(Method::POST, &format!("/v1/works/{work}/comments"), Some(reply))
        .await;
    assert_eq!((s, &r["parent_id"]), (StatusCode::CREATED, &c["id"]));
    let (s, b) = api
        .send(
            Method::POST,
            &format!("/v1/works/{work}/comments"),
            Some(json!({"text": "  "})),
        )
        .await;
    assert_eq!(
        (s, Api::code(&b)),
        (StatusCode::UNPROCESSABLE_ENTITY, "validation"),
        "empty comment"
    );
    let as_mute = json!({"text": "我也来", "account_id": mute});
    let (s, b) = api
        .send(Method::POST, &format!("/v1/works/{work}/comments"), Some(as_mute))
        .await;
    assert_eq!(
        (s, Api::code(&b)),
        (StatusCode::FORBIDDEN, "permission_required"),
        "interact only requested"
    );

    let (_, before) = api.get(&format!("/v1/works?account_id={speaker}&limit=1")).await;
    let likes = before["works"][0]["like_count"].as_i64().unwrap();
    let (s, w) = api.send(Method::PUT, &format!("/v1/works/{work}/like"), None).await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(w["like_count"].as_i64().unwrap(), likes + 1);
    assert!(w["liked_by"].as_array().unwrap().iter().any(|a| a == speaker.as_str()));
    let (_, w) = api.send(Method::PUT, &format!("/v1/works/{work}/like"), None).await;
    assert_eq!(w["like_count"].as_i64().unwrap(), likes + 1, "liking twice counts once");
    let (_, w) = api.send(Method::DELETE, &format!("/v1/works/{work}/like"), None).await;
    assert_eq!(w["like_count"].as_i64().unwrap(), likes);
    let (_, comments) = api.get(&format!("/v1/works/{work}/comments")).await;
    assert!(comments.as_array().unwrap().len() >= 2);
}

#[tokio::test]
async fn metrics_accrue_on_ticks_and_match_totals() {
    let api = Api::start("demo").await;
    let (id, _) = api.account_where("granted", "granted").await;
    let (_, page) = api.get(&format!("/v1/works?account_id={id}&limit=50")).await;
    let work = page["works"]
        .as_array()
        .unwrap()
        .iter()
        .find(|w| w["review_status"] == ReviewStatus::Approved.as_str() && w["privacy"] == Privacy::Public.as_str())
        .unwrap();
    let work_id = work["id"].as_str().unwrap();
    let (_, before) = api.get(&format!("/v1/works/{work_id}/metrics")).await;
    api.admin(Method::POST, "/sim/admin/tick", Some(json!({"days": 1})))
        .await;
    let (s, after) = api.get(&format!("/v1/works/{work_id}/metrics")).await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(
        after.as_array().unwrap().len(),
        before.as_array().unwrap().len() + 1,
        "a new day of data"
    );
    let day = after.as_array().unwrap().last().unwrap().clone();
    let (s, one) = api
        .get(&format!(
            "/v1/works/{work_id}/metrics?from={0}&to={0}",
            day["date"].as_str().unwrap()
        ))
        .await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(one.as_array().unwrap(), &vec![day], "from/to select days");
}

#[tokio::test]
async fn order_newest_gives_one_page_of_the_newest_works_and_takes_no_cursor() {
    let api = crate::client::Api::start("demo").await;
    let all = api.all_works().await;
    let time = |w: &serde_json::Value| {
        let t = w["published_at"]
            .as_str()
            .or(w["scheduled_at"].as_str())
            .unwrap_or("")
            .to_owned();
        (t, w["id"].as_str().unwrap_or("").to_owned())
    };
    let mut want: Vec<(String, String)> = all.iter().map(time).collect();
    want.sort_by(|a, b| b.cmp(a));
    let (s, page) = api.get("/v1/works?order=newest&limit=20").await;
    assert_eq!(s, reqwest::StatusCode::OK, "{page}");
    let got: Vec<(String, String)> = page["works"].as_array().unwrap().iter().map(time).collect();
    assert_eq!(got, want[..20], "newest first, then by id");
    assert!(page["next_cursor"].is_null(), "one page");
    let (s, _) = api.get("/v1/works?order=newest&cursor=w-0000001").await;
    assert_eq!(s, reqwest::StatusCode::UNPROCESSABLE_ENTITY);
    let (s, _) = api.get("/v1/works?order=oldest").await;
    assert_eq!(s, reqwest::StatusCode::UNPROCESSABLE_ENTITY);
}
