//! Checks made before an intention is queued, against the local copy of the platform's
//! state: a locally invalid intention is refused at once with the platform's own code (the
//! rules themselves live in `mdesk_platform_api::rules`, shared with the simulator), and
//! nothing is queued.

use std::collections::BTreeSet;

use mdesk_ipc::{BindingState, GrantState, InvitationState};
use mdesk_platform_api::rules::{
    check_comment, check_guangguang_id, check_media_size, check_mobile, check_text, check_title, check_topic,
    check_work_media, AccountStanding, MAX_PINNED_PER_ACCOUNT,
};
use mdesk_platform_api::{ErrorCode, Scope};
use rusqlite::{params, Connection, OptionalExtension};

use super::intention::Intention;
use super::OPEN_STATES;
use crate::error::{CoreError, CoreResult};

fn refuse(code: ErrorCode, message: impl Into<String>) -> CoreError {
    CoreError::Platform {
        code,
        message: message.into(),
        retry_after_secs: None,
    }
}

/// One matrix account as last synced: what the checks need ([`AccountStanding`], the same
/// as the platform's) and the merchant it belongs to.
struct Local {
    standing: AccountStanding,
    merchant_id: String,
}

impl std::ops::Deref for Local {
    type Target = AccountStanding;

    fn deref(&self) -> &AccountStanding {
        &self.standing
    }
}

impl Local {
    fn require_bound(&self) -> CoreResult<()> {
        Ok(self.standing.require_bound()?)
    }

    fn require_scope(&self, scope: Scope) -> CoreResult<()> {
        Ok(self.standing.require_scope(scope)?)
    }
}

fn account(conn: &Connection, id: &str) -> CoreResult<Local> {
    conn.prepare_cached(
        "SELECT a.binding_state, \
         (SELECT state FROM account_grant WHERE account_id = a.id AND scope = ?2), \
         (SELECT state FROM account_grant WHERE account_id = a.id AND scope = ?3), a.merchant_id \
         FROM matrix_account a WHERE a.id = ?1",
    )?
    .query_row(params![id, Scope::Publish, Scope::Interact], |r| {
        Ok(Local {
            standing: AccountStanding {
                id: id.to_owned(),
                binding_state: r.get(0)?,
                publish: r.get::<_, Option<GrantState>>(1)?.unwrap_or(GrantState::None),
                interact: r.get::<_, Option<GrantState>>(2)?.unwrap_or(GrantState::None),
            },
            merchant_id: r.get(3)?,
        })
    })
    .optional()?
    .ok_or_else(|| refuse(ErrorCode::NotFound, format!("no matrix account {id} here")))
}

fn bound(conn: &Connection, id: &str) -> CoreResult<Local> {
    let a = account(conn, id)?;
    a.require_bound()?;
    Ok(a)
}

fn granted(conn: &Connection, id: &str, scope: Scope) -> CoreResult<()> {
    account(conn, id)?.require_scope(scope)
}

/// A work as it is here, if it is here and not deleted.
struct LocalWork {
    account_id: String,
    title: String,
    text: String,
    product_ids: Vec<String>,
    topic: Option<String>,
}

fn work(conn: &Connection, work_id: &str) -> CoreResult<LocalWork> {
    conn.prepare_cached("SELECT account_id, title, text, product_ids, topic FROM work WHERE id = ?1 AND deleted = 0")?
        .query_row([work_id], |r| {
            Ok(LocalWork {
                account_id: r.get(0)?,
                title: r.get(1)?,
                text: r.get(2)?,
                product_ids: serde_json::from_str(&r.get::<_, String>(3)?).unwrap_or_default(),
                topic: r.get(4)?,
            })
        })
        .optional()?
        .ok_or_else(|| refuse(ErrorCode::NotFound, format!("no work {work_id} here")))
}

/// A work as it will be once its open edits are applied: what a new edit is compared with.
fn work_after_open_edits(conn: &Connection, work_id: &str) -> CoreResult<LocalWork> {
    let mut w = work(conn, work_id)?;
    for (_, intention) in super::overlay::open_on_work(conn, work_id)? {
        if let Intention::Edit {
            title,
            text,
            product_ids,
            topic,
            ..
        } = intention
        {
            if let Some(t) = title {
                w.title = t.trim().to_owned();
            }
            if let Some(t) = text {
                w.text = t;
            }
            if let Some(p) = product_ids {
                w.product_ids = p;
            }
            if let Some(t) = topic {
                w.topic = mdesk_platform_api::rules::normalize_topic(&t);
            }
        }
    }
    Ok(w)
}

