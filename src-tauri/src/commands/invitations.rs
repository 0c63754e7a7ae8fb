use mdesk_core::invitations;
use mdesk_ipc::cmd;

use super::{queued, Reply};
use crate::state::AppState;

#[tauri::command(async)]
pub fn list_invitations(state: tauri::State<'_, AppState>, args: cmd::ListInvitations) -> Reply<cmd::ListInvitations> {
    let cmd::ListInvitations {} = args;
    Ok(invitations::list(&state.core()?.store)?)
}

#[tauri::command(async)]
pub fn invite(state: tauri::State<'_, AppState>, args: cmd::Invite) -> Reply<cmd::Invite> {
    let core = state.core()?;
    queued(
        core,
        invitations::invite(
            &core.store,
            core.secrets.as_ref(),
            &args.guangguang_id,
            &args.phone,
            args.tag,
        ),
    )
}

#[tauri::command(async)]
pub fn cancel_invitation(
    state: tauri::State<'_, AppState>,
    args: cmd::CancelInvitation,
) -> Reply<cmd::CancelInvitation> {
    let core = state.core()?;
    queued(core, invitations::cancel(&core.store, core.secrets.as_ref(), &args.id))
}
