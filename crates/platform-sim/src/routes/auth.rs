//! Tokens: the password and refresh grants, and the bearer-token extractor.

use std::sync::Arc;

use axum::extract::{FromRequestParts, State};
use axum::http::request::Parts;
use axum::Json;
use chrono::{Duration, Utc};
use mdesk_platform_api::{ErrorCode, TokenRequest, TokenResponse};
use rusqlite::{params, OptionalExtension};

use super::Body;
use crate::db::ts;
use crate::error::{SimError, SimResult};
use crate::server::Sim;

const REFRESH_TTL_DAYS: i64 = 30;

pub(crate) async fn token(
    State(sim): State<Arc<Sim>>,
    Body(req): Body<TokenRequest>,
) -> SimResult<Json<TokenResponse>> {
    sim.with_db(|conn| {
        let merchant_id: String = match req {
            TokenRequest::Password { username, password } => {
                let found: Option<(String, String)> = conn
                    .prepare_cached("SELECT id, password FROM merchant WHERE username = ?1")?
                    .query_row(params![username], |r| Ok((r.get(0)?, r.get(1)?)))
                    .optional()?;
                match found {
                    Some((id, stored)) if crate::password::verify(&stored, &password) => id,
                    _ => return Err(SimError::api(ErrorCode::Unauthorized, "wrong username or password")),
                }
            }
            TokenRequest::RefreshToken { refresh_token } => {
                let found: Option<String> = conn
                    .prepare_cached(
                        "SELECT merchant_id FROM token WHERE token = ?1 AND kind = 'refresh' AND expires_at > ?2",
                    )?
                    .query_row(params![refresh_token, ts(Utc::now())], |r| r.get(0))
                    .optional()?;
                let id =
                    found.ok_or_else(|| SimError::api(ErrorCode::Unauthorized, "refresh token expired or revoked"))?;
                // Refresh tokens rotate: the old one is spent.
                conn.execute("DELETE FROM token WHERE token = ?1", [&refresh_token])?;
                id
            }
        };
        let now = Utc::now();
        let access = format!("at_{}", uuid::Uuid::new_v4().simple());
        let refresh = format!("rt_{}", uuid::Uuid::new_v4().simple());
        let ttl = sim.faults().access_token_ttl_secs;
        let mut insert =
            conn.prepare_cached("INSERT INTO token (token, merchant_id, kind, expires_at) VALUES (?1, ?2, ?3, ?4)")?;
        insert.execute(params![
            access,
            merchant_id,
            "access",
            ts(now + Duration::seconds(ttl as i64))
        ])?;
        insert.execute(params![
            refresh,
            merchant_id,
            "refresh",
            ts(now + Duration::days(REFRESH_TTL_DAYS))
        ])?;
        Ok(Json(TokenResponse {
            access_token: access,
            refresh_token: refresh,
            token_type: "Bearer".to_owned(),
            expires_in: ttl,
        }))
    })
}

/// The merchant a request acts for, from `Authorization: Bearer <access token>`.
pub(crate) struct Merchant {
    pub id: String,
    pub whitelisted: bool,
}

impl Merchant {
    /// Matrix features are invite-only; everything under /v1 except `me` requires the whitelist.
    pub fn require_whitelist(&self) -> SimResult<()> {
        if self.whitelisted {
            Ok(())
        } else {
            Err(SimError::api(
                ErrorCode::NotWhitelisted,
                "account matrix management is open to whitelisted merchants only",
            ))
        }
    }
}

impl FromRequestParts<Arc<Sim>> for Merchant {
    type Rejection = SimError;

    async fn from_request_parts(parts: &mut Parts, sim: &Arc<Sim>) -> Result<Self, Self::Rejection> {
        let token = parts
            .headers
            .get(axum::http::header::AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.strip_prefix("Bearer "))
            .ok_or_else(|| SimError::api(ErrorCode::Unauthorized, "missing bearer token"))?
            .to_owned();
        sim.with_db(|conn| {
            let found: Option<(String, bool)> = conn
                .prepare_cached(
                    "SELECT m.id, m.whitelisted FROM token t JOIN merchant m ON m.id = t.merchant_id \
                     WHERE t.token = ?1 AND t.kind = 'access' AND t.expires_at > ?2",
                )?
                .query_row(params![token, ts(Utc::now())], |r| Ok((r.get(0)?, r.get(1)?)))
                .optional()?;
            let (id, whitelisted) =
                found.ok_or_else(|| SimError::api(ErrorCode::Unauthorized, "access token expired or invalid"))?;
            Ok(Merchant { id, whitelisted })
        })
    }
}
