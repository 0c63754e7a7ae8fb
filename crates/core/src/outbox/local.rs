//! The local copy of the platform's state as the intentions' checks see it (each kind's own
//! rules are in `kinds/`): accounts with their grants, works as their open edits will leave
//! them, pins after the queued ones. A locally invalid intention is refused at once with the
//! platform's own code (the rules themselves live in `mdesk_platform_api::rules`, shared
//! with the simulator), and nothing is queued.

use std::collections::BTreeSet;

use mdesk_ipc::{AccountRow, GrantState};
use mdesk_platform_api::rules::{check_media_size, check_work_media, AccountStanding};
use mdesk_platform_api::{ErrorCode, Scope};
use rusqlite::{params, Connection, OptionalExtension};

use super::kinds::{Delete, Edit, Intention, Pin, Unpin};
use super::OPEN_STATES;
use crate::error::{CoreError, CoreResult};

pub(crate) fn refuse(code: ErrorCode, message: impl Into<String>) -> CoreError {
    CoreError::Platform {
        code,
        message: message.into(),
        retry_after_secs: None,
    }
}

/// One matrix account as last synced: what the checks need ([`AccountStanding`], the same
/// as the platform's) and the merchant it belongs to.
pub(crate) struct Local {
    pub standing: AccountStanding,
    pub merchant_id: String,
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

pub(crate) fn account(conn: &Connection, id: &str) -> CoreResult<Local> {
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

pub(crate) fn bound(conn: &Connection, id: &str) -> CoreResult<Local> {
    let a = account(conn, id)?;
    a.require_bound()?;
    Ok(a)
}

pub(crate) fn granted(conn: &Connection, id: &str, scope: Scope) -> CoreResult<()> {
    account(conn, id)?.require_scope(scope)
}

/// A work as it is here, if it is here and not deleted.
pub(crate) struct LocalWork {
    pub account_id: String,
    pub title: String,
    pub text: String,
    pub product_ids: Vec<String>,
    pub topic: Option<String>,
}

pub(crate) fn work(conn: &Connection, work_id: &str) -> CoreResult<LocalWork> {
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
pub(crate) fn work_after_open_edits(conn: &Connection, work_id: &str) -> CoreResult<LocalWork> {
    let mut w = work(conn, work_id)?;
    for (_, intention) in super::overlay::open_on_work(conn, work_id)? {
        if let Intention::Edit(Edit {
            title,
            text,
            product_ids,
            topic,
            ..
        }) = intention
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
pub(crate) fn pinned_after_open_actions(conn: &Connection, account_id: &str) -> CoreResult<BTreeSet<String>> {
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
            Intention::Pin(Pin { work_id }) => {
                pinned.insert(work_id);
            }
            Intention::Unpin(Unpin { work_id }) | Intention::Delete(Delete { work_id }) => {
                pinned.remove(&work_id);
            }
            _ => {}
        }
    }
    Ok(pinned)
}

/// Attached products must be in the account's pool: that is what makes them commission-free.
pub(crate) fn check_pooled(conn: &Connection, account_id: &str, product_ids: &[String]) -> CoreResult<()> {
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
pub(crate) fn check_files(
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

/// A grant's state on an account row (the overlay of requests and revocations).
pub(crate) fn set_grant(row: &mut AccountRow, scope: Scope, state: GrantState) {
    match scope {
        Scope::Publish => row.publish = state,
        Scope::Interact => row.interact = state,
    }
}

/// Acting on a work as an account (the work's own unless another is named) needs that
/// account's interact grant: comments, replies and likes.
pub(crate) fn may_interact(conn: &Connection, work_id: &str, account_id: Option<&str>) -> CoreResult<()> {
    granted(conn, &commenting_account(conn, work_id, account_id)?, Scope::Interact)
}

/// The account a comment on `work_id` goes out as: the one named, else the work's own.
pub(crate) fn commenting_account(conn: &Connection, work_id: &str, account_id: Option<&str>) -> CoreResult<String> {
    match account_id {
        Some(a) => Ok(a.to_owned()),
        None => Ok(work(conn, work_id)?.account_id),
    }
}

/// Changing a work needs its account's publish grant: delete, unpin, privacy.
pub(crate) fn may_change_work(conn: &Connection, work_id: &str) -> CoreResult<()> {
    granted(conn, &work(conn, work_id)?.account_id, Scope::Publish)
}

/// A comment here, on that work.
pub(crate) fn comment_known(conn: &Connection, comment_id: &str, work_id: &str) -> CoreResult<()> {
    let known: bool = conn
        .prepare_cached("SELECT COUNT(*) > 0 FROM comment WHERE id = ?1 AND work_id = ?2")?
        .query_row([comment_id, work_id], |r| r.get(0))?;
    if !known {
        return Err(refuse(ErrorCode::NotFound, format!("no comment {comment_id} here")));
    }
    Ok(())
}
