//! The data side: works pages, work detail, the dashboard, their exports.

use std::path::{Path, PathBuf};

use mdesk_core::{dashboard, settings, works, CoreError, Store};
use mdesk_ipc::{cmd, ExportDone, ExportFormat, ExportProgress, IpcError, EXPORT_PROGRESS_EVENT};
use tauri::Emitter;

use super::{save, Reply};
use crate::state::AppState;

#[tauri::command(async)]
pub fn list_works(state: tauri::State<'_, AppState>, args: cmd::ListWorks) -> Reply<cmd::ListWorks> {
    Ok(works::list(&state.core()?.store, &args.query)?)
}

#[tauri::command(async)]
pub fn count_works(state: tauri::State<'_, AppState>, args: cmd::CountWorks) -> Reply<cmd::CountWorks> {
    Ok(works::count(&state.core()?.store, &args.query)?)
}

#[tauri::command(async)]
pub fn works_view(state: tauri::State<'_, AppState>, args: cmd::GetWorksView) -> Reply<cmd::GetWorksView> {
    let cmd::GetWorksView {} = args;
    Ok(works::view(&state.core()?.store)?)
}

#[tauri::command(async)]
pub fn save_works_view(state: tauri::State<'_, AppState>, args: cmd::SaveWorksView) -> Reply<cmd::SaveWorksView> {
    Ok(works::save_view(&state.core()?.store, &args.query)?)
}

#[tauri::command(async)]
pub fn work_detail(state: tauri::State<'_, AppState>, args: cmd::GetWorkDetail) -> Reply<cmd::GetWorkDetail> {
    Ok(works::detail(&state.core()?.store, &args.work_id, &args.period)?)
}

#[tauri::command(async)]
pub fn dashboard(state: tauri::State<'_, AppState>, args: cmd::GetDashboard) -> Reply<cmd::GetDashboard> {
    Ok(dashboard::dashboard(&state.core()?.store, &args.query)?)
}

/// Sends an export's progress to the window.
fn progress(app: &tauri::AppHandle) -> impl FnMut(ExportProgress) + '_ {
    move |p| {
        if let Err(e) = app.emit(EXPORT_PROGRESS_EVENT, p) {
            tracing::warn!(error = %e, "export progress not sent");
        }
    }
}

/// The core's export `write` into a new file named after `stem`, in the UI's language, with
/// progress sent to the window.
type Writer<'a> =
    dyn FnOnce(&Store, &str, &Path, &mut dyn FnMut(ExportProgress)) -> mdesk_core::CoreResult<ExportDone> + 'a;

fn export(
    app: &tauri::AppHandle,
    state: &AppState,
    stem: &str,
    format: ExportFormat,
    write: Box<Writer<'_>>,
) -> Result<Option<ExportDone>, IpcError> {
    let core = state.core()?;
    let lang = settings::language(&core.store)?;
    let Some(path) = save::ask(app, &core.store, stem, format)? else {
        return Ok(None);
    };
    let done = write(&core.store, &lang, &path, &mut progress(app))?;
    save::saved(state, &path);
    Ok(Some(done))
}

#[tauri::command(async)]
pub fn export_works(
    app: tauri::AppHandle,
    state: tauri::State<'_, AppState>,
    args: cmd::ExportWorks,
) -> Reply<cmd::ExportWorks> {
    let format = args.format;
    export(
        &app,
        &state,
        "works",
        format,
        Box::new(move |store, lang, path, progress| {
            works::export::export(store, &args.query, format, lang, path, progress)
        }),
    )
}

#[tauri::command(async)]
pub fn export_dashboard(
    app: tauri::AppHandle,
    state: tauri::State<'_, AppState>,
    args: cmd::ExportDashboard,
) -> Reply<cmd::ExportDashboard> {
    let format = args.format;
    export(
        &app,
        &state,
        "dashboard",
        format,
        Box::new(move |store, lang, path, progress| {
            dashboard::export(store, &args.query, format, lang, path, progress)
        }),
    )
}

/// Opens the file manager at a file the app exported (and nothing else).
#[tauri::command(async)]
pub fn show_in_folder(state: tauri::State<'_, AppState>, args: cmd::ShowInFolder) -> Reply<cmd::ShowInFolder> {
    let path = PathBuf::from(&args.path);
    if !save::is_export(&state, &path) {
        return Err(IpcError::from(CoreError::InvalidInput(format!(
            "{} is not an export of this app",
            args.path
        ))));
    }
    tauri_plugin_opener::reveal_item_in_dir(&path)
        .map_err(|e| IpcError::from(CoreError::Io(std::io::Error::other(e.to_string()))))
}
