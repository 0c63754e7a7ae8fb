//! Seeds are deterministic, and the merchant-scale seed M is quick enough for tests.

use mdesk_platform_api::InvitationState;
use std::time::Instant;

use platform_sim::{RunningSim, Seed, SimConfig};
use reqwest::Method;

use crate::client::Api;

#[tokio::test]
async fn the_same_seed_value_gives_the_same_platform() {
    let a = Api::start("demo").await;
    let b = Api::start("demo").await;
    let strip = |v: serde_json::Value| {
        v.as_array()
            .unwrap()
            .iter()
            .map(|a| {
                (
                    a["id"].clone(),
                    a["guangguang_id"].clone(),
                    a["nickname"].clone(),
                    a["grants"]["publish"]["state"].clone(),
                )
            })
            .collect::<Vec<_>>()
    };
    assert_eq!(
        strip(a.get("/v1/accounts").await.1),
        strip(b.get("/v1/accounts").await.1)
    );
    let totals = |v: serde_json::Value| {
        v.as_array()
            .unwrap()
            .iter()
            .map(|m| (m["works"].clone(), m["orders"].clone()))
            .collect::<Vec<_>>()
    };
    assert_eq!(
        totals(a.admin(Method::GET, "/sim/admin/totals", None).await.1),
        totals(b.admin(Method::GET, "/sim/admin/totals", None).await.1)
    );
}

#[tokio::test]
async fn the_demo_seed_has_every_grant_state_and_a_pending_invitation() {
    let api = Api::start("demo").await;
    let (_, accounts) = api.get("/v1/accounts").await;
    for state in ["none", "requested", "granted", "declined", "revoked"] {
        assert!(
            accounts
                .as_array()
                .unwrap()
                .iter()
                .any(|a| a["grants"]["publish"]["state"] == state || a["grants"]["interact"]["state"] == state),
            "a demo account with a {state} grant"
        );
    }
    let (_, invitations) = api.get("/v1/invitations").await;
    assert!(invitations
        .as_array()
        .unwrap()
        .iter()
        .any(|i| i["state"] == InvitationState::Pending.as_str()));
}

#[tokio::test]
async fn seed_m_is_ready_in_under_30_seconds() {
    // The bound for merchant scale (100 accounts, 10,000 works, 90 days); measured
    // end to end including the server start, so tests at that scale stay practical.
    let started = Instant::now();
    let sim = RunningSim::start(SimConfig {
        seed: Seed::M,
        ..SimConfig::default()
    })
    .await
    .unwrap();
    let took = started.elapsed();
    let totals: serde_json::Value = reqwest::get(format!("{}/sim/admin/totals", sim.url()))
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let demo = totals
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["merchant_id"] == "m-demo")
        .unwrap()
        .clone();
    assert_eq!(demo["accounts"], 100);
    assert_eq!(demo["works"], 10_000);
    assert!(took.as_secs() < 30, "seeding M took {took:?}");
}

#[tokio::test]
async fn the_same_seed_value_gives_the_same_topics_covers_and_comment_counts() {
    let (a, b) = (Api::start("demo").await, Api::start("demo").await);
    let strip = |works: Vec<serde_json::Value>| {
        works
            .into_iter()
            .map(|w| {
                (
                    w["id"].clone(),
                    w["topic"].clone(),
                    w["topic_status"].clone(),
                    w["cover_url"].clone(),
                    w["comment_count"].clone(),
                )
            })
            .collect::<Vec<_>>()
    };
    assert_eq!(
        strip(a.all_works().await),
        strip(b.all_works().await),
        "a demo, a screenshot or a test written against the seed sees the same works"
    );
}
