//! `/sim/creators/{guangguang_id}/…`: what the matrix account's owner does on their phone.

use std::sync::Arc;

use axum::extract::{Path, State};
use axum::Json;
use mdesk_platform_api::{BindingState, ErrorCode, GrantRequest, Invitation, InvitationState};
use rusqlite::{params, OptionalExtension};
use serde::Serialize;

use super::accounts::grant_request;
use crate::db::{self, ts};
use crate::error::{SimError, SimResult};
use crate::server::Sim;
use crate::transitions::{
    accept_invitation, answer_grant_request as answer_request, set_invitation_state, GrantRequestState,
};

#[derive(Serialize)]
pub(crate) struct Inbox {
    invitations: Vec<InboxInvitation>,
    grant_requests: Vec<GrantRequest>,
}

#[derive(Serialize)]
pub(crate) struct InboxInvitation {
    merchant_name: String,
    #[serde(flatten)]
    invitation: Invitation,
}

fn creator_id(conn: &rusqlite::Connection, gg: &str) -> SimResult<String> {
    conn.prepare_cached("SELECT id FROM creator WHERE guangguang_id = ?1")?
        .query_row([gg], |r| r.get(0))
        .optional()?
        .ok_or_else(|| SimError::api(ErrorCode::UnknownAccount, format!("no account {gg}")))
}

pub(crate) async fn inbox(State(sim): State<Arc<Sim>>, Path(gg): Path<String>) -> SimResult<Json<Inbox>> {
    sim.with_db(|conn| {
        let creator = creator_id(conn, &gg)?;
        let rows = conn
            .prepare_cached(
                "SELECT i.id, m.name FROM invitation i JOIN merchant m ON m.id = i.merchant_id \
                 WHERE i.creator_id = ?1 AND i.state = ?2 ORDER BY i.created_at, i.id",
            )?
            .query_map(params![creator, InvitationState::Pending], |r| {
                Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?))
            })?
            .collect::<Result<Vec<_>, _>>()?;
        let mut invitations = Vec::new();
        for (id, merchant_name) in rows {
            if let Some(invitation) = db::invitation(conn, &id)? {
                invitations.push(InboxInvitation {
                    merchant_name,
                    invitation,
                });
            }
        }
        let ids = conn
            .prepare_cached(
                "SELECT g.id FROM grant_request g JOIN account a ON a.id = g.account_id \
                 WHERE a.creator_id = ?1 AND g.state = ?2 ORDER BY g.created_at, g.id",
            )?
            .query_map(params![creator, GrantRequestState::Pending], |r| r.get::<_, String>(0))?
            .collect::<Result<Vec<_>, _>>()?;
        let grant_requests = ids
            .iter()
            .map(|id| grant_request(conn, id))
            .collect::<SimResult<Vec<_>>>()?;
        Ok(Json(Inbox {
            invitations,
            grant_requests,
        }))
    })
}

fn yes_no(answer: &str, yes: &str, no: &str) -> SimResult<bool> {
    match answer {
        a if a == yes => Ok(true),
        a if a == no => Ok(false),
        other => Err(SimError::api(
            ErrorCode::NotFound,
            format!("unknown answer {other:?}: use {yes} or {no}"),
        )),
    }
}

pub(crate) async fn answer_invitation(
    State(sim): State<Arc<Sim>>,
    Path((gg, id, answer)): Path<(String, String, String)>,
) -> SimResult<Json<Invitation>> {
    let accept = yes_no(&answer, "accept", "decline")?;
    sim.with_db(|conn| {
        let now = sim.now(conn)?;
        let tx = conn.transaction()?;
        let creator = creator_id(&tx, &gg)?;
        let mine: bool = tx
            .prepare_cached("SELECT COUNT(*) > 0 FROM invitation WHERE id = ?1 AND creator_id = ?2")?
            .query_row([&id, &creator], |r| r.get(0))?;
        if !mine {
            return Err(SimError::api(
                ErrorCode::NotFound,
                format!("no invitation {id} for {gg}"),
            ));
        }
        if accept {
            accept_invitation(&tx, &id, now)?;
        } else {
            let state: InvitationState = tx
                .prepare_cached("SELECT state FROM invitation WHERE id = ?1")?
                .query_row([&id], |r| r.get(0))?;
            if state != InvitationState::Pending {
                return Err(SimError::api(
                    ErrorCode::Conflict,
                    format!("invitation {id} is {state}"),
                ));
            }
            set_invitation_state(&tx, &id, InvitationState::Declined, now)?;
        }
        let invitation = db::invitation(&tx, &id)?.ok_or_else(|| SimError::Corrupt("invitation vanished".into()))?;
        tx.commit()?;
        Ok(Json(invitation))
    })
}

pub(crate) async fn answer_grant_request(
    State(sim): State<Arc<Sim>>,
    Path((gg, id, answer)): Path<(String, String, String)>,
) -> SimResult<Json<GrantRequest>> {
    let approve = yes_no(&answer, "approve", "decline")?;
    sim.with_db(|conn| {
        let now = sim.now(conn)?;
        let tx = conn.transaction()?;
        let creator = creator_id(&tx, &gg)?;
        let mine: bool = tx
            .prepare_cached(
                "SELECT COUNT(*) > 0 FROM grant_request g JOIN account a ON a.id = g.account_id \
                 WHERE g.id = ?1 AND a.creator_id = ?2",
            )?
            .query_row([&id, &creator], |r| r.get(0))?;
        if !mine {
            return Err(SimError::api(
                ErrorCode::NotFound,
                format!("no grant request {id} for {gg}"),
            ));
        }
        answer_request(&tx, &id, approve, now)?;
        let request = grant_request(&tx, &id)?;
        tx.commit()?;
        Ok(Json(request))
    })
}

#[derive(Serialize)]
pub(crate) struct UnbindRequested {
    account_id: String,
    binding_state: BindingState,
}

/// The account owner emails the platform to unbind (seed rule 7); processed on the next tick.
pub(crate) async fn request_unbind(
    State(sim): State<Arc<Sim>>,
    Path(gg): Path<String>,
) -> SimResult<Json<UnbindRequested>> {
    sim.with_db(|conn| {
        let now = sim.now(conn)?;
        let tx = conn.transaction()?;
        let creator = creator_id(&tx, &gg)?;
        let (account_id, merchant_id): (String, String) = tx
            .prepare_cached("SELECT id, merchant_id FROM account WHERE creator_id = ?1 AND binding_state = ?2")?
            .query_row(params![creator, BindingState::Bound], |r| Ok((r.get(0)?, r.get(1)?)))
            .optional()?
            .ok_or_else(|| SimError::api(ErrorCode::NotBound, format!("{gg} is not bound to any merchant")))?;
        tx.prepare_cached("UPDATE account SET binding_state = ?1, updated_at = ?2 WHERE id = ?3")?
            .execute(params![BindingState::UnbindRequested, ts(now), account_id])?;
        tx.prepare_cached("INSERT OR REPLACE INTO unbind_request (account_id, created_at) VALUES (?1, ?2)")?
            .execute(params![account_id, ts(now)])?;
        db::touch(&tx, &merchant_id, "account", &account_id)?;
        tx.commit()?;
        Ok(Json(UnbindRequested {
            account_id,
            binding_state: BindingState::UnbindRequested,
        }))
    })
}
