//! HTTP client of the platform API v1. Maps every failure to a [`CoreError`] whose code
//! tells the sync worker whether to retry.

use std::path::Path;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::Duration;

use mdesk_platform_api::{ChangePage, ErrorBody, ErrorCode, MediaUploaded, TokenRequest, TokenResponse, Whoami};
use serde::de::DeserializeOwned;

use crate::error::{CoreError, CoreResult};
use crate::secret::Secret;

/// Where the push and pull paths get access tokens. The session implements it; the layers
/// below the session only know this trait.
pub trait AccessTokens: Sync {
    /// A usable access token (refreshed first if it lapsed).
    fn access(&self) -> impl std::future::Future<Output = CoreResult<Secret>> + Send;
    /// A fresh token, after the platform said the last one is no longer valid.
    fn renew(&self) -> impl std::future::Future<Output = CoreResult<Secret>> + Send;
}

#[derive(Clone)]
pub struct PlatformClient {
    http: reqwest::Client,
    base: String,
}

impl PlatformClient {
    /// `base` is the platform endpoint, e.g. `https://platform.example` or `http://127.0.0.1:4123`.
    pub fn new(base: &str) -> CoreResult<Self> {
        let base = normalize_url(base)?;
        let http = reqwest::Client::builder()
            .connect_timeout(Duration::from_secs(5))
            .timeout(Duration::from_secs(30))
            .user_agent(concat!("MatrixDesk/", env!("CARGO_PKG_VERSION")))
            .build()
            .map_err(|e| CoreError::Offline(e.to_string()))?;
        Ok(Self { http, base })
    }

    pub fn base_url(&self) -> &str {
        &self.base
    }

    pub async fn token(&self, req: &TokenRequest) -> CoreResult<TokenResponse> {
        let resp = self
            .http
            .post(format!("{}/oauth/token", self.base))
            .json(req)
            .send()
            .await;
        decode(resp).await
    }

    /// The bytes of a public media URL (a cover), absolute or relative to the endpoint; at
    /// most [`MAX_MEDIA_BYTES`].
    pub async fn fetch_media(&self, url: &str) -> CoreResult<Vec<u8>> {
        let full = mdesk_platform_api::resolve_url(&self.base, url);
        if !(full.starts_with("http://") || full.starts_with("https://")) {
            return Err(CoreError::Protocol(format!("media URL {url:?} is not an HTTP URL")));
        }
        let resp = self
            .http
            .get(&full)
            .send()
            .await
            .map_err(|e| CoreError::Offline(e.to_string()))?;
        if !resp.status().is_success() {
            return Err(CoreError::Protocol(format!("media {url}: HTTP {}", resp.status())));
        }
        read_capped(resp, MAX_MEDIA_BYTES).await
    }

    /// The merchant and who is signed in (`you`: none from a platform without teams).
    pub async fn me(&self, access: &Secret) -> CoreResult<Whoami> {
        self.get(access, "/v1/me", &[]).await
    }

    /// Every matrix account of the merchant (`GET /v1/accounts`).
    pub async fn accounts(&self, access: &Secret) -> CoreResult<Vec<mdesk_platform_api::Account>> {
        self.get(access, "/v1/accounts", &[]).await
    }

    /// One page of the newest works (`GET /v1/works?order=newest`); a platform without the
    /// order answers its first page by id, or an error.
    pub async fn newest_works(&self, access: &Secret, limit: u32) -> CoreResult<mdesk_platform_api::WorksPage> {
        self.get(
            access,
            "/v1/works",
            &[("order", "newest".to_owned()), ("limit", limit.to_string())],
        )
        .await
    }

    /// A page of the snapshot (`GET /v1/snapshot`): the first without a cursor.
    pub async fn snapshot(
        &self,
        access: &Secret,
        cursor: Option<&str>,
        limit: u32,
    ) -> CoreResult<mdesk_platform_api::SnapshotPage> {
        let mut query = vec![("limit", limit.to_string())];
        if let Some(c) = cursor {
            query.push(("cursor", c.to_owned()));
        }
        self.get(access, "/v1/snapshot", &query).await
    }

    pub async fn changes(&self, access: &Secret, since: i64, limit: u32) -> CoreResult<ChangePage> {
        self.get(
            access,
            "/v1/changes",
            &[("since", since.to_string()), ("limit", limit.to_string())],
        )
        .await
    }

    /// A mutating request under `idempotency_key`; answers the platform's JSON.
    pub async fn mutate(
        &self,
        access: &Secret,
        method: reqwest::Method,
        path: &str,
        idempotency_key: &str,
        body: Option<serde_json::Value>,
    ) -> CoreResult<serde_json::Value> {
        let mut req = self
            .http
            .request(method, format!("{}{path}", self.base))
            .bearer_auth(access.expose())
            .header(mdesk_platform_api::IDEMPOTENCY_HEADER, idempotency_key);
        if let Some(body) = body {
            req = req.json(&body);
        }
        decode(req.send().await).await
    }

