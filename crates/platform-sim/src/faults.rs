//! Fault injection on the `/v1` API, set at runtime through `/sim/admin/faults`.
//!
//! Each request rolls the dice in this order: added latency, 429, 5xx, connection reset
//! (nothing applied), then after the handler ran, "apply then drop the response".

use std::sync::Arc;
use std::time::Duration;

use axum::body::{Body, Bytes};
use axum::extract::{Request, State};
use axum::http::{header, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::Json;
use mdesk_platform_api::{ErrorBody, ErrorCode};
use rand::Rng;
use serde::{Deserialize, Serialize};

use crate::server::Sim;

/// Rates are probabilities in 0..=1.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Faults {
    pub error_5xx_rate: f64,
    pub rate_limit_rate: f64,
    pub retry_after_secs: u64,
    pub latency_ms: u64,
    /// Apply the mutation, then break the connection before the answer arrives.
    pub apply_then_drop_rate: f64,
    /// Break the connection before anything is applied.
    pub reset_rate: f64,
    pub access_token_ttl_secs: u64,
    /// When not 0: the change feed answers with a body of this many bytes (and no length
    /// announced), far beyond what the contract allows a page; a client must refuse it
    /// without reading it all into memory.
    pub oversized_changes_bytes: u64,
}

impl Default for Faults {
    fn default() -> Self {
        Self {
            error_5xx_rate: 0.0,
            rate_limit_rate: 0.0,
            retry_after_secs: 1,
            latency_ms: 0,
            apply_then_drop_rate: 0.0,
            reset_rate: 0.0,
            access_token_ttl_secs: 3600,
            oversized_changes_bytes: 0,
        }
    }
}

impl Faults {
    pub fn validate(&self) -> Result<(), String> {
        for (name, rate) in [
            ("error_5xx_rate", self.error_5xx_rate),
            ("rate_limit_rate", self.rate_limit_rate),
            ("apply_then_drop_rate", self.apply_then_drop_rate),
            ("reset_rate", self.reset_rate),
        ] {
            if !(0.0..=1.0).contains(&rate) {
                return Err(format!("{name} must be between 0 and 1"));
            }
        }
        if self.access_token_ttl_secs == 0 {
            return Err("access_token_ttl_secs must be at least 1".to_owned());
        }
        Ok(())
    }
}

/// A response whose body fails mid-way: the client sees the connection break.
fn broken_connection() -> Response {
    let failing = futures_util::stream::once(async {
        Err::<Bytes, std::io::Error>(std::io::Error::new(
            std::io::ErrorKind::ConnectionReset,
            "injected reset",
        ))
    });
    let mut resp = Response::new(Body::from_stream(failing));
    resp.headers_mut()
        .insert(header::CONTENT_TYPE, HeaderValue::from_static("application/json"));
    resp
}

/// A change-feed page of `bytes` bytes, streamed 1 MiB at a time without a length: a
/// `{"changes":[` that never closes, then spaces.
fn oversized(bytes: u64) -> Response {
    const CHUNK: u64 = 1 << 20;
    let head = Bytes::from_static(b"{\"changes\":[");
    let filler = Bytes::from(vec![b' '; CHUNK as usize]);
    let chunks = bytes.div_ceil(CHUNK);
    let body = futures_util::stream::iter((0..chunks).map(move |i| {
        let mut chunk = if i == 0 { head.clone() } else { Bytes::new() };
        if chunk.is_empty() {
            chunk = filler.clone();
        }
        Ok::<Bytes, std::io::Error>(chunk)
    }));
    let mut resp = Response::new(Body::from_stream(body));
    resp.headers_mut()
        .insert(header::CONTENT_TYPE, HeaderValue::from_static("application/json"));
    resp
}

pub(crate) async fn inject(State(sim): State<Arc<Sim>>, req: Request, next: Next) -> Response {
    let f = sim.faults();
    if f.latency_ms > 0 {
        tokio::time::sleep(Duration::from_millis(f.latency_ms)).await;
    }
    let (limited, failed, reset, drop_after) = {
        let mut rng = rand::thread_rng();
        (
            rng.gen_bool(f.rate_limit_rate),
            rng.gen_bool(f.error_5xx_rate),
            rng.gen_bool(f.reset_rate),
            rng.gen_bool(f.apply_then_drop_rate),
        )
    };
    if limited {
        let mut resp = (
            StatusCode::TOO_MANY_REQUESTS,
            Json(ErrorBody::new(ErrorCode::RateLimited, "too many requests (injected)")),
        )
            .into_response();
        if let Ok(v) = HeaderValue::from_str(&f.retry_after_secs.to_string()) {
            resp.headers_mut().insert(header::RETRY_AFTER, v);
        }
        return resp;
    }
    if failed {
        return (
            StatusCode::SERVICE_UNAVAILABLE,
            Json(ErrorBody::new(ErrorCode::Internal, "platform fault (injected)")),
        )
            .into_response();
    }
    if reset {
        return broken_connection();
    }
    if f.oversized_changes_bytes > 0 && req.uri().path() == "/v1/changes" {
        return oversized(f.oversized_changes_bytes);
    }
    let mutating = req.method() != Method::GET;
    let resp = next.run(req).await;
    if mutating && drop_after {
        return broken_connection();
    }
    resp
}
