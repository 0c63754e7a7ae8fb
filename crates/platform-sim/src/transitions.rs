//! State changes shared by the merchant's API, the creators' side and the ticker.
//! Each one touches the change feed for everything it alters.

use chrono::{DateTime, Utc};
use mdesk_platform_api::{ErrorCode, Scope};
use rusqlite::{params, Connection, OptionalExtension};

use crate::db::{touch, ts};
use crate::error::{SimError, SimResult};

fn merchant_of_account(conn: &Connection, account_id: &str) -> SimResult<String> {
    Ok(conn
        .prepare_cached("SELECT merchant_id FROM account WHERE id = ?1")?
        .query_row([account_id], |r| r.get(0))?)
}

fn scope_column(scope: Scope) -> (&'static str, &'static str) {
    match scope {
        Scope::Publish => ("publish_state", "publish_updated_at"),
        Scope::Interact => ("interact_state", "interact_updated_at"),
    }
}

pub(crate) fn scope_name(scope: Scope) -> &'static str {
    match scope {
        Scope::Publish => "publish",
        Scope::Interact => "interact",
    }
}

/// Sets one scope's grant state.
pub(crate) fn set_grant(
    conn: &Connection,
    account_id: &str,
    scope: Scope,
    state: &str,
    now: DateTime<Utc>,
) -> SimResult<()> {
    let (col, at) = scope_column(scope);
    let sql = format!("UPDATE account SET {col} = ?1, {at} = ?2, updated_at = ?2 WHERE id = ?3");
    conn.prepare_cached(&sql)?
        .execute(params![state, ts(now), account_id])?;
    touch(conn, &merchant_of_account(conn, account_id)?, "account", account_id)
}

/// Unbinding revokes every grant, clears the product pool and the shop card, and cancels
/// open grant requests.
pub(crate) fn unbind(conn: &Connection, account_id: &str, now: DateTime<Utc>) -> SimResult<()> {
    let now_s = ts(now);
    conn.prepare_cached(
        "UPDATE account SET binding_state = 'unbound', shop_card = 0, updated_at = ?1, \
         publish_state = CASE WHEN publish_state IN ('granted', 'requested') THEN 'revoked' ELSE publish_state END, \
         publish_updated_at = CASE WHEN publish_state IN ('granted', 'requested') THEN ?1 ELSE publish_updated_at END, \
         interact_state = CASE WHEN interact_state IN ('granted', 'requested') THEN 'revoked' ELSE interact_state END, \
         interact_updated_at = CASE WHEN interact_state IN ('granted', 'requested') THEN ?1 ELSE interact_updated_at END \
         WHERE id = ?2",
    )?
    .execute(params![now_s, account_id])?;
    conn.prepare_cached("DELETE FROM pool_entry WHERE account_id = ?1")?
        .execute([account_id])?;
    conn.prepare_cached("DELETE FROM unbind_request WHERE account_id = ?1")?
        .execute([account_id])?;
    conn.prepare_cached(
        "UPDATE grant_request SET state = 'cancelled', updated_at = ?1 WHERE account_id = ?2 AND state = 'pending'",
    )?
    .execute(params![now_s, account_id])?;
    touch(conn, &merchant_of_account(conn, account_id)?, "account", account_id)
}

/// The creator accepts an invitation: the account becomes (or becomes again) the merchant's.
pub(crate) fn accept_invitation(conn: &Connection, invitation_id: &str, now: DateTime<Utc>) -> SimResult<()> {
    let (merchant_id, creator_id, tag, state): (String, String, String, String) = conn
        .prepare_cached("SELECT merchant_id, creator_id, tag, state FROM invitation WHERE id = ?1")?
        .query_row([invitation_id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
        .optional()?
        .ok_or_else(|| SimError::api(ErrorCode::NotFound, format!("no invitation {invitation_id}")))?;
    if state != "pending" {
        return Err(SimError::api(
            ErrorCode::Conflict,
            format!("invitation {invitation_id} is {state}"),
        ));
    }
    let elsewhere: Option<String> = conn
        .prepare_cached(
            "SELECT merchant_id FROM account WHERE creator_id = ?1 AND binding_state IN ('bound', 'unbind_requested') LIMIT 1",
        )?
        .query_row([&creator_id], |r| r.get(0))
        .optional()?;
    if let Some(other) = elsewhere {
        let code = if other == merchant_id {
            ErrorCode::AlreadyBound
        } else {
            ErrorCode::BoundElsewhere
        };
        return Err(SimError::api(code, "the account is bound already"));
    }
    let now_s = ts(now);
    let existing: Option<String> = conn
        .prepare_cached("SELECT id FROM account WHERE merchant_id = ?1 AND creator_id = ?2")?
        .query_row([&merchant_id, &creator_id], |r| r.get(0))
        .optional()?;
    let account_id = match existing {
        Some(id) => {
            // A re-bind starts from no grants: consent is given afresh.
            conn.prepare_cached(
                "UPDATE account SET binding_state = 'bound', tag = ?1, bound_at = ?2, updated_at = ?2, \
                 publish_state = 'none', publish_updated_at = NULL, interact_state = 'none', interact_updated_at = NULL, \
                 shop_card = 0 WHERE id = ?3",
            )?
            .execute(params![tag, now_s, id])?;
            id
        }
        None => {
            let id = crate::db::new_id("a");
            conn.prepare_cached(
                "INSERT INTO account (id, merchant_id, creator_id, tag, binding_state, bound_at, updated_at) \
                 VALUES (?1, ?2, ?3, ?4, 'bound', ?5, ?5)",
            )?
            .execute(params![id, merchant_id, creator_id, tag, now_s])?;
            id
        }
    };
    set_invitation_state(conn, invitation_id, "accepted", now)?;
    touch(conn, &merchant_id, "account", &account_id)
}

pub(crate) fn set_invitation_state(conn: &Connection, id: &str, state: &str, now: DateTime<Utc>) -> SimResult<()> {
    conn.prepare_cached("UPDATE invitation SET state = ?1, updated_at = ?2 WHERE id = ?3")?
        .execute(params![state, ts(now), id])?;
    let merchant_id: String = conn
        .prepare_cached("SELECT merchant_id FROM invitation WHERE id = ?1")?
        .query_row([id], |r| r.get(0))?;
    touch(conn, &merchant_id, "invitation", id)
}

/// The creator answers a grant request.
pub(crate) fn answer_grant_request(
    conn: &Connection,
    request_id: &str,
    approve: bool,
    now: DateTime<Utc>,
) -> SimResult<()> {
    let (account_id, scope, state): (String, String, String) = conn
        .prepare_cached("SELECT account_id, scope, state FROM grant_request WHERE id = ?1")?
        .query_row([request_id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .optional()?
        .ok_or_else(|| SimError::api(ErrorCode::NotFound, format!("no grant request {request_id}")))?;
    if state != "pending" {
        return Err(SimError::api(
            ErrorCode::Conflict,
            format!("grant request {request_id} is {state}"),
        ));
    }
    let scope: Scope = mdesk_platform_api::from_wire_name(&scope).map_err(|e| SimError::Corrupt(e.to_string()))?;
    let new_state = if approve { "approved" } else { "declined" };
    conn.prepare_cached("UPDATE grant_request SET state = ?1, updated_at = ?2 WHERE id = ?3")?
        .execute(params![new_state, ts(now), request_id])?;
    set_grant(
        conn,
        &account_id,
        scope,
        if approve { "granted" } else { "declined" },
        now,
    )
}
