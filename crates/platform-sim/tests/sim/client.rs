//! A tiny client for tests: status + JSON, with a fresh idempotency key per call unless given.

use mdesk_platform_api::BindingState;
use platform_sim::{RunningSim, Seed, SimConfig};
use reqwest::{Method, StatusCode};
use serde_json::{json, Value};

pub struct Api {
    pub sim: RunningSim,
    pub http: reqwest::Client,
    pub token: String,
}

pub fn key() -> String {
    uuid::Uuid::new_v4().to_string()
}

impl Api {
    /// A demo-seeded simulator, signed in as `user`.
    pub async fn start(user: &str) -> Api {
        Self::start_with(
            SimConfig {
                seed: Seed::Demo,
                seed_value: 11,
                ..SimConfig::default()
            },
            user,
        )
        .await
    }

    pub async fn start_with(config: SimConfig, user: &str) -> Api {
        let sim = RunningSim::start(config).await.unwrap();
        let http = reqwest::Client::new();
        let mut api = Api {
            sim,
            http,
            token: String::new(),
        };
        api.token = api.login(user).await;
        api
    }

    pub async fn login(&self, user: &str) -> String {
        let (status, body) = self
            .raw(
                Method::POST,
                "/oauth/token",
                None,
                Some(json!({"grant_type": "password", "username": user, "password": format!("{user}123")})),
                None,
            )
            .await;
        assert_eq!(status, StatusCode::OK, "login {user}: {body}");
        body["access_token"].as_str().unwrap().to_owned()
    }

    /// A token for `username` (e.g. `demo:xiaoli`) with `password`.
    pub async fn login_with(&self, username: &str, password: &str) -> (StatusCode, Value) {
        self.raw(
            Method::POST,
            "/oauth/token",
            None,
            Some(json!({"grant_type": "password", "username": username, "password": password})),
            None,
        )
        .await
    }

