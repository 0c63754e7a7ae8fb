//! Every platform rule and error code of DESIGN §3.

use reqwest::{Method, StatusCode};
use serde_json::json;

use crate::client::Api;

#[tokio::test]
async fn invitation_verdicts() {
    let api = Api::start("demo").await;
    let (gg, phone) = api.free_creator().await;
    let invite = |gg: &str, phone: &str| json!({"guangguang_id": gg, "phone": phone, "tag": "staff"});

    let (s, b) = api
        .send(Method::POST, "/v1/invitations", Some(invite("1bad", &phone)))
        .await;
    assert_eq!(
        (s, Api::code(&b)),
        (StatusCode::UNPROCESSABLE_ENTITY, "validation"),
        "malformed 逛逛号"
    );
    let (s, b) = api
        .send(Method::POST, "/v1/invitations", Some(invite(&gg, "12345")))
        .await;
    assert_eq!(
        (s, Api::code(&b)),
        (StatusCode::UNPROCESSABLE_ENTITY, "validation"),
        "malformed phone"
    );
    let (s, b) = api
        .send(Method::POST, "/v1/invitations", Some(invite("nobody_here", &phone)))
        .await;
    assert_eq!((s, Api::code(&b)), (StatusCode::NOT_FOUND, "unknown_account"));
    let wrong = if phone.ends_with('0') {
        format!("{}1", &phone[..10])
    } else {
        format!("{}0", &phone[..10])
    };
    let (s, b) = api
        .send(Method::POST, "/v1/invitations", Some(invite(&gg, &wrong)))
        .await;
    assert_eq!(
        (s, Api::code(&b)),
        (StatusCode::UNPROCESSABLE_ENTITY, "phone_mismatch"),
        "the seed's R1 rule"
    );

    let (s, b) = api
        .send(Method::POST, "/v1/invitations", Some(invite(&gg, &phone)))
        .await;
    assert_eq!(s, StatusCode::CREATED, "{b}");
    assert_eq!(b["state"], "pending");
    assert!(
        b["phone_masked"].as_str().unwrap().contains("****"),
        "the phone comes back masked only"
    );
    assert!(!b.to_string().contains(&phone), "the full phone never comes back");
    let (s, b) = api
        .send(Method::POST, "/v1/invitations", Some(invite(&gg, &phone)))
        .await;
    assert_eq!(
        (s, Api::code(&b)),
        (StatusCode::CONFLICT, "conflict"),
        "one pending invitation per account"
    );

    // Accounts already bound: to us, and to the rival merchant.
    let (_, ours) = api.account_where("granted", "granted").await;
    let (_, creators) = api.admin(Method::GET, "/sim/admin/creators", None).await;
    let phone_of = |gg: &str| {
        creators
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["guangguang_id"] == gg)
            .unwrap()["phone"]
            .as_str()
            .unwrap()
            .to_owned()
    };
    let (s, b) = api
        .send(Method::POST, "/v1/invitations", Some(invite(&ours, &phone_of(&ours))))
        .await;
    assert_eq!((s, Api::code(&b)), (StatusCode::CONFLICT, "already_bound"));
    let rivals = creators
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["bound_to"] == "m-rival")
        .unwrap();
    let rival_gg = rivals["guangguang_id"].as_str().unwrap();
    let (s, b) = api
        .send(
            Method::POST,
            "/v1/invitations",
            Some(invite(rival_gg, &phone_of(rival_gg))),
        )
        .await;
    assert_eq!((s, Api::code(&b)), (StatusCode::CONFLICT, "bound_elsewhere"));
}

#[tokio::test]
async fn not_whitelisted_merchants_see_me_but_nothing_else() {
    let api = Api::start("nowl").await;
    let (s, me) = api.get("/v1/me").await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(me["whitelisted"], false);
    for path in [
        "/v1/accounts",
        "/v1/works",
        "/v1/changes",
        "/v1/products",
        "/v1/invitations",
    ] {
        let (s, b) = api.get(path).await;
        assert_eq!((s, Api::code(&b)), (StatusCode::FORBIDDEN, "not_whitelisted"), "{path}");
    }
    // Toggling the whitelist at runtime opens the feature.
    let (s, _) = api
        .admin(
            Method::PUT,
            "/sim/admin/merchants/m-nowl/whitelist",
            Some(json!({"whitelisted": true})),
        )
        .await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(api.get("/v1/accounts").await.0, StatusCode::OK);
}