    /// Uploads a file (`POST /v1/media`) under `idempotency_key`, streaming it from disk;
    /// `sent` counts the bytes handed to the connection so far, for a progress bar.
    pub async fn upload(
        &self,
        access: &Secret,
        idempotency_key: &str,
        content_type: &str,
        path: &Path,
        bytes: u64,
        sent: Arc<AtomicU64>,
    ) -> CoreResult<MediaUploaded> {
        use futures_util::TryStreamExt;
        let file = tokio::fs::File::open(path).await?;
        let stream = tokio_util::io::ReaderStream::with_capacity(file, 1 << 16).inspect_ok(move |chunk| {
            sent.fetch_add(chunk.len() as u64, Ordering::Relaxed);
        });
        // A big video over a slow line takes longer than the usual 30 s: allow 128 KiB/s.
        let timeout = Duration::from_secs(60 + bytes / (128 * 1024));
        let resp = self
            .http
            .post(format!("{}/v1/media", self.base))
            .bearer_auth(access.expose())
            .header(mdesk_platform_api::IDEMPOTENCY_HEADER, idempotency_key)
            .header(reqwest::header::CONTENT_TYPE, content_type)
            .header(reqwest::header::CONTENT_LENGTH, bytes)
            .timeout(timeout)
            .body(reqwest::Body::wrap_stream(stream))
            .send()
            .await;
        decode(resp).await
    }

    async fn get<T: DeserializeOwned>(&self, access: &Secret, path: &str, query: &[(&str, String)]) -> CoreResult<T> {
        let resp = self
            .http
            .get(format!("{}{path}", self.base))
            .bearer_auth(access.expose())
            .query(query)
            .send()
            .await;
        decode(resp).await
    }
}

/// Checks a user-typed endpoint and strips the trailing slash.
pub fn normalize_url(input: &str) -> CoreResult<String> {
    let trimmed = input.trim().trim_end_matches('/');
    let parsed = reqwest::Url::parse(trimmed)
        .map_err(|e| CoreError::InvalidInput(format!("platform address {trimmed:?} is not a URL: {e}")))?;
    if !matches!(parsed.scheme(), "http" | "https") || parsed.host().is_none() {
        return Err(CoreError::InvalidInput(format!(
            "platform address {trimmed:?} must start with https:// or http://"
        )));
    }
    Ok(trimmed.to_owned())
}

/// The most bytes of a cover the desk reads (larger ones are refused, not cached).
pub const MAX_MEDIA_BYTES: usize = 2 * 1024 * 1024;

/// The body, as long as it stays within `limit` bytes: a larger one (announced or not) is
/// refused as soon as it passes the limit, never read whole into memory.
async fn read_capped(mut resp: reqwest::Response, limit: usize) -> CoreResult<Vec<u8>> {
    let too_large = || {
        CoreError::Protocol(format!(
            "the platform's answer is larger than the {} MiB the API allows; refused",
            limit >> 20
        ))
    };
    if resp.content_length().is_some_and(|n| n > limit as u64) {
        return Err(too_large());
    }
    let mut body = Vec::new();
    while let Some(chunk) = resp
        .chunk()
        .await
        .map_err(|e| CoreError::Offline(e.without_url().to_string()))?
    {
        if body.len() + chunk.len() > limit {
            return Err(too_large());
        }
        body.extend_from_slice(&chunk);
    }
    Ok(body)
}

async fn decode<T: DeserializeOwned>(resp: Result<reqwest::Response, reqwest::Error>) -> CoreResult<T> {
    let resp = resp.map_err(|e| CoreError::Offline(e.without_url().to_string()))?;
    let status = resp.status();
    let retry_after_secs = resp
        .headers()
        .get(reqwest::header::RETRY_AFTER)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.trim().parse::<u64>().ok());
    let bytes = read_capped(resp, mdesk_platform_api::MAX_RESPONSE_BYTES).await?;
    if status.is_success() {
        return serde_json::from_slice(&bytes).map_err(|e| CoreError::Protocol(format!("{status}: {e}")));
    }
    match serde_json::from_slice::<ErrorBody>(&bytes) {
        Ok(body) => Err(CoreError::Platform {
            code: body.error.code,
            message: body.error.message,
            retry_after_secs,
        }),
        // A 5xx from a proxy or a crashed handler may carry no envelope: still a platform fault.
        Err(_) if status.is_server_error() => Err(CoreError::Platform {
            code: ErrorCode::Internal,
            message: format!("HTTP {status}"),
            retry_after_secs,
        }),
        Err(_) if status.as_u16() == 429 => Err(CoreError::Platform {
            code: ErrorCode::RateLimited,
            message: format!("HTTP {status}"),
            retry_after_secs,
        }),
        Err(e) => Err(CoreError::Protocol(format!(
            "HTTP {status} without an error envelope: {e}"
        ))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn endpoint_must_be_an_http_url() {
        // A typo in Settings must be refused with a reason, not stored and failing later.
        assert_eq!(normalize_url(" https://p.example/ ").unwrap(), "https://p.example");
        assert!(matches!(normalize_url("p.example"), Err(CoreError::InvalidInput(_))));
        assert!(matches!(
            normalize_url("ftp://p.example"),
            Err(CoreError::InvalidInput(_))
        ));
    }
}
