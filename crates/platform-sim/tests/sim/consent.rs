//! The creators' side: accept or decline invitations and grant requests, unbind by email.

use reqwest::{Method, StatusCode};
use serde_json::{json, Value};

use crate::client::Api;

async fn inbox(api: &Api, gg: &str) -> Value {
    api.admin(Method::GET, &format!("/sim/creators/{gg}/inbox"), None)
        .await
        .1
}

async fn account_by_gg(api: &Api, gg: &str) -> Option<Value> {
    let (_, accounts) = api.get("/v1/accounts").await;
    accounts
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["guangguang_id"] == gg)
        .cloned()
}

#[tokio::test]
async fn the_whole_consent_flow() {
    let api = Api::start("demo").await;
    let (gg, phone) = api.free_creator().await;
    let (s, inv) = api
        .send(
            Method::POST,
            "/v1/invitations",
            Some(json!({"guangguang_id": gg, "phone": phone, "tag": "store"})),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED);
    let box1 = inbox(&api, &gg).await;
    assert_eq!(
        box1["invitations"][0]["id"], inv["id"],
        "the creator sees the invitation"
    );
    assert_eq!(box1["invitations"][0]["merchant_name"], "青禾生活");
    assert!(
        account_by_gg(&api, &gg).await.is_none(),
        "not an account before consent"
    );

    let path = format!("/sim/creators/{gg}/invitations/{}/accept", inv["id"].as_str().unwrap());
    let (s, b) = api.admin(Method::POST, &path, None).await;
    assert_eq!((s, &b["state"]), (StatusCode::OK, &json!("accepted")));
    let account = account_by_gg(&api, &gg).await.expect("bound after acceptance");
    assert_eq!(account["binding_state"], "bound");
    assert_eq!(account["tag"], "store");
    let id = account["id"].as_str().unwrap().to_owned();

    // Publish: request → approve → granted. Interact: request → decline → declined.
    for (scope, answer, want) in [("publish", "approve", "granted"), ("interact", "decline", "declined")] {
        let (s, req) = api
            .send(
                Method::POST,
                &format!("/v1/accounts/{id}/grant-requests"),
                Some(json!({"scope": scope})),
            )
            .await;
        assert_eq!(s, StatusCode::CREATED, "{req}");
        let account = account_by_gg(&api, &gg).await.unwrap();
        assert_eq!(account["grants"][scope]["state"], "requested");
        let inbox = inbox(&api, &gg).await;
        assert!(inbox["grant_requests"]
            .as_array()
            .unwrap()
            .iter()
            .any(|r| r["id"] == req["id"]));
        let path = format!(
            "/sim/creators/{gg}/grant-requests/{}/{answer}",
            req["id"].as_str().unwrap()
        );
        assert_eq!(api.admin(Method::POST, &path, None).await.0, StatusCode::OK);
        let account = account_by_gg(&api, &gg).await.unwrap();
        assert_eq!(account["grants"][scope]["state"], want, "{scope}");
    }

    // R7: the account asks to unbind by email; the platform processes it on the next tick.
    let (s, _) = api
        .admin(Method::POST, &format!("/sim/creators/{gg}/unbind-request"), None)
        .await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(
        account_by_gg(&api, &gg).await.unwrap()["binding_state"],
        "unbind_requested"
    );
    let (_, report) = api
        .admin(Method::POST, "/sim/admin/tick", Some(json!({"days": 0})))
        .await;
    assert_eq!(report["unbinds_processed"], 1);
    let account = account_by_gg(&api, &gg).await.unwrap();
    assert_eq!(account["binding_state"], "unbound");
    assert_eq!(account["grants"]["publish"]["state"], "revoked");
}

#[tokio::test]
async fn declined_cancelled_and_expired_invitations() {
    let api = Api::start("demo").await;
    let (_, creators) = api.admin(Method::GET, "/sim/admin/creators", None).await;
    let free: Vec<(String, String)> = creators
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["bound_to"].is_null())
        .take(4)
        .map(|c| {
            (
                c["guangguang_id"].as_str().unwrap().to_owned(),
                c["phone"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    let mut ids = Vec::new();
    for (gg, phone) in &free[1..4] {
        let (_, inv) = api
            .send(
                Method::POST,
                "/v1/invitations",
                Some(json!({"guangguang_id": gg, "phone": phone})),
            )
            .await;
        ids.push(inv["id"].as_str().unwrap().to_owned());
    }
    let (s, b) = api
        .admin(
            Method::POST,
            &format!("/sim/creators/{}/invitations/{}/decline", free[1].0, ids[0]),
            None,
        )
        .await;
    assert_eq!((s, &b["state"]), (StatusCode::OK, &json!("declined")));
    let (s, b) = api
        .send(Method::DELETE, &format!("/v1/invitations/{}", ids[1]), None)
        .await;
    assert_eq!((s, &b["state"]), (StatusCode::OK, &json!("cancelled")));
    let (s, b) = api
        .send(Method::DELETE, &format!("/v1/invitations/{}", ids[1]), None)
        .await;
    assert_eq!(
        (s, Api::code(&b)),
        (StatusCode::CONFLICT, "conflict"),
        "only a pending invitation can be cancelled"
    );
    let (_, report) = api
        .admin(Method::POST, "/sim/admin/tick", Some(json!({"days": 8})))
        .await;
    assert!(
        report["invitations_expired"].as_u64().unwrap() >= 1,
        "7 days pass: {report}"
    );
    let (_, all) = api.get("/v1/invitations").await;
    let state_of = |id: &str| all.as_array().unwrap().iter().find(|i| i["id"] == id).unwrap()["state"].clone();
    assert_eq!(state_of(&ids[2]), "expired");
    let path = format!("/sim/creators/{}/invitations/{}/accept", free[3].0, ids[2]);
    let (s, b) = api.admin(Method::POST, &path, None).await;
    assert_eq!(
        (s, Api::code(&b)),
        (StatusCode::CONFLICT, "conflict"),
        "an expired invitation cannot be accepted"
    );
}

#[tokio::test]
async fn auto_consent_accepts_on_the_next_tick() {
    let api = Api::start("demo").await;
    let (gg, phone) = api.free_creator().await;
    api.admin(Method::PUT, "/sim/admin/auto-consent", Some(json!({"enabled": true})))
        .await;
    api.send(
        Method::POST,
        "/v1/invitations",
        Some(json!({"guangguang_id": gg, "phone": phone})),
    )
    .await;
    api.admin(Method::POST, "/sim/admin/tick", None).await;
    assert_eq!(account_by_gg(&api, &gg).await.unwrap()["binding_state"], "bound");
}
