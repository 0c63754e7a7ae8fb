//! `GET /v1/me`, the merchant's staff (`/v1/staff`) and team settings (`/v1/settings/approval`).

use std::sync::Arc;

use axum::extract::{Path, State};
use axum::response::Response;
use axum::Json;
use mdesk_platform_api::{
    check_staff_name, check_staff_password, ApprovalSetting, ErrorCode, Me, NewStaff, PasswordReset, Role, RoleChange,
    StaffDisabled, StaffMember, Whoami,
};
use rusqlite::{params, Connection, OptionalExtension};

use super::{Body, Merchant};
use crate::db::{self, new_id, touch, ts};
use crate::error::{SimError, SimResult};
use crate::idem::{mutate, Applied, IdempotencyKey};
use crate::server::Sim;

pub(crate) async fn me(State(sim): State<Arc<Sim>>, merchant: Merchant) -> SimResult<Json<Whoami>> {
    sim.with_db(|conn| {
        let me = db::me(conn, &merchant.id)?.ok_or_else(|| SimError::api(ErrorCode::NotFound, "merchant not found"))?;
        Ok(Json(Whoami {
            merchant: me,
            you: Some(merchant.identity()),
        }))
    })
}

pub(crate) async fn list(State(sim): State<Arc<Sim>>, merchant: Merchant) -> SimResult<Json<Vec<StaffMember>>> {
    merchant.require_whitelist()?;
    sim.with_db(|conn| {
        let sql = "SELECT id FROM staff WHERE merchant_id = ?1 ORDER BY created_at, name";
        Ok(Json(db::load_each(
            conn,
            sql,
            &merchant.id,
            crate::team_rows::staff_member,
        )?))
    })
}

fn validation(message: String) -> SimError {
    SimError::api(ErrorCode::Validation, message)
}

/// A role staff may be given: any but the owner's, which is the merchant's own sign-in.
fn staff_role(role: Role) -> SimResult<Role> {
    if role == Role::Owner {
        return Err(validation(
            "the owner is the merchant's own sign-in; give staff another role".to_owned(),
        ));
    }
    Ok(role)
}

pub(crate) async fn add(
    State(sim): State<Arc<Sim>>,
    merchant: Merchant,
    key: IdempotencyKey,
    Body(req): Body<NewStaff>,
) -> SimResult<Response> {
    merchant.require_whitelist()?;
    mutate(&sim, &merchant, &key, "POST", "/v1/staff", |conn, now| {
        check_staff_name(&req.name).map_err(validation)?;
        check_staff_password(&req.password).map_err(validation)?;
        let role = staff_role(req.role)?;
        let display = req
            .display_name
            .as_deref()
            .map(str::trim)
            .filter(|d| !d.is_empty())
            .unwrap_or(&req.name);
        if display.chars().count() > 32 {
            return Err(validation("a display name is at most 32 characters".to_owned()));
        }
        let taken: bool = conn
            .prepare_cached("SELECT COUNT(*) > 0 FROM staff WHERE merchant_id = ?1 AND name = ?2")?
            .query_row(params![merchant.id, req.name], |r| r.get(0))?;
        if taken {
            return Err(SimError::api(
                ErrorCode::Conflict,
                format!("the team already has a {:?}", req.name),
            ));
        }
        let id = new_id("s");
        conn.prepare_cached(
            "INSERT INTO staff (id, merchant_id, name, display_name, role, password, disabled, created_at) \
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, 0, ?7)",
        )?
        .execute(params![
            id,
            merchant.id,
            req.name,
            display,
            role,
            crate::password::hash(&req.password),
            ts(now)
        ])?;
        touch(conn, &merchant.id, "staff", &id)?;
        Ok(Applied::created(reload(conn, &id)?))
    })
}

fn reload(conn: &Connection, id: &str) -> SimResult<StaffMember> {
    crate::team_rows::staff_member(conn, id)?.ok_or_else(|| SimError::Corrupt(format!("staff {id} vanished")))
}

