use mdesk_ipc::{AccountRow, IpcError};

use crate::state::AppState;

#[tauri::command(async)]
pub fn list_accounts(state: tauri::State<'_, AppState>) -> Result<Vec<AccountRow>, IpcError> {
    Ok(mdesk_core::accounts::list(&state.core()?.store)?)
}
