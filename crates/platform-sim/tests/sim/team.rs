//! Teams: every mutating endpoint of the contract × every role, with approval off and on;
//! four-eyes approval that publishes each target exactly once; disabled staff; merchants apart.

use reqwest::{Method, StatusCode};
use serde_json::{json, Value};

use crate::client::{key, Api};
use crate::conformance::Contract;

/// The demo team: (role, login, password).
const TEAM: [(&str, &str, &str); 5] = [
    ("owner", "demo", "demo123"),
    ("admin", "demo:ajie", "ajie1234"),
    ("operator", "demo:xiaoli", "xiaoli123"),
    ("reviewer", "demo:laowang", "laowang123"),
    ("analyst", "demo:xiaozhou", "xiaozhou123"),
];

/// Who may call each mutating operation, written out from the role table in
/// docs/platform-api.md ("Teams"); `operator*` means only while approval is off.
fn allowed(method: &str, path: &str) -> Option<&'static [&'static str]> {
    const MATRIX: &[&str] = &["owner", "admin"];
    const PUBLISH: &[&str] = &["owner", "admin", "reviewer", "operator*"];
    const INTERACT: &[&str] = &["owner", "admin", "operator"];
    Some(match (method, path) {
        ("post", "/v1/invitations")
        | ("delete", "/v1/invitations/{id}")
        | ("delete", "/v1/accounts/{id}")
        | ("post", "/v1/accounts/{id}/grant-requests")
        | ("delete", "/v1/accounts/{id}/grants/{scope}")
        | ("put", "/v1/accounts/{id}/product-pool")
        | ("put", "/v1/accounts/{id}/shop-card")
        | ("put", "/v1/accounts/{id}/tag")
        | ("put", "/v1/settings/approval") => MATRIX,
        ("post", "/v1/media") => &["owner", "admin", "operator", "reviewer"],
        ("post", "/v1/accounts/{id}/works")
        | ("patch", "/v1/works/{id}")
        | ("delete", "/v1/works/{id}")
        | ("put", "/v1/works/{id}/pin")
        | ("delete", "/v1/works/{id}/pin")
        | ("put", "/v1/works/{id}/privacy") => PUBLISH,
        ("post", "/v1/works/{id}/comments")
        | ("put", "/v1/works/{id}/like")
        | ("delete", "/v1/works/{id}/like")
        | ("put", "/v1/comments/{id}/like")
        | ("delete", "/v1/comments/{id}/like")
        | ("post", "/v1/submissions")
        | ("put", "/v1/submissions/{id}")
        | ("post", "/v1/submissions/{id}/withdraw") => INTERACT,
        ("post", "/v1/submissions/{id}/approve") | ("post", "/v1/submissions/{id}/return") => {
            &["owner", "admin", "reviewer"]
        }
        ("post", "/v1/staff")
        | ("put", "/v1/staff/{login}/role")
        | ("put", "/v1/staff/{login}/password")
        | ("put", "/v1/staff/{login}/disabled") => &["owner"],
        _ => return None,
    })
}

async fn set_approval(api: &mut Api, on: bool) {
    api.sign_in("demo", "demo123").await;
    let (s, b) = api
        .send(Method::PUT, "/v1/settings/approval", Some(json!({"required": on})))
        .await;
    assert_eq!(s, StatusCode::OK, "the owner switches approval: {b}");
    assert_eq!(b["approval_required"], on);
}

#[tokio::test]
async fn every_mutating_endpoint_checks_every_role() {
    let contract: Value = serde_yaml::from_str(
        &std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../../docs/platform-api.yaml")).unwrap(),
    )
    .unwrap();
    let mut api = Api::start("demo").await;
    let mut checked = 0;
    for approval in [false, true] {
        set_approval(&mut api, approval).await;
        for (role, login, password) in TEAM {
            api.sign_in(login, password).await;
            for (path, ops) in contract["paths"].as_object().unwrap() {
                if !path.starts_with("/v1/") {
                    continue;
                }
                for method in ["post", "put", "patch", "delete"] {
                    if ops.get(method).is_none() {
                        continue;
                    }
                    let who = allowed(method, path)
                        .unwrap_or_else(|| panic!("{method} {path} has no role expectation in this test"));
                    let may = who.contains(&role) || (!approval && who.contains(&"operator*") && role == "operator");
                    // Ids that name nothing: the role check comes before any lookup or body.
                    let url = path
                        .replace("{id}", "nothing-here")
                        .replace("{scope}", "publish")
                        .replace("{login}", "demo:nobody");
                    let m = Method::from_bytes(method.to_uppercase().as_bytes()).unwrap();
                    let (s, b) = api.send(m, &url, Some(json!({}))).await;
                    let refused = s == StatusCode::FORBIDDEN && Api::code(&b) == "role_forbidden";
                    assert_eq!(
                        !refused,
                        may,
                        "{role} {method} {path} (approval {approval}): {s} {b} — the role table says {}",
                        if may { "allowed" } else { "refused" }
                    );
                    if refused {
                        let message = b["error"]["message"].as_str().unwrap();
                        assert!(message.contains(role), "a refusal names the role: {message}");
                    }
                    checked += 1;
                }
            }
        }
    }
    assert!(
        checked > 200,
        "every mutating operation was tried for every role: {checked}"
    );
}

