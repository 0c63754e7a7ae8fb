use mdesk_core::settings;
use mdesk_core::sync::SyncCommand;
use mdesk_ipc::cmd;

use super::Reply;
use crate::state::AppState;

#[tauri::command(async)]
pub fn get_settings(state: tauri::State<'_, AppState>, args: cmd::GetSettings) -> Reply<cmd::GetSettings> {
    let cmd::GetSettings {} = args;
    Ok(settings::load(&state.core()?.store)?)
}

#[tauri::command(async)]
pub fn set_language(state: tauri::State<'_, AppState>, args: cmd::SetLanguage) -> Reply<cmd::SetLanguage> {
    Ok(settings::set_language(&state.core()?.store, &args.language)?)
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
