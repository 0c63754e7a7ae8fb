//! The change feed across pagination, and tokens.

use std::collections::HashSet;

use reqwest::{Method, StatusCode};
use serde_json::{json, Value};

use crate::client::Api;

/// Every change after `since`, read page by page as a client does, and the final cursor.
pub(crate) async fn read_feed(api: &Api, since: i64, limit: u32) -> (Vec<Value>, i64) {
    let mut cursor = since;
    let mut all = Vec::new();
    loop {
        let (s, page) = api.get(&format!("/v1/changes?since={cursor}&limit={limit}")).await;
        assert_eq!(s, StatusCode::OK, "{page}");
        let changes = page["changes"].as_array().unwrap().clone();
        let next = page["next_cursor"].as_i64().unwrap();
        assert!(next >= cursor, "the cursor never goes back");
        all.extend(changes);
        cursor = next;
        if page["has_more"] == false {
            return (all, cursor);
        }
    }
}

#[tokio::test]
async fn the_feed_is_complete_ordered_and_incremental() {
    let api = Api::start("demo").await;
    let (changes, cursor) = read_feed(&api, 0, 97).await;
    let seqs: Vec<i64> = changes.iter().map(|c| c["seq"].as_i64().unwrap()).collect();
    assert!(seqs.windows(2).all(|w| w[0] < w[1]), "strictly increasing across pages");
    let accounts: HashSet<&str> = changes
        .iter()
        .filter(|c| c["kind"] == "account")
        .map(|c| c["data"]["id"].as_str().unwrap())
        .collect();
    let (_, listed) = api.get("/v1/accounts").await;
    assert_eq!(
        accounts.len(),
        listed.as_array().unwrap().len(),
        "every account is in the feed"
    );
    let works = changes.iter().filter(|c| c["kind"] == "work").count();
    assert_eq!(works, 200, "every demo work is in the feed once");

    // Nothing new → nothing returned; one change → exactly that entity, once.
    let (again, _) = read_feed(&api, cursor, 97).await;
    assert!(again.is_empty());
    let (id, _) = api.account_where("granted", "granted").await;
    api.send(
        Method::PUT,
        &format!("/v1/accounts/{id}/shop-card"),
        Some(json!({"enabled": false})),
    )
    .await;
    api.send(
        Method::PUT,
        &format!("/v1/accounts/{id}/shop-card"),
        Some(json!({"enabled": true})),
    )
    .await;
    let (delta, _) = read_feed(&api, cursor, 97).await;
    assert_eq!(
        delta.len(),
        1,
        "an entity changed twice appears once, in its latest state"
    );
    assert_eq!(delta[0]["data"]["shop_card"], true);
}

#[tokio::test]
async fn tokens_expire_and_refresh_rotates() {
    let config = platform_sim::SimConfig {
        access_token_ttl_secs: 1,
        ..platform_sim::SimConfig::default()
    };
    let api = Api::start_with(config, "demo").await;
    let (_, tokens) = api
        .raw(
            Method::POST,
            "/oauth/token",
            None,
            Some(json!({"grant_type": "password", "username": "demo", "password": "demo123"})),
            None,
        )
        .await;
    assert_eq!(tokens["expires_in"], 1);
    tokio::time::sleep(std::time::Duration::from_millis(1500)).await;
    let (s, b) = api
        .raw(Method::GET, "/v1/me", tokens["access_token"].as_str(), None, None)
        .await;
    assert_eq!(
        (s, Api::code(&b)),
        (StatusCode::UNAUTHORIZED, "unauthorized"),
        "expired access token"
    );
    let refresh = json!({"grant_type": "refresh_token", "refresh_token": tokens["refresh_token"]});
    let (s, fresh) = api
        .raw(Method::POST, "/oauth/token", None, Some(refresh.clone()), None)
        .await;
    assert_eq!(s, StatusCode::OK);
    assert_ne!(fresh["refresh_token"], tokens["refresh_token"], "refresh tokens rotate");
    let (s, _) = api.raw(Method::POST, "/oauth/token", None, Some(refresh), None).await;
    assert_eq!(s, StatusCode::UNAUTHORIZED, "a spent refresh token is refused");
    let (s, b) = api
        .raw(
            Method::POST,
            "/oauth/token",
            None,
            Some(json!({"grant_type": "password", "username": "demo", "password": "x"})),
            None,
        )
        .await;
    assert_eq!((s, Api::code(&b)), (StatusCode::UNAUTHORIZED, "unauthorized"));
}
