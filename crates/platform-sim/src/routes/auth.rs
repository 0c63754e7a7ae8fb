//! Tokens (the password and refresh grants), who a bearer token signs in (the owner or a staff
//! member, with their role), and the role check every `/v1` route passes through.

use std::sync::Arc;

use axum::extract::{FromRequestParts, MatchedPath, Request, State};
use axum::http::request::Parts;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::Json;
use chrono::{Duration, Utc};
use mdesk_platform_api::{
    forbidden_message, need_of, Actor, ErrorCode, Identity, Need, Permission, Role, TokenRequest, TokenResponse,
};
use rusqlite::{params, Connection, OptionalExtension};

use super::Body;
use crate::db::{parse_ts, ts};
use crate::error::{SimError, SimResult};
use crate::server::Sim;

const REFRESH_TTL_DAYS: i64 = 30;

fn wrong_password() -> SimError {
    SimError::api(ErrorCode::Unauthorized, "wrong username or password")
}

fn disabled() -> SimError {
    SimError::api(
        ErrorCode::StaffDisabled,
        "this staff account was disabled by the merchant; ask the shop's owner",
    )
}

/// The merchant and staff member (none for the owner) a password signs in.
fn check_password(conn: &Connection, username: &str, password: &str) -> SimResult<(String, Option<String>)> {
    let (merchant, staff) = match username.split_once(':') {
        Some((m, s)) => (m, Some(s)),
        None => (username, None),
    };
    let found: Option<(String, String)> = conn
        .prepare_cached("SELECT id, password FROM merchant WHERE username = ?1")?
        .query_row(params![merchant], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?;
    let Some((merchant_id, stored)) = found else {
        return Err(wrong_password());
    };
    let Some(staff) = staff else {
        return if crate::password::verify(&stored, password) {
            Ok((merchant_id, None))
        } else {
            Err(wrong_password())
        };
    };
    let found: Option<(String, String, bool)> = conn
        .prepare_cached("SELECT id, password, disabled FROM staff WHERE merchant_id = ?1 AND name = ?2")?
        .query_row(params![merchant_id, staff], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .optional()?;
    match found {
        Some((id, stored, is_disabled)) if crate::password::verify(&stored, password) => {
            if is_disabled {
                Err(disabled())
            } else {
                Ok((merchant_id, Some(id)))
            }
        }
        _ => Err(wrong_password()),
    }
}

pub(crate) async fn token(
    State(sim): State<Arc<Sim>>,
    Body(req): Body<TokenRequest>,
) -> SimResult<Json<TokenResponse>> {
    sim.with_db(|conn| {
        let (merchant_id, staff_id) = match req {
            TokenRequest::Password { username, password } => check_password(conn, &username, &password)?,
            TokenRequest::RefreshToken { refresh_token } => {
                let found: Option<(String, Option<String>, Option<bool>)> = conn
                    .prepare_cached(
                        "SELECT t.merchant_id, t.staff_id, s.disabled FROM token t LEFT JOIN staff s ON s.id = t.staff_id \
                         WHERE t.token = ?1 AND t.kind = 'refresh' AND t.expires_at > ?2",
                    )?
                    .query_row(params![refresh_token, ts(Utc::now())], |r| {
                        Ok((r.get(0)?, r.get(1)?, r.get(2)?))
                    })
                    .optional()?;
                let (id, staff_id, is_disabled) =
                    found.ok_or_else(|| SimError::api(ErrorCode::Unauthorized, "refresh token expired or revoked"))?;
                if is_disabled == Some(true) {
                    return Err(disabled());
                }
                // Refresh tokens rotate: the old one is spent.
                conn.execute("DELETE FROM token WHERE token = ?1", [&refresh_token])?;
                (id, staff_id)
            }
        };
        let now = Utc::now();
        let access = format!("at_{}", uuid::Uuid::new_v4().simple());
        let refresh = format!("rt_{}", uuid::Uuid::new_v4().simple());
        let ttl = sim.faults().access_token_ttl_secs;
        let mut insert = conn.prepare_cached(
            "INSERT INTO token (token, merchant_id, kind, expires_at, staff_id) VALUES (?1, ?2, ?3, ?4, ?5)",
        )?;
        insert.execute(params![
            access,
            merchant_id,
            "access",
            ts(now + Duration::seconds(ttl as i64)),
            staff_id
        ])?;
        insert.execute(params![
            refresh,
            merchant_id,
            "refresh",
            ts(now + Duration::days(REFRESH_TTL_DAYS)),
            staff_id
        ])?;
        Ok(Json(TokenResponse {
            access_token: access,
            refresh_token: refresh,
            token_type: "Bearer".to_owned(),
            expires_in: ttl,
        }))
    })
}

/// Who a request acts as, from `Authorization: Bearer <access token>`: the merchant, and the
/// person (the owner or a staff member) with their role.
#[derive(Clone)]
pub(crate) struct Merchant {
    pub id: String,
    pub whitelisted: bool,
    pub approval_required: bool,
    /// `demo` for the owner, `demo:xiaoli` for a staff member.
    pub login: String,
    pub name: String,
    pub role: Role,
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

    /// The person, as submissions name them.
    pub fn actor(&self) -> Actor {
        Actor {
            login: self.login.clone(),
            name: self.name.clone(),
        }
    }

    /// The person, as `GET /v1/me` answers them.
    pub fn identity(&self) -> Identity {
        Identity {
            login: self.login.clone(),
            name: self.name.clone(),
            role: self.role,
            permissions: self.role.permissions(self.approval_required),
        }
    }

    /// A `role_forbidden` refusal unless the role may do `permission`.
    pub fn require(&self, permission: Permission) -> SimResult<()> {
        if self.role.may(permission, self.approval_required) {
            Ok(())
        } else {
            Err(SimError::api(
                ErrorCode::RoleForbidden,
                forbidden_message(self.role, permission, self.approval_required),
            ))
        }
    }

    fn resolve(conn: &Connection, token: &str) -> SimResult<Merchant> {
        type Found = (
            String,
            bool,
            bool,
            String,
            String,
            Option<String>,
            String,
            Option<String>,
            Option<String>,
        );
        let found: Option<(Found, Option<Role>, Option<bool>)> = conn
            .prepare_cached(
                "SELECT m.id, m.whitelisted, m.approval_required, m.username, m.name, t.staff_id, t.expires_at, \
                 s.name, s.display_name, s.role, s.disabled \
                 FROM token t JOIN merchant m ON m.id = t.merchant_id LEFT JOIN staff s ON s.id = t.staff_id \
                 WHERE t.token = ?1 AND t.kind = 'access'",
            )?
            .query_row(params![token], |r| {
                Ok((
                    (
                        r.get(0)?,
                        r.get(1)?,
                        r.get(2)?,
                        r.get(3)?,
                        r.get(4)?,
                        r.get(5)?,
                        r.get(6)?,
                        r.get(7)?,
                        r.get(8)?,
                    ),
                    r.get(9)?,
                    r.get(10)?,
                ))
            })
            .optional()?;
        let invalid = || SimError::api(ErrorCode::Unauthorized, "access token expired or invalid");
        let (
            (id, whitelisted, approval_required, username, merchant_name, staff_id, expires, staff, display),
            role,
            off,
        ) = found.ok_or_else(invalid)?;
        // A disabled person hears so, even with a token that has not expired yet.
        if off == Some(true) {
            return Err(disabled());
        }
        if parse_ts(&expires)? <= Utc::now() {
            return Err(invalid());
        }
        let (login, name, role) = match (staff_id.as_ref(), staff, display, role) {
            (None, ..) => (username, merchant_name, Role::Owner),
            (Some(_), Some(staff), Some(display), Some(role)) => (format!("{username}:{staff}"), display, role),
            (Some(s), ..) => return Err(SimError::Corrupt(format!("token of missing staff member {s}"))),
        };
        Ok(Merchant {
            id,
            whitelisted,
            approval_required,
            login,
            name,
            role,
        })
    }
}

/// Every `/v1` route: signs the caller in and checks their role against the route's rule
/// ([`need_of`]); a route without a rule is refused to everyone.
pub(crate) async fn enforce(State(sim): State<Arc<Sim>>, mut req: Request, next: Next) -> Response {
    let template = req
        .extensions()
        .get::<MatchedPath>()
        .map(|p| p.as_str().to_owned())
        .unwrap_or_default();
    let method = req.method().as_str().to_owned();
    let token = req
        .headers()
        .get(axum::http::header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .map(str::to_owned);
    let checked = (|| {
        let token = token.ok_or_else(|| SimError::api(ErrorCode::Unauthorized, "missing bearer token"))?;
        let merchant = sim.with_db(|conn| Merchant::resolve(conn, &token))?;
        match need_of(&method, &template) {
            Some(Need::Read) => {}
            Some(Need::Permission(p)) => merchant.require(p)?,
            None => {
                return Err(SimError::api(
                    ErrorCode::RoleForbidden,
                    format!("{method} {template} has no role rule; nobody may call it"),
                ))
            }
        }
        Ok(merchant)
    })();
    match checked {
        Ok(merchant) => {
            req.extensions_mut().insert(merchant);
            next.run(req).await
        }
        Err(e) => e.into_response(),
    }
}

impl FromRequestParts<Arc<Sim>> for Merchant {
    type Rejection = SimError;

    async fn from_request_parts(parts: &mut Parts, _: &Arc<Sim>) -> Result<Self, Self::Rejection> {
        parts
            .extensions
            .get::<Merchant>()
            .cloned()
            .ok_or(SimError::Wiring("a /v1 route is outside the role check"))
    }
}
