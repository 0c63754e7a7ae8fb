use mdesk_core::outbox;
use mdesk_core::sync::SyncCommand;
use mdesk_ipc::{ActionRow, IpcError};

use crate::state::AppState;

#[tauri::command(async)]
pub fn list_actions(state: tauri::State<'_, AppState>) -> Result<Vec<ActionRow>, IpcError> {
    let core = state.core()?;
    let lang = mdesk_core::settings::load(&core.store)?.language;
    Ok(outbox::list_described(&core.store, &lang)?)
}

#[tauri::command(async)]
pub fn cancel_action(state: tauri::State<'_, AppState>, id: String) -> Result<(), IpcError> {
    let core = state.core()?;
    outbox::cancel(
        &core.store,
        core.secrets.as_ref(),
        &outbox::configured_staff(&core.store)?,
        &id,
    )?;
    core.sync.send(SyncCommand::SyncNow);
    Ok(())
}

#[tauri::command(async)]
pub fn retry_action(state: tauri::State<'_, AppState>, id: String) -> Result<String, IpcError> {
    let core = state.core()?;
    let new_id = outbox::retry(
        &core.store,
        core.secrets.as_ref(),
        &outbox::configured_staff(&core.store)?,
        &id,
    )?;
    core.sync.send(SyncCommand::SyncNow);
    Ok(new_id)
}
