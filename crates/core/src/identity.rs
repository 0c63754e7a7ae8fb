//! Who this desk is signed in as, and what their role may do: the platform's identity (kept
//! from `GET /v1/me`, the role kept fresh by the change feed's staff entries) or, against a
//! platform without teams, the owner with a name typed into Settings (self-declared).

use mdesk_ipc::Whoami;
use mdesk_platform_api::{forbidden_message, ErrorCode, Identity, Permission, Role};
use rusqlite::{Connection, OptionalExtension, Transaction};

use crate::error::{CoreError, CoreResult};
use crate::store::kv;

/// Keeps what the platform said of the signed-in person; `None` is a platform without teams
/// (remembered too, so it is not asked again every round).
pub fn remember(tx: &Transaction<'_>, identity: Option<&Identity>) -> CoreResult<()> {
    let json = serde_json::to_string(&identity).map_err(|e| CoreError::Corrupt(e.to_string()))?;
    kv::set_identity(tx, Some(&json))
}

/// Whether the platform was asked who is signed in since this sign-in (a desk signed in
/// before teams was not: its next sync round asks once).
pub fn known(conn: &Connection) -> CoreResult<bool> {
    Ok(kv::identity(conn)?.is_some())
}

/// Forgets who is signed in (signing out, or another person signing in).
pub fn forget(tx: &Transaction<'_>) -> CoreResult<()> {
    kv::set_identity(tx, None)
}

fn remembered(conn: &Connection) -> CoreResult<Option<Identity>> {
    let Some(json) = kv::identity(conn)? else {
        return Ok(None);
    };
    // A value this build cannot read is as good as none.
    Ok(serde_json::from_str::<Option<Identity>>(&json).ok().flatten())
}

/// Who is signed in, or `None` before anyone has signed in on this desk.
pub fn whoami(conn: &Connection) -> CoreResult<Option<Whoami>> {
    let Some(session) = kv::session(conn)? else {
        return Ok(None);
    };
    let approval_required: bool = conn
        .prepare_cached("SELECT approval_required FROM merchant WHERE id = ?1")?
        .query_row([&session.merchant_id], |r| r.get(0))
        .optional()?
        .unwrap_or(false);
    let (login, name, role, verified) = match remembered(conn)? {
        Some(identity) if identity.login == session.username => {
            // The feed's staff entry is newer than the sign-in's answer when the owner
            // changed this person's role since.
            let role: Option<Role> = conn
                .prepare_cached("SELECT role FROM staff_member WHERE login = ?1")?
                .query_row([&identity.login], |r| r.get(0))
                .optional()?;
            (identity.login, identity.name, role.unwrap_or(identity.role), true)
        }
        _ => (session.username.clone(), session.username.clone(), Role::Owner, false),
    };
    Ok(Some(Whoami {
        permissions: role.permissions(approval_required),
        publishes_by_submission: role.publishes_by_submission(approval_required),
        login,
        name,
        role,
        approval_required,
        verified,
    }))
}

/// A refusal, before anything is queued, of what the signed-in person's role may not do. With
/// nobody signed in there is no role to check: the queue waits for a sign-in, and the platform
/// checks then.
pub fn require(conn: &Connection, permission: Permission) -> CoreResult<()> {
    match whoami(conn)? {
        Some(who) if !who.may(permission) => Err(CoreError::Platform {
            code: ErrorCode::RoleForbidden,
            message: forbidden_message(who.role, permission, who.approval_required),
            retry_after_secs: None,
        }),
        _ => Ok(()),
    }
}

/// Who the audit trail names for what this desk does now: the platform's identity, or the
/// name typed into Settings (`typed`), which is then self-declared.
pub struct Actor {
    pub label: String,
    pub verified: bool,
}

pub fn actor(conn: &Connection, typed: &str) -> CoreResult<Actor> {
    match whoami(conn)? {
        Some(who) if who.verified => Ok(Actor {
            label: if who.name == who.login {
                who.login
            } else {
                format!("{} ({})", who.name, who.login)
            },
            verified: true,
        }),
        _ => {
            let typed = typed.trim();
            if typed.is_empty() {
                return Err(CoreError::StaffNameMissing);
            }
            Ok(Actor {
                label: typed.to_owned(),
                verified: false,
            })
        }
    }
}

/// Who is signed in, and how many submissions wait for their review (for the status line
/// and the nav's count): someone else's, pending, when their role reviews.
pub fn with_reviews_waiting(conn: &Connection) -> CoreResult<(Option<Whoami>, u32)> {
    let who = whoami(conn)?;
    let waiting = match &who {
        Some(w) if w.may(Permission::Review) => conn
            .prepare_cached("SELECT COUNT(*) FROM submission WHERE state = 'pending' AND submitted_by <> ?1")?
            .query_row([&w.login], |r| r.get(0))?,
        _ => 0,
    };
    Ok((who, waiting))
}
