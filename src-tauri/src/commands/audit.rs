use std::path::PathBuf;

use mdesk_core::{audit, notices, settings};
use mdesk_ipc::{AuditFilter, AuditView, ExportDone, IpcError, Notice};
use tauri::Manager;

use crate::state::AppState;

#[tauri::command(async)]
pub fn audit_trail(state: tauri::State<'_, AppState>, filter: Option<AuditFilter>) -> Result<Vec<AuditView>, IpcError> {
    let core = state.core()?;
    let lang = settings::load(&core.store)?.language;
    Ok(audit::query(&core.store, &filter.unwrap_or_default(), &lang)?)
}

#[tauri::command(async)]
pub fn audit_staff(state: tauri::State<'_, AppState>) -> Result<Vec<String>, IpcError> {
    Ok(audit::staff_names(&state.core()?.store)?)
}

/// Exports go to the Downloads folder (or `MDESK_EXPORT_DIR`), named so nothing is overwritten.
fn export_dir(app: &tauri::AppHandle) -> PathBuf {
    std::env::var_os("MDESK_EXPORT_DIR")
        .map(PathBuf::from)
        .or_else(|| app.path().download_dir().ok())
        .unwrap_or_else(std::env::temp_dir)
}

#[tauri::command(async)]
pub fn export_audit(
    app: tauri::AppHandle,
    state: tauri::State<'_, AppState>,
    filter: Option<AuditFilter>,
    format: String,
) -> Result<ExportDone, IpcError> {
    let core = state.core()?;
    let lang = settings::load(&core.store)?.language;
    let rows = audit::query(&core.store, &filter.unwrap_or_default(), &lang)?;
    let dir = export_dir(&app);
    std::fs::create_dir_all(&dir).map_err(mdesk_core::CoreError::from)?;
    let done = match format.as_str() {
        "xlsx" => audit::export_xlsx(&rows, &lang, &audit::export_path(&dir, "xlsx")),
        _ => audit::export_csv(&rows, &lang, &audit::export_path(&dir, "csv")),
    }?;
    Ok(done)
}

#[tauri::command(async)]
pub fn list_notices(state: tauri::State<'_, AppState>) -> Result<Vec<Notice>, IpcError> {
    Ok(notices::list(&state.core()?.store, 200)?)
}

#[tauri::command(async)]
pub fn unread_notices(state: tauri::State<'_, AppState>) -> Result<u32, IpcError> {
    Ok(notices::unread(&state.core()?.store)?)
}

#[tauri::command(async)]
pub fn mark_notices_read(state: tauri::State<'_, AppState>) -> Result<(), IpcError> {
    Ok(notices::mark_all_read(&state.core()?.store)?)
}
