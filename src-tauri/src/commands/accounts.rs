use mdesk_core::{accounts, matrix, pool};
use mdesk_ipc::{AccountDetail, AccountFilter, AccountRow, IpcError, PoolPlanRow, ProductRow, UnbindPreview};

use super::queued;
use crate::state::AppState;

#[tauri::command(async)]
pub fn list_accounts(
    state: tauri::State<'_, AppState>,
    filter: Option<AccountFilter>,
) -> Result<Vec<AccountRow>, IpcError> {
    Ok(accounts::list_filtered(
        &state.core()?.store,
        &filter.unwrap_or_default(),
    )?)
}

#[tauri::command(async)]
pub fn account_groups(state: tauri::State<'_, AppState>) -> Result<Vec<String>, IpcError> {
    Ok(accounts::groups(&state.core()?.store)?)
}

#[tauri::command(async)]
pub fn account_detail(state: tauri::State<'_, AppState>, account_id: String) -> Result<AccountDetail, IpcError> {
    Ok(accounts::detail(&state.core()?.store, &account_id)?)
}

#[tauri::command(async)]
pub fn set_account_group(state: tauri::State<'_, AppState>, account_id: String, group: String) -> Result<(), IpcError> {
    Ok(accounts::set_group(&state.core()?.store, &account_id, &group)?)
}

#[tauri::command(async)]
pub fn set_account_tag(state: tauri::State<'_, AppState>, account_id: String, tag: String) -> Result<String, IpcError> {
    let core = state.core()?;
    queued(
        core,
        matrix::set_tag(&core.store, core.secrets.as_ref(), &account_id, &tag),
    )
}

#[tauri::command(async)]
pub fn request_grant(state: tauri::State<'_, AppState>, account_id: String, scope: String) -> Result<String, IpcError> {
    let core = state.core()?;
    queued(
        core,
        matrix::request_grant(&core.store, core.secrets.as_ref(), &account_id, &scope),
    )
}

#[tauri::command(async)]
pub fn revoke_grant(state: tauri::State<'_, AppState>, account_id: String, scope: String) -> Result<String, IpcError> {
    let core = state.core()?;
    queued(
        core,
        matrix::revoke_grant(&core.store, core.secrets.as_ref(), &account_id, &scope),
    )
}

#[tauri::command(async)]
pub fn set_shop_card(state: tauri::State<'_, AppState>, account_id: String, enabled: bool) -> Result<String, IpcError> {
    let core = state.core()?;
    queued(
        core,
        matrix::set_shop_card(&core.store, core.secrets.as_ref(), &account_id, enabled),
    )
}

#[tauri::command(async)]
pub fn unbind_preview(state: tauri::State<'_, AppState>, account_id: String) -> Result<UnbindPreview, IpcError> {
    Ok(accounts::unbind_preview(&state.core()?.store, &account_id)?)
}

#[tauri::command(async)]
pub fn unbind(state: tauri::State<'_, AppState>, account_id: String) -> Result<String, IpcError> {
    let core = state.core()?;
    queued(core, matrix::unbind(&core.store, core.secrets.as_ref(), &account_id))
}

#[tauri::command(async)]
pub fn set_pool(
    state: tauri::State<'_, AppState>,
    account_id: String,
    product_ids: Vec<String>,
) -> Result<String, IpcError> {
    let core = state.core()?;
    queued(
        core,
        pool::set(&core.store, core.secrets.as_ref(), &account_id, &product_ids),
    )
}

#[tauri::command(async)]
pub fn list_products(state: tauri::State<'_, AppState>) -> Result<Vec<ProductRow>, IpcError> {
    Ok(pool::products(&state.core()?.store)?)
}

#[tauri::command(async)]
pub fn pool_plan(
    state: tauri::State<'_, AppState>,
    account_ids: Vec<String>,
    product_ids: Vec<String>,
) -> Result<Vec<PoolPlanRow>, IpcError> {
    Ok(pool::plan(&state.core()?.store, &account_ids, &product_ids)?)
}

#[tauri::command(async)]
pub fn pool_apply(
    state: tauri::State<'_, AppState>,
    account_ids: Vec<String>,
    product_ids: Vec<String>,
) -> Result<Vec<String>, IpcError> {
    let core = state.core()?;
    queued(
        core,
        pool::apply(&core.store, core.secrets.as_ref(), &account_ids, &product_ids),
    )
}
