use mdesk_core::session::{self, Platform};
use mdesk_core::sync::SyncCommand;
use mdesk_core::Secret;
use mdesk_ipc::{IpcError, SignIn};

use crate::state::AppState;

#[tauri::command(async)]
pub async fn sign_in(state: tauri::State<'_, AppState>, form: SignIn) -> Result<(), IpcError> {
    let core = state.core()?;
    let platform = Platform::remote(&form.platform_url)?;
    session::sign_in(
        &core.store,
        core.secrets.as_ref(),
        &platform,
        &form.username,
        &Secret::new(form.password),
    )
    .await?;
    mdesk_core::settings::set_platform_url(&core.store, Some(&platform.endpoint))?;
    core.sync.send(SyncCommand::SyncNow);
    Ok(())
}

#[tauri::command(async)]
pub fn sign_out(state: tauri::State<'_, AppState>) -> Result<(), IpcError> {
    let core = state.core()?;
    session::sign_out(&core.store, core.secrets.as_ref())?;
    core.sync.send(SyncCommand::SyncNow);
    Ok(())
}

#[tauri::command(async)]
pub async fn use_demo_platform(state: tauri::State<'_, AppState>) -> Result<(), IpcError> {
    let core = state.core()?;
    crate::connect::use_demo(core).await?;
    core.sync.send(SyncCommand::SyncNow);
    Ok(())
}
