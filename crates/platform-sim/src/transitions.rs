//! State changes shared by the merchant's API, the creators' side and the ticker.
//! Each one touches the change feed for everything it alters.

use chrono::{DateTime, Utc};
use mdesk_platform_api::{BindingState, ErrorCode, GrantState, InvitationState, Scope, Tag};
use rusqlite::{params, Connection, OptionalExtension};

use crate::db::{touch, ts};
use crate::error::{SimError, SimResult};

mdesk_platform_api::wire_enum! {
    /// Where a merchant's request for a scope stands (the wire carries it as text).
    pub(crate) enum GrantRequestState {
        Pending = "pending",
        Approved = "approved",
        Declined = "declined",
        Cancelled = "cancelled",
    }
}

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

/// Writes one scope's grant state, without touching the feed.
fn write_grant(conn: &Connection, account_id: &str, scope: Scope, state: GrantState, now: &str) -> SimResult<()> {
    let (col, at) = scope_column(scope);
    let sql = format!("UPDATE account SET {col} = ?1, {at} = ?2, updated_at = ?2 WHERE id = ?3");
    conn.prepare_cached(&sql)?.execute(params![state, now, account_id])?;
    Ok(())
}

/// Sets one scope's grant state.
pub(crate) fn set_grant(
    conn: &Connection,
    account_id: &str,
    scope: Scope,
    state: GrantState,
    now: DateTime<Utc>,
) -> SimResult<()> {
    write_grant(conn, account_id, scope, state, &ts(now))?;
    touch(conn, &merchant_of_account(conn, account_id)?, "account", account_id)
}

/// Unbinding revokes every grant, clears the product pool and the shop card, and cancels
/// open grant requests.
pub(crate) fn unbind(conn: &Connection, account_id: &str, now: DateTime<Utc>) -> SimResult<()> {
    let now_s = ts(now);
    let (publish, interact): (GrantState, GrantState) = conn
        .prepare_cached("SELECT publish_state, interact_state FROM account WHERE id = ?1")?
        .query_row([account_id], |r| Ok((r.get(0)?, r.get(1)?)))?;
    conn.prepare_cached("UPDATE account SET binding_state = ?1, shop_card = 0, updated_at = ?2 WHERE id = ?3")?
        .execute(params![BindingState::Unbound, now_s, account_id])?;
    for (scope, grant) in [(Scope::Publish, publish), (Scope::Interact, interact)] {
        if grant.can_revoke() {
            write_grant(conn, account_id, scope, GrantState::Revoked, &now_s)?;
        }
    }
    conn.prepare_cached("DELETE FROM pool_entry WHERE account_id = ?1")?
        .execute([account_id])?;
    conn.prepare_cached("DELETE FROM unbind_request WHERE account_id = ?1")?
        .execute([account_id])?;
    cancel_grant_requests(conn, account_id, None, now)?;
    touch(conn, &merchant_of_account(conn, account_id)?, "account", account_id)
}

/// Cancels the account's pending grant requests: of one scope, or (`None`) of every scope.
pub(crate) fn cancel_grant_requests(
    conn: &Connection,
    account_id: &str,
    scope: Option<Scope>,
    now: DateTime<Utc>,
) -> SimResult<()> {
    conn.prepare_cached(
        "UPDATE grant_request SET state = ?1, updated_at = ?2 \
         WHERE account_id = ?3 AND state = ?4 AND (?5 IS NULL OR scope = ?5)",
    )?
    .execute(params![
        GrantRequestState::Cancelled,
        ts(now),
        account_id,
        GrantRequestState::Pending,
        scope
    ])?;
    Ok(())
}

/// The merchant the creator is bound to (an email unbind on its way still counts), if any.
pub(crate) fn bound_merchant(conn: &Connection, creator_id: &str) -> SimResult<Option<String>> {
    Ok(conn
        .prepare_cached("SELECT merchant_id FROM account WHERE creator_id = ?1 AND binding_state IN (?2, ?3) LIMIT 1")?
        .query_row(
            params![creator_id, BindingState::Bound, BindingState::UnbindRequested],
            |r| r.get(0),
        )
        .optional()?)
}

/// The creator accepts an invitation: the account becomes (or becomes again) the merchant's.
pub(crate) fn accept_invitation(conn: &Connection, invitation_id: &str, now: DateTime<Utc>) -> SimResult<()> {
    let (merchant_id, creator_id, tag, state): (String, String, Tag, InvitationState) = conn
        .prepare_cached("SELECT merchant_id, creator_id, tag, state FROM invitation WHERE id = ?1")?
        .query_row([invitation_id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
        .optional()?
        .ok_or_else(|| SimError::api(ErrorCode::NotFound, format!("no invitation {invitation_id}")))?;
    if state != InvitationState::Pending {
        return Err(SimError::api(
            ErrorCode::Conflict,
            format!("invitation {invitation_id} is {state}"),
        ));
    }
    if let Some(other) = bound_merchant(conn, &creator_id)? {
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
                "UPDATE account SET binding_state = ?1, tag = ?2, bound_at = ?3, updated_at = ?3, \
                 publish_state = ?4, publish_updated_at = NULL, interact_state = ?4, interact_updated_at = NULL, \
                 shop_card = 0 WHERE id = ?5",
            )?
            .execute(params![BindingState::Bound, tag, now_s, GrantState::None, id])?;
            id
        }
        None => {
            let id = crate::db::new_id("a");
            conn.prepare_cached(
                "INSERT INTO account (id, merchant_id, creator_id, tag, binding_state, bound_at, updated_at) \
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6)",
            )?
            .execute(params![id, merchant_id, creator_id, tag, BindingState::Bound, now_s])?;
            id
        }
    };
    set_invitation_state(conn, invitation_id, InvitationState::Accepted, now)?;
    touch(conn, &merchant_id, "account", &account_id)
}

pub(crate) fn set_invitation_state(
    conn: &Connection,
    id: &str,
    state: InvitationState,
    now: DateTime<Utc>,
) -> SimResult<()> {
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
    let (account_id, scope, state): (String, Scope, GrantRequestState) = conn
        .prepare_cached("SELECT account_id, scope, state FROM grant_request WHERE id = ?1")?
        .query_row([request_id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .optional()?
        .ok_or_else(|| SimError::api(ErrorCode::NotFound, format!("no grant request {request_id}")))?;
    if state != GrantRequestState::Pending {
        return Err(SimError::api(
            ErrorCode::Conflict,
            format!("grant request {request_id} is {state}"),
        ));
    }
    let (request_state, grant) = if approve {
        (GrantRequestState::Approved, GrantState::Granted)
    } else {
        (GrantRequestState::Declined, GrantState::Declined)
    };
    conn.prepare_cached("UPDATE grant_request SET state = ?1, updated_at = ?2 WHERE id = ?3")?
        .execute(params![request_state, ts(now), request_id])?;
    set_grant(conn, &account_id, scope, grant, now)
}
