use mdesk_ipc::cmd;

use super::Reply;

#[tauri::command]
pub async fn check_for_update(app: tauri::AppHandle, args: cmd::CheckForUpdate) -> Reply<cmd::CheckForUpdate> {
    let cmd::CheckForUpdate {} = args;
    crate::update::check(&app).await
}

#[tauri::command]
pub async fn install_update(app: tauri::AppHandle, args: cmd::InstallUpdate) -> Reply<cmd::InstallUpdate> {
    let cmd::InstallUpdate {} = args;
    crate::update::install(&app).await
}
