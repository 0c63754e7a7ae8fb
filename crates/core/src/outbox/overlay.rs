//! What the screens show is the platform's state plus the expected effect of actions not yet
//! confirmed (the overlay), computed at read time: a rejected action simply drops out, and a
//! pull never fights with an optimistic write.

use mdesk_ipc::{AccountRow, BindingState, GrantState};
use mdesk_platform_api::Scope;
use rusqlite::Connection;

use super::{Intention, OPEN_STATES};
use crate::error::{CoreError, CoreResult};

/// Applies open actions, oldest first, to the accounts they concern.
pub fn overlay_accounts(conn: &Connection, rows: &mut [AccountRow]) -> CoreResult<()> {
    let sql = format!(
        "SELECT account_id, payload FROM action WHERE state IN {} AND account_id IS NOT NULL ORDER BY rowid",
        *OPEN_STATES
    );
    let open = conn
        .prepare_cached(&sql)?
        .query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))?
        .collect::<Result<Vec<_>, _>>()?;
    for (account_id, payload) in open {
        let Some(row) = rows.iter_mut().find(|r| r.id == account_id) else {
            continue;
        };
        let intention: Intention = serde_json::from_str(&payload).map_err(|e| CoreError::Corrupt(e.to_string()))?;
        row.pending += 1;
        apply(row, &intention);
    }
    Ok(())
}

/// The expected effect of one intention on the row it concerns.
fn apply(row: &mut AccountRow, intention: &Intention) {
    let grant = |row: &mut AccountRow, scope: Scope, state: GrantState| match scope {
        Scope::Publish => row.publish = state,
        Scope::Interact => row.interact = state,
    };
    match intention {
        Intention::SetShopCard { enabled, .. } => row.shop_card = *enabled,
        Intention::SetTag { tag, .. } => row.tag = *tag,
        Intention::RequestGrant { scope, .. } => grant(row, *scope, GrantState::Requested),
        Intention::RevokeGrant { scope, .. } => grant(row, *scope, GrantState::Revoked),
        Intention::Unbind { .. } => {
            row.binding_state = BindingState::Unbound;
            row.publish = GrantState::Revoked;
            row.interact = GrantState::Revoked;
            row.pool_size = 0;
            row.shop_card = false;
        }
        Intention::SetPool { product_ids, .. } => row.pool_size = product_ids.len() as u32,
        _ => {}
    }
}

/// The intentions still on their way for one account, oldest first.
pub fn open_intentions(conn: &Connection, account_id: &str) -> CoreResult<Vec<Intention>> {
    let sql = format!(
        "SELECT payload FROM action WHERE state IN {} AND account_id = ?1 ORDER BY rowid",
        *OPEN_STATES
    );
    let payloads = conn
        .prepare_cached(&sql)?
        .query_map([account_id], |r| r.get::<_, String>(0))?
        .collect::<Result<Vec<_>, _>>()?;
    payloads
        .iter()
        .map(|p| serde_json::from_str(p).map_err(|e| CoreError::Corrupt(e.to_string())))
        .collect()
}
