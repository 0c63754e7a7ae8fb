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
        Some(s) => list_accounts(store.conn(), &s.merchant_id),
        None => Ok(Vec::new()),
    }
}
