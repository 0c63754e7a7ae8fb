//! The platform's checks on an account before acting for it: ownership, binding, grants.

use mdesk_platform_api::rules::{AccountStanding, RuleViolation};
use mdesk_platform_api::{ErrorCode, Scope};
use rusqlite::{Connection, OptionalExtension};

use crate::error::{SimError, SimResult};

/// A matrix account as the checks see it ([`AccountStanding`], shared with the app) and the
/// creator who owns it.
pub(crate) struct AccountState {
    pub standing: AccountStanding,
    pub creator_id: String,
}

impl std::ops::Deref for AccountState {
    type Target = AccountStanding;

    fn deref(&self) -> &AccountStanding {
        &self.standing
    }
}

impl AccountState {
    /// Bound (an unbind request by email still pending counts as leaving: nothing new starts).
    pub fn require_bound(&self) -> SimResult<()> {
        rule(self.standing.require_bound())
    }

    /// Bound and holding the scope's grant.
    pub fn require_scope(&self, scope: Scope) -> SimResult<()> {
        rule(self.standing.require_scope(scope))
    }
}

/// The merchant's account `id`, or `not_found`.
pub(crate) fn account_of(conn: &Connection, merchant_id: &str, id: &str) -> SimResult<AccountState> {
    conn.prepare_cached(
        "SELECT id, creator_id, binding_state, publish_state, interact_state FROM account WHERE id = ?1 AND merchant_id = ?2",
    )?
    .query_row([id, merchant_id], |r| {
        Ok(AccountState {
            standing: AccountStanding {
                id: r.get(0)?,
                binding_state: r.get(2)?,
                publish: r.get(3)?,
                interact: r.get(4)?,
            },
            creator_id: r.get(1)?,
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
