use mdesk_core::settings;
use mdesk_core::sync::SyncCommand;
use mdesk_ipc::{IpcError, Settings};

use crate::state::AppState;

#[tauri::command(async)]
pub fn get_settings(state: tauri::State<'_, AppState>) -> Result<Settings, IpcError> {
    Ok(settings::load(&state.core()?.store)?)
}

#[tauri::command(async)]
pub fn set_language(state: tauri::State<'_, AppState>, language: String) -> Result<(), IpcError> {
    Ok(settings::set_language(&state.core()?.store, &language)?)
}

#[tauri::command(async)]
pub fn set_staff_name(state: tauri::State<'_, AppState>, name: String) -> Result<(), IpcError> {
    Ok(settings::set_staff_name(&state.core()?.store, &name)?)
}

#[tauri::command(async)]
pub fn set_sync_interval(state: tauri::State<'_, AppState>, secs: u32) -> Result<(), IpcError> {
    let core = state.core()?;
    settings::set_sync_interval(&core.store, secs)?;
    core.sync
        .send(SyncCommand::SetInterval(std::time::Duration::from_secs(u64::from(
            secs,
        ))));
    Ok(())
}
