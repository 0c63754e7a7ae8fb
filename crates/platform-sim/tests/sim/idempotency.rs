//! A repeated Idempotency-Key is applied once and answered with the first answer; a key reused
//! for a different request (method, path or body) is refused with `conflict`.

use mdesk_platform_api::BindingState;
use reqwest::{Method, StatusCode};
use serde_json::{json, Value};

use crate::client::{key, Api};
use crate::conformance::Contract;

#[tokio::test]
async fn a_repeated_key_is_applied_once_and_replays_the_first_answer() {
    let api = Api::start("demo").await;
    let (id, _) = api.account_where("granted", "granted").await;
    let k = key();
    let body =
        json!({"kind": "video", "title": "只发一次", "text": "", "product_ids": [], "media_ids": [api.video().await]});
    let path = format!("/v1/accounts/{id}/works");
    let first = api.keyed(Method::POST, &path, Some(body.clone()), &k).await;
    let again = api.keyed(Method::POST, &path, Some(body), &k).await;
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
    let body = json!({"kind": "video", "title": "标".repeat(31), "media_ids": [api.video().await]});
    let path = format!("/v1/accounts/{id}/works");
    let first = api.keyed(Method::POST, &path, Some(body.clone()), &k).await;
    let again = api.keyed(Method::POST, &path, Some(body), &k).await;
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
    let video = api.video().await;
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
    let body = json!({"kind": "video", "title": "断线重试", "product_ids": [], "media_ids": [video]});
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
        .keyed(Method::POST, &format!("/v1/accounts/{id}/works"), Some(body), &k)
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

/// How many mutations the ledger holds under key `k`.
async fn applied_under(api: &Api, k: &str) -> usize {
    let (_, ledger) = api.admin(Method::GET, "/sim/admin/ledger", None).await;
    ledger
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["idempotency_key"] == k)
        .count()
}

/// A fresh work of `account`, published under its own key.
async fn new_work(api: &Api, account: &str, title: &str) -> String {
    let (s, work) = api
        .send(
            Method::POST,
            &format!("/v1/accounts/{account}/works"),
            Some(json!({"kind": "video", "title": title, "media_ids": [api.video().await]})),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED, "the fixture work is published: {work}");
    work["id"].as_str().unwrap().to_owned()
}

/// The work as the merchant's list shows it now.
async fn work_now(api: &Api, account: &str, id: &str) -> Value {
    let (_, page) = api.get(&format!("/v1/works?account_id={account}&limit=1000")).await;
    page["works"]
        .as_array()
        .unwrap()
        .iter()
        .find(|w| w["id"] == id)
        .cloned()
        .unwrap_or_else(|| panic!("work {id} is listed"))
}

/// The account as the merchant's list shows it now.
async fn account_now(api: &Api, id: &str) -> Value {
    let (_, accounts) = api.get("/v1/accounts").await;
    accounts
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["id"] == id)
        .cloned()
        .unwrap_or_else(|| panic!("account {id} is listed"))
}

#[tokio::test]
async fn the_same_edit_under_the_same_key_is_applied_once_and_replayed() {
    let api = Api::start("demo").await;
    let (account, _) = api.account_where("granted", "granted").await;
    let work = new_work(&api, &account, "原标题").await;
    let k = key();
    let path = format!("/v1/works/{work}");
    let body = json!({"title": "改一次"});
    let first = api.keyed(Method::PATCH, &path, Some(body.clone()), &k).await;
    let again = api.keyed(Method::PATCH, &path, Some(body), &k).await;
    assert_eq!(first.0, StatusCode::OK, "the edit itself is allowed: {}", first.1);
    assert_eq!(
        first, again,
        "a retry of the very same request gets the first answer, byte for byte (same updated_at)"
    );
    assert_eq!(
        applied_under(&api, &k).await,
        1,
        "a retried edit is applied once, or a second review would be queued"
    );
}

#[tokio::test]
async fn a_key_reused_on_another_path_is_refused_and_applies_nothing() {
    let api = Api::start("demo").await;
    let (_, accounts) = api.get("/v1/accounts").await;
    let with_card: Vec<String> = accounts
        .as_array()
        .unwrap()
        .iter()
        .filter(|a| a["binding_state"] == BindingState::Bound.as_str() && a["shop_card"] == true)
        .map(|a| a["id"].as_str().unwrap().to_owned())
        .collect();
    let [first_account, second_account, ..] = with_card.as_slice() else {
        panic!("the demo seed has two bound accounts showing their shop card: {with_card:?}");
    };
    let k = key();
    let body = json!({"enabled": false});
    let (s, _) = api
        .keyed(
            Method::PUT,
            &format!("/v1/accounts/{first_account}/shop-card"),
            Some(body.clone()),
            &k,
        )
        .await;
    assert_eq!(s, StatusCode::OK, "the first use of the key is an ordinary request");
    let (s, b) = api
        .keyed(
            Method::PUT,
            &format!("/v1/accounts/{second_account}/shop-card"),
            Some(body),
            &k,
        )
        .await;
    assert_eq!(
        (s, Api::code(&b)),
        (StatusCode::CONFLICT, "conflict"),
        "same method and body on another path is a different request, not a retry: {b}"
    );
    assert_eq!(
        account_now(&api, second_account).await["shop_card"],
        true,
        "the refused request changed nothing on the second account"
    );
    assert_eq!(applied_under(&api, &k).await, 1, "only the first request was applied");
}

