//! Four-eyes approval: an operator's submissions, their revisions, and a second person's
//! approval (which publishes each target exactly once, in the approval's transaction) or return.

use std::sync::Arc;

use axum::extract::{Path, Query, State};
use axum::response::Response;
use axum::Json;
use chrono::{DateTime, Utc};
use mdesk_platform_api::{
    Approval, ErrorCode, NewSubmission, Proposal, ReturnRequest, Submission, SubmissionResult, SubmissionState,
    SubmissionsPage, MAX_RETURN_REASON_CHARS,
};
use rusqlite::{params, Connection};
use serde::Deserialize;

use super::works::{apply_edit, check_edit, check_new_work, insert_work};
use super::{page_limit, Body, Merchant};
use crate::db::{new_id, touch, ts};
use crate::error::{SimError, SimResult};
use crate::guard::{account_of, work_of};
use crate::idem::{mutate, Applied, IdempotencyKey};
use crate::server::Sim;
use crate::team_rows;

#[derive(Deserialize)]
pub(crate) struct SubmissionsQuery {
    state: Option<String>,
    cursor: Option<String>,
    limit: Option<u32>,
}

pub(crate) async fn list(
    State(sim): State<Arc<Sim>>,
    merchant: Merchant,
    Query(q): Query<SubmissionsQuery>,
) -> SimResult<Json<SubmissionsPage>> {
    merchant.require_whitelist()?;
    let limit = page_limit(q.limit, 100);
    let state: Option<SubmissionState> = match q.state.as_deref() {
        None | Some("") => None,
        Some(s) => Some(
            s.parse()
                .map_err(|e: mdesk_platform_api::UnknownName| SimError::api(ErrorCode::Validation, e.to_string()))?,
        ),
    };
    sim.with_db(|conn| {
        let ids: Vec<String> = conn
            .prepare_cached(
                "SELECT id FROM submission WHERE merchant_id = ?1 AND (?2 IS NULL OR state = ?2) \
                 AND (?3 IS NULL OR id > ?3) ORDER BY id LIMIT ?4",
            )?
            .query_map(params![merchant.id, state, q.cursor, limit], |r| r.get(0))?
            .collect::<Result<_, _>>()?;
        let mut submissions = Vec::with_capacity(ids.len());
        for id in &ids {
            submissions.extend(team_rows::submission(conn, id)?);
        }
        let next_cursor = (ids.len() == limit as usize).then(|| ids.last().cloned()).flatten();
        Ok(Json(SubmissionsPage {
            submissions,
            next_cursor,
        }))
    })
}

fn json(value: &impl serde::Serialize) -> SimResult<String> {
    serde_json::to_string(value).map_err(|e| SimError::Corrupt(e.to_string()))
}

/// What a proposal must pass when it is submitted: its content's rules and that it names the
/// merchant's own accounts, uploads and works. Grants and pools are the approval's business.
fn check_proposal(conn: &Connection, merchant: &Merchant, proposal: &Proposal, now: DateTime<Utc>) -> SimResult<()> {
    match proposal {
        Proposal::Publish { account_ids, work } => {
            if account_ids.is_empty() {
                return Err(SimError::api(
                    ErrorCode::Validation,
                    "a submission names at least one account",
                ));
            }
            for id in account_ids {
                account_of(conn, &merchant.id, id)?.require_bound()?;
            }
            check_new_work(conn, &merchant.id, work, now)
        }
        Proposal::Edit { work_id, edit } => {
            work_of(conn, &merchant.id, work_id)?;
            check_edit(edit)
        }
    }
}

fn load(conn: &Connection, merchant: &Merchant, id: &str) -> SimResult<Submission> {
    let found = team_rows::submission(conn, id)?;
    let merchant_of: Option<String> = conn
        .prepare_cached("SELECT merchant_id FROM submission WHERE id = ?1")?
        .query_row([id], |r| r.get(0))
        .ok();
    match found {
        Some(s) if merchant_of.as_deref() == Some(merchant.id.as_str()) => Ok(s),
        _ => Err(SimError::api(ErrorCode::NotFound, format!("no submission {id}"))),
    }
}

