//! `/v1/invitations`: invite a creator by Guangguang ID and registered phone; cancel.

use std::sync::Arc;

use axum::extract::{Path, State};
use axum::response::Response;
use axum::Json;
use chrono::Duration;
use mdesk_platform_api::rules::{check_guangguang_id, check_mobile, mask_mobile, INVITATION_TTL_DAYS};
use mdesk_platform_api::{ErrorCode, Invitation, InvitationState, NewInvitation};
use rusqlite::{params, OptionalExtension};

use super::{Body, Merchant};
use crate::db::{self, new_id, touch, ts};
use crate::error::{SimError, SimResult};
use crate::guard::rule;
use crate::idem::{mutate, Applied, IdempotencyKey};
use crate::server::Sim;
use crate::transitions::{bound_merchant, set_invitation_state};

pub(crate) async fn list(State(sim): State<Arc<Sim>>, merchant: Merchant) -> SimResult<Json<Vec<Invitation>>> {
    merchant.require_whitelist()?;
    sim.with_db(|conn| {
        let sql = "SELECT id FROM invitation WHERE merchant_id = ?1 ORDER BY created_at DESC, id";
        Ok(Json(db::load_each(conn, sql, &merchant.id, db::invitation)?))
    })
}

pub(crate) async fn create(
    State(sim): State<Arc<Sim>>,
    merchant: Merchant,
    key: IdempotencyKey,
    Body(req): Body<NewInvitation>,
) -> SimResult<Response> {
    merchant.require_whitelist()?;
    mutate(&sim, &merchant, &key, "POST", "/v1/invitations", |conn, now| {
        rule(check_guangguang_id(&req.guangguang_id))?;
        rule(check_mobile(&req.phone))?;
        let (creator_id, phone): (String, String) = conn
            .prepare_cached("SELECT id, phone FROM creator WHERE guangguang_id = ?1")?
            .query_row([&req.guangguang_id], |r| Ok((r.get(0)?, r.get(1)?)))
            .optional()?
            .ok_or_else(|| SimError::api(ErrorCode::UnknownAccount, format!("no account {}", req.guangguang_id)))?;
        if phone != req.phone {
            return Err(SimError::api(
                ErrorCode::PhoneMismatch,
                "the phone number is not the one this account registered with",
            ));
        }
        match bound_merchant(conn, &creator_id)? {
            Some(m) if m == merchant.id => {
                return Err(SimError::api(
                    ErrorCode::AlreadyBound,
                    "this account is already your matrix account",
                ))
            }
            Some(_) => {
                return Err(SimError::api(
                    ErrorCode::BoundElsewhere,
                    "this account is bound to another merchant",
                ))
            }
            None => {}
        }
        let pending: Option<String> = conn
            .prepare_cached("SELECT id FROM invitation WHERE merchant_id = ?1 AND creator_id = ?2 AND state = ?3")?
            .query_row(params![merchant.id, creator_id, InvitationState::Pending], |r| r.get(0))
            .optional()?;
        if let Some(id) = pending {
            return Err(SimError::api(
                ErrorCode::Conflict,
                format!("invitation {id} to this account is still pending"),
            ));
        }
        let id = new_id("i");
        conn.prepare_cached(
            "INSERT INTO invitation (id, merchant_id, creator_id, phone_masked, tag, state, created_at, expires_at, updated_at) \
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?7)",
        )?
        .execute(params![
            id,
            merchant.id,
            creator_id,
            mask_mobile(&req.phone),
            req.tag,
            InvitationState::Pending,
            ts(now),
            ts(now + Duration::days(INVITATION_TTL_DAYS))
        ])?;
        touch(conn, &merchant.id, "invitation", &id)?;
        let invitation = db::invitation(conn, &id)?.ok_or_else(|| SimError::Corrupt("invitation vanished".into()))?;
        Ok(Applied::created(invitation))
    })
}

pub(crate) async fn cancel(
    State(sim): State<Arc<Sim>>,
    merchant: Merchant,
    key: IdempotencyKey,
    Path(id): Path<String>,
) -> SimResult<Response> {
    merchant.require_whitelist()?;
    let path = format!("/v1/invitations/{id}");
    mutate(&sim, &merchant, &key, "DELETE", &path, |conn, now| {
        let state: InvitationState = conn
            .prepare_cached("SELECT state FROM invitation WHERE id = ?1 AND merchant_id = ?2")?
            .query_row([&id, &merchant.id], |r| r.get(0))
            .optional()?
            .ok_or_else(|| SimError::api(ErrorCode::NotFound, format!("no invitation {id}")))?;
        if state != InvitationState::Pending {
            return Err(SimError::api(
                ErrorCode::Conflict,
                format!("invitation {id} is {state}, not pending"),
            ));
        }
        set_invitation_state(conn, &id, InvitationState::Cancelled, now)?;
        let invitation = db::invitation(conn, &id)?.ok_or_else(|| SimError::Corrupt("invitation vanished".into()))?;
        Ok(Applied::ok(invitation))
    })
}