/// A work the operator proposes for `accounts`.
fn proposal(accounts: &[&str], media: &str, title: &str) -> Value {
    json!({"proposal": {"kind": "publish", "account_ids": accounts,
        "work": {"kind": "video", "title": title, "text": "正文", "media_ids": [media]}}})
}

async fn works_titled(api: &Api, title: &str) -> Vec<Value> {
    api.all_works()
        .await
        .into_iter()
        .filter(|w| w["title"] == title)
        .collect()
}

/// Two bound demo accounts that hold the publish grant.
async fn two_publishers(api: &Api) -> (String, String) {
    let (_, accounts) = api.get("/v1/accounts").await;
    let ids: Vec<String> = accounts
        .as_array()
        .unwrap()
        .iter()
        .filter(|a| a["binding_state"] == "bound" && a["grants"]["publish"]["state"] == "granted")
        .map(|a| a["id"].as_str().unwrap().to_owned())
        .take(2)
        .collect();
    assert_eq!(ids.len(), 2, "the demo seed has two accounts that may publish");
    (ids[0].clone(), ids[1].clone())
}

#[tokio::test]
async fn a_second_person_approves_and_each_account_gets_the_work_once() {
    let mut api = Api::start("demo").await;
    let (a, b) = two_publishers(&api).await;
    set_approval(&mut api, true).await;
    api.sign_in("demo:xiaoli", "xiaoli123").await;
    let media = api.video().await;

    // Approval on: the operator cannot publish directly, but can submit.
    let direct = json!({"kind": "video", "title": "直接发", "media_ids": [media]});
    let (s, body) = api
        .send(Method::POST, &format!("/v1/accounts/{a}/works"), Some(direct))
        .await;
    assert_eq!(
        (s, Api::code(&body)),
        (StatusCode::FORBIDDEN, "role_forbidden"),
        "{body}"
    );
    assert!(
        body["error"]["message"].as_str().unwrap().contains("submit"),
        "the refusal says what to do"
    );
    let (s, sub) = api
        .send(
            Method::POST,
            "/v1/submissions",
            Some(proposal(&[&a, &b], &media, "新品开箱")),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED, "{sub}");
    let c = Contract::load();
    c.check("/v1/submissions", "post", s, &sub);
    assert_eq!(
        (sub["state"].as_str(), sub["version"].as_i64()),
        (Some("pending"), Some(1))
    );
    assert_eq!(sub["submitted_by"]["login"], "demo:xiaoli");
    let id = sub["id"].as_str().unwrap().to_owned();
    let (s, me) = api.get("/v1/me").await;
    c.check("/v1/me", "get", s, &me);
    assert_eq!(
        (me["you"]["role"].as_str(), me["approval_required"].as_bool()),
        (Some("operator"), Some(true))
    );

    // The reviewer returns it with a reason; the operator revises it.
    api.sign_in("demo:laowang", "laowang123").await;
    let (s, back) = api
        .send(
            Method::POST,
            &format!("/v1/submissions/{id}/return"),
            Some(json!({"version": 1, "reason": "标题太短"})),
        )
        .await;
    c.check("/v1/submissions/{id}/return", "post", s, &back);
    assert_eq!(
        (back["state"].as_str(), back["reason"].as_str()),
        (Some("returned"), Some("标题太短"))
    );
    api.sign_in("demo:xiaoli", "xiaoli123").await;
    let (s, v2) = api
        .send(
            Method::PUT,
            &format!("/v1/submissions/{id}"),
            Some(proposal(&[&a, &b], &media, "新品开箱｜三分钟上手")),
        )
        .await;
    c.check("/v1/submissions/{id}", "put", s, &v2);
    assert_eq!(
        (v2["state"].as_str(), v2["version"].as_i64()),
        (Some("pending"), Some(2))
    );
    assert_eq!(
        v2["previous"]["work"]["title"], "新品开箱",
        "the revision keeps what it replaced"
    );

    // The owner submitted nothing here but may not approve their own submission either.
    api.sign_in("demo", "demo123").await;
    let (s, own) = api
        .send(
            Method::POST,
            "/v1/submissions",
            Some(proposal(&[&a], &media, "老板自己的")),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED, "{own}");
    let own_id = own["id"].as_str().unwrap();
    let (s, body) = api
        .send(
            Method::POST,
            &format!("/v1/submissions/{own_id}/approve"),
            Some(json!({"version": 1})),
        )
        .await;
    assert_eq!(
        (s, Api::code(&body)),
        (StatusCode::FORBIDDEN, "role_forbidden"),
        "four eyes: {body}"
    );

    // The reviewer approves the version they saw: an old one is refused.
    api.sign_in("demo:laowang", "laowang123").await;
    let (s, body) = api
        .send(
            Method::POST,
            &format!("/v1/submissions/{id}/approve"),
            Some(json!({"version": 1})),
        )
        .await;
    assert_eq!((s, Api::code(&body)), (StatusCode::CONFLICT, "conflict"), "{body}");
    let (_, head) = api.get("/v1/changes?since=0&limit=1").await;
    let head = head["latest_seq"].as_i64().unwrap();
    let k = key();
    let path = format!("/v1/submissions/{id}/approve");
    let (s, done) = api.keyed(Method::POST, &path, Some(json!({"version": 2})), &k).await;
    c.check("/v1/submissions/{id}/approve", "post", s, &done);
    assert_eq!(done["state"], "approved");
    assert_eq!(done["reviewed_by"]["login"], "demo:laowang");
    let results = done["results"].as_array().unwrap();
    assert_eq!(results.len(), 2, "one result per target account: {done}");
    assert!(results.iter().all(|r| r["work_id"].is_string()), "{done}");
    // A retry of the same approval replays it; another approval is refused.
    let (s, again) = api.keyed(Method::POST, &path, Some(json!({"version": 2})), &k).await;
    assert_eq!((s, &again), (StatusCode::OK, &done), "the retry replays the answer");
    let (s, body) = api.send(Method::POST, &path, Some(json!({"version": 2}))).await;
    assert_eq!((s, Api::code(&body)), (StatusCode::CONFLICT, "conflict"), "{body}");
    let published = works_titled(&api, "新品开箱｜三分钟上手").await;
    let mut accounts: Vec<&str> = published.iter().map(|w| w["account_id"].as_str().unwrap()).collect();
    accounts.sort_unstable();
    let mut want = vec![a.as_str(), b.as_str()];
    want.sort_unstable();
    assert_eq!(accounts, want, "exactly one work per target account");
    assert!(
        works_titled(&api, "新品开箱").await.is_empty(),
        "the returned version never went out"
    );

    // The submitter hears it through the feed; withdrawn is the submitter's alone.
    let (_, feed) = api.get(&format!("/v1/changes?since={head}")).await;
    c.check("/v1/changes", "get", StatusCode::OK, &feed);
    let (s, page) = api.get("/v1/submissions?state=approved").await;
    c.check("/v1/submissions", "get", s, &page);
    assert_eq!(
        page["submissions"].as_array().map(Vec::len),
        Some(1),
        "filtered by state: {page}"
    );
    let (s, bad) = api.get("/v1/submissions?state=lost").await;
    c.check("/v1/submissions", "get", s, &bad);
    let seen = feed["changes"]
        .as_array()
        .unwrap()
        .iter()
        .any(|c| c["kind"] == "submission" && c["data"]["id"] == id.as_str() && c["data"]["state"] == "approved");
    assert!(seen, "the approval travels in the change feed");
    let (s, body) = api
        .send(Method::POST, &format!("/v1/submissions/{own_id}/withdraw"), None)
        .await;
    assert_eq!(
        (s, Api::code(&body)),
        (StatusCode::FORBIDDEN, "role_forbidden"),
        "{body}"
    );
}

