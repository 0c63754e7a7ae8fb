//! The matrix accounts of the signed-in merchant, as the Accounts screen shows them.

use std::sync::Mutex;

use mdesk_ipc::AccountRow;

use crate::error::CoreResult;
use crate::session::{self, lock};
use crate::store::{list_accounts, Store};

/// Reads from the local database only, so it works offline. Empty before the first sign-in.
pub fn list(store: &Mutex<Store>) -> CoreResult<Vec<AccountRow>> {
    let store = lock(store);
    match session::current(&store)? {
        Some(s) => {
            let mut rows = list_accounts(store.conn(), &s.merchant_id)?;
            crate::outbox::overlay_accounts(store.conn(), &mut rows)?;
            Ok(rows)
        }
        None => Ok(Vec::new()),
    }
}

/// The local id of the matrix account with this Guangguang ID (what people type).
pub fn id_by_guangguang(store: &Mutex<Store>, guangguang_id: &str) -> CoreResult<String> {
    use rusqlite::OptionalExtension;
    let store = lock(store);
    let found: Option<String> = store
        .conn()
        .prepare_cached("SELECT id FROM matrix_account WHERE guangguang_id = ?1")?
        .query_row([guangguang_id.trim()], |r| r.get(0))
        .optional()?;
    found.ok_or_else(|| {
        crate::CoreError::InvalidInput(format!(
            "no matrix account with Guangguang ID {guangguang_id:?} here (sync first?)"
        ))
    })
}