#[tokio::test]
async fn a_key_reused_with_another_body_is_refused_and_the_first_answer_stays() {
    let api = Api::start("demo").await;
    let (account, _) = api.account_where("granted", "granted").await;
    let work = new_work(&api, &account, "原标题").await;
    let k = key();
    let path = format!("/v1/works/{work}");
    let first = api
        .keyed(Method::PATCH, &path, Some(json!({"title": "第一次"})), &k)
        .await;
    assert_eq!(first.0, StatusCode::OK, "the first edit is allowed: {}", first.1);
    let (s, b) = api
        .keyed(Method::PATCH, &path, Some(json!({"title": "第二次"})), &k)
        .await;
    assert_eq!(
        (s, Api::code(&b)),
        (StatusCode::CONFLICT, "conflict"),
        "another body under the same key is a different edit, not a retry: {b}"
    );
    assert_eq!(
        work_now(&api, &account, &work).await["title"],
        "第一次",
        "the refused edit did not change the title"
    );
    let retry = api
        .keyed(Method::PATCH, &path, Some(json!({"title": "第一次"})), &k)
        .await;
    assert_eq!(
        retry, first,
        "a refused misuse does not spoil the key: the real retry still gets the first answer"
    );
    assert_eq!(applied_under(&api, &k).await, 1, "only the first edit was applied");
}

#[tokio::test]
async fn a_key_reused_with_another_method_is_refused_and_applies_nothing() {
    let api = Api::start("demo").await;
    let (account, _) = api.account_where("granted", "granted").await;
    let work = new_work(&api, &account, "置顶一下").await;
    let k = key();
    let path = format!("/v1/works/{work}/pin");
    let (s, pinned) = api.keyed(Method::PUT, &path, None, &k).await;
    assert_eq!(s, StatusCode::OK, "pinning a fresh work is allowed: {pinned}");
    let (s, b) = api.keyed(Method::DELETE, &path, None, &k).await;
    assert_eq!(
        (s, Api::code(&b)),
        (StatusCode::CONFLICT, "conflict"),
        "unpin under the key of a pin is a different request, not a retry: {b}"
    );
    assert_eq!(
        work_now(&api, &account, &work).await["pinned"],
        true,
        "the refused unpin left the work pinned"
    );
    assert_eq!(applied_under(&api, &k).await, 1, "only the pin was applied");
}

#[tokio::test]
async fn a_reused_key_never_answers_with_another_requests_body() {
    // The reported bug: a PATCH of a work under a key first used for a shop-card change was
    // answered 200 with the account's JSON, which breaks the response schema.
    let contract = Contract::load();
    let api = Api::start("demo").await;
    let (account, _) = api.account_where("granted", "granted").await;
    let work = new_work(&api, &account, "原标题").await;
    let k = key();
    let (s, _) = api
        .keyed(
            Method::PUT,
            &format!("/v1/accounts/{account}/shop-card"),
            Some(json!({"enabled": true})),
            &k,
        )
        .await;
    assert_eq!(s, StatusCode::OK, "the first use of the key is an ordinary request");
    let (s, b) = api
        .keyed(
            Method::PATCH,
            &format!("/v1/works/{work}"),
            Some(json!({"title": "不该生效"})),
            &k,
        )
        .await;
    assert_eq!(
        (s, Api::code(&b)),
        (StatusCode::CONFLICT, "conflict"),
        "a work edit must not be answered with the shop-card change's account: {b}"
    );
    contract.check("/v1/works/{id}", "patch", s, &b);
    assert!(
        b["error"]["message"]
            .as_str()
            .is_some_and(|m| m.contains("already used for a different request")),
        "the message says plainly why the key was refused: {b}"
    );
    assert_eq!(
        work_now(&api, &account, &work).await["title"],
        "原标题",
        "the refused edit changed nothing"
    );
    assert_eq!(
        applied_under(&api, &k).await,
        1,
        "only the shop-card change was applied"
    );
}
