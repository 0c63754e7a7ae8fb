//! Publishing safely: the content check and the merchant's own words, the material library,
//! account health. One core call each.

use mdesk_core::content::{self, words};
use mdesk_core::{health, materials, settings};
use mdesk_ipc::{cmd, ExportFormat};

use super::publish::test_pick;
use super::{save, Reply};
use crate::state::AppState;

/// How many files the Materials screen lists at most (newest first; search finds the rest).
const MATERIALS_SHOWN: usize = 300;

#[tauri::command(async)]
pub fn check_content(state: tauri::State<'_, AppState>, args: cmd::CheckContent) -> Reply<cmd::CheckContent> {
    Ok(content::check(&state.core()?.store, &args.text, &args.account_ids)?)
}

#[tauri::command(async)]
pub fn word_list(state: tauri::State<'_, AppState>, args: cmd::GetWordList) -> Reply<cmd::GetWordList> {
    let cmd::GetWordList {} = args;
    Ok(words::summary(&state.core()?.store)?)
}

#[tauri::command(async)]
pub fn add_word(state: tauri::State<'_, AppState>, args: cmd::AddWord) -> Reply<cmd::AddWord> {
    Ok(words::add(&state.core()?.store, &args.word)?)
}

#[tauri::command(async)]
pub fn remove_word(state: tauri::State<'_, AppState>, args: cmd::RemoveWord) -> Reply<cmd::RemoveWord> {
    Ok(words::remove(&state.core()?.store, args.id)?)
}

/// The system's open-file dialog for a CSV (end-to-end tests name the file instead, as for
/// the composer's files).
fn pick_csv(app: &tauri::AppHandle) -> Option<std::path::PathBuf> {
    use tauri_plugin_dialog::DialogExt;
    if let Some(picked) = test_pick() {
        return picked.into_iter().next().map(std::path::PathBuf::from);
    }
    app.dialog()
        .file()
        .add_filter("CSV", &["csv", "txt"])
        .blocking_pick_file()
        .and_then(|p| p.into_path().ok())
}

#[tauri::command(async)]
pub fn import_words(
    app: tauri::AppHandle,
    state: tauri::State<'_, AppState>,
    args: cmd::ImportWords,
) -> Reply<cmd::ImportWords> {
    let cmd::ImportWords {} = args;
    let store = &state.core()?.store;
    let Some(path) = pick_csv(&app) else {
        return Ok(None);
    };
    Ok(Some(words::import_csv(store, &path)?))
}

#[tauri::command(async)]
pub fn export_words(
    app: tauri::AppHandle,
    state: tauri::State<'_, AppState>,
    args: cmd::ExportWords,
) -> Reply<cmd::ExportWords> {
    let cmd::ExportWords {} = args;
    let store = &state.core()?.store;
    let Some(path) = save::ask(&app, store, "content-words", ExportFormat::Csv)? else {
        return Ok(None);
    };
    let rows = words::export_csv(store, &settings::language(store)?, &path)?;
    save::saved(&state, &path);
    Ok(Some(mdesk_ipc::ExportDone {
        path: path.display().to_string(),
        rows: rows as u32,
    }))
}

#[tauri::command(async)]
pub fn list_materials(state: tauri::State<'_, AppState>, args: cmd::ListMaterials) -> Reply<cmd::ListMaterials> {
    Ok(materials::library(&state.core()?.store, &args.query, MATERIALS_SHOWN)?)
}

#[tauri::command(async)]
pub fn account_health(state: tauri::State<'_, AppState>, args: cmd::GetAccountHealth) -> Reply<cmd::GetAccountHealth> {
    let cmd::GetAccountHealth {} = args;
    Ok(health::report(&state.core()?.store)?)
}

#[tauri::command(async)]
pub fn accounts_needing_attention(
    state: tauri::State<'_, AppState>,
    args: cmd::CountAccountsNeedingAttention,
) -> Reply<cmd::CountAccountsNeedingAttention> {
    let cmd::CountAccountsNeedingAttention {} = args;
    Ok(health::report(&state.core()?.store)?.len() as u32)
}
