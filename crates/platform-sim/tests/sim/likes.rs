//! Liking a comment as a matrix account: once per account, only with the interact grant, only
//! on the merchant's own works, and carried by the change feed.

use reqwest::{Method, StatusCode};
use serde_json::{json, Value};

use crate::client::{key, Api};
use crate::feed::read_feed;

/// A seeded comment on one of `account`'s works, and that work's id.
async fn comment_under(api: &Api, account: &str) -> (Value, String) {
    for w in api.all_works().await {
        if w["account_id"] != account || w["comment_count"] == 0 {
            continue;
        }
        let work = w["id"].as_str().unwrap().to_owned();
        let (s, list) = api.get(&format!("/v1/works/{work}/comments")).await;
        assert_eq!(s, StatusCode::OK, "{list}");
        if let Some(c) = list.as_array().unwrap().first() {
            return (c.clone(), work);
        }
    }
    panic!("the demo seed has a comment under a work of {account}");
}

fn liked_by(comment: &Value) -> Vec<&str> {
    comment["liked_by"]
        .as_array()
        .unwrap_or_else(|| panic!("a comment lists who liked it: {comment}"))
        .iter()
        .map(|a| a.as_str().unwrap())
        .collect()
}

#[tokio::test]
async fn a_comment_like_counts_once_per_account_and_reaches_the_feed() {
    let api = Api::start("demo").await;
    let (owner, _) = api.account_where("granted", "granted").await;
    let (other, _) = api.account_where("declined", "granted").await;
    let (comment, work) = comment_under(&api, &owner).await;
    let id = comment["id"].as_str().unwrap();
    let likes = comment["like_count"].as_i64().unwrap();
    assert!(
        liked_by(&comment).is_empty(),
        "the seed's likes are fans', not the merchant's"
    );
    let path = format!("/v1/comments/{id}/like");
    let (_, head) = api.get("/v1/changes?since=0&limit=1").await;
    let cursor = head["latest_seq"].as_i64().unwrap();

    let k = key();
    let first = api.keyed(Method::PUT, &path, None, &k).await;
    assert_eq!(first.0, StatusCode::OK, "{}", first.1);
    assert_eq!(
        (first.1["like_count"].as_i64().unwrap(), liked_by(&first.1)),
        (likes + 1, vec![owner.as_str()]),
        "without a body the work's own account likes"
    );
    let replay = api.keyed(Method::PUT, &path, None, &k).await;
    assert_eq!(replay, first, "a retry gets the first answer");
    let (s, again) = api.send(Method::PUT, &path, None).await;
    assert_eq!(
        (s, again["like_count"].as_i64().unwrap()),
        (StatusCode::OK, likes + 1),
        "liking twice counts once"
    );
    let (s, both) = api.send(Method::PUT, &path, Some(json!({"account_id": other}))).await;
    assert_eq!(s, StatusCode::OK, "{both}");
    let mut want = vec![owner.as_str(), other.as_str()];
    want.sort_unstable();
    assert_eq!(
        (both["like_count"].as_i64().unwrap(), liked_by(&both)),
        (likes + 2, want.clone()),
        "another account's like counts too"
    );

    let (_, list) = api.get(&format!("/v1/works/{work}/comments")).await;
    let listed = list.as_array().unwrap().iter().find(|c| c["id"] == id).unwrap();
    assert_eq!(liked_by(listed), want, "the comments list shows who liked");
    let (delta, cursor) = read_feed(&api, cursor, 1000).await;
    let carried: Vec<&Value> = delta
        .iter()
        .filter(|c| c["kind"] == "comment" && c["data"]["id"] == id)
        .collect();
    assert_eq!(carried.len(), 1, "the liked comment is in the feed, once");
    assert_eq!(
        (
            carried[0]["data"]["like_count"].as_i64().unwrap(),
            liked_by(&carried[0]["data"])
        ),
        (likes + 2, want),
        "in its latest state"
    );

    let (s, unliked) = api.send(Method::DELETE, &path, None).await;
    assert_eq!(
        (s, unliked["like_count"].as_i64().unwrap(), liked_by(&unliked)),
        (StatusCode::OK, likes + 1, vec![other.as_str()]),
        "unliking takes back the owner's like only"
    );
    let (s, still) = api.send(Method::DELETE, &path, None).await;
    assert_eq!(
        (s, still["like_count"].as_i64().unwrap()),
        (StatusCode::OK, likes + 1),
        "unliking what is not liked changes nothing"
    );
    let (delta, _) = read_feed(&api, cursor, 1000).await;
    assert!(
        delta
            .iter()
            .any(|c| c["kind"] == "comment" && c["data"]["id"] == id && c["data"]["like_count"] == likes + 1),
        "an unlike reaches the feed too"
    );
}

#[tokio::test]
async fn a_comment_like_needs_the_interact_grant_and_a_comment_of_the_merchant() {
    let api = Api::start("demo").await;
    let (owner, _) = api.account_where("granted", "granted").await;
    let (mute, _) = api.account_where("granted", "requested").await;
    let (comment, work) = comment_under(&api, &owner).await;
    let id = comment["id"].as_str().unwrap();
    let path = format!("/v1/comments/{id}/like");

    let (s, b) = api.send(Method::PUT, &path, Some(json!({"account_id": mute}))).await;
    assert_eq!(
        (s, Api::code(&b)),
        (StatusCode::FORBIDDEN, "permission_required"),
        "interact is only requested: {b}"
    );
    let (s, b) = api.send(Method::PUT, "/v1/comments/c-nothing/like", None).await;
    assert_eq!((s, Api::code(&b)), (StatusCode::NOT_FOUND, "not_found"), "{b}");
    let rival = api.login("rival").await;
    let (s, b) = api.raw(Method::PUT, &path, Some(&rival), None, Some(&key())).await;
    assert_eq!(
        (s, Api::code(&b)),
        (StatusCode::NOT_FOUND, "not_found"),
        "another merchant's comment does not exist for this one: {b}"
    );
    let (_, list) = api.get(&format!("/v1/works/{work}/comments")).await;
    let now = list.as_array().unwrap().iter().find(|c| c["id"] == id).unwrap();
    assert_eq!(
        (&now["like_count"], &now["liked_by"]),
        (&comment["like_count"], &json!([])),
        "refused likes changed nothing"
    );

    let (s, b) = api.send(Method::DELETE, &format!("/v1/works/{work}"), None).await;
    assert_eq!(s, StatusCode::OK, "{b}");
    let (s, b) = api.send(Method::PUT, &path, None).await;
    assert_eq!(
        (s, Api::code(&b)),
        (StatusCode::NOT_FOUND, "not_found"),
        "a deleted work's comments are gone: {b}"
    );
}