#[tokio::test]
async fn a_disabled_staff_member_is_signed_out_and_other_merchants_see_nothing() {
    let mut api = Api::start("demo").await;
    let (s, added) = api
        .send(
            Method::POST,
            "/v1/staff",
            Some(json!({"name": "xiaoqian", "display_name": "小倩", "role": "operator", "password": "qian-2026"})),
        )
        .await;
    let c = Contract::load();
    c.check("/v1/staff", "post", s, &added);
    assert_eq!(
        (added["login"].as_str(), added["name"].as_str()),
        (Some("demo:xiaoqian"), Some("小倩"))
    );
    let (s, body) = api
        .send(
            Method::POST,
            "/v1/staff",
            Some(json!({"name": "xiaoqian", "role": "analyst", "password": "another-1"})),
        )
        .await;
    assert_eq!((s, Api::code(&body)), (StatusCode::CONFLICT, "conflict"), "{body}");
    let (s, body) = api
        .send(
            Method::POST,
            "/v1/staff",
            Some(json!({"name": "boss2", "role": "owner", "password": "another-1"})),
        )
        .await;
    assert_eq!(
        (s, Api::code(&body)),
        (StatusCode::UNPROCESSABLE_ENTITY, "validation"),
        "{body}"
    );

    let (s, t) = api.login_with("demo:xiaoqian", "qian-2026").await;
    assert_eq!(s, StatusCode::OK, "{t}");
    let qian = t["access_token"].as_str().unwrap().to_owned();
    let (s, me) = api.raw(Method::GET, "/v1/me", Some(&qian), None, None).await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(me["you"]["login"], "demo:xiaoqian");
    assert_eq!(
        me["you"]["permissions"],
        json!(["upload", "publish", "submit", "interact"])
    );

    let (s, off) = api
        .send(
            Method::PUT,
            "/v1/staff/demo:xiaoqian/disabled",
            Some(json!({"disabled": true})),
        )
        .await;
    c.check("/v1/staff/{login}/disabled", "put", s, &off);
    assert_eq!(off["disabled"].as_bool(), Some(true), "{off}");
    let (s, staff) = api.get("/v1/staff").await;
    c.check("/v1/staff", "get", s, &staff);
    let (s, body) = api.raw(Method::GET, "/v1/me", Some(&qian), None, None).await;
    c.check("/v1/me", "get", s, &body);
    let (s, body) = api.raw(Method::GET, "/v1/me", Some(&qian), None, None).await;
    assert_eq!(
        (s, Api::code(&body)),
        (StatusCode::UNAUTHORIZED, "staff_disabled"),
        "at once: {body}"
    );
    let (s, body) = api.login_with("demo:xiaoqian", "qian-2026").await;
    assert_eq!(
        (s, Api::code(&body)),
        (StatusCode::UNAUTHORIZED, "staff_disabled"),
        "{body}"
    );
    let refresh = json!({"grant_type": "refresh_token", "refresh_token": t["refresh_token"]});
    let (s, body) = api.raw(Method::POST, "/oauth/token", None, Some(refresh), None).await;
    assert_eq!(
        (s, Api::code(&body)),
        (StatusCode::UNAUTHORIZED, "staff_disabled"),
        "nor refresh: {body}"
    );
    let (s, _) = api
        .send(
            Method::PUT,
            "/v1/staff/xiaoqian/disabled",
            Some(json!({"disabled": false})),
        )
        .await;
    assert_eq!(s, StatusCode::OK);
    let (s, body) = api.raw(Method::GET, "/v1/me", Some(&qian), None, None).await;
    assert_eq!(
        (s, Api::code(&body)),
        (StatusCode::UNAUTHORIZED, "unauthorized"),
        "old tokens stay revoked: {body}"
    );

    // The team and its submissions are the merchant's alone.
    let (a, _) = api.account_where("granted", "granted").await;
    let media = api.video().await;
    api.sign_in("demo:xiaoli", "xiaoli123").await;
    let (s, _) = api
        .send(
            Method::POST,
            "/v1/submissions",
            Some(proposal(&[&a], &media, "只给青禾看")),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED);
    api.sign_in("rival:xiaohe", "xiaohe123").await;
    let (_, page) = api.get("/v1/submissions").await;
    assert_eq!(
        page["submissions"],
        json!([]),
        "another merchant's submissions stay hidden"
    );
    let (_, staff) = api.get("/v1/staff").await;
    assert!(
        staff
            .as_array()
            .unwrap()
            .iter()
            .all(|m| m["login"].as_str().unwrap().starts_with("rival:")),
        "{staff}"
    );
    let (_, feed) = api.get("/v1/changes?since=0&limit=1000").await;
    assert!(
        feed["changes"]
            .as_array()
            .unwrap()
            .iter()
            .all(|c| c["kind"] != "submission"),
        "nor does their feed carry them"
    );
    let (s, body) = api
        .send(Method::POST, "/v1/submissions", Some(proposal(&[&a], &media, "越界")))
        .await;
    assert_eq!(
        s.as_u16() / 100,
        4,
        "a rival cannot submit for the demo merchant's account: {body}"
    );
}
