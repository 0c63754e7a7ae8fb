use mdesk_core::sync::SyncCommand;
use mdesk_ipc::cmd;

use super::Reply;
use crate::state::AppState;

#[tauri::command(async)]
pub fn sync_status(state: tauri::State<'_, AppState>, args: cmd::GetSyncStatus) -> Reply<cmd::GetSyncStatus> {
    let cmd::GetSyncStatus {} = args;
    Ok(state.core()?.sync.status())
}

#[tauri::command(async)]
pub fn sync_now(state: tauri::State<'_, AppState>, args: cmd::SyncNow) -> Reply<cmd::SyncNow> {
    let cmd::SyncNow {} = args;
    state.core()?.sync.send(SyncCommand::SyncNow);
    Ok(())
}
