//! Proxy publishing and interaction, review by the platform, metrics.

use mdesk_platform_api::{Privacy, ReviewStatus};
use reqwest::{Method, StatusCode};
use serde_json::json;

use crate::client::Api;

#[tokio::test]
async fn publish_review_edit_and_rereview() {
    let api = Api::start("demo").await;
    let (id, _) = api.account_where("granted", "granted").await;
    let media = api
        .http
        .post(api.url("/v1/media"))
        .bearer_auth(&api.token)
        .header("Idempotency-Key", crate::client::key())
        .body(vec![0u8; 2048])
        .send()
        .await
        .unwrap();
    assert_eq!(media.status(), StatusCode::CREATED);
    let media: serde_json::Value = media.json().await.unwrap();
    assert_eq!(media["bytes"], 2048);

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
async fn scheduled_works_wait_and_past_schedules_are_refused() {
    let api = Api::start("demo").await;
    let (id, _) = api.account_where("granted", "granted").await;
    let later = (chrono::Utc::now() + chrono::Duration::days(2)).to_rfc3339();
    let (s, w) = api
        .send(
            Method::POST,
            &format!("/v1/accounts/{id}/works"),
            Some(json!({"kind": "video", "title": "周末上新", "scheduled_at": later})),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED, "{w}");
    api.admin(Method::POST, "/sim/admin/tick", None).await;
    let (_, page) = api.get(&format!("/v1/works?account_id={id}&limit=1000")).await;
    let w2 = page["works"]
        .as_array()
        .unwrap()
        .iter()
        .find(|x| x["id"] == w["id"])
        .unwrap()
        .clone();
    assert_eq!(w2["review_status"], "pending", "not reviewed before its time");
    let past = (chrono::Utc::now() - chrono::Duration::days(1)).to_rfc3339();
    let (s, b) = api
        .send(
            Method::POST,
            &format!("/v1/accounts/{id}/works"),
            Some(json!({"kind": "video", "title": "昨天", "scheduled_at": past})),
        )
        .await;
    assert_eq!((s, Api::code(&b)), (StatusCode::UNPROCESSABLE_ENTITY, "validation"));
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