fn forbidden(message: &str) -> SimError {
    SimError::api(ErrorCode::RoleForbidden, message)
}

fn conflict(message: String) -> SimError {
    SimError::api(ErrorCode::Conflict, message)
}

pub(crate) async fn create(
    State(sim): State<Arc<Sim>>,
    merchant: Merchant,
    key: IdempotencyKey,
    Body(req): Body<NewSubmission>,
) -> SimResult<Response> {
    merchant.require_whitelist()?;
    mutate(&sim, &merchant, &key, "POST", "/v1/submissions", |conn, now| {
        check_proposal(conn, &merchant, &req.proposal, now)?;
        let id = new_id("sub");
        conn.prepare_cached(
            "INSERT INTO submission (id, merchant_id, version, state, proposal, submitted_by, submitted_at, updated_at) \
             VALUES (?1, ?2, 1, ?3, ?4, ?5, ?6, ?6)",
        )?
        .execute(params![
            id,
            merchant.id,
            SubmissionState::Pending,
            json(&req.proposal)?,
            json(&merchant.actor())?,
            ts(now)
        ])?;
        touch(conn, &merchant.id, "submission", &id)?;
        Ok(Applied::created(load(conn, &merchant, &id)?))
    })
}

/// The submitter's own submission, still open (pending or returned).
fn open_own(conn: &Connection, merchant: &Merchant, id: &str, doing: &str) -> SimResult<Submission> {
    let s = load(conn, merchant, id)?;
    if s.submitted_by.login != merchant.login {
        return Err(forbidden(&format!(
            "only {} who submitted it may {doing} it",
            s.submitted_by.name
        )));
    }
    if !matches!(s.state, SubmissionState::Pending | SubmissionState::Returned) {
        return Err(conflict(format!(
            "the submission is {} and can no longer change",
            s.state
        )));
    }
    Ok(s)
}

pub(crate) async fn revise(
    State(sim): State<Arc<Sim>>,
    merchant: Merchant,
    key: IdempotencyKey,
    Path(id): Path<String>,
    Body(req): Body<NewSubmission>,
) -> SimResult<Response> {
    merchant.require_whitelist()?;
    let path = format!("/v1/submissions/{id}");
    mutate(&sim, &merchant, &key, "PUT", &path, |conn, now| {
        let s = open_own(conn, &merchant, &id, "revise")?;
        check_proposal(conn, &merchant, &req.proposal, now)?;
        conn.prepare_cached(
            "UPDATE submission SET version = version + 1, state = ?1, previous = proposal, proposal = ?2, \
             reason = NULL, reviewed_by = NULL, reviewed_at = NULL, updated_at = ?3 WHERE id = ?4",
        )?
        .execute(params![SubmissionState::Pending, json(&req.proposal)?, ts(now), s.id])?;
        touch(conn, &merchant.id, "submission", &id)?;
        Ok(Applied::ok(load(conn, &merchant, &id)?))
    })
}

pub(crate) async fn withdraw(
    State(sim): State<Arc<Sim>>,
    merchant: Merchant,
    key: IdempotencyKey,
    Path(id): Path<String>,
) -> SimResult<Response> {
    merchant.require_whitelist()?;
    let path = format!("/v1/submissions/{id}/withdraw");
    mutate(&sim, &merchant, &key, "POST", &path, |conn, now| {
        open_own(conn, &merchant, &id, "withdraw")?;
        conn.prepare_cached("UPDATE submission SET state = ?1, updated_at = ?2 WHERE id = ?3")?
            .execute(params![SubmissionState::Withdrawn, ts(now), id])?;
        touch(conn, &merchant.id, "submission", &id)?;
        Ok(Applied::ok(load(conn, &merchant, &id)?))
    })
}

/// A pending submission at `version`, reviewed by someone other than its submitter.
fn reviewable(conn: &Connection, merchant: &Merchant, id: &str, version: u32) -> SimResult<Submission> {
    let s = load(conn, merchant, id)?;
    if s.submitted_by.login == merchant.login {
        return Err(forbidden(
            "you submitted this yourself; a second person must review it (four eyes)",
        ));
    }
    if s.state != SubmissionState::Pending {
        return Err(conflict(format!(
            "the submission is {}, not waiting for review",
            s.state
        )));
    }
    if s.version != version {
        return Err(conflict(format!(
            "the submission was revised: version {} is current, you reviewed {version}",
            s.version
        )));
    }
    Ok(s)
}

