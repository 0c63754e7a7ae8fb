//! Idempotency: every mutation carries `Idempotency-Key`; the first answer to a key is stored
//! with the fingerprint of its request and replayed only to that same request (method, path,
//! body), so a retry is applied at most once and a reused key never gets another request's answer.

use axum::body::Body;
use axum::extract::{FromRequestParts, Request};
use axum::http::request::Parts;
use axum::http::{header, HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use chrono::{DateTime, Utc};
use mdesk_platform_api::{ErrorBody, ErrorCode, IDEMPOTENCY_HEADER};
use rusqlite::{params, Connection, OptionalExtension};
use serde::Serialize;
use sha2::{Digest, Sha256};

use crate::db::ts;
use crate::error::{SimError, SimResult};
use crate::routes::{body_limit, Merchant};
use crate::server::Sim;

const MAX_KEY_LEN: usize = 128;

/// What a request is, as far as its key is concerned: sha256 over method, path and body bytes.
#[derive(Clone)]
struct Fingerprint(String);

/// Fingerprints every request that carries an idempotency key, for [`IdempotencyKey`].
/// The body is read here once and handed on unchanged to the handler.
pub(crate) async fn fingerprint(req: Request, next: Next) -> Response {
    if !req.headers().contains_key(IDEMPOTENCY_HEADER) {
        return next.run(req).await;
    }
    let (mut parts, body) = req.into_parts();
    let limit = body_limit(parts.uri.path());
    let bytes = match axum::body::to_bytes(body, limit).await {
        Ok(bytes) => bytes,
        Err(e) => {
            return SimError::api(
                ErrorCode::Validation,
                format!("the request body could not be read (at most {limit} bytes): {e}"),
            )
            .into_response()
        }
    };
    // Method and path never contain a NUL byte, so the parts cannot run into each other.
    let digest = Sha256::new()
        .chain_update(parts.method.as_str())
        .chain_update([0])
        .chain_update(parts.uri.path())
        .chain_update([0])
        .chain_update(&bytes)
        .finalize();
    parts.extensions.insert(Fingerprint(hex::encode(digest)));
    next.run(Request::from_parts(parts, Body::from(bytes))).await
}

pub(crate) struct IdempotencyKey {
    key: String,
    fingerprint: String,
}

impl<S: Send + Sync> FromRequestParts<S> for IdempotencyKey {
    type Rejection = SimError;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        let key = parts
            .headers
            .get(IDEMPOTENCY_HEADER)
            .and_then(|v| v.to_str().ok())
            .map(str::trim)
            .unwrap_or_default();
        if key.is_empty() || key.len() > MAX_KEY_LEN {
            return Err(SimError::api(
                ErrorCode::Validation,
                format!("every mutating request needs an {IDEMPOTENCY_HEADER} header of 1-{MAX_KEY_LEN} characters"),
            ));
        }
        let Fingerprint(fingerprint) = parts
            .extensions
            .get::<Fingerprint>()
            .cloned()
            .ok_or(SimError::Wiring("a mutating route is outside the fingerprint layer"))?;
        Ok(Self {
            key: key.to_owned(),
            fingerprint,
        })
    }
}

/// What a mutation did: its HTTP status and answer.
pub(crate) struct Applied<T> {
    pub status: StatusCode,
    pub body: T,
}

impl<T> Applied<T> {
    pub fn ok(body: T) -> Self {
        Self {
            status: StatusCode::OK,
            body,
        }
    }

    pub fn created(body: T) -> Self {
        Self {
            status: StatusCode::CREATED,
            body,
        }
    }
}

fn json_response(status: u16, body: String) -> Response {
    let status = StatusCode::from_u16(status).unwrap_or(StatusCode::OK);
    let mut resp = (status, body).into_response();
    resp.headers_mut()
        .insert(header::CONTENT_TYPE, HeaderValue::from_static("application/json"));
    resp
}

/// Runs one mutation under its idempotency key, in one transaction.
///
/// A platform verdict (4xx) is stored and replayed like a success: the same request gets the
/// same answer. A fault (database error) is not stored, so a retry can still succeed. A key
/// already used for a different request is refused with `conflict`, and nothing is applied.
pub(crate) fn mutate<T: Serialize>(
    sim: &Sim,
    merchant: &Merchant,
    key: &IdempotencyKey,
    method: &str,
    path: &str,
    apply: impl FnOnce(&Connection, DateTime<Utc>) -> SimResult<Applied<T>>,
) -> SimResult<Response> {
    sim.with_db(|conn| {
        let now = sim.now(conn)?;
        let mut tx = conn.transaction()?;
        let earlier: Option<(Option<String>, u16, String)> = tx
            .prepare_cached("SELECT fingerprint, status, body FROM idempotency WHERE merchant_id = ?1 AND key = ?2")?
            .query_row(params![merchant.id, key.key], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
            .optional()?;
        if let Some((fingerprint, status, body)) = earlier {
            // An answer stored before fingerprints were kept (NULL) is replayed as it always was.
            if fingerprint.is_some_and(|f| f != key.fingerprint) {
                return Err(SimError::api(
                    ErrorCode::Conflict,
                    format!(
                        "this {IDEMPOTENCY_HEADER} was already used for a different request \
                         (another method, path or body); send a new key with a new request"
                    ),
                ));
            }
            return Ok(json_response(status, body));
        }
        let outcome = {
            // The savepoint rolls back on drop, so a refused mutation leaves no trace.
            let sp = tx.savepoint()?;
            match apply(&sp, now) {
                Ok(applied) => {
                    sp.commit()?;
                    Ok(applied)
                }
                Err(e) => Err(e),
            }
        };
        let (status, body) = match outcome {
            Ok(applied) => {
                let body = serde_json::to_string(&applied.body).map_err(|e| SimError::Corrupt(e.to_string()))?;
                tx.prepare_cached(
                    "INSERT INTO ledger (merchant_id, key, method, path, at) VALUES (?1, ?2, ?3, ?4, ?5)",
                )?
                .execute(params![merchant.id, key.key, method, path, ts(now)])?;
                (applied.status.as_u16(), body)
            }
            Err(SimError::Api { code, message }) => {
                let body = serde_json::to_string(&ErrorBody::new(code, message))
                    .map_err(|e| SimError::Corrupt(e.to_string()))?;
                (code.http_status(), body)
            }
            Err(fault) => return Err(fault),
        };
        tx.prepare_cached(
            "INSERT INTO idempotency (merchant_id, key, status, body, fingerprint) VALUES (?1, ?2, ?3, ?4, ?5)",
        )?
        .execute(params![merchant.id, key.key, status, body, key.fingerprint])?;
        tx.commit()?;
        Ok(json_response(status, body))
    })
}
