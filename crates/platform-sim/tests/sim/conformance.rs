//! Every answer the simulator gives in this walk-through conforms to docs/platform-api.yaml.

use reqwest::{Method, StatusCode};
use serde_json::{json, Value};

use crate::client::Api;

pub(crate) struct Contract {
    doc: Value,
}

impl Contract {
    pub(crate) fn load() -> Contract {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../docs/platform-api.yaml");
        let text = std::fs::read_to_string(path).expect("docs/platform-api.yaml is readable");
        Contract {
            doc: serde_yaml::from_str(&text).expect("the OpenAPI file parses"),
        }
    }

    /// Asserts `body` matches the schema the contract gives for this path, method and status.
    pub(crate) fn check(&self, template: &str, method: &str, status: StatusCode, body: &Value) {
        let op = &self.doc["paths"][template][method];
        assert!(op.is_object(), "{method} {template} is not in the contract");
        let mut response = op["responses"][status.as_str()].clone();
        if let Some(r) = response.get("$ref").and_then(Value::as_str) {
            let name = r.rsplit('/').next().unwrap_or_default();
            response = self.doc["components"]["responses"][name].clone();
        }
        let schema = &response["content"]["application/json"]["schema"];
        assert!(
            schema.is_object(),
            "{method} {template} {status}: the contract has no such answer"
        );
        let mut root = schema.clone();
        root["components"] = self.doc["components"].clone();
        let validator = jsonschema::validator_for(&root).expect("the contract's schema compiles");
        let errors: Vec<String> = validator
            .iter_errors(body)
            .map(|e| format!("{} at {}", e, e.instance_path))
            .collect();
        assert!(
            errors.is_empty(),
            "{method} {template} {status} breaks the contract: {errors:#?}\n{body}"
        );
    }
}

