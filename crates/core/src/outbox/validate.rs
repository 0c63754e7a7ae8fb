//! Checks made before an intention is queued, against the local copy of the platform's
//! state: a locally invalid intention is refused at once with the platform's own code, and
//! nothing is queued.

use mdesk_platform_api::rules::{
    check_comment, check_guangguang_id, check_mobile, check_product_count, check_text, check_title,
    MAX_PINNED_PER_ACCOUNT,
};
use mdesk_platform_api::{ErrorCode, Scope};
use rusqlite::{Connection, OptionalExtension};

use super::intention::{scope_name, Intention};
use crate::error::{CoreError, CoreResult};

fn refuse(code: ErrorCode, message: impl Into<String>) -> CoreError {
    CoreError::Platform {
        code,
        message: message.into(),
        retry_after_secs: None,
    }
}

fn rule(r: Result<(), mdesk_platform_api::rules::RuleViolation>) -> CoreResult<()> {
    r.map_err(|v| CoreError::Rule {
        rule: v.rule,
        message: v.message,
    })
}

struct Local {
    binding: String,
    publish: String,
    interact: String,
}

fn account(conn: &Connection, id: &str) -> CoreResult<Local> {
    conn.prepare_cached(
        "SELECT a.binding_state, \
         COALESCE((SELECT state FROM account_grant WHERE account_id = a.id AND scope = 'publish'), 'none'), \
         COALESCE((SELECT state FROM account_grant WHERE account_id = a.id AND scope = 'interact'), 'none') \
         FROM matrix_account a WHERE a.id = ?1",
    )?
    .query_row([id], |r| {
        Ok(Local {
            binding: r.get(0)?,
            publish: r.get(1)?,
            interact: r.get(2)?,
        })
    })
    .optional()?
    .ok_or_else(|| refuse(ErrorCode::NotFound, format!("no matrix account {id} here")))
}

fn bound(conn: &Connection, id: &str) -> CoreResult<Local> {
    let a = account(conn, id)?;
    if a.binding != "bound" {
        return Err(refuse(ErrorCode::NotBound, format!("account {id} is {}", a.binding)));
    }
    Ok(a)
}

fn granted(conn: &Connection, id: &str, scope: Scope) -> CoreResult<()> {
    let a = bound(conn, id)?;
    let state = if scope == Scope::Publish { a.publish } else { a.interact };
    if state != "granted" {
        return Err(refuse(
            ErrorCode::PermissionRequired,
            format!(
                "account {id} has not granted the {} permission ({state})",
                scope_name(scope)
            ),
        ));
    }
    Ok(())
}

/// The work's account, if the work is here and not deleted.
fn work_account(conn: &Connection, work_id: &str) -> CoreResult<String> {
    conn.prepare_cached("SELECT account_id FROM work WHERE id = ?1 AND deleted = 0")?
        .query_row([work_id], |r| r.get(0))
        .optional()?
        .ok_or_else(|| refuse(ErrorCode::NotFound, format!("no work {work_id} here")))
}

