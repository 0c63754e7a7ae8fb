//! Reading matrix accounts for the Accounts screen.

use mdesk_ipc::{AccountRow, BindingState, GrantState};
use rusqlite::Connection;

use crate::error::CoreResult;

/// The order the Accounts screen lists bindings in: the ones staff work with first.
fn binding_rank(b: BindingState) -> u8 {
    match b {
        BindingState::Bound => 0,
        BindingState::UnbindRequested => 1,
        BindingState::Invited => 2,
        BindingState::Unbound => 3,
    }
}

/// The merchant's matrix accounts, bound ones first, then by nickname.
pub fn list_accounts(conn: &Connection, merchant_id: &str) -> CoreResult<Vec<AccountRow>> {
    let mut stmt = conn.prepare_cached(
        "SELECT a.id, a.guangguang_id, a.nickname, a.tag, a.binding_state, \
         (SELECT state FROM account_grant g WHERE g.account_id = a.id AND g.scope = ?2), \
         (SELECT state FROM account_grant g WHERE g.account_id = a.id AND g.scope = ?3), \
         (SELECT COUNT(*) FROM pool_entry p WHERE p.account_id = a.id), a.shop_card, \
         (SELECT COUNT(*) FROM work w WHERE w.account_id = a.id AND w.deleted = 0), a.local_group \
         FROM matrix_account a WHERE a.merchant_id = ?1",
    )?;
    let rows = stmt.query_map(
        rusqlite::params![merchant_id, mdesk_ipc::Scope::Publish, mdesk_ipc::Scope::Interact],
        |r| {
            Ok(AccountRow {
                id: r.get(0)?,
                guangguang_id: r.get(1)?,
                nickname: r.get(2)?,
                tag: r.get(3)?,
                binding_state: r.get(4)?,
                publish: r.get::<_, Option<GrantState>>(5)?.unwrap_or(GrantState::None),
                interact: r.get::<_, Option<GrantState>>(6)?.unwrap_or(GrantState::None),
                pool_size: r.get(7)?,
                shop_card: r.get(8)?,
                works: r.get(9)?,
                pending: 0,
                group: r.get(10)?,
            })
        },
    )?;
    let mut rows: Vec<AccountRow> = rows.collect::<Result<_, _>>()?;
    rows.sort_by(|a, b| {
        binding_rank(a.binding_state)
            .cmp(&binding_rank(b.binding_state))
            .then_with(|| a.nickname.cmp(&b.nickname))
            .then_with(|| a.id.cmp(&b.id))
    });
    Ok(rows)
}
