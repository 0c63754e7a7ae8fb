//! The platform's checks on an account before acting for it: ownership, binding, grants.

use mdesk_platform_api::rules::{self, RuleViolation};
use mdesk_platform_api::{BindingState, ErrorCode, GrantState, Scope};
use rusqlite::{Connection, OptionalExtension};

use crate::error::{SimError, SimResult};

/// What the checks need to know about a matrix account.
pub(crate) struct AccountState {
    pub id: String,
    pub creator_id: String,
    pub binding_state: BindingState,
    pub publish: GrantState,
    pub interact: GrantState,
}

impl AccountState {
    /// The grant of one scope.
    pub fn grant(&self, scope: Scope) -> GrantState {
        match scope {
            Scope::Publish => self.publish,
            Scope::Interact => self.interact,
        }
    }

    /// Bound (an unbind request by email still pending counts as leaving: nothing new starts).
    pub fn require_bound(&self) -> SimResult<()> {
        rule(rules::require_bound(&self.id, self.binding_state))
    }

    /// Bound and holding the scope's grant.
    pub fn require_scope(&self, scope: Scope) -> SimResult<()> {
        rule(rules::require_scope(
            &self.id,
            self.binding_state,
            scope,
            self.grant(scope),
        ))
    }
}

/// The merchant's account `id`, or `not_found`.
pub(crate) fn account_of(conn: &Connection, merchant_id: &str, id: &str) -> SimResult<AccountState> {
    conn.prepare_cached(
        "SELECT id, creator_id, binding_state, publish_state, interact_state FROM account WHERE id = ?1 AND merchant_id = ?2",
    )?
    .query_row([id, merchant_id], |r| {
        Ok(AccountState {
            id: r.get(0)?,
            creator_id: r.get(1)?,
            binding_state: r.get(2)?,
            publish: r.get(3)?,
            interact: r.get(4)?,
        })
    })
    .optional()?
    .ok_or_else(|| SimError::api(ErrorCode::NotFound, format!("no matrix account {id}")))
}

/// The merchant's work `id` (not deleted) and its account, or `not_found`.
pub(crate) fn work_of(conn: &Connection, merchant_id: &str, id: &str) -> SimResult<(String, AccountState)> {
    let account_id: String = conn
        .prepare_cached("SELECT account_id FROM work WHERE id = ?1 AND merchant_id = ?2 AND deleted = 0")?
        .query_row([id, merchant_id], |r| r.get(0))
        .optional()?
        .ok_or_else(|| SimError::api(ErrorCode::NotFound, format!("no work {id}")))?;
    Ok((id.to_owned(), account_of(conn, merchant_id, &account_id)?))
}

/// A platform rule violation as the simulator's error.
pub(crate) fn rule(r: Result<(), RuleViolation>) -> SimResult<()> {
    r.map_err(|v| SimError::api(v.code, v.message))
}