#[tokio::test]
async fn permission_required_after_revoke_and_not_bound_after_unbind() {
    let api = Api::start("demo").await;
    let (id, _) = api.account_where("granted", "granted").await;
    let publish =
        json!({"kind": "video", "title": "春季上新", "text": "", "product_ids": [], "media_ids": [api.video().await]});
    let (s, b) = api
        .send(Method::POST, &format!("/v1/accounts/{id}/works"), Some(publish.clone()))
        .await;
    assert_eq!(s, StatusCode::CREATED, "granted accounts can publish: {b}");

    let (s, b) = api
        .send(Method::DELETE, &format!("/v1/accounts/{id}/grants/publish"), None)
        .await;
    assert_eq!(s, StatusCode::OK, "{b}");
    assert_eq!(b["grants"]["publish"]["state"], "revoked");
    let (s, b) = api
        .send(Method::POST, &format!("/v1/accounts/{id}/works"), Some(publish.clone()))
        .await;
    assert_eq!(
        (s, Api::code(&b)),
        (StatusCode::FORBIDDEN, "permission_required"),
        "R6: revoked publish"
    );
    // Interact still works until it is revoked too.
    let (_, works) = api.get(&format!("/v1/works?account_id={id}&limit=1")).await;
    let work = works["works"][0]["id"].as_str().unwrap().to_owned();
    let (s, _) = api.send(Method::PUT, &format!("/v1/works/{work}/like"), None).await;
    assert_eq!(s, StatusCode::OK, "interact was not revoked");

    let (s, b) = api.send(Method::DELETE, &format!("/v1/accounts/{id}"), None).await;
    assert_eq!(s, StatusCode::OK, "{b}");
    assert_eq!(b["binding_state"], "unbound");
    assert_eq!(
        b["grants"]["interact"]["state"], "revoked",
        "R5: unbinding revokes every grant"
    );
    assert_eq!(b["product_pool"], json!([]), "R5: and clears the pool");
    assert_eq!(b["shop_card"], false, "R5: and the shop card");
    let (s, b) = api
        .send(
            Method::PUT,
            &format!("/v1/accounts/{id}/tag"),
            Some(json!({"tag": "brand_persona"})),
        )
        .await;
    assert_eq!(
        (s, Api::code(&b)),
        (StatusCode::CONFLICT, "not_bound"),
        "an unbound account cannot be re-tagged"
    );
    let (s, b) = api.send(Method::PUT, &format!("/v1/works/{work}/like"), None).await;
    assert_eq!((s, Api::code(&b)), (StatusCode::CONFLICT, "not_bound"));
    let (s, b) = api
        .send(
            Method::POST,
            &format!("/v1/accounts/{id}/grant-requests"),
            Some(json!({"scope": "publish"})),
        )
        .await;
    assert_eq!((s, Api::code(&b)), (StatusCode::CONFLICT, "not_bound"));
}

#[tokio::test]
async fn work_limits_pool_and_pins() {
    let api = Api::start("demo").await;
    let (id, _) = api.account_where("granted", "granted").await;
    let (_, account) = api.get("/v1/accounts").await;
    let pool: Vec<String> = account.as_array().unwrap().iter().find(|a| a["id"] == id).unwrap()["product_pool"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p.as_str().unwrap().to_owned())
        .collect();
    let path = format!("/v1/accounts/{id}/works");
    let image = api.image().await;
    let work = |title: String, text: String, products: Vec<String>| json!({"kind": "image_text", "title": title, "text": text, "product_ids": products, "media_ids": [image]});
    let (s, b) = api
        .send(Method::POST, &path, Some(work("标".repeat(31), String::new(), vec![])))
        .await;
    assert_eq!(
        (s, Api::code(&b)),
        (StatusCode::UNPROCESSABLE_ENTITY, "validation"),
        "title > 30 characters"
    );
    let (s, b) = api
        .send(Method::POST, &path, Some(work("ok".into(), "字".repeat(1001), vec![])))
        .await;
    assert_eq!(
        (s, Api::code(&b)),
        (StatusCode::UNPROCESSABLE_ENTITY, "validation"),
        "text > 1000 characters"
    );
    let seven: Vec<String> = (1..=7).map(|i| format!("p-{i:04}")).collect();
    let (s, b) = api
        .send(Method::POST, &path, Some(work("ok".into(), String::new(), seven)))
        .await;
    assert_eq!(
        (s, Api::code(&b)),
        (StatusCode::UNPROCESSABLE_ENTITY, "validation"),
        "more than 6 products"
    );
    let outside = (1..=12)
        .map(|i| format!("p-{i:04}"))
        .find(|p| !pool.contains(p))
        .unwrap();
    let (s, b) = api
        .send(
            Method::POST,
            &path,
            Some(work("ok".into(), String::new(), vec![outside])),
        )
        .await;
    assert_eq!(
        (s, Api::code(&b)),
        (StatusCode::UNPROCESSABLE_ENTITY, "not_in_product_pool"),
        "M5"
    );
    let (s, b) = api
        .send(
            Method::POST,
            &path,
            Some(work("标".repeat(30), "字".repeat(1000), pool.clone())),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED, "limits are inclusive: {b}");
    assert_eq!(b["review_status"], "pending", "new works go through review");

    // Pin until the limit of 3; the next pin is refused.
    let (_, works) = api.get(&format!("/v1/works?account_id={id}&limit=1000")).await;
    let works = works["works"].as_array().unwrap();
    let mut pinned = works.iter().filter(|w| w["pinned"] == true).count();
    for w in works.iter().filter(|w| w["pinned"] == false) {
        let (s, b) = api
            .send(
                Method::PUT,
                &format!("/v1/works/{}/pin", w["id"].as_str().unwrap()),
                None,
            )
            .await;
        if pinned < 3 {
            assert_eq!(s, StatusCode::OK, "{b}");
            pinned += 1;
        } else {
            assert_eq!(
                (s, Api::code(&b)),
                (StatusCode::CONFLICT, "pin_limit"),
                "a 4th pin is refused"
            );
            return;
        }
    }
    panic!("never reached the pin limit with {} works", works.len());
}
