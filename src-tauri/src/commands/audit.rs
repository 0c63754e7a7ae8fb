use mdesk_core::{audit, notices, settings};
use mdesk_ipc::{cmd, ExportFormat};

use super::{save, Reply};
use crate::state::AppState;

#[tauri::command(async)]
pub fn audit_trail(state: tauri::State<'_, AppState>, args: cmd::GetAuditTrail) -> Reply<cmd::GetAuditTrail> {
    let core = state.core()?;
    let lang = settings::language(&core.store)?;
    Ok(audit::query(&core.store, &args.filter, &lang)?)
}

#[tauri::command(async)]
pub fn audit_staff(state: tauri::State<'_, AppState>, args: cmd::ListAuditStaff) -> Reply<cmd::ListAuditStaff> {
    let cmd::ListAuditStaff {} = args;
    Ok(audit::staff_names(&state.core()?.store)?)
}

#[tauri::command(async)]
pub fn export_audit(
    app: tauri::AppHandle,
    state: tauri::State<'_, AppState>,
    args: cmd::ExportAudit,
) -> Reply<cmd::ExportAudit> {
    let core = state.core()?;
    let lang = settings::language(&core.store)?;
    let rows = audit::query(&core.store, &args.filter, &lang)?;
    let Some(path) = save::ask(&app, &core.store, "audit-trail", args.format)? else {
        return Ok(None);
    };
    let done = match args.format {
        ExportFormat::Xlsx => audit::export_xlsx(&rows, &lang, &path),
        ExportFormat::Csv => audit::export_csv(&rows, &lang, &path),
    }?;
    save::saved(&state, &path);
    Ok(Some(done))
}

#[tauri::command(async)]
pub fn list_notices(state: tauri::State<'_, AppState>, args: cmd::ListNotices) -> Reply<cmd::ListNotices> {
    let cmd::ListNotices {} = args;
    Ok(notices::list(&state.core()?.store, 200)?)
}

#[tauri::command(async)]
pub fn unread_notices(
    state: tauri::State<'_, AppState>,
    args: cmd::CountUnreadNotices,
) -> Reply<cmd::CountUnreadNotices> {
    let cmd::CountUnreadNotices {} = args;
    Ok(notices::unread(&state.core()?.store)?)
}

#[tauri::command(async)]
pub fn mark_notices_read(state: tauri::State<'_, AppState>, args: cmd::MarkNoticesRead) -> Reply<cmd::MarkNoticesRead> {
    let cmd::MarkNoticesRead {} = args;
    Ok(notices::mark_all_read(&state.core()?.store)?)
}

#[tauri::command(async)]
pub fn dismiss_recovery(state: tauri::State<'_, AppState>, args: cmd::DismissRecovery) -> Reply<cmd::DismissRecovery> {
    let cmd::DismissRecovery {} = args;
    Ok(notices::dismiss_recovery(&state.core()?.store)?)
}