/// The staff row a path's `{login}` names: `demo:xiaoli` or just `xiaoli`.
fn staff_id(conn: &Connection, merchant: &Merchant, login: &str) -> SimResult<String> {
    let owner = merchant.login.split(':').next().unwrap_or_default();
    let name = match login.split_once(':') {
        Some((m, s)) if m == owner => s,
        Some(_) => login,
        None => login,
    };
    conn.prepare_cached("SELECT id FROM staff WHERE merchant_id = ?1 AND name = ?2")?
        .query_row(params![merchant.id, name], |r| r.get(0))
        .optional()?
        .ok_or_else(|| SimError::api(ErrorCode::NotFound, format!("no staff member {login}")))
}

/// Every token of the staff member stops working.
fn revoke_tokens(conn: &Connection, staff_id: &str) -> SimResult<()> {
    conn.prepare_cached("DELETE FROM token WHERE staff_id = ?1")?
        .execute([staff_id])?;
    Ok(())
}

/// One change to one staff member: find, `update`, touch, answer.
fn change_staff(
    sim: &Sim,
    merchant: &Merchant,
    key: &IdempotencyKey,
    login: &str,
    suffix: &str,
    update: impl FnOnce(&Connection, &str) -> SimResult<()>,
) -> SimResult<Response> {
    merchant.require_whitelist()?;
    let path = format!("/v1/staff/{login}/{suffix}");
    mutate(sim, merchant, key, "PUT", &path, |conn, _| {
        let id = staff_id(conn, merchant, login)?;
        update(conn, &id)?;
        touch(conn, &merchant.id, "staff", &id)?;
        Ok(Applied::ok(reload(conn, &id)?))
    })
}

pub(crate) async fn set_role(
    State(sim): State<Arc<Sim>>,
    merchant: Merchant,
    key: IdempotencyKey,
    Path(login): Path<String>,
    Body(req): Body<RoleChange>,
) -> SimResult<Response> {
    change_staff(&sim, &merchant, &key, &login, "role", |conn, id| {
        let role = staff_role(req.role)?;
        conn.prepare_cached("UPDATE staff SET role = ?1 WHERE id = ?2")?
            .execute(params![role, id])?;
        Ok(())
    })
}

pub(crate) async fn reset_password(
    State(sim): State<Arc<Sim>>,
    merchant: Merchant,
    key: IdempotencyKey,
    Path(login): Path<String>,
    Body(req): Body<PasswordReset>,
) -> SimResult<Response> {
    change_staff(&sim, &merchant, &key, &login, "password", |conn, id| {
        check_staff_password(&req.password).map_err(validation)?;
        conn.prepare_cached("UPDATE staff SET password = ?1 WHERE id = ?2")?
            .execute(params![crate::password::hash(&req.password), id])?;
        // Whoever knew the old password is signed out with it.
        revoke_tokens(conn, id)
    })
}

pub(crate) async fn set_disabled(
    State(sim): State<Arc<Sim>>,
    merchant: Merchant,
    key: IdempotencyKey,
    Path(login): Path<String>,
    Body(req): Body<StaffDisabled>,
) -> SimResult<Response> {
    change_staff(&sim, &merchant, &key, &login, "disabled", |conn, id| {
        conn.prepare_cached("UPDATE staff SET disabled = ?1 WHERE id = ?2")?
            .execute(params![req.disabled, id])?;
        if req.disabled {
            // Their tokens stay only so that their next request (or refresh) hears
            // `staff_disabled`; every one is refused while the person is disabled.
            Ok(())
        } else {
            // Enabled again: nothing issued before the disabling works any more.
            revoke_tokens(conn, id)
        }
    })
}

pub(crate) async fn set_approval(
    State(sim): State<Arc<Sim>>,
    merchant: Merchant,
    key: IdempotencyKey,
    Body(req): Body<ApprovalSetting>,
) -> SimResult<Response> {
    merchant.require_whitelist()?;
    mutate(&sim, &merchant, &key, "PUT", "/v1/settings/approval", |conn, _| {
        conn.prepare_cached("UPDATE merchant SET approval_required = ?1 WHERE id = ?2")?
            .execute(params![req.required, merchant.id])?;
        touch(conn, &merchant.id, "merchant", &merchant.id)?;
        let me: Me = db::me(conn, &merchant.id)?.ok_or_else(|| SimError::Corrupt("merchant vanished".to_owned()))?;
        Ok(Applied::ok(me))
    })
}
