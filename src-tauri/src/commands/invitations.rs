use mdesk_core::invitations;
use mdesk_ipc::{InvitationRow, IpcError};

use super::queued;
use crate::state::AppState;

#[tauri::command(async)]
pub fn list_invitations(state: tauri::State<'_, AppState>) -> Result<Vec<InvitationRow>, IpcError> {
    Ok(invitations::list(&state.core()?.store)?)
}

#[tauri::command(async)]
pub fn invite(
    state: tauri::State<'_, AppState>,
    guangguang_id: String,
    phone: String,
    tag: String,
) -> Result<String, IpcError> {
    let core = state.core()?;
    queued(
        core,
        invitations::invite(&core.store, core.secrets.as_ref(), &guangguang_id, &phone, &tag),
    )
}

#[tauri::command(async)]
pub fn cancel_invitation(state: tauri::State<'_, AppState>, id: String) -> Result<Option<String>, IpcError> {
    let core = state.core()?;
    queued(core, invitations::cancel(&core.store, core.secrets.as_ref(), &id))
}
