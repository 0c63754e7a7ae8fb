//! Proxy interaction: comments, replies, and likes of works and comments, as one of the
//! merchant's matrix accounts.

use std::sync::Arc;

use axum::extract::{Path, State};
use axum::response::Response;
use axum::Json;
use mdesk_platform_api::rules::check_comment;
use mdesk_platform_api::{Comment, ErrorCode, LikeAs, NewComment, Scope};
use rusqlite::{params, Connection, OptionalExtension};

use super::{Body, Merchant};
use crate::db::{self, new_id, touch, ts};
use crate::error::{SimError, SimResult};
use crate::guard::{account_of, rule, work_of, AccountState};
use crate::idem::{mutate, Applied, IdempotencyKey};
use crate::rows::{comment_at, COMMENT_COLS};
use crate::server::Sim;

pub(crate) async fn list(
    State(sim): State<Arc<Sim>>,
    merchant: Merchant,
    Path(id): Path<String>,
) -> SimResult<Json<Vec<Comment>>> {
    merchant.require_whitelist()?;
    sim.with_db(|conn| {
        work_of(conn, &merchant.id, &id)?;
        let sql = format!("SELECT {COMMENT_COLS} FROM comment k WHERE k.work_id = ?1 ORDER BY k.created_at, k.id");
        let mut stmt = conn.prepare_cached(&sql)?;
        let mut rows = stmt.query([&id])?;
        let mut out = Vec::new();
        while let Some(r) = rows.next()? {
            out.push(comment_at(r, 0)?);
        }
        Ok(Json(out))
    })
}

/// The account that speaks: the one named, or the work's own; it needs the interact grant.
fn speaker(
    conn: &rusqlite::Connection,
    merchant_id: &str,
    work_account: AccountState,
    named: Option<&str>,
) -> SimResult<AccountState> {
    let account = match named {
        Some(id) => account_of(conn, merchant_id, id)?,
        None => work_account,
    };
    account.require_scope(Scope::Interact)?;
    Ok(account)
}

pub(crate) async fn create(
    State(sim): State<Arc<Sim>>,
    merchant: Merchant,
    key: IdempotencyKey,
    Path(work_id): Path<String>,
    Body(req): Body<NewComment>,
) -> SimResult<Response> {
    merchant.require_whitelist()?;
    let path = format!("/v1/works/{work_id}/comments");
    mutate(&sim, &merchant, &key, "POST", &path, |conn, now| {
        let (_, owner) = work_of(conn, &merchant.id, &work_id)?;
        let account = speaker(conn, &merchant.id, owner, req.account_id.as_deref())?;
        rule(check_comment(&req.text))?;
        if let Some(parent) = &req.parent_id {
            let same_work: bool = conn
                .prepare_cached("SELECT COUNT(*) > 0 FROM comment WHERE id = ?1 AND work_id = ?2")?
                .query_row([parent, &work_id], |r| r.get(0))?;
            if !same_work {
                return Err(SimError::api(
                    ErrorCode::NotFound,
                    format!("no comment {parent} on this work"),
                ));
            }
        }
        let nickname: String = conn
            .prepare_cached("SELECT nickname FROM creator WHERE id = ?1")?
            .query_row([&account.creator_id], |r| r.get(0))?;
        let id = new_id("c");
        conn.prepare_cached(
            "INSERT INTO comment (id, work_id, parent_id, author_name, author_account_id, text, like_count, created_at) \
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, 0, ?7)",
        )?
        .execute(params![id, work_id, req.parent_id, nickname, account.id, req.text.trim(), ts(now)])?;
        conn.prepare_cached("UPDATE work SET comment_count = comment_count + 1, updated_at = ?1 WHERE id = ?2")?
            .execute(params![ts(now), work_id])?;
        touch(conn, &merchant.id, "comment", &id)?;
        touch(conn, &merchant.id, "work", &work_id)?;
        let comment = db::comment(conn, &id)?.ok_or_else(|| SimError::Corrupt("comment vanished".into()))?;
        Ok(Applied::created(comment))
    })
}

/// Records that `account_id` likes (or no longer likes) a work or a comment: `table` is
/// `work_like` or `comment_like`, `key` its column naming what is liked. Answers whether
/// anything changed: liking twice, or unliking what is not liked, changes nothing.
fn flip_like(
    conn: &Connection,
    table: &str,
    key: &str,
    liked_id: &str,
    account_id: &str,
    like: bool,
) -> SimResult<bool> {
    let sql = if like {
        format!("INSERT OR IGNORE INTO {table} ({key}, account_id) VALUES (?1, ?2)")
    } else {
        format!("DELETE FROM {table} WHERE {key} = ?1 AND account_id = ?2")
    };
    Ok(conn.prepare_cached(&sql)?.execute([liked_id, account_id])? > 0)
}

