//! The team (Settings → Team) and the Reviews screen: one core call each.

use mdesk_core::{settings, team, CoreResult};
use mdesk_ipc::{cmd, BatchAnswer, IpcError};

use super::{queued, Reply};
use crate::state::AppState;

/// Each submission's answer, as the UI shows it.
fn answers(ids: &[String], answers: Vec<CoreResult<String>>, dry_run: bool) -> Vec<BatchAnswer> {
    ids.iter()
        .zip(answers)
        .map(|(id, a)| match a {
            Ok(action) => BatchAnswer {
                id: id.clone(),
                action_id: (!dry_run).then_some(action),
                refusal: None,
            },
            Err(e) => BatchAnswer {
                id: id.clone(),
                action_id: None,
                refusal: Some(IpcError::from(e)),
            },
        })
        .collect()
}

#[tauri::command(async)]
pub fn team_view(state: tauri::State<'_, AppState>, args: cmd::GetTeam) -> Reply<cmd::GetTeam> {
    let cmd::GetTeam {} = args;
    Ok(team::view(&state.core()?.store)?)
}

#[tauri::command(async)]
pub fn add_staff(state: tauri::State<'_, AppState>, args: cmd::AddStaff) -> Reply<cmd::AddStaff> {
    let core = state.core()?;
    let by = settings::staff_name(&core.store)?;
    queued(
        core,
        team::add_staff(
            &core.store,
            core.secrets.as_ref(),
            &by,
            &args.name,
            args.display_name.as_deref(),
            args.role,
            &args.password,
        ),
    )
}

#[tauri::command(async)]
pub fn set_staff_role(state: tauri::State<'_, AppState>, args: cmd::SetStaffRole) -> Reply<cmd::SetStaffRole> {
    let core = state.core()?;
    let by = settings::staff_name(&core.store)?;
    queued(core, team::set_role(&core.store, &by, &args.login, args.role))
}

#[tauri::command(async)]
pub fn reset_staff_password(
    state: tauri::State<'_, AppState>,
    args: cmd::ResetStaffPassword,
) -> Reply<cmd::ResetStaffPassword> {
    let core = state.core()?;
    let by = settings::staff_name(&core.store)?;
    queued(
        core,
        team::reset_password(&core.store, core.secrets.as_ref(), &by, &args.login, &args.password),
    )
}

#[tauri::command(async)]
pub fn set_staff_disabled(
    state: tauri::State<'_, AppState>,
    args: cmd::SetStaffDisabled,
) -> Reply<cmd::SetStaffDisabled> {
    let core = state.core()?;
    let by = settings::staff_name(&core.store)?;
    queued(core, team::set_disabled(&core.store, &by, &args.login, args.disabled))
}

#[tauri::command(async)]
pub fn set_approval(state: tauri::State<'_, AppState>, args: cmd::SetApproval) -> Reply<cmd::SetApproval> {
    let core = state.core()?;
    let by = settings::staff_name(&core.store)?;
    queued(core, team::set_approval(&core.store, &by, args.required))
}

#[tauri::command(async)]
pub fn list_reviews(state: tauri::State<'_, AppState>, args: cmd::ListReviews) -> Reply<cmd::ListReviews> {
    Ok(team::reviews(&state.core()?.store, &args.query)?)
}

#[tauri::command(async)]
pub fn submission_detail(state: tauri::State<'_, AppState>, args: cmd::GetSubmission) -> Reply<cmd::GetSubmission> {
    Ok(team::submission(&state.core()?.store, &args.id)?)
}

#[tauri::command(async)]
pub fn approve_submissions(
    state: tauri::State<'_, AppState>,
    args: cmd::ApproveSubmissions,
) -> Reply<cmd::ApproveSubmissions> {
    let core = state.core()?;
    let by = settings::staff_name(&core.store)?;
    let result = team::approve(&core.store, &by, &args.ids, args.dry_run).map(|a| answers(&args.ids, a, args.dry_run));
    if args.dry_run {
        return Ok(result?);
    }
    queued(core, result)
}

#[tauri::command(async)]
pub fn return_submissions(
    state: tauri::State<'_, AppState>,
    args: cmd::ReturnSubmissions,
) -> Reply<cmd::ReturnSubmissions> {
    let core = state.core()?;
    let by = settings::staff_name(&core.store)?;
    let result = team::send_back(&core.store, &by, &args.ids, &args.reason, args.dry_run)
        .map(|a| answers(&args.ids, a, args.dry_run));
    if args.dry_run {
        return Ok(result?);
    }
    queued(core, result)
}

#[tauri::command(async)]
pub fn withdraw_submission(
    state: tauri::State<'_, AppState>,
    args: cmd::WithdrawSubmission,
) -> Reply<cmd::WithdrawSubmission> {
    let core = state.core()?;
    let by = settings::staff_name(&core.store)?;
    queued(core, team::withdraw(&core.store, &by, &args.id))
}

#[tauri::command(async)]
pub fn revise_submission(
    state: tauri::State<'_, AppState>,
    args: cmd::ReviseSubmission,
) -> Reply<cmd::ReviseSubmission> {
    let core = state.core()?;
    let by = settings::staff_name(&core.store)?;
    queued(
        core,
        mdesk_core::publish::revise(&core.store, &by, &args.id, &args.draft),
    )
}
