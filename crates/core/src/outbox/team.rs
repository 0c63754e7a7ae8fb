//! Local checks the team's intentions share (`kinds/`) (staff changes, submissions and their reviews),
//! against the staff and submissions as last synced and the signed-in person.

use mdesk_platform_api::{ErrorCode, Role, SubmissionState, MAX_RETURN_REASON_CHARS};
use rusqlite::{params, Connection, OptionalExtension};

use crate::error::{CoreError, CoreResult};
use crate::identity;

fn refuse(code: ErrorCode, message: impl Into<String>) -> CoreError {
    CoreError::Platform {
        code,
        message: message.into(),
        retry_after_secs: None,
    }
}

/// A submission here: (version, state, submitter's login).
fn submission(conn: &Connection, id: &str) -> CoreResult<(u32, SubmissionState, String)> {
    conn.prepare_cached("SELECT version, state, submitted_by FROM submission WHERE id = ?1")?
        .query_row([id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .optional()?
        .ok_or_else(|| refuse(ErrorCode::NotFound, format!("no submission {id} here")))
}

fn me(conn: &Connection) -> CoreResult<String> {
    Ok(identity::whoami(conn)?.map(|w| w.login).unwrap_or_default())
}

/// One's own submission, still open (pending or returned): what revising and withdrawing need.
pub fn own_open_submission(conn: &Connection, id: &str) -> CoreResult<SubmissionState> {
    let (_, state, by) = submission(conn, id)?;
    if by != me(conn)? {
        return Err(refuse(
            ErrorCode::RoleForbidden,
            "only the person who submitted it may revise or withdraw it",
        ));
    }
    if !matches!(state, SubmissionState::Pending | SubmissionState::Returned) {
        return Err(refuse(
            ErrorCode::Conflict,
            format!("the submission is {state} and can no longer change"),
        ));
    }
    Ok(state)
}

/// Someone else's pending submission at `version`: what approving and returning need.
pub fn reviewable(conn: &Connection, id: &str, version: u32) -> CoreResult<()> {
    let (current, state, by) = submission(conn, id)?;
    if by == me(conn)? {
        return Err(refuse(
            ErrorCode::RoleForbidden,
            "you submitted this yourself; a second person must review it (four eyes)",
        ));
    }
    if state != SubmissionState::Pending {
        return Err(refuse(
            ErrorCode::Conflict,
            format!("the submission is {state}, not waiting for review"),
        ));
    }
    if current != version {
        return Err(refuse(
            ErrorCode::Conflict,
            format!("the submission was revised: version {current} is current, you reviewed {version}"),
        ));
    }
    Ok(())
}

/// A return says why, in 1–500 characters.
pub fn check_reason(reason: &str) -> CoreResult<()> {
    let n = reason.trim().chars().count();
    if n == 0 || n > MAX_RETURN_REASON_CHARS {
        return Err(CoreError::Rule {
            rule: "return_reason",
            message: format!("a return gives its reason in 1-{MAX_RETURN_REASON_CHARS} characters"),
        });
    }
    Ok(())
}

/// Staff get any role but the owner's, which is the merchant's own sign-in.
pub fn staff_role(role: Role) -> CoreResult<()> {
    if role == Role::Owner {
        return Err(CoreError::Rule {
            rule: "staff_role_owner",
            message: "the owner is the merchant's own sign-in; give staff another role".into(),
        });
    }
    Ok(())
}

fn merchant_login(conn: &Connection) -> CoreResult<String> {
    let login = me(conn)?;
    Ok(login.split(':').next().unwrap_or_default().to_owned())
}

/// The full login a staff name or login stands for.
fn full_login(conn: &Connection, login: &str) -> CoreResult<String> {
    Ok(if login.contains(':') {
        login.to_owned()
    } else {
        format!("{}:{login}", merchant_login(conn)?)
    })
}

pub fn name_free(conn: &Connection, name: &str) -> CoreResult<()> {
    let login = full_login(conn, name)?;
    let taken: bool = conn
        .prepare_cached("SELECT COUNT(*) > 0 FROM staff_member WHERE login = ?1")?
        .query_row(params![login], |r| r.get(0))?;
    if taken {
        return Err(refuse(ErrorCode::Conflict, format!("the team already has {login}")));
    }
    Ok(())
}

pub fn staff_exists(conn: &Connection, login: &str) -> CoreResult<()> {
    let login = full_login(conn, login)?;
    let known: bool = conn
        .prepare_cached("SELECT COUNT(*) > 0 FROM staff_member WHERE login = ?1")?
        .query_row(params![login], |r| r.get(0))?;
    if !known {
        return Err(refuse(ErrorCode::NotFound, format!("no staff member {login} here")));
    }
    Ok(())
}

/// A new submission, or a revision of `id`.
pub(crate) fn submission_request(id: Option<&str>, body: serde_json::Value) -> super::kinds::Request {
    match id {
        Some(id) => super::kinds::Request::new(reqwest::Method::PUT, format!("/v1/submissions/{id}"), Some(body)),
        None => super::kinds::Request::new(reqwest::Method::POST, "/v1/submissions", Some(body)),
    }
}

/// A staff member's changes go in order: `demo:xiaoli` and `xiaoli` are one entity.
pub(crate) fn staff_entity(login: &str) -> (&'static str, String) {
    ("staff", login.rsplit(':').next().unwrap_or(login).to_owned())
}

/// A new submission is its own entity (no platform id yet); changes to one go in order.
pub(crate) fn submission_entity(submission_id: Option<&str>, action_id: &str) -> (&'static str, String) {
    match submission_id {
        Some(id) => ("submission", id.to_owned()),
        None => ("new_submission", action_id.to_owned()),
    }
}