/// A work's title, text, products and topic as they will be once its open edits are applied.
pub fn edited_work(conn: &Connection, work_id: &str) -> CoreResult<(String, String, Vec<String>, Option<String>)> {
    let w = work_after_open_edits(conn, work_id)?;
    Ok((w.title, w.text, w.product_ids, w.topic))
}

/// The account's pinned works as they will be once its open pins and unpins are applied, in
/// the order they were queued.
fn pinned_after_open_actions(conn: &Connection, account_id: &str) -> CoreResult<BTreeSet<String>> {
    let mut pinned: BTreeSet<String> = conn
        .prepare_cached("SELECT id FROM work WHERE account_id = ?1 AND pinned = 1 AND deleted = 0")?
        .query_map([account_id], |r| r.get(0))?
        .collect::<Result<_, _>>()?;
    let sql = format!(
        "SELECT payload FROM action WHERE account_id = ?1 AND kind IN ('pin', 'unpin', 'delete') \
         AND state IN {} ORDER BY rowid",
        *OPEN_STATES
    );
    let payloads = conn
        .prepare_cached(&sql)?
        .query_map([account_id], |r| r.get::<_, String>(0))?
        .collect::<Result<Vec<_>, _>>()?;
    for payload in payloads {
        match serde_json::from_str(&payload).map_err(|e| CoreError::Corrupt(e.to_string()))? {
            Intention::Pin { work_id } => {
                pinned.insert(work_id);
            }
            Intention::Unpin { work_id } | Intention::Delete { work_id } => {
                pinned.remove(&work_id);
            }
            _ => {}
        }
    }
    Ok(pinned)
}

/// Attached products must be in the account's pool: that is what makes them commission-free.
fn check_pooled(conn: &Connection, account_id: &str, product_ids: &[String]) -> CoreResult<()> {
    let pool: Vec<String> = conn
        .prepare_cached("SELECT product_id FROM pool_entry WHERE account_id = ?1")?
        .query_map([account_id], |r| r.get(0))?
        .collect::<Result<_, _>>()?;
    Ok(mdesk_platform_api::rules::check_pool(product_ids, &pool)?)
}

/// Whether this account may publish a work with these products: bound, the publish grant,
/// and every product in its pool.
pub fn check_publish_account(conn: &Connection, account_id: &str, product_ids: &[String]) -> CoreResult<()> {
    granted(conn, account_id, Scope::Publish)?;
    check_pooled(conn, account_id, product_ids)
}

/// A new work's files: the kinds its type needs, each within its size.
fn check_files(
    kind: mdesk_platform_api::WorkKind,
    media: &[super::media::Outgoing],
    cover: Option<&super::media::Outgoing>,
    cover_frame: bool,
) -> CoreResult<()> {
    let kind_of = |o: &super::media::Outgoing| {
        o.kind().ok_or_else(|| CoreError::Rule {
            rule: "media_type",
            message: format!("{} is not a video or an image the platform takes", o.name),
        })
    };
    let kinds = media.iter().map(kind_of).collect::<CoreResult<Vec<_>>>()?;
    let cover_kind = cover.map(kind_of).transpose()?;
    check_work_media(kind, &kinds, cover_kind, cover_frame)?;
    for (o, k) in media.iter().chain(cover).zip(kinds.iter().chain(cover_kind.iter())) {
        check_media_size(*k, o.bytes)?;
    }
    Ok(())
}