async fn set_like(
    sim: Arc<Sim>,
    merchant: Merchant,
    key: IdempotencyKey,
    work_id: String,
    req: LikeAs,
    like: bool,
) -> SimResult<Response> {
    merchant.require_whitelist()?;
    let path = format!("/v1/works/{work_id}/like");
    let method = if like { "PUT" } else { "DELETE" };
    mutate(&sim, &merchant, &key, method, &path, |conn, now| {
        let (_, owner) = work_of(conn, &merchant.id, &work_id)?;
        let account = speaker(conn, &merchant.id, owner, req.account_id.as_deref())?;
        if flip_like(conn, "work_like", "work_id", &work_id, &account.id, like)? {
            let delta: i64 = if like { 1 } else { -1 };
            conn.prepare_cached("UPDATE work SET like_count = MAX(0, like_count + ?1), updated_at = ?2 WHERE id = ?3")?
                .execute(params![delta, ts(now), work_id])?;
            touch(conn, &merchant.id, "work", &work_id)?;
        }
        let work = db::work(conn, &work_id)?.ok_or_else(|| SimError::Corrupt("work vanished".into()))?;
        Ok(Applied::ok(work))
    })
}

/// The work of the merchant's comment `id` (on a work not deleted), or `not_found`.
fn work_of_comment(conn: &Connection, merchant_id: &str, id: &str) -> SimResult<String> {
    conn.prepare_cached(
        "SELECT c.work_id FROM comment c JOIN work w ON w.id = c.work_id \
         WHERE c.id = ?1 AND w.merchant_id = ?2 AND w.deleted = 0",
    )?
    .query_row([id, merchant_id], |r| r.get(0))
    .optional()?
    .ok_or_else(|| SimError::api(ErrorCode::NotFound, format!("no comment {id}")))
}

async fn set_comment_like(
    sim: Arc<Sim>,
    merchant: Merchant,
    key: IdempotencyKey,
    comment_id: String,
    req: LikeAs,
    like: bool,
) -> SimResult<Response> {
    merchant.require_whitelist()?;
    let path = format!("/v1/comments/{comment_id}/like");
    let method = if like { "PUT" } else { "DELETE" };
    mutate(&sim, &merchant, &key, method, &path, |conn, _| {
        let work_id = work_of_comment(conn, &merchant.id, &comment_id)?;
        let (_, owner) = work_of(conn, &merchant.id, &work_id)?;
        let account = speaker(conn, &merchant.id, owner, req.account_id.as_deref())?;
        if flip_like(conn, "comment_like", "comment_id", &comment_id, &account.id, like)? {
            let delta: i64 = if like { 1 } else { -1 };
            conn.prepare_cached("UPDATE comment SET like_count = MAX(0, like_count + ?1) WHERE id = ?2")?
                .execute(params![delta, comment_id])?;
            touch(conn, &merchant.id, "comment", &comment_id)?;
        }
        let comment = db::comment(conn, &comment_id)?.ok_or_else(|| SimError::Corrupt("comment vanished".into()))?;
        Ok(Applied::ok(comment))
    })
}

/// An absent or empty body means "as the work's own account".
fn like_body(body: &axum::body::Bytes) -> SimResult<LikeAs> {
    if body.iter().all(u8::is_ascii_whitespace) {
        return Ok(LikeAs::default());
    }
    serde_json::from_slice(body).map_err(|e| SimError::api(ErrorCode::Validation, e.to_string()))
}

pub(crate) async fn like(
    State(sim): State<Arc<Sim>>,
    merchant: Merchant,
    key: IdempotencyKey,
    Path(work_id): Path<String>,
    body: axum::body::Bytes,
) -> SimResult<Response> {
    let req = like_body(&body)?;
    set_like(sim, merchant, key, work_id, req, true).await
}

pub(crate) async fn unlike(
    State(sim): State<Arc<Sim>>,
    merchant: Merchant,
    key: IdempotencyKey,
    Path(work_id): Path<String>,
    body: axum::body::Bytes,
) -> SimResult<Response> {
    let req = like_body(&body)?;
    set_like(sim, merchant, key, work_id, req, false).await
}

/// `PUT /v1/comments/{id}/like`: like a comment on one of the merchant's works.
pub(crate) async fn like_comment(
    State(sim): State<Arc<Sim>>,
    merchant: Merchant,
    key: IdempotencyKey,
    Path(comment_id): Path<String>,
    body: axum::body::Bytes,
) -> SimResult<Response> {
    let req = like_body(&body)?;
    set_comment_like(sim, merchant, key, comment_id, req, true).await
}

pub(crate) async fn unlike_comment(
    State(sim): State<Arc<Sim>>,
    merchant: Merchant,
    key: IdempotencyKey,
    Path(comment_id): Path<String>,
    body: axum::body::Bytes,
) -> SimResult<Response> {
    let req = like_body(&body)?;
    set_comment_like(sim, merchant, key, comment_id, req, false).await
}
