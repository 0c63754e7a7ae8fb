//! `/sim/admin/totals?from=&to=` is the ground truth a client's dashboard is checked against:
//! for any period it equals the sum of the daily metrics the change feed delivered.

use chrono::{Duration, NaiveDate};
use reqwest::{Method, StatusCode};
use serde_json::Value;

use crate::client::Api;
use crate::feed::read_feed;

const METRICS: [&str; 6] = [
    "exposure",
    "views",
    "interactions",
    "shop_traffic",
    "orders",
    "amount_cents",
];

async fn demo_totals(api: &Api, query: &str) -> Value {
    let (s, all) = api.admin(Method::GET, &format!("/sim/admin/totals{query}"), None).await;
    assert_eq!(s, StatusCode::OK, "{all}");
    all.as_array()
        .unwrap()
        .iter()
        .find(|m| m["merchant_id"] == "m-demo")
        .unwrap()
        .clone()
}

/// What a client that applied the whole feed sums for `from..=to`, metric by metric.
fn feed_sums(changes: &[Value], from: NaiveDate, to: NaiveDate) -> [i64; 6] {
    let mut sums = [0; 6];
    for c in changes.iter().filter(|c| c["kind"] == "work_metric") {
        let date: NaiveDate = c["data"]["date"].as_str().unwrap().parse().unwrap();
        if (from..=to).contains(&date) {
            for (sum, name) in sums.iter_mut().zip(METRICS) {
                *sum += c["data"][name].as_i64().unwrap();
            }
        }
    }
    sums
}

fn totals_sums(totals: &Value) -> [i64; 6] {
    METRICS.map(|name| totals[name].as_i64().unwrap_or_else(|| panic!("totals report {name}")))
}

#[tokio::test]
async fn totals_for_a_period_equal_what_the_feed_delivered_for_those_dates() {
    let api = Api::start("demo").await;
    // A deleted work keeps the days it had: the feed delivered them and takes nothing back.
    let (account, _) = api.account_where("granted", "granted").await;
    let (_, page) = api.get(&format!("/v1/works?account_id={account}&limit=1000")).await;
    let with_metrics = page["works"]
        .as_array()
        .unwrap()
        .iter()
        .find(|w| w["review_status"] == "approved")
        .unwrap()["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let (s, _) = api
        .send(Method::DELETE, &format!("/v1/works/{with_metrics}"), None)
        .await;
    assert_eq!(s, StatusCode::OK);
    api.tick(1).await;
    api.tick(0).await;

    let (changes, _) = read_feed(&api, 0, 1000).await;
    let dates: Vec<NaiveDate> = changes
        .iter()
        .filter(|c| c["kind"] == "work_metric")
        .map(|c| c["data"]["date"].as_str().unwrap().parse().unwrap())
        .collect();
    let (first, last) = (*dates.iter().min().unwrap(), *dates.iter().max().unwrap());
    assert!(
        changes
            .iter()
            .any(|c| c["kind"] == "work_metric" && c["data"]["work_id"] == with_metrics.as_str()),
        "the deleted work's days are in the feed"
    );

    let whole = demo_totals(&api, "").await;
    assert_eq!(
        totals_sums(&whole),
        feed_sums(&changes, first, last),
        "no period: every day the feed delivered"
    );
    let periods = [
        (first, last),
        (last - Duration::days(6), last),
        (last, last),
        (last - Duration::days(1), last - Duration::days(1)),
        (first, first + Duration::days(9)),
        (last + Duration::days(1), last + Duration::days(30)),
    ];
    for (from, to) in periods {
        let totals = demo_totals(&api, &format!("?from={from}&to={to}")).await;
        assert_eq!(
            totals_sums(&totals),
            feed_sums(&changes, from, to),
            "{from}..={to}: the same calendar dates on both sides, metric by metric"
        );
        assert_eq!(
            totals["works"], whole["works"],
            "the works count is now, not per period"
        );
    }
    let open_start = demo_totals(&api, &format!("?to={}", last - Duration::days(3))).await;
    assert_eq!(
        totals_sums(&open_start),
        feed_sums(&changes, first, last - Duration::days(3)),
        "either end may be left open"
    );
    assert_eq!(
        totals_sums(&demo_totals(&api, &format!("?from={last}&to={first}")).await),
        [0; 6],
        "a period that ends before it starts holds no day"
    );
}

#[tokio::test]
async fn totals_and_metrics_refuse_a_malformed_date_in_the_envelope() {
    let api = Api::start("demo").await;
    for query in ["?from=2026-13-01", "?to=yesterday", "?from=2026-11-01&to=20261130"] {
        let (s, b) = api.admin(Method::GET, &format!("/sim/admin/totals{query}"), None).await;
        assert_eq!(
            (s, Api::code(&b)),
            (StatusCode::UNPROCESSABLE_ENTITY, "validation"),
            "{query}: a typo must not read as an empty period"
        );
    }
    let (s, b) = api.get("/v1/works/w-0000001/metrics?from=11/01/2026").await;
    assert_eq!(
        (s, Api::code(&b)),
        (StatusCode::UNPROCESSABLE_ENTITY, "validation"),
        "the platform API answers bad dates with its envelope too"
    );
}
