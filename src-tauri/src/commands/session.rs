use mdesk_core::session::{self, Platform};
use mdesk_core::sync::SyncCommand;
use mdesk_core::Secret;
use mdesk_ipc::cmd;

use super::Reply;
use crate::state::AppState;

#[tauri::command(async)]
pub async fn sign_in(state: tauri::State<'_, AppState>, args: cmd::SignIn) -> Reply<cmd::SignIn> {
    let core = state.core()?;
    let form = args.form;
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
pub fn sign_out(state: tauri::State<'_, AppState>, args: cmd::SignOut) -> Reply<cmd::SignOut> {
    let cmd::SignOut {} = args;
    let core = state.core()?;
    session::sign_out(&core.store, core.secrets.as_ref())?;
    core.sync.send(SyncCommand::SyncNow);
    Ok(())
}

#[tauri::command(async)]
pub async fn use_demo_platform(
    state: tauri::State<'_, AppState>,
    args: cmd::UseDemoPlatform,
) -> Reply<cmd::UseDemoPlatform> {
    let cmd::UseDemoPlatform {} = args;
    let core = state.core()?;
    crate::connect::use_demo(core).await?;
    core.sync.send(SyncCommand::SyncNow);
    Ok(())
}

#[tauri::command(async)]
pub async fn use_demo_platform_as(
    state: tauri::State<'_, AppState>,
    args: cmd::UseDemoPlatformAs,
) -> Reply<cmd::UseDemoPlatformAs> {
    let core = state.core()?;
    crate::connect::use_demo_as(core, &args.login).await?;
    core.sync.send(SyncCommand::SyncNow);
    Ok(())
}
