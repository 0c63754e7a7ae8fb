//! Topic status (话题状态): seeded, pending on publish and edit, settled by the tick after the
//! work's own review, and carried by the change feed.

use std::collections::HashMap;

use mdesk_platform_api::{ReviewStatus, TopicStatus};
use reqwest::{Method, StatusCode};
use serde_json::{json, Value};

use crate::client::Api;
use crate::feed::read_feed;

fn status(work: &Value) -> Option<&str> {
    work["topic_status"].as_str()
}

#[tokio::test]
async fn seeded_works_with_a_topic_have_a_status_and_the_others_none() {
    let api = Api::start("demo").await;
    let mut seen: HashMap<&'static str, usize> = HashMap::new();
    let works = api.all_works().await;
    for w in &works {
        assert_eq!(
            w["topic"].is_string(),
            status(w).is_some(),
            "a status exactly when there is a topic: {w}"
        );
        if let Some(s) = status(w) {
            let s: TopicStatus = s.parse().expect("a wire name");
            *seen.entry(s.as_str()).or_default() += 1;
            if w["review_status"] == ReviewStatus::Rejected.as_str() {
                assert_eq!(s, TopicStatus::NotJoined, "a rejected work takes part in no topic");
            }
        }
    }
    let joined = seen.get("joined").copied().unwrap_or(0);
    let topics: usize = seen.values().sum();
    assert!(joined * 2 > topics, "mostly joined: {seen:?}");
    assert!(
        seen.get("pending").copied().unwrap_or(0) > 0,
        "some still pending: {seen:?}"
    );
    assert!(
        seen.get("not_joined").copied().unwrap_or(0) > 0,
        "a few not joined: {seen:?}"
    );
}

#[tokio::test]
async fn a_topic_waits_for_the_review_then_settles_and_the_feed_carries_it() {
    let api = Api::start("demo").await;
    let (account, _) = api.account_where("granted", "granted").await;
    let (s, plain) = api
        .send(
            Method::POST,
            &format!("/v1/accounts/{account}/works"),
            Some(json!({"kind": "video", "title": "无话题", "media_ids": [api.video().await]})),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED, "{plain}");
    assert!(plain["topic_status"].is_null(), "no topic, no status");
    let (s, work) = api
        .send(
            Method::POST,
            &format!("/v1/accounts/{account}/works"),
            Some(json!({"kind": "video", "title": "话题作品", "topic": "#开箱测评", "media_ids": [api.video().await]})),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED, "{work}");
    assert_eq!(status(&work), Some("pending"), "a new work's topic waits for review");
    let id = work["id"].as_str().unwrap().to_owned();

    // Review is random (≈85% approved); a rejected work goes back to review by an edit.
    let mut approved = false;
    for _ in 0..30 {
        api.tick(0).await;
        let now = api.work(&id).await;
        match now["review_status"].as_str() {
            Some("approved") => {
                assert_eq!(
                    status(&now),
                    Some("pending"),
                    "the topic is decided a tick after the work"
                );
                approved = true;
                break;
            }
            Some("rejected") => {
                assert_eq!(status(&now), Some("not_joined"), "a rejected work is in no topic");
                let (s, again) = api
                    .send(
                        Method::PATCH,
                        &format!("/v1/works/{id}"),
                        Some(json!({"text": "改好了"})),
                    )
                    .await;
                assert_eq!(s, StatusCode::OK, "{again}");
                assert_eq!(status(&again), Some("pending"), "an edited work's topic waits again");
            }
            other => panic!("reviewed on the first tick, not {other:?}"),
        }
    }
    assert!(approved, "approved within 30 reviews");

    let (_, cursor) = read_feed(&api, 0, 1000).await;
    api.tick(0).await;
    let settled = api.work(&id).await;
    let settled_status = status(&settled).expect("still has its topic");
    assert!(
        ["joined", "not_joined"].contains(&settled_status),
        "settled on the next tick: {settled}"
    );
    let (delta, _) = read_feed(&api, cursor, 1000).await;
    let carried = delta
        .iter()
        .find(|c| c["kind"] == "work" && c["data"]["id"] == id.as_str())
        .expect("the settled topic is a change the app receives");
    assert_eq!(carried["data"]["topic_status"], settled_status);

    let (s, edited) = api
        .send(
            Method::PATCH,
            &format!("/v1/works/{id}"),
            Some(json!({"topic": "#居家生活"})),
        )
        .await;
    assert_eq!(s, StatusCode::OK, "{edited}");
    assert_eq!(
        (edited["topic"].as_str(), status(&edited)),
        (Some("#居家生活"), Some("pending")),
        "a new topic is reviewed afresh"
    );
    let (s, cleared) = api
        .send(Method::PATCH, &format!("/v1/works/{id}"), Some(json!({"topic": " "})))
        .await;
    assert_eq!(s, StatusCode::OK, "{cleared}");
    assert!(
        cleared["topic"].is_null() && cleared["topic_status"].is_null(),
        "a blank topic removes the topic and its status: {cleared}"
    );
}
