//! Reading matrix accounts for the Accounts screen.

use mdesk_ipc::AccountRow;
use rusqlite::Connection;

use crate::error::CoreResult;

/// The merchant's matrix accounts, bound ones first, then by nickname.
pub fn list_accounts(conn: &Connection, merchant_id: &str) -> CoreResult<Vec<AccountRow>> {
    let mut stmt = conn.prepare_cached(
        "SELECT a.id, a.guangguang_id, a.nickname, a.tag, a.binding_state, \
         COALESCE((SELECT state FROM account_grant g WHERE g.account_id = a.id AND g.scope = 'publish'), 'none'), \
         COALESCE((SELECT state FROM account_grant g WHERE g.account_id = a.id AND g.scope = 'interact'), 'none'), \
         (SELECT COUNT(*) FROM pool_entry p WHERE p.account_id = a.id), a.shop_card, \
         (SELECT COUNT(*) FROM work w WHERE w.account_id = a.id AND w.deleted = 0), a.local_group \
         FROM matrix_account a WHERE a.merchant_id = ?1 \
         ORDER BY CASE a.binding_state WHEN 'bound' THEN 0 WHEN 'unbind_requested' THEN 1 WHEN 'invited' THEN 2 ELSE 3 END, \
                  a.nickname, a.id",
    )?;
    let rows = stmt.query_map([merchant_id], |r| {
        Ok(AccountRow {
            id: r.get(0)?,
            guangguang_id: r.get(1)?,
            nickname: r.get(2)?,
            tag: r.get(3)?,
            binding_state: r.get(4)?,
            publish: r.get(5)?,
            interact: r.get(6)?,
            pool_size: r.get(7)?,
            shop_card: r.get(8)?,
            works: r.get(9)?,
            pending: 0,
            group: r.get(10)?,
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}
