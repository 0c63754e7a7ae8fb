use mdesk_ipc::cmd;

use super::Reply;
use crate::state::AppState;

/// Asks the keychain; on a Retry that it answers (and the folder had not chosen the file
/// store), the app connects and syncs.
#[tauri::command(async)]
pub fn keychain_state(state: tauri::State<'_, AppState>, args: cmd::GetKeychainState) -> Reply<cmd::GetKeychainState> {
    let cmd::GetKeychainState { retry } = args;
    let core = state.core()?;
    let answer = mdesk_core::session::keychain_state(&core.desk_secrets);
    if retry && answer.available && !answer.file_chosen {
        let core = core.clone();
        tauri::async_runtime::spawn(async move { crate::connect::reconnect(&core).await });
    }
    Ok(answer)
}

#[tauri::command(async)]
pub fn use_file_secret_store(
    state: tauri::State<'_, AppState>,
    args: cmd::UseFileSecretStore,
) -> Reply<cmd::UseFileSecretStore> {
    let cmd::UseFileSecretStore {} = args;
    let core = state.core()?;
    let answer = mdesk_core::session::choose_file_store(&core.store, &core.desk_secrets)?;
    let core = core.clone();
    tauri::async_runtime::spawn(async move { crate::connect::reconnect(&core).await });
    Ok(answer)
}
