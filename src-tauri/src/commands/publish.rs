//! The composer and changes to works: one core call each.

use mdesk_core::{publish, settings, work_changes};
use mdesk_ipc::{cmd, MediaKind};
use mdesk_platform_api::rules::MEDIA_TYPES;

use super::{queued, Reply};
use crate::state::AppState;

/// End-to-end tests cannot drive a native dialog, so in a debug build (the one they drive)
/// `MDESK_PICK_FILES_FROM` may name a file whose lines are the chosen paths (the test writes
/// it before clicking); everything after the choice is the real path. Release builds, which
/// installers ship, have no such hook: they always ask the system's dialog.
#[cfg(debug_assertions)]
pub(crate) fn test_pick() -> Option<Vec<String>> {
    let list = std::env::var_os("MDESK_PICK_FILES_FROM")?;
    Some(
        std::fs::read_to_string(list)
            .unwrap_or_default()
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .map(str::to_owned)
            .collect(),
    )
}

#[cfg(not(debug_assertions))]
pub(crate) fn test_pick() -> Option<Vec<String>> {
    None
}

/// The system's open-file dialog.
fn pick(app: &tauri::AppHandle, kind: MediaKind, multiple: bool) -> Vec<String> {
    use tauri_plugin_dialog::DialogExt;
    if let Some(picked) = test_pick() {
        return picked;
    }
    let extensions: Vec<&str> = MEDIA_TYPES
        .iter()
        .filter(|(_, _, k)| *k == kind)
        .map(|(e, _, _)| *e)
        .collect();
    let name = match kind {
        MediaKind::Video => "Video",
        MediaKind::Image => "Image",
    };
    let dialog = app.dialog().file().add_filter(name, &extensions);
    let chosen = if multiple {
        dialog.blocking_pick_files().unwrap_or_default()
    } else {
        dialog.blocking_pick_file().into_iter().collect()
    };
    chosen
        .into_iter()
        .filter_map(|p| p.into_path().ok())
        .map(|p| p.display().to_string())
        .collect()
}

#[tauri::command(async)]
pub fn pick_media(app: tauri::AppHandle, args: cmd::PickMedia) -> Reply<cmd::PickMedia> {
    Ok(pick(&app, args.kind, args.multiple))
}

#[tauri::command(async)]
pub fn inspect_media(state: tauri::State<'_, AppState>, args: cmd::InspectMedia) -> Reply<cmd::InspectMedia> {
    Ok(publish::inspect_files(&state.core()?.store, &args.paths))
}

/// A dry run writes nothing, so it does not need the staff name yet; confirming does.
fn staff_for_dry_run(store: &mdesk_core::Store) -> String {
    settings::staff_name(store).unwrap_or_else(|_| "-".to_owned())
}

#[tauri::command(async)]
pub fn plan_publish(state: tauri::State<'_, AppState>, args: cmd::PlanPublish) -> Reply<cmd::PlanPublish> {
    let store = &state.core()?.store;
    Ok(publish::plan(store, &staff_for_dry_run(store), &args.draft)?)
}

#[tauri::command(async)]
pub fn publish(state: tauri::State<'_, AppState>, args: cmd::Publish) -> Reply<cmd::Publish> {
    let core = state.core()?;
    let staff = settings::staff_name(&core.store)?;
    queued(
        core,
        publish::queue(&core.store, &staff, &args.draft, args.draft_id.as_deref()),
    )
}

#[tauri::command(async)]
pub fn save_draft(state: tauri::State<'_, AppState>, args: cmd::SaveDraft) -> Reply<cmd::SaveDraft> {
    Ok(publish::drafts::save(
        &state.core()?.store,
        args.id.as_deref(),
        &args.draft,
    )?)
}

#[tauri::command(async)]
pub fn list_drafts(state: tauri::State<'_, AppState>, args: cmd::ListDrafts) -> Reply<cmd::ListDrafts> {
    let cmd::ListDrafts {} = args;
    Ok(publish::drafts::list(&state.core()?.store)?)
}

#[tauri::command(async)]
pub fn delete_draft(state: tauri::State<'_, AppState>, args: cmd::DeleteDraft) -> Reply<cmd::DeleteDraft> {
    Ok(publish::drafts::delete(&state.core()?.store, &args.id)?)
}

#[tauri::command(async)]
pub fn list_uploads(state: tauri::State<'_, AppState>, args: cmd::ListUploads) -> Reply<cmd::ListUploads> {
    let cmd::ListUploads {} = args;
    Ok(mdesk_core::outbox::media::uploads(&state.core()?.store)?)
}

#[tauri::command(async)]
pub fn plan_work_change(state: tauri::State<'_, AppState>, args: cmd::PlanWorkChange) -> Reply<cmd::PlanWorkChange> {
    let store = &state.core()?.store;
    Ok(work_changes::apply(
        store,
        &staff_for_dry_run(store),
        args.change,
        &args.work_ids,
        true,
    )?)
}

#[tauri::command(async)]
pub fn apply_work_change(state: tauri::State<'_, AppState>, args: cmd::ApplyWorkChange) -> Reply<cmd::ApplyWorkChange> {
    let core = state.core()?;
    let staff = settings::staff_name(&core.store)?;
    queued(
        core,
        work_changes::apply(&core.store, &staff, args.change, &args.work_ids, false),
    )
}

#[tauri::command(async)]
pub fn edit_work(state: tauri::State<'_, AppState>, args: cmd::EditWork) -> Reply<cmd::EditWork> {
    let core = state.core()?;
    let staff = settings::staff_name(&core.store)?;
    queued(core, work_changes::edit(&core.store, &staff, &args.work_id, &args.form))
}