/// Carries out one target inside a savepoint: the platform's refusal of one account is that
/// account's result, and leaves nothing behind; any other failure aborts the approval.
fn carry_out(
    conn: &Connection,
    account_id: String,
    act: impl FnOnce() -> SimResult<String>,
) -> SimResult<SubmissionResult> {
    conn.execute_batch("SAVEPOINT target")?;
    match act() {
        Ok(work_id) => {
            conn.execute_batch("RELEASE target")?;
            Ok(SubmissionResult {
                account_id,
                work_id: Some(work_id),
                error: None,
            })
        }
        Err(SimError::Api { code, message }) => {
            conn.execute_batch("ROLLBACK TO target; RELEASE target")?;
            Ok(SubmissionResult {
                account_id,
                work_id: None,
                error: Some(mdesk_platform_api::ApiError { code, message }),
            })
        }
        Err(other) => Err(other),
    }
}

pub(crate) async fn approve(
    State(sim): State<Arc<Sim>>,
    merchant: Merchant,
    key: IdempotencyKey,
    Path(id): Path<String>,
    Body(req): Body<Approval>,
) -> SimResult<Response> {
    merchant.require_whitelist()?;
    let path = format!("/v1/submissions/{id}/approve");
    mutate(&sim, &merchant, &key, "POST", &path, |conn, now| {
        let s = reviewable(conn, &merchant, &id, req.version)?;
        let mut results = Vec::new();
        match &s.proposal {
            Proposal::Publish { account_ids, work } => {
                for account_id in account_ids {
                    results.push(carry_out(conn, account_id.clone(), || {
                        Ok(insert_work(conn, &merchant.id, account_id, work, now)?.id)
                    })?);
                }
            }
            Proposal::Edit { work_id, edit } => {
                let (_, account) = work_of(conn, &merchant.id, work_id)?;
                results.push(carry_out(conn, account.id.clone(), || {
                    Ok(apply_edit(conn, &merchant.id, work_id, edit, now)?.id)
                })?);
            }
        }
        conn.prepare_cached(
            "UPDATE submission SET state = ?1, reviewed_by = ?2, reviewed_at = ?3, results = ?4, updated_at = ?3 \
             WHERE id = ?5",
        )?
        .execute(params![
            SubmissionState::Approved,
            json(&merchant.actor())?,
            ts(now),
            json(&results)?,
            id
        ])?;
        touch(conn, &merchant.id, "submission", &id)?;
        Ok(Applied::ok(load(conn, &merchant, &id)?))
    })
}

pub(crate) async fn send_back(
    State(sim): State<Arc<Sim>>,
    merchant: Merchant,
    key: IdempotencyKey,
    Path(id): Path<String>,
    Body(req): Body<ReturnRequest>,
) -> SimResult<Response> {
    merchant.require_whitelist()?;
    let path = format!("/v1/submissions/{id}/return");
    mutate(&sim, &merchant, &key, "POST", &path, |conn, now| {
        let reason = req.reason.trim();
        if reason.is_empty() || reason.chars().count() > MAX_RETURN_REASON_CHARS {
            return Err(SimError::api(
                ErrorCode::Validation,
                format!("a return gives its reason in 1-{MAX_RETURN_REASON_CHARS} characters"),
            ));
        }
        reviewable(conn, &merchant, &id, req.version)?;
        conn.prepare_cached(
            "UPDATE submission SET state = ?1, reviewed_by = ?2, reviewed_at = ?3, reason = ?4, updated_at = ?3 \
             WHERE id = ?5",
        )?
        .execute(params![
            SubmissionState::Returned,
            json(&merchant.actor())?,
            ts(now),
            reason,
            id
        ])?;
        touch(conn, &merchant.id, "submission", &id)?;
        Ok(Applied::ok(load(conn, &merchant, &id)?))
    })
}
