//! `GET /v1/snapshot`: the same entities the change feed gives, in bulk, resumable by cursor,
//! compressed, with the feed authoritative from its `seq` on.

use std::collections::BTreeSet;

use reqwest::{Method, StatusCode};
use serde_json::{json, Value};

use crate::client::Api;
use crate::conformance::Contract;

/// Every page from the start, `limit` works at a time.
async fn all_pages(api: &Api, limit: u32) -> Vec<Value> {
    let mut pages = Vec::new();
    let mut path = format!("/v1/snapshot?limit={limit}");
    loop {
        let (s, page) = api.get(&path).await;
        assert_eq!(s, StatusCode::OK, "{page}");
        let next = page["next_cursor"].as_str().map(str::to_owned);
        pages.push(page);
        match next {
            Some(c) => path = format!("/v1/snapshot?limit={limit}&cursor={c}"),
            None => return pages,
        }
    }
}

/// Work ids, metric keys and comment ids the whole change feed carries (deleted works left out).
async fn from_feed(api: &Api) -> (BTreeSet<String>, BTreeSet<String>, BTreeSet<String>, i64) {
    let (mut works, mut metrics, mut comments) = (BTreeSet::new(), BTreeSet::new(), BTreeSet::new());
    let mut since = 0;
    loop {
        let (_, page) = api.get(&format!("/v1/changes?since={since}&limit=1000")).await;
        for c in page["changes"].as_array().unwrap() {
            let d = &c["data"];
            match c["kind"].as_str().unwrap() {
                "work" if d["deleted"] == false => {
                    works.insert(d["id"].as_str().unwrap().to_owned());
                }
                "work_metric" => {
                    metrics.insert(format!(
                        "{}|{}",
                        d["work_id"].as_str().unwrap(),
                        d["date"].as_str().unwrap()
                    ));
                }
                "comment" => {
                    comments.insert(d["id"].as_str().unwrap().to_owned());
                }
                _ => {}
            }
        }
        since = page["next_cursor"].as_i64().unwrap();
        if page["has_more"] == false {
            return (works, metrics, comments, page["latest_seq"].as_i64().unwrap());
        }
    }
}

#[tokio::test]
async fn the_snapshot_holds_what_the_feed_holds_and_the_feed_goes_on_from_its_seq() {
    let api = Api::start("demo").await;
    let contract = Contract::load();
    let pages = all_pages(&api, 30).await;
    assert!(pages.len() > 3, "200 works at 30 a page: {}", pages.len());
    contract.check("/v1/snapshot", "get", StatusCode::OK, &pages[0]);
    contract.check("/v1/snapshot", "get", StatusCode::OK, &pages[1]);
    let seq = pages[0]["seq"].as_i64().unwrap();
    assert!(pages.iter().all(|p| p["seq"] == seq), "one seq for the whole snapshot");
    assert_eq!(
        pages[0]["accounts"].as_array().unwrap().len(),
        8,
        "the matrix comes first"
    );
    assert!(pages[0]["me"].is_object() && pages[1]["me"].is_null());
    assert!(pages[1]["accounts"].as_array().unwrap().is_empty(), "once");

    let (mut works, mut metrics, mut comments) = (BTreeSet::new(), BTreeSet::new(), BTreeSet::new());
    for p in &pages {
        for w in p["works"].as_array().unwrap() {
            assert!(works.insert(w["id"].as_str().unwrap().to_owned()), "each work once");
        }
        for m in p["metrics"].as_array().unwrap() {
            let row = m.as_array().unwrap();
            assert_eq!(row.len(), 8, "a day as an array: {m}");
            metrics.insert(format!("{}|{}", row[0].as_str().unwrap(), row[1].as_str().unwrap()));
        }
        for c in p["comments"].as_array().unwrap() {
            comments.insert(c["id"].as_str().unwrap().to_owned());
        }
    }
    let (feed_works, feed_metrics, feed_comments, head) = from_feed(&api).await;
    assert_eq!(seq, head, "seq is the feed's head");
    assert_eq!(works, feed_works);
    assert_eq!(metrics.len(), feed_metrics.len());
    assert_eq!(metrics, feed_metrics);
    assert_eq!(comments, feed_comments);

    // A change after the snapshot began reaches the client through the feed from `seq`.
    let work = works.iter().next().unwrap().clone();
    let (s, _) = api
        .send(
            Method::PUT,
            &format!("/v1/works/{work}/privacy"),
            Some(json!({"privacy": "private"})),
        )
        .await;
    assert_eq!(s, StatusCode::OK);
    let (_, after) = api.get(&format!("/v1/changes?since={seq}")).await;
    let kinds: Vec<(&str, &str)> = after["changes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| (c["kind"].as_str().unwrap(), c["data"]["id"].as_str().unwrap_or("")))
        .collect();
    assert!(kinds.contains(&("work", work.as_str())), "{kinds:?}");
}

#[tokio::test]
async fn a_snapshot_page_is_compressed_and_a_bad_cursor_is_refused() {
    let api = Api::start("demo").await;
    let (s, body) = api.get("/v1/snapshot?cursor=not-a-cursor").await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(Api::code(&body), "validation");
    let http = reqwest::Client::builder().no_gzip().build().unwrap();
    let resp = http
        .get(api.url("/v1/snapshot?limit=50"))
        .bearer_auth(api.login("demo").await)
        .header("accept-encoding", "gzip")
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), StatusCode::OK);
    assert_eq!(resp.headers()["content-encoding"], "gzip");
}
