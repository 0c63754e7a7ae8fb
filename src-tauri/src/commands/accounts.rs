use mdesk_core::{accounts, matrix, pool};
use mdesk_ipc::cmd;

use super::{queued, Reply};
use crate::state::AppState;

#[tauri::command(async)]
pub fn list_accounts(state: tauri::State<'_, AppState>, args: cmd::ListAccounts) -> Reply<cmd::ListAccounts> {
    Ok(accounts::list_filtered(&state.core()?.store, &args.filter)?)
}

#[tauri::command(async)]
pub fn accounts_page(state: tauri::State<'_, AppState>, args: cmd::GetAccountsPage) -> Reply<cmd::GetAccountsPage> {
    Ok(accounts::page(&state.core()?.store, &args.filter, args.limit as usize)?)
}

#[tauri::command(async)]
pub fn account_groups(
    state: tauri::State<'_, AppState>,
    args: cmd::ListAccountGroups,
) -> Reply<cmd::ListAccountGroups> {
    let cmd::ListAccountGroups {} = args;
    Ok(accounts::groups(&state.core()?.store)?)
}

#[tauri::command(async)]
pub fn account_detail(state: tauri::State<'_, AppState>, args: cmd::GetAccountDetail) -> Reply<cmd::GetAccountDetail> {
    Ok(accounts::detail(&state.core()?.store, &args.account_id)?)
}

#[tauri::command(async)]
pub fn set_account_group(state: tauri::State<'_, AppState>, args: cmd::SetAccountGroup) -> Reply<cmd::SetAccountGroup> {
    Ok(accounts::set_group(
        &state.core()?.store,
        &args.account_id,
        &args.group,
    )?)
}

#[tauri::command(async)]
pub fn set_account_tag(state: tauri::State<'_, AppState>, args: cmd::SetAccountTag) -> Reply<cmd::SetAccountTag> {
    let core = state.core()?;
    queued(
        core,
        matrix::set_tag(&core.store, core.secrets.as_ref(), &args.account_id, args.tag),
    )
}

#[tauri::command(async)]
pub fn request_grant(state: tauri::State<'_, AppState>, args: cmd::RequestGrant) -> Reply<cmd::RequestGrant> {
    let core = state.core()?;
    queued(
        core,
        matrix::request_grant(&core.store, core.secrets.as_ref(), &args.account_id, args.scope),
    )
}

#[tauri::command(async)]
pub fn revoke_grant(state: tauri::State<'_, AppState>, args: cmd::RevokeGrant) -> Reply<cmd::RevokeGrant> {
    let core = state.core()?;
    queued(
        core,
        matrix::revoke_grant(&core.store, core.secrets.as_ref(), &args.account_id, args.scope),
    )
}

#[tauri::command(async)]
pub fn set_shop_card(state: tauri::State<'_, AppState>, args: cmd::SetShopCard) -> Reply<cmd::SetShopCard> {
    let core = state.core()?;
    queued(
        core,
        matrix::set_shop_card(&core.store, core.secrets.as_ref(), &args.account_id, args.enabled),
    )
}

#[tauri::command(async)]
pub fn unbind_preview(state: tauri::State<'_, AppState>, args: cmd::GetUnbindPreview) -> Reply<cmd::GetUnbindPreview> {
    Ok(accounts::unbind_preview(&state.core()?.store, &args.account_id)?)
}

#[tauri::command(async)]
pub fn unbind(state: tauri::State<'_, AppState>, args: cmd::Unbind) -> Reply<cmd::Unbind> {
    let core = state.core()?;
    queued(
        core,
        matrix::unbind(&core.store, core.secrets.as_ref(), &args.account_id),
    )
}

#[tauri::command(async)]
pub fn set_pool(state: tauri::State<'_, AppState>, args: cmd::SetPool) -> Reply<cmd::SetPool> {
    let core = state.core()?;
    queued(
        core,
        pool::set(&core.store, core.secrets.as_ref(), &args.account_id, &args.product_ids),
    )
}

#[tauri::command(async)]
pub fn list_products(state: tauri::State<'_, AppState>, args: cmd::ListProducts) -> Reply<cmd::ListProducts> {
    let cmd::ListProducts {} = args;
    Ok(pool::products(&state.core()?.store)?)
}

#[tauri::command(async)]
pub fn pool_plan(state: tauri::State<'_, AppState>, args: cmd::PlanPool) -> Reply<cmd::PlanPool> {
    Ok(pool::plan(&state.core()?.store, &args.account_ids, &args.product_ids)?)
}

#[tauri::command(async)]
pub fn pool_apply(state: tauri::State<'_, AppState>, args: cmd::ApplyPool) -> Reply<cmd::ApplyPool> {
    let core = state.core()?;
    queued(
        core,
        pool::apply(&core.store, core.secrets.as_ref(), &args.account_ids, &args.product_ids),
    )
}
