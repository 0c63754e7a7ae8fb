//! Idempotency: every mutation carries `Idempotency-Key`; the first answer to a key is stored
//! and replayed for repeats, so a retried request is applied at most once.

use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use chrono::{DateTime, Utc};
use mdesk_platform_api::{ErrorBody, ErrorCode, IDEMPOTENCY_HEADER};
use rusqlite::{params, Connection, OptionalExtension};
use serde::Serialize;

use crate::db::ts;
use crate::error::{SimError, SimResult};
use crate::routes::Merchant;
use crate::server::Sim;

const MAX_KEY_LEN: usize = 128;

pub(crate) struct IdempotencyKey(pub String);

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
        Ok(Self(key.to_owned()))
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
/// same answer. A fault (database error) is not stored, so a retry can still succeed.
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
        let earlier: Option<(u16, String)> = tx
            .prepare_cached("SELECT status, body FROM idempotency WHERE merchant_id = ?1 AND key = ?2")?
            .query_row(params![merchant.id, key.0], |r| Ok((r.get(0)?, r.get(1)?)))
            .optional()?;
        if let Some((status, body)) = earlier {
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
                .execute(params![merchant.id, key.0, method, path, ts(now)])?;
                (applied.status.as_u16(), body)
            }
            Err(SimError::Api { code, message }) => {
                let body = serde_json::to_string(&ErrorBody::new(code, message))
                    .map_err(|e| SimError::Corrupt(e.to_string()))?;
                (code.http_status(), body)
            }
            Err(fault) => return Err(fault),
        };
        tx.prepare_cached("INSERT INTO idempotency (merchant_id, key, status, body) VALUES (?1, ?2, ?3, ?4)")?
            .execute(params![merchant.id, key.0, status, body])?;
        tx.commit()?;
        Ok(json_response(status, body))
    })
}