pub fn validate(conn: &Connection, intention: &Intention, phone: Option<&str>) -> CoreResult<()> {
    match intention {
        Intention::Invite { guangguang_id, .. } => {
            rule(check_guangguang_id(guangguang_id))?;
            rule(check_mobile(phone.unwrap_or_default()))?;
            let bound_here: bool = conn
                .prepare_cached(
                    "SELECT COUNT(*) > 0 FROM matrix_account WHERE guangguang_id = ?1 AND binding_state = 'bound'",
                )?
                .query_row([guangguang_id], |r| r.get(0))?;
            if bound_here {
                return Err(refuse(
                    ErrorCode::AlreadyBound,
                    "this account is already your matrix account",
                ));
            }
            Ok(())
        }
        Intention::CancelInvite { invitation_id } => {
            let state: Option<String> = conn
                .prepare_cached("SELECT state FROM invitation WHERE id = ?1")?
                .query_row([invitation_id], |r| r.get(0))
                .optional()?;
            match state.as_deref() {
                Some("pending") => Ok(()),
                Some(other) => Err(refuse(
                    ErrorCode::Conflict,
                    format!("the invitation is {other}, not pending"),
                )),
                None => Err(refuse(
                    ErrorCode::NotFound,
                    format!("no invitation {invitation_id} here"),
                )),
            }
        }
        Intention::RequestGrant { account_id, scope } => {
            let a = bound(conn, account_id)?;
            let state = if *scope == Scope::Publish {
                a.publish
            } else {
                a.interact
            };
            if state == "granted" {
                return Err(refuse(
                    ErrorCode::Conflict,
                    format!("the {} permission is already granted", scope_name(*scope)),
                ));
            }
            Ok(())
        }
        Intention::RevokeGrant { account_id, scope } => {
            let a = account(conn, account_id)?;
            let state = if *scope == Scope::Publish {
                a.publish
            } else {
                a.interact
            };
            if !matches!(state.as_str(), "granted" | "requested") {
                return Err(refuse(
                    ErrorCode::Conflict,
                    format!("nothing to revoke: the permission is {state}"),
                ));
            }
            Ok(())
        }
        Intention::Unbind { account_id } => {
            let a = account(conn, account_id)?;
            if !matches!(a.binding.as_str(), "bound" | "unbind_requested") {
                return Err(refuse(
                    ErrorCode::NotBound,
                    format!("account {account_id} is {}", a.binding),
                ));
            }
            Ok(())
        }
        Intention::SetPool {
            account_id,
            product_ids,
        } => {
            bound(conn, account_id)?;
            for p in product_ids {
                let known: bool = conn
                    .prepare_cached("SELECT COUNT(*) > 0 FROM product WHERE id = ?1")?
                    .query_row([p], |r| r.get(0))?;
                if !known {
                    return Err(refuse(
                        ErrorCode::Validation,
                        format!("product {p} is not in your shop"),
                    ));
                }
            }
            Ok(())
        }
        Intention::SetShopCard { account_id, .. } | Intention::SetTag { account_id, .. } => {
            bound(conn, account_id).map(|_| ())
        }
        Intention::Publish {
            account_id,
            title,
            text,
            product_ids,
            ..
        } => {
            granted(conn, account_id, Scope::Publish)?;
            rule(check_title(title))?;
            rule(check_text(text))?;
            rule(check_product_count(product_ids.len()))?;
            for p in product_ids {
                let pooled: bool = conn
                    .prepare_cached("SELECT COUNT(*) > 0 FROM pool_entry WHERE account_id = ?1 AND product_id = ?2")?
                    .query_row([account_id, p], |r| r.get(0))?;
                if !pooled {
                    return Err(refuse(
                        ErrorCode::NotInProductPool,
                        format!("product {p} is not in this account's pool"),
                    ));
                }
            }
            Ok(())
        }
        Intention::Edit { work_id, title, text } => {
            granted(conn, &work_account(conn, work_id)?, Scope::Publish)?;
            if let Some(t) = title {
                rule(check_title(t))?;
            }
            if let Some(t) = text {
                rule(check_text(t))?;
            }
            Ok(())
        }
        Intention::Pin { work_id } => {
            let account_id = work_account(conn, work_id)?;
            granted(conn, &account_id, Scope::Publish)?;
            let pinned: i64 = conn
                .prepare_cached(
                    "SELECT (SELECT COUNT(*) FROM work WHERE account_id = ?1 AND pinned = 1 AND deleted = 0) + \
                     (SELECT COUNT(*) FROM action WHERE kind = 'pin' AND account_id = ?1 \
                      AND state IN ('queued', 'sending', 'reconciling', 'needs_sign_in'))",
                )?
                .query_row([&account_id], |r| r.get(0))?;
            if pinned >= MAX_PINNED_PER_ACCOUNT as i64 {
                return Err(refuse(
                    ErrorCode::PinLimit,
                    format!("at most {MAX_PINNED_PER_ACCOUNT} pinned works per account"),
                ));
            }
            Ok(())
        }
        Intention::Delete { work_id } | Intention::Unpin { work_id } | Intention::SetPrivacy { work_id, .. } => {
            granted(conn, &work_account(conn, work_id)?, Scope::Publish)
        }
        Intention::Comment {
            work_id,
            account_id,
            text,
            ..
        } => {
            let owner = work_account(conn, work_id)?;
            granted(conn, account_id.as_deref().unwrap_or(&owner), Scope::Interact)?;
            rule(check_comment(text))
        }
        Intention::Like { work_id, account_id } | Intention::Unlike { work_id, account_id } => {
            let owner = work_account(conn, work_id)?;
            granted(conn, account_id.as_deref().unwrap_or(&owner), Scope::Interact)
        }
    }
}