#[tokio::test]
async fn the_simulator_answers_as_the_contract_says() {
    let contract = Contract::load();
    let api = Api::start("demo").await;
    let c = &contract;

    let (s, b) = api
        .raw(
            Method::POST,
            "/oauth/token",
            None,
            Some(json!({"grant_type": "password", "username": "demo", "password": "demo123"})),
            None,
        )
        .await;
    c.check("/oauth/token", "post", s, &b);
    let (s, b) = api
        .raw(
            Method::POST,
            "/oauth/token",
            None,
            Some(json!({"grant_type": "password", "username": "demo", "password": "no"})),
            None,
        )
        .await;
    c.check("/oauth/token", "post", s, &b);
    for path in ["/v1/me", "/v1/products", "/v1/invitations", "/v1/accounts"] {
        let (s, b) = api.get(path).await;
        c.check(path, "get", s, &b);
    }
    let (s, b) = api.get("/v1/works?limit=20").await;
    c.check("/v1/works", "get", s, &b);
    let (s, b) = api.get("/v1/changes?since=0&limit=1000").await;
    c.check("/v1/changes", "get", s, &b);

    let (id, _) = api.account_where("granted", "granted").await;
    let (gg, phone) = api.free_creator().await;
    let (s, b) = api
        .send(
            Method::POST,
            "/v1/invitations",
            Some(json!({"guangguang_id": gg, "phone": phone})),
        )
        .await;
    c.check("/v1/invitations", "post", s, &b);
    let (s, b2) = api
        .send(
            Method::POST,
            "/v1/invitations",
            Some(json!({"guangguang_id": gg, "phone": "13000000000"})),
        )
        .await;
    c.check("/v1/invitations", "post", s, &b2);
    let (s, b) = api
        .send(
            Method::DELETE,
            &format!("/v1/invitations/{}", b["id"].as_str().unwrap()),
            None,
        )
        .await;
    c.check("/v1/invitations/{id}", "delete", s, &b);

    let (s, b) = api
        .send(
            Method::PUT,
            &format!("/v1/accounts/{id}/product-pool"),
            Some(json!({"product_ids": ["p-0001", "p-0002"]})),
        )
        .await;
    c.check("/v1/accounts/{id}/product-pool", "put", s, &b);
    let (s, b) = api
        .send(
            Method::PUT,
            &format!("/v1/accounts/{id}/shop-card"),
            Some(json!({"enabled": true})),
        )
        .await;
    c.check("/v1/accounts/{id}/shop-card", "put", s, &b);
    let (s, b) = api
        .send(
            Method::PUT,
            &format!("/v1/accounts/{id}/tag"),
            Some(json!({"tag": "store"})),
        )
        .await;
    c.check("/v1/accounts/{id}/tag", "put", s, &b);
    assert_eq!(b["tag"], "store", "the new tag is the account's answer");
    let (s, b) = api
        .send(
            Method::POST,
            &format!("/v1/accounts/{id}/works"),
            Some(json!({"kind": "video", "title": "合规检查", "product_ids": ["p-0001"], "media_ids": [api.video().await]})),
        )
        .await;
    c.check("/v1/accounts/{id}/works", "post", s, &b);
    let work = b["id"].as_str().unwrap().to_owned();
    let (s, b) = api
        .send(
            Method::PATCH,
            &format!("/v1/works/{work}"),
            Some(json!({"text": "改一下"})),
        )
        .await;
    c.check("/v1/works/{id}", "patch", s, &b);
    let (s, b) = api
        .send(
            Method::PUT,
            &format!("/v1/works/{work}/privacy"),
            Some(json!({"privacy": "private"})),
        )
        .await;
    c.check("/v1/works/{id}/privacy", "put", s, &b);
    let (s, b) = api.send(Method::PUT, &format!("/v1/works/{work}/pin"), None).await;
    c.check("/v1/works/{id}/pin", "put", s, &b);
    let (s, b) = api.send(Method::DELETE, &format!("/v1/works/{work}/pin"), None).await;
    c.check("/v1/works/{id}/pin", "delete", s, &b);
    let (s, b) = api
        .send(
            Method::POST,
            &format!("/v1/works/{work}/comments"),
            Some(json!({"text": "欢迎来店里"})),
        )
        .await;
    c.check("/v1/works/{id}/comments", "post", s, &b);
    let comment = b["id"].as_str().unwrap().to_owned();
    let (s, b) = api
        .send(Method::PUT, &format!("/v1/comments/{comment}/like"), None)
        .await;
    c.check("/v1/comments/{id}/like", "put", s, &b);
    assert_eq!(b["liked_by"], json!([id]), "the work's own account liked it");
    let (s, b) = api
        .send(Method::DELETE, &format!("/v1/comments/{comment}/like"), None)
        .await;
    c.check("/v1/comments/{id}/like", "delete", s, &b);
    let (mute, _) = api.account_where("granted", "requested").await;
    let (s, b) = api
        .send(
            Method::PUT,
            &format!("/v1/comments/{comment}/like"),
            Some(json!({"account_id": mute})),
        )
        .await;
    assert_eq!(s, StatusCode::FORBIDDEN, "{b}");
    c.check("/v1/comments/{id}/like", "put", s, &b);
    let (s, b) = api.send(Method::PUT, "/v1/comments/c-none/like", None).await;
    assert_eq!(s, StatusCode::NOT_FOUND, "{b}");
    c.check("/v1/comments/{id}/like", "put", s, &b);
    let (s, b) = api.get(&format!("/v1/works/{work}/comments")).await;
    c.check("/v1/works/{id}/comments", "get", s, &b);
    let (s, b) = api.send(Method::PUT, &format!("/v1/works/{work}/like"), None).await;
    c.check("/v1/works/{id}/like", "put", s, &b);
    let (s, b) = api.send(Method::DELETE, &format!("/v1/works/{work}/like"), None).await;
    c.check("/v1/works/{id}/like", "delete", s, &b);
    let (s, b) = api.get(&format!("/v1/works/{work}/metrics")).await;
    c.check("/v1/works/{id}/metrics", "get", s, &b);
    let (s, b) = api.send(Method::DELETE, &format!("/v1/works/{work}"), None).await;
    c.check("/v1/works/{id}", "delete", s, &b);

    let (other, _) = api.account_where("none", "none").await;
    let (s, b) = api
        .send(
            Method::POST,
            &format!("/v1/accounts/{other}/grant-requests"),
            Some(json!({"scope": "publish"})),
        )
        .await;
    c.check("/v1/accounts/{id}/grant-requests", "post", s, &b);
    let (s, b) = api
        .send(Method::DELETE, &format!("/v1/accounts/{other}/grants/publish"), None)
        .await;
    c.check("/v1/accounts/{id}/grants/{scope}", "delete", s, &b);
    let (s, b) = api.send(Method::DELETE, &format!("/v1/accounts/{other}"), None).await;
    c.check("/v1/accounts/{id}", "delete", s, &b);
    let (s, b) = api.send(Method::DELETE, &format!("/v1/accounts/{other}"), None).await;
    c.check("/v1/accounts/{id}", "delete", s, &b);

    // The feed's newest entries carry comments, invitations, accounts, works and metrics too.
    let (s, b) = api
        .admin(Method::POST, "/sim/admin/tick", Some(json!({"days": 1})))
        .await;
    c.check("/sim/admin/tick", "post", s, &b);
    let (_, head) = api.get("/v1/changes?since=0&limit=1").await;
    let since = head["latest_seq"].as_i64().unwrap() - 900;
    let (s, b) = api.get(&format!("/v1/changes?since={since}&limit=1000")).await;
    c.check("/v1/changes", "get", s, &b);
    let kinds: std::collections::HashSet<&str> = b["changes"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|c| c["kind"].as_str())
        .collect();
    for kind in ["comment", "invitation", "account", "work", "work_metric"] {
        assert!(kinds.contains(kind), "the checked page has a {kind} change: {kinds:?}");
    }

    let (s, b) = api
        .send(
            Method::POST,
            &format!("/v1/accounts/{id}/works"),
            Some(
                json!({"kind": "image_text", "title": "话题", "topic": "#好物分享", "media_ids": [api.image().await]}),
            ),
        )
        .await;
    c.check("/v1/accounts/{id}/works", "post", s, &b);
    assert_eq!(b["topic_status"], "pending");
    let later = chrono::Utc::now() + chrono::Duration::days(3);
    let (s, b) = api
        .send(
            Method::POST,
            &format!("/v1/accounts/{id}/works"),
            Some(json!({"kind": "video", "title": "定时", "media_ids": [api.video().await], "scheduled_at": later})),
        )
        .await;
    c.check("/v1/accounts/{id}/works", "post", s, &b);
    assert!(b["published_at"].is_null(), "a held work is not published yet: {b}");
    let (s, b) = api
        .post_media(
            Some("image/png"),
            crate::client::TINY_PNG.to_vec(),
            &crate::client::key(),
        )
        .await;
    c.check("/v1/media", "post", s, &b);
    assert_eq!(b["kind"], "image");
    let (s, b) = api
        .post_media(Some("text/plain"), b"notes".to_vec(), &crate::client::key())
        .await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "{b}");
    c.check("/v1/media", "post", s, &b);
    let (s, b) = api.get("/v1/works/w-0000001/metrics?from=2026-02-30").await;
    c.check("/v1/works/{id}/metrics", "get", s, &b);
    for query in [
        "",
        "?from=2026-11-01&to=2026-11-30",
        "?to=2026-11-30",
        "?from=30.11.2026",
    ] {
        let (s, b) = api.admin(Method::GET, &format!("/sim/admin/totals{query}"), None).await;
        c.check("/sim/admin/totals", "get", s, &b);
    }
    let (s, _, bytes) = api.fetch("/cdn/covers/w-none.png").await;
    c.check("/cdn/covers/{file}", "get", s, &serde_json::from_slice(&bytes).unwrap());
    let (s, _, bytes) = api.fetch("/cdn/media/m-none").await;
    c.check("/cdn/media/{id}", "get", s, &serde_json::from_slice(&bytes).unwrap());

    let nowl = api.login("nowl").await;
    let (s, b) = api.raw(Method::GET, "/v1/accounts", Some(&nowl), None, None).await;
    c.check("/v1/accounts", "get", s, &b);
}