    /// Signs this client in as someone else of the same simulator.
    pub async fn sign_in(&mut self, username: &str, password: &str) {
        let (status, body) = self.login_with(username, password).await;
        assert_eq!(status, StatusCode::OK, "login {username}: {body}");
        self.token = body["access_token"].as_str().unwrap().to_owned();
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.sim.url())
    }

    /// A request with the merchant's token under idempotency key `key`.
    pub async fn keyed(&self, method: Method, path: &str, body: Option<Value>, key: &str) -> (StatusCode, Value) {
        self.raw(method, path, Some(&self.token), body, Some(key)).await
    }

    pub async fn raw(
        &self,
        method: Method,
        path: &str,
        token: Option<&str>,
        body: Option<Value>,
        key: Option<&str>,
    ) -> (StatusCode, Value) {
        let mut req = self.http.request(method, self.url(path));
        if let Some(t) = token {
            req = req.bearer_auth(t);
        }
        if let Some(k) = key {
            req = req.header("Idempotency-Key", k);
        }
        if let Some(b) = body {
            req = req.json(&b);
        }
        let resp = req.send().await.unwrap();
        let status = resp.status();
        let text = resp.text().await.unwrap();
        let value = if text.is_empty() {
            Value::Null
        } else {
            serde_json::from_str(&text).unwrap_or(Value::String(text))
        };
        (status, value)
    }

    pub async fn get(&self, path: &str) -> (StatusCode, Value) {
        self.raw(Method::GET, path, Some(&self.token), None, None).await
    }

    /// A mutation with a fresh idempotency key.
    pub async fn send(&self, method: Method, path: &str, body: Option<Value>) -> (StatusCode, Value) {
        self.raw(method, path, Some(&self.token), body, Some(&key())).await
    }

    pub async fn admin(&self, method: Method, path: &str, body: Option<Value>) -> (StatusCode, Value) {
        self.raw(method, path, None, body, None).await
    }

    /// The error code of a failed answer.
    pub fn code(body: &Value) -> &str {
        body["error"]["code"].as_str().unwrap_or("<no error code>")
    }

    /// A bound demo account whose grants are as asked, with its id and Guangguang ID.
    pub async fn account_where(&self, publish: &str, interact: &str) -> (String, String) {
        let (_, accounts) = self.get("/v1/accounts").await;
        let a = accounts
            .as_array()
            .unwrap()
            .iter()
            .find(|a| {
                a["binding_state"] == BindingState::Bound.as_str()
                    && a["grants"]["publish"]["state"] == publish
                    && a["grants"]["interact"]["state"] == interact
            })
            .unwrap_or_else(|| panic!("demo seed has an account with publish={publish} interact={interact}"));
        (
            a["id"].as_str().unwrap().to_owned(),
            a["guangguang_id"].as_str().unwrap().to_owned(),
        )
    }

    /// A free creator (bound to nobody) with its registered phone.
    pub async fn free_creator(&self) -> (String, String) {
        let (_, creators) = self.admin(Method::GET, "/sim/admin/creators", None).await;
        let c = creators
            .as_array()
            .unwrap()
            .iter()
            .rev()
            .find(|c| c["bound_to"].is_null())
            .unwrap();
        (
            c["guangguang_id"].as_str().unwrap().to_owned(),
            c["phone"].as_str().unwrap().to_owned(),
        )
    }

    /// Every work of the merchant (not deleted), across pages.
    pub async fn all_works(&self) -> Vec<Value> {
        let mut works = Vec::new();
        let mut cursor = String::new();
        loop {
            let path = if cursor.is_empty() {
                "/v1/works?limit=1000".to_owned()
            } else {
                format!("/v1/works?limit=1000&cursor={cursor}")
            };
            let (s, page) = self.get(&path).await;
            assert_eq!(s, StatusCode::OK, "{page}");
            works.extend(page["works"].as_array().unwrap().iter().cloned());
            match page["next_cursor"].as_str() {
                Some(next) => cursor = next.to_owned(),
                None => return works,
            }
        }
    }

    /// One work of the merchant as `/v1/works` lists it now.
    pub async fn work(&self, id: &str) -> Value {
        self.all_works()
            .await
            .into_iter()
            .find(|w| w["id"] == id)
            .unwrap_or_else(|| panic!("work {id} is listed"))
    }

    /// A plain GET with no token (what a CDN client does): status, headers and body bytes.
    pub async fn fetch(&self, path: &str) -> (StatusCode, reqwest::header::HeaderMap, Vec<u8>) {
        let resp = self.http.get(self.url(path)).send().await.unwrap();
        let (status, headers) = (resp.status(), resp.headers().clone());
        (status, headers, resp.bytes().await.unwrap().to_vec())
    }

    /// Runs one tick of the platform's life, `days` later; answers its report.
    pub async fn tick(&self, days: u32) -> Value {
        let (s, report) = self
            .admin(Method::POST, "/sim/admin/tick", Some(json!({ "days": days })))
            .await;
        assert_eq!(s, StatusCode::OK, "{report}");
        report
    }

    /// `POST /v1/media` with `bytes` sent as `content_type` (none: no header) under key `k`.
    pub async fn post_media(&self, content_type: Option<&str>, bytes: Vec<u8>, k: &str) -> (StatusCode, Value) {
        let mut req = self
            .http
            .post(self.url("/v1/media"))
            .bearer_auth(&self.token)
            .header("Idempotency-Key", k)
            .body(bytes);
        if let Some(ct) = content_type {
            req = req.header(reqwest::header::CONTENT_TYPE, ct);
        }
        let resp = req.send().await.unwrap();
        (resp.status(), resp.json().await.unwrap())
    }

    /// Uploads `bytes` as media of `content_type`; answers its id.
    pub async fn upload(&self, content_type: &str, bytes: Vec<u8>) -> String {
        let (s, body) = self.post_media(Some(content_type), bytes, &key()).await;
        assert_eq!(s, StatusCode::CREATED, "the upload is taken: {body}");
        body["id"].as_str().unwrap().to_owned()
    }

    /// A small PNG uploaded as an image, for works and covers; answers its id.
    pub async fn image(&self) -> String {
        self.upload("image/png", TINY_PNG.to_vec()).await
    }

    /// A few bytes uploaded as an MP4 video; answers its id.
    pub async fn video(&self) -> String {
        self.upload("video/mp4", TINY_MP4.to_vec()).await
    }
}

/// The first bytes of a PNG: the platform takes a file by its `Content-Type`, not its content.
pub const TINY_PNG: &[u8] = &[0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D];
/// The first bytes of an MP4 (`ftyp` box).
pub const TINY_MP4: &[u8] = &[0, 0, 0, 0x18, b'f', b't', b'y', b'p', b'i', b's', b'o', b'm'];

/// Width and height of a PNG, decoded whole by a real decoder (header, palette, pixel data).
pub fn png_size(bytes: &[u8]) -> (u32, u32) {
    let mut reader = png::Decoder::new(std::io::Cursor::new(bytes))
        .read_info()
        .expect("a valid PNG header");
    let mut pixels = vec![0; reader.output_buffer_size().expect("a sane size")];
    let frame = reader.next_frame(&mut pixels).expect("the pixel data decodes");
    (frame.width, frame.height)
}
