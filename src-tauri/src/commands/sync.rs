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

#[tauri::command(async)]
pub fn report_first_screen(
    state: tauri::State<'_, AppState>,
    args: cmd::ReportFirstScreen,
) -> Reply<cmd::ReportFirstScreen> {
    if let Ok(core) = state.core() {
        // Sync's first round was waiting for this (connect::at_startup).
        core.first_screen.notify_one();
    }
    tracing::info!(
        since_start_ms = crate::since_start().as_millis() as u64,
        webview_ms = args.webview_ms,
        ui_started_ms = args.ui_started_ms,
        data_ms = args.data_ms,
        "first screen shown"
    );
    Ok(())
}