pub fn validate(conn: &Connection, intention: &Intention, phone: Option<&str>) -> CoreResult<()> {
    match intention {
        Intention::Invite { guangguang_id, .. } => {
            check_guangguang_id(guangguang_id)?;
            check_mobile(phone.unwrap_or_default())?;
            let bound_here: bool = conn
                .prepare_cached(
                    "SELECT COUNT(*) > 0 FROM matrix_account WHERE guangguang_id = ?1 AND binding_state = ?2",
                )?
                .query_row(params![guangguang_id, BindingState::Bound], |r| r.get(0))?;
            if bound_here {
                return Err(refuse(
                    ErrorCode::AlreadyBound,
                    "this account is already your matrix account",
                ));
            }
            Ok(())
        }
        Intention::CancelInvite { invitation_id } => {
            let state: Option<InvitationState> = conn
                .prepare_cached("SELECT state FROM invitation WHERE id = ?1")?
                .query_row([invitation_id], |r| r.get(0))
                .optional()?;
            match state {
                Some(InvitationState::Pending) => Ok(()),
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
            if a.grant(*scope) == GrantState::Granted {
                return Err(refuse(
                    ErrorCode::Conflict,
                    format!("the {scope} permission is already granted"),
                ));
            }
            Ok(())
        }
        Intention::RevokeGrant { account_id, scope } => {
            let state = account(conn, account_id)?.grant(*scope);
            if !state.can_revoke() {
                return Err(refuse(
                    ErrorCode::Conflict,
                    format!("nothing to revoke: the permission is {state}"),
                ));
            }
            Ok(())
        }
        Intention::Unbind { account_id } => {
            let a = account(conn, account_id)?;
            if !a.binding_state.can_unbind() {
                return Err(refuse(
                    ErrorCode::NotBound,
                    format!("account {account_id} is {}", a.binding_state),
                ));
            }
            Ok(())
        }
        Intention::SetPool {
            account_id,
            product_ids,
        } => {
            let a = bound(conn, account_id)?;
            for p in product_ids {
                // Only the account's own merchant's shop counts.
                let known: bool = conn
                    .prepare_cached("SELECT COUNT(*) > 0 FROM product WHERE id = ?1 AND merchant_id = ?2")?
                    .query_row([p, &a.merchant_id], |r| r.get(0))?;
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
            work_kind,
            title,
            text,
            topic,
            product_ids,
            media,
            cover,
            cover_frame_ms,
            scheduled_at,
            ..
        } => {
            check_title(title)?;
            check_text(text)?;
            check_topic(topic.as_deref().unwrap_or_default())?;
            check_files(*work_kind, media, cover.as_ref(), cover_frame_ms.is_some())?;
            mdesk_platform_api::rules::check_schedule(*scheduled_at, chrono::Utc::now())?;
            check_publish_account(conn, account_id, product_ids)
        }
        Intention::Edit {
            work_id,
            title,
            text,
            product_ids,
            topic,
        } => {
            let w = work_after_open_edits(conn, work_id)?;
            granted(conn, &w.account_id, Scope::Publish)?;
            if let Some(t) = title {
                check_title(t)?;
            }
            if let Some(t) = text {
                check_text(t)?;
            }
            if let Some(p) = product_ids {
                check_pooled(conn, &w.account_id, p)?;
            }
            if let Some(t) = topic {
                check_topic(t)?;
            }
            let changes_title = title.as_ref().is_some_and(|t| t.trim() != w.title);
            let changes_text = text.as_ref().is_some_and(|t| *t != w.text);
            let changes_products = product_ids.as_ref().is_some_and(|p| *p != w.product_ids);
            let changes_topic = topic
                .as_ref()
                .is_some_and(|t| mdesk_platform_api::rules::normalize_topic(t) != w.topic);
            if !changes_title && !changes_text && !changes_products && !changes_topic {
                // An edit sends the work back to review: never for nothing.
                return Err(CoreError::Rule {
                    rule: "edit_unchanged",
                    message: "the edit changes nothing".into(),
                });
            }
            Ok(())
        }
        Intention::Pin { work_id } => {
            let account_id = work(conn, work_id)?.account_id;
            granted(conn, &account_id, Scope::Publish)?;
            let mut pinned = pinned_after_open_actions(conn, &account_id)?;
            // Pinning a work that is (or will be) pinned already is not a new pin.
            pinned.insert(work_id.clone());
            if pinned.len() > MAX_PINNED_PER_ACCOUNT {
                return Err(refuse(
                    ErrorCode::PinLimit,
                    format!("at most {MAX_PINNED_PER_ACCOUNT} pinned works per account"),
                ));
            }
            Ok(())
        }
        Intention::Delete { work_id } | Intention::Unpin { work_id } | Intention::SetPrivacy { work_id, .. } => {
            granted(conn, &work(conn, work_id)?.account_id, Scope::Publish)
        }
        Intention::Comment {
            work_id,
            account_id,
            text,
            ..
        } => {
            let owner = work(conn, work_id)?.account_id;
            granted(conn, account_id.as_deref().unwrap_or(&owner), Scope::Interact)?;
            Ok(check_comment(text)?)
        }
        Intention::Like { work_id, account_id } | Intention::Unlike { work_id, account_id } => {
            let owner = work(conn, work_id)?.account_id;
            granted(conn, account_id.as_deref().unwrap_or(&owner), Scope::Interact)
        }
        Intention::LikeComment {
            comment_id,
            work_id,
            account_id,
        }
        | Intention::UnlikeComment {
            comment_id,
            work_id,
            account_id,
        } => {
            let known: bool = conn
                .prepare_cached("SELECT COUNT(*) > 0 FROM comment WHERE id = ?1 AND work_id = ?2")?
                .query_row([comment_id, work_id], |r| r.get(0))?;
            if !known {
                return Err(refuse(ErrorCode::NotFound, format!("no comment {comment_id} here")));
            }
            let owner = work(conn, work_id)?.account_id;
            granted(conn, account_id.as_deref().unwrap_or(&owner), Scope::Interact)
        }
        Intention::Submit {
            submission_id,
            account_ids,
            work_kind,
            title,
            text,
            topic,
            media,
            cover,
            cover_frame_ms,
            scheduled_at,
            kept_media_ids,
            ..
        } => {
            if let Some(id) = submission_id {
                super::team::own_open_submission(conn, id)?;
            }
            if account_ids.is_empty() {
                return Err(CoreError::Rule {
                    rule: "submission_accounts",
                    message: "a submission names at least one account".into(),
                });
            }
            check_title(title)?;
            check_text(text)?;
            check_topic(topic.as_deref().unwrap_or_default())?;
            // A revision that keeps the platform's files: the platform checks those again.
            if media.is_empty() && !kept_media_ids.is_empty() {
                if submission_id.is_none() {
                    return Err(CoreError::InvalidInput("only a revision keeps uploaded files".into()));
                }
            } else {
                check_files(*work_kind, media, cover.as_ref(), cover_frame_ms.is_some())?;
            }
            mdesk_platform_api::rules::check_schedule(*scheduled_at, chrono::Utc::now())?;
            // Grants and pools are the approval's business (they may change until then).
            for id in account_ids {
                bound(conn, id)?;
            }
            Ok(())
        }
        Intention::SubmitEdit {
            submission_id,
            work_id,
            title,
            text,
            product_ids,
            topic,
        } => {
            if let Some(id) = submission_id {
                super::team::own_open_submission(conn, id)?;
            }
            let w = work(conn, work_id)?;
            if let Some(t) = title {
                check_title(t)?;
            }
            if let Some(t) = text {
                check_text(t)?;
            }
            if let Some(t) = topic {
                check_topic(t)?;
            }
            let changes = title.as_ref().is_some_and(|t| t.trim() != w.title)
                || text.as_ref().is_some_and(|t| *t != w.text)
                || product_ids.as_ref().is_some_and(|p| *p != w.product_ids)
                || topic
                    .as_ref()
                    .is_some_and(|t| mdesk_platform_api::rules::normalize_topic(t) != w.topic);
            if !changes {
                return Err(CoreError::Rule {
                    rule: "edit_unchanged",
                    message: "the edit changes nothing".into(),
                });
            }
            Ok(())
        }
        Intention::Withdraw { submission_id } => super::team::own_open_submission(conn, submission_id).map(|_| ()),
        Intention::Approve { submission_id, version } => super::team::reviewable(conn, submission_id, *version),
        Intention::ReturnSubmission {
            submission_id,
            version,
            reason,
        } => {
            super::team::check_reason(reason)?;
            super::team::reviewable(conn, submission_id, *version)
        }
        Intention::AddStaff { name, role, .. } => {
            mdesk_platform_api::check_staff_name(name).map_err(|message| CoreError::Rule {
                rule: "staff_name",
                message,
            })?;
            super::team::staff_role(*role)?;
            super::team::name_free(conn, name)
        }
        Intention::SetStaffRole { login, role } => {
            super::team::staff_role(*role)?;
            super::team::staff_exists(conn, login)
        }
        Intention::ResetStaffPassword { login } | Intention::SetStaffDisabled { login, .. } => {
            super::team::staff_exists(conn, login)
        }
        Intention::SetApproval { .. } => Ok(()),
    }
}
