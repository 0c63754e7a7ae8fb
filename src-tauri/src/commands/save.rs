//! Where an export goes: the system's save dialog, opened in the folder of the last export
//! (Downloads the first time) with a name that overwrites nothing. The folder is remembered,
//! and only files saved this way can be shown in the file manager.

use std::path::{Path, PathBuf};

use mdesk_core::{export, settings, CoreError, Store};
use mdesk_ipc::{ExportFormat, IpcError};
use tauri::Manager;

use crate::state::AppState;

/// Asks where to save; `None` when the user cancels.
///
/// End-to-end tests cannot drive a native dialog: when `MDESK_EXPORT_DIR` is set, the answer
/// is the suggested name in that folder, as if the user had chosen it and pressed Save.
pub fn ask(
    app: &tauri::AppHandle,
    store: &Store,
    stem: &str,
    format: ExportFormat,
) -> Result<Option<PathBuf>, IpcError> {
    let chosen = match std::env::var_os("MDESK_EXPORT_DIR") {
        Some(dir) => {
            let dir = PathBuf::from(dir);
            std::fs::create_dir_all(&dir).map_err(CoreError::from)?;
            Some(export::path(&dir, stem, format))
        }
        None => dialog(app, store, stem, format)?,
    };
    let Some(path) = chosen else {
        return Ok(None);
    };
    let path = export::with_extension(&path, format);
    settings::remember_export_folder(store, &path)?;
    Ok(Some(path))
}

fn dialog(
    app: &tauri::AppHandle,
    store: &Store,
    stem: &str,
    format: ExportFormat,
) -> Result<Option<PathBuf>, IpcError> {
    use tauri_plugin_dialog::DialogExt;
    let folder = settings::export_folder(store)?
        .or_else(|| app.path().download_dir().ok().filter(|d| d.is_dir()))
        .unwrap_or_else(std::env::temp_dir);
    let suggested = export::path(&folder, stem, format);
    let name = suggested.file_name().unwrap_or_default().to_string_lossy().into_owned();
    let lang = settings::language(store)?;
    let label = mdesk_ipc::i18n::translate(&lang, &format!("export-dialog-{}", format.as_str()), &[]);
    let chosen = app
        .dialog()
        .file()
        .set_directory(&folder)
        .set_file_name(name)
        .add_filter(label, &[format.as_str()])
        .blocking_save_file();
    Ok(chosen.and_then(|p| p.into_path().ok()))
}

/// Remembers a file the user saved, so "show in folder" may reveal it.
pub fn saved(state: &AppState, path: &Path) {
    state.exported().push(path.to_owned());
}

/// Whether `path` is a file this run of the app exported and that still exists.
pub fn is_export(state: &AppState, path: &Path) -> bool {
    state.exported().iter().any(|p| p == path) && path.is_file()
}
