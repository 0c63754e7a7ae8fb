//! A repeated Idempotency-Key is applied once and answered with the first answer.

use reqwest::{Method, StatusCode};
use serde_json::json;

use crate::client::{key, Api};

#[tokio::test]
async fn a_repeated_key_is_applied_once_and_replays_the_first_answer() {
    let api = Api::start("demo").await;
    let (id, _) = api.account_where("granted", "granted").await;
    let k = key();
    let body = json!({"kind": "video", "title": "只发一次", "text": "", "product_ids": []});
    let path = format!("/v1/accounts/{id}/works");
    let first = api
        .raw(Method::POST, &path, Some(&api.token), Some(body.clone()), Some(&k))
        .await;
    let again = api
        .raw(Method::POST, &path, Some(&api.token), Some(body), Some(&k))
        .await;
    assert_eq!(first.0, StatusCode::CREATED);
    assert_eq!(first, again, "the repeat gets the very same answer (same work id)");
    let (_, ledger) = api.admin(Method::GET, "/sim/admin/ledger", None).await;
    let hits = ledger
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["idempotency_key"] == k.as_str())
        .count();
    assert_eq!(hits, 1, "one ledger entry: a duplicate post is the worst bug");
}

#[tokio::test]
async fn a_refusal_is_replayed_too_and_leaves_no_trace() {
    let api = Api::start("demo").await;
    let (id, _) = api.account_where("granted", "granted").await;
    let k = key();
    let body = json!({"kind": "video", "title": "标".repeat(31)});
    let path = format!("/v1/accounts/{id}/works");
    let first = api
        .raw(Method::POST, &path, Some(&api.token), Some(body.clone()), Some(&k))
        .await;
    let again = api
        .raw(Method::POST, &path, Some(&api.token), Some(body), Some(&k))
        .await;
    assert_eq!(Api::code(&first.1), "validation");
    assert_eq!(first, again);
    let (_, ledger) = api.admin(Method::GET, "/sim/admin/ledger", None).await;
    assert!(
        ledger
            .as_array()
            .unwrap()
            .iter()
            .all(|e| e["idempotency_key"] != k.as_str()),
        "nothing was applied"
    );
}

#[tokio::test]
async fn mutations_without_a_key_are_refused() {
    let api = Api::start("demo").await;
    let (id, _) = api.account_where("granted", "granted").await;
    let (s, b) = api
        .raw(
            Method::PUT,
            &format!("/v1/accounts/{id}/shop-card"),
            Some(&api.token),
            Some(json!({"enabled": false})),
            None,
        )
        .await;
    assert_eq!((s, Api::code(&b)), (StatusCode::UNPROCESSABLE_ENTITY, "validation"));
}

#[tokio::test]
async fn apply_then_drop_applies_exactly_once_across_retries() {
    // The client cannot tell "applied but the answer was lost" from "not applied": it retries
    // with the same key, and the platform must not apply it a second time.
    let api = Api::start("demo").await;
    let (id, _) = api.account_where("granted", "granted").await;
    let (s, _) = api
        .admin(
            Method::PUT,
            "/sim/admin/faults",
            Some(json!({"apply_then_drop_rate": 1.0})),
        )
        .await;
    assert_eq!(s, StatusCode::OK);
    let k = key();
    let path = api.url(&format!("/v1/accounts/{id}/works"));
    let body = json!({"kind": "video", "title": "断线重试", "product_ids": []});
    for _ in 0..3 {
        let sent = api
            .http
            .post(&path)
            .bearer_auth(&api.token)
            .header("Idempotency-Key", &k)
            .json(&body)
            .send()
            .await;
        let read = match sent {
            Ok(resp) => resp.bytes().await.is_ok(),
            Err(_) => false,
        };
        assert!(!read, "with apply_then_drop_rate = 1 no answer may arrive");
    }
    api.admin(Method::PUT, "/sim/admin/faults", Some(json!({}))).await;
    let answer = api
        .raw(
            Method::POST,
            &format!("/v1/accounts/{id}/works"),
            Some(&api.token),
            Some(body),
            Some(&k),
        )
        .await;
    assert_eq!(
        answer.0,
        StatusCode::CREATED,
        "the first answer is replayed once the line is clean"
    );
    let (_, ledger) = api.admin(Method::GET, "/sim/admin/ledger", None).await;
    let hits = ledger
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["idempotency_key"] == k.as_str())
        .count();
    assert_eq!(hits, 1);
}

#[tokio::test]
async fn injected_429_and_5xx_carry_their_codes() {
    let api = Api::start("demo").await;
    api.admin(
        Method::PUT,
        "/sim/admin/faults",
        Some(json!({"rate_limit_rate": 1.0, "retry_after_secs": 7})),
    )
    .await;
    let resp = api
        .http
        .get(api.url("/v1/accounts"))
        .bearer_auth(&api.token)
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(resp.headers()["retry-after"], "7", "429 carries Retry-After");
    api.admin(Method::PUT, "/sim/admin/faults", Some(json!({"error_5xx_rate": 1.0})))
        .await;
    let (s, b) = api.get("/v1/accounts").await;
    assert!(s.is_server_error());
    assert_eq!(Api::code(&b), "internal");
    let (s, b) = api
        .admin(Method::PUT, "/sim/admin/faults", Some(json!({"reset_rate": 2.0})))
        .await;
    assert_eq!(
        (s, Api::code(&b)),
        (StatusCode::UNPROCESSABLE_ENTITY, "validation"),
        "rates are probabilities"
    );
}
