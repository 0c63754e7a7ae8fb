//! Comment threads: the seed has fans' comments with the matrix accounts' own replies (and
//! fans answering those), and ticks keep bringing comments, replies and reviews.

use std::collections::HashMap;

use reqwest::StatusCode;
use serde_json::Value;

use crate::client::Api;
use crate::feed::read_feed;

async fn comments(api: &Api, work: &str) -> Vec<Value> {
    let (s, list) = api.get(&format!("/v1/works/{work}/comments")).await;
    assert_eq!(s, StatusCode::OK, "{list}");
    list.as_array().unwrap().clone()
}

#[tokio::test]
async fn the_seed_has_threads_with_the_accounts_own_replies() {
    let api = Api::start("demo").await;
    let (mut account_replies, mut answers_to_replies) = (0, 0);
    for w in api.all_works().await {
        let id = w["id"].as_str().unwrap();
        let list = comments(&api, id).await;
        assert_eq!(
            w["comment_count"].as_u64().unwrap() as usize,
            list.len(),
            "{id}: the count is what a thread view can show"
        );
        let by_id: HashMap<&str, &Value> = list.iter().map(|c| (c["id"].as_str().unwrap(), c)).collect();
        for c in &list {
            let Some(parent) = c["parent_id"].as_str() else {
                continue;
            };
            let parent = by_id
                .get(parent)
                .unwrap_or_else(|| panic!("{id}: a reply's parent is on the same work"));
            assert!(
                c["created_at"].as_str() >= parent["created_at"].as_str(),
                "a reply comes after what it answers"
            );
            if c["author_account_id"] == w["account_id"] {
                account_replies += 1;
                assert!(parent["author_account_id"].is_null(), "the account answers a fan");
            }
            if parent["author_account_id"].is_string() {
                answers_to_replies += 1;
            }
        }
    }
    assert!(account_replies > 10, "the accounts answer fans: {account_replies}");
    assert!(answers_to_replies > 0, "a fan answers an account's reply: threads nest");

    let again = Api::start("demo").await;
    for work in ["w-0000001", "w-0000002", "w-0000005", "w-0000009", "w-0000017"] {
        let strip = |list: Vec<Value>| {
            list.into_iter()
                .map(|c| {
                    (
                        c["id"].clone(),
                        c["parent_id"].clone(),
                        c["author_name"].clone(),
                        c["text"].clone(),
                    )
                })
                .collect::<Vec<_>>()
        };
        assert_eq!(
            strip(comments(&api, work).await),
            strip(comments(&again, work).await),
            "{work}: the same seed value gives the same threads"
        );
    }
}

/// Seeded works are w-0000001…; a longer id was posted since.
fn posted_since_seed(change: &Value) -> bool {
    change["kind"] == "work" && change["data"]["id"].as_str().unwrap().len() > "w-0000001".len()
}

#[tokio::test]
async fn ticks_keep_bringing_comments_replies_and_reviews() {
    let api = Api::start("demo").await;
    let (_, cursor) = read_feed(&api, 0, 1000).await;
    // Random by design (5% of works get a comment, a third of those a reply, an owner posts
    // on 15% of ticks, most often one of this merchant's); 100 ticks make a miss a one in
    // a million chance.
    let mut delta = Vec::new();
    for _ in 0..100 {
        api.tick(0).await;
        delta = read_feed(&api, cursor, 1000).await.0;
        let replied = delta
            .iter()
            .any(|c| c["kind"] == "comment" && c["data"]["parent_id"].is_string());
        let post_reviewed = delta
            .iter()
            .any(|c| posted_since_seed(c) && c["data"]["review_status"] != "pending");
        if replied && post_reviewed {
            break;
        }
    }
    let new_replies: Vec<&Value> = delta
        .iter()
        .filter(|c| c["kind"] == "comment" && c["data"]["parent_id"].is_string())
        .collect();
    assert!(
        !new_replies.is_empty(),
        "fans answer earlier comments, and the feed brings it"
    );
    for r in new_replies {
        let work = r["data"]["work_id"].as_str().unwrap();
        let parent = r["data"]["parent_id"].as_str().unwrap();
        assert!(
            comments(&api, work).await.iter().any(|c| c["id"] == parent),
            "a reply answers a comment on the same work"
        );
    }
    assert!(
        delta
            .iter()
            .any(|c| posted_since_seed(c) && c["data"]["review_status"] != "pending"),
        "an owner's own post shows up in the feed, and its review result on a later tick"
    );
}
