use mdesk_core::sync::SyncCommand;
use mdesk_core::{matrix, outbox, settings};
use mdesk_ipc::cmd;

use super::Reply;
use crate::state::AppState;

#[tauri::command(async)]
pub fn list_actions(state: tauri::State<'_, AppState>, args: cmd::ListActions) -> Reply<cmd::ListActions> {
    let cmd::ListActions {} = args;
    let core = state.core()?;
    let lang = settings::language(&core.store)?;
    Ok(outbox::list_described(&core.store, &lang)?)
}

#[tauri::command(async)]
pub fn cancel_action(state: tauri::State<'_, AppState>, args: cmd::CancelAction) -> Reply<cmd::CancelAction> {
    let core = state.core()?;
    matrix::cancel_action(&core.store, core.secrets.as_ref(), &args.id)?;
    core.sync.send(SyncCommand::SyncNow);
    Ok(())
}

#[tauri::command(async)]
pub fn retry_action(state: tauri::State<'_, AppState>, args: cmd::RetryAction) -> Reply<cmd::RetryAction> {
    let core = state.core()?;
    let new_id = matrix::retry_action(&core.store, &args.id)?;
    core.sync.send(SyncCommand::SyncNow);
    Ok(new_id)
}
