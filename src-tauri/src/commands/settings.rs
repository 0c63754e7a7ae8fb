use mdesk_core::settings;
use mdesk_core::sync::SyncCommand;
use mdesk_ipc::{cmd, IpcError};

use super::Reply;
use crate::state::AppState;

#[tauri::command(async)]
pub fn get_settings(state: tauri::State<'_, AppState>, args: cmd::GetSettings) -> Reply<cmd::GetSettings> {
    let cmd::GetSettings {} = args;
    Ok(settings::load(&state.core()?.store)?)
}

#[tauri::command(async)]
pub fn set_language(
    app: tauri::AppHandle,
    state: tauri::State<'_, AppState>,
    args: cmd::SetLanguage,
) -> Reply<cmd::SetLanguage> {
    settings::set_language(&state.core()?.store, &args.language)?;
    crate::tray::refresh(&app);
    Ok(())
}

#[tauri::command(async)]
pub fn set_staff_name(state: tauri::State<'_, AppState>, args: cmd::SetStaffName) -> Reply<cmd::SetStaffName> {
    Ok(settings::set_staff_name(&state.core()?.store, &args.name)?)
}

#[tauri::command(async)]
pub fn set_sync_interval(state: tauri::State<'_, AppState>, args: cmd::SetSyncInterval) -> Reply<cmd::SetSyncInterval> {
    let core = state.core()?;
    settings::set_sync_interval(&core.store, args.secs)?;
    core.sync
        .send(SyncCommand::SetInterval(std::time::Duration::from_secs(u64::from(
            args.secs,
        ))));
    Ok(())
}

#[tauri::command(async)]
pub fn set_keep_syncing_on_close(
    state: tauri::State<'_, AppState>,
    args: cmd::SetKeepSyncingOnClose,
) -> Reply<cmd::SetKeepSyncingOnClose> {
    Ok(settings::set_keep_syncing_on_close(&state.core()?.store, args.on)?)
}

/// The log folder, or why there is none (it could not be created at start).
fn log_folder_path() -> Result<&'static std::path::Path, IpcError> {
    crate::logs::folder().ok_or_else(|| {
        IpcError::from(mdesk_core::CoreError::Io(std::io::Error::other(
            "the log folder could not be created at start-up",
        )))
    })
}

#[tauri::command(async)]
pub fn log_folder(args: cmd::GetLogFolder) -> Reply<cmd::GetLogFolder> {
    let cmd::GetLogFolder {} = args;
    Ok(log_folder_path()?.display().to_string())
}

#[tauri::command(async)]
pub fn open_log_folder(args: cmd::OpenLogFolder) -> Reply<cmd::OpenLogFolder> {
    let cmd::OpenLogFolder {} = args;
    tauri_plugin_opener::open_path(log_folder_path()?, None::<&str>)
        .map_err(|e| IpcError::from(mdesk_core::CoreError::Io(std::io::Error::other(e.to_string()))))
}
