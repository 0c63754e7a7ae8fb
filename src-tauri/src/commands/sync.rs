use mdesk_core::sync::SyncCommand;
use mdesk_ipc::{IpcError, SyncStatus};

use crate::state::AppState;

#[tauri::command(async)]
pub fn sync_status(state: tauri::State<'_, AppState>) -> Result<SyncStatus, IpcError> {
    Ok(state.core()?.sync.status())
}

#[tauri::command(async)]
pub fn sync_now(state: tauri::State<'_, AppState>) -> Result<(), IpcError> {
    state.core()?.sync.send(SyncCommand::SyncNow);
    Ok(())
}
