//! Works: list, proxy publish, edit, delete, pin, privacy, daily metrics.

use std::sync::Arc;

use axum::extract::{Path, Query, State};
use axum::response::Response;
use axum::Json;
use chrono::{DateTime, Utc};
use mdesk_platform_api::rules::{check_text, check_title, check_work_media, MAX_PINNED_PER_ACCOUNT};
use mdesk_platform_api::{
    DailyMetric, ErrorCode, InclusionStatus, MediaKind, NewWork, PrivacyChange, ReviewStatus, Scope, TopicStatus, Work,
    WorkEdit, WorkKind, WorksPage,
};
use rusqlite::{params, Connection, OptionalExtension};
use serde::Deserialize;

use super::{page_limit, Body, DateRange, Merchant};
use crate::cover;
use crate::db::{self, new_id, touch, ts};
use crate::error::{SimError, SimResult};
use crate::guard::{account_of, rule, work_of};
use crate::idem::{mutate, Applied, IdempotencyKey};
use crate::rows::{metric_at, work_at, METRIC_COLS, WORK_COLS};
use crate::server::Sim;

#[derive(Deserialize)]
pub(crate) struct WorksQuery {
    account_id: Option<String>,
    /// The last id of the previous page.
    cursor: Option<String>,
    limit: Option<u32>,
    /// `id` (default) or `newest`.
    order: Option<String>,
}

pub(crate) async fn list(
    State(sim): State<Arc<Sim>>,
    merchant: Merchant,
    Query(q): Query<WorksQuery>,
) -> SimResult<Json<WorksPage>> {
    merchant.require_whitelist()?;
    let limit = page_limit(q.limit, 100);
    let newest = match q.order.as_deref() {
        None | Some("id") => false,
        Some("newest") if q.cursor.is_none() => true,
        Some("newest") => return Err(SimError::api(ErrorCode::Validation, "order=newest takes no cursor")),
        Some(other) => return Err(SimError::api(ErrorCode::Validation, format!("unknown order {other}"))),
    };
    sim.with_db(|conn| {
        let order = if newest {
            "AND ?3 IS NULL ORDER BY COALESCE(w.published_at, w.scheduled_at) DESC, w.id DESC"
        } else {
            "AND (?3 IS NULL OR w.id > ?3) ORDER BY w.id"
        };
        let sql = format!(
            "SELECT {WORK_COLS} FROM work w WHERE w.merchant_id = ?1 AND w.deleted = 0 \
             AND (?2 IS NULL OR w.account_id = ?2) {order} LIMIT ?4"
        );
        let mut stmt = conn.prepare_cached(&sql)?;
        let mut rows = stmt.query(params![merchant.id, q.account_id, q.cursor, limit])?;
        let mut works = Vec::new();
        while let Some(r) = rows.next()? {
            works.push(work_at(r, 0)?);
        }
        let next_cursor = (!newest && works.len() == limit as usize)
            .then(|| works.last().map(|w| w.id.clone()))
            .flatten();
        Ok(Json(WorksPage { works, next_cursor }))
    })
}

fn reload(conn: &Connection, id: &str) -> SimResult<Work> {
    db::work(conn, id)?.ok_or_else(|| SimError::Corrupt(format!("work {id} vanished")))
}

/// Attached products must be in the account's pool (that is what makes them commission-free).
fn check_pool(conn: &Connection, account_id: &str, product_ids: &[String]) -> SimResult<()> {
    let pool: Vec<String> = conn
        .prepare_cached("SELECT product_id FROM pool_entry WHERE account_id = ?1")?
        .query_map([account_id], |r| r.get(0))?
        .collect::<Result<_, _>>()?;
    rule(mdesk_platform_api::rules::check_pool(product_ids, &pool))
}

/// What an uploaded file named in a request is; it must be this merchant's upload, of a type
/// the platform takes (an upload kept from before types were recorded may be neither).
fn media_kind(conn: &Connection, merchant_id: &str, media_id: &str) -> SimResult<MediaKind> {
    let found: Option<Option<MediaKind>> = conn
        .prepare_cached("SELECT kind FROM media WHERE id = ?1 AND merchant_id = ?2")?
        .query_row([media_id, merchant_id], |r| r.get(0))
        .optional()?;
    match found {
        Some(Some(kind)) => Ok(kind),
        Some(None) => Err(SimError::api(
            ErrorCode::Validation,
            format!("media {media_id} is neither a video nor an image; upload the file again"),
        )),
        None => Err(SimError::api(
            ErrorCode::Validation,
            format!("media {media_id} was not uploaded"),
        )),
    }
}

/// A topic as stored ([`mdesk_platform_api::rules::normalize_topic`]), after its length rule.
fn topic_of(requested: Option<&str>) -> SimResult<Option<String>> {
    let Some(topic) = requested else { return Ok(None) };
    rule(mdesk_platform_api::rules::check_topic(topic))?;
    Ok(mdesk_platform_api::rules::normalize_topic(topic))
}

/// A work with a topic waits for the topic's review until its own review is done.
fn topic_status_of(topic: Option<&str>) -> Option<TopicStatus> {
    topic.map(|_| TopicStatus::Pending)
}

pub(crate) async fn publish(
    State(sim): State<Arc<Sim>>,
    merchant: Merchant,
    key: IdempotencyKey,
    Path(account_id): Path<String>,
    Body(req): Body<NewWork>,
) -> SimResult<Response> {
    merchant.require_whitelist()?;
    let path = format!("/v1/accounts/{account_id}/works");
    mutate(&sim, &merchant, &key, "POST", &path, |conn, now| {
        Ok(Applied::created(insert_work(
            conn,
            &merchant.id,
            &account_id,
            &req,
            now,
        )?))
    })
}

/// The rules a new work's content must pass wherever it is headed; what it says of the
/// merchant's uploads too. Used by publishing and by submitting for review.
pub(crate) fn check_new_work(conn: &Connection, merchant_id: &str, req: &NewWork, now: DateTime<Utc>) -> SimResult<()> {
    rule(check_title(&req.title))?;
    rule(check_text(&req.text))?;
    let kinds = req
        .media_ids
        .iter()
        .map(|m| media_kind(conn, merchant_id, m))
        .collect::<SimResult<Vec<_>>>()?;
    let cover_kind = req
        .cover_media_id
        .as_deref()
        .map(|m| media_kind(conn, merchant_id, m))
        .transpose()?;
    rule(check_work_media(
        req.kind,
        &kinds,
        cover_kind,
        req.cover_frame_ms.is_some(),
    ))?;
    rule(mdesk_platform_api::rules::check_schedule(req.scheduled_at, now))?;
    topic_of(req.topic.as_deref())?;
    Ok(())
}

/// Publishes `req` as the matrix account `account_id`, after every rule.
pub(crate) fn insert_work(
    conn: &Connection,
    merchant_id: &str,
    account_id: &str,
    req: &NewWork,
    now: DateTime<Utc>,
) -> SimResult<Work> {
    account_of(conn, merchant_id, account_id)?.require_scope(Scope::Publish)?;
    check_new_work(conn, merchant_id, req, now)?;
    check_pool(conn, account_id, &req.product_ids)?;
    let id = new_id("w");
    let products = serde_json::to_string(&req.product_ids).map_err(|e| SimError::Corrupt(e.to_string()))?;
    // The simulator cannot take a frame out of a video: a video without a cover image gets
    // a drawn cover, whatever `cover_frame_ms` says.
    let first_image = (req.kind == WorkKind::ImageText)
        .then(|| req.media_ids.first())
        .flatten();
    let cover = req
        .cover_media_id
        .as_ref()
        .or(first_image)
        .map_or_else(|| cover::drawn_cover_url(&id), |image| cover::media_url(image));
    // A work scheduled for later is held: unpublished (and so unreviewed, without metrics
    // or comments) until a tick reaches its time.
    let published_at = match req.scheduled_at {
        Some(at) if at > now => None,
        Some(at) => Some(at),
        None => Some(now),
    };
    let topic = topic_of(req.topic.as_deref())?;
    conn.prepare_cached(
        "INSERT INTO work (id, account_id, merchant_id, kind, title, text, cover_url, product_ids, privacy, pinned, \
         review_status, review_reason, inclusion_status, topic, scheduled_at, published_at, deleted, like_count, \
         comment_count, updated_at, topic_status) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, 0, ?10, NULL, ?11, \
         ?12, ?13, ?14, 0, 0, 0, ?15, ?16)",
    )?
    .execute(params![
        id,
        account_id,
        merchant_id,
        req.kind,
        req.title.trim(),
        req.text,
        cover,
        products,
        req.privacy,
        ReviewStatus::Pending,
        InclusionStatus::NotIncluded,
        topic,
        req.scheduled_at.map(ts),
        published_at.map(ts),
        ts(now),
        topic_status_of(topic.as_deref())
    ])?;
    touch(conn, merchant_id, "work", &id)?;
    reload(conn, &id)
}

pub(crate) async fn edit(
    State(sim): State<Arc<Sim>>,
    merchant: Merchant,
    key: IdempotencyKey,
    Path(id): Path<String>,
    Body(req): Body<WorkEdit>,
) -> SimResult<Response> {
    merchant.require_whitelist()?;
    let path = format!("/v1/works/{id}");
    mutate(&sim, &merchant, &key, "PATCH", &path, |conn, now| {
        Ok(Applied::ok(apply_edit(conn, &merchant.id, &id, &req, now)?))
    })
}

/// The rules an edit's fields must pass before any account is involved.
pub(crate) fn check_edit(req: &WorkEdit) -> SimResult<()> {
    if let Some(title) = &req.title {
        rule(check_title(title))?;
    }
    if let Some(text) = &req.text {
        rule(check_text(text))?;
    }
    if let Some(topic) = &req.topic {
        topic_of(Some(topic))?;
    }
    Ok(())
}

/// Edits the work `id` as its account, after every rule.
pub(crate) fn apply_edit(
    conn: &Connection,
    merchant_id: &str,
    id: &str,
    req: &WorkEdit,
    now: DateTime<Utc>,
) -> SimResult<Work> {
    let (_, account) = work_of(conn, merchant_id, id)?;
    account.require_scope(Scope::Publish)?;
    check_edit(req)?;
    let mut work = reload(conn, id)?;
    if let Some(title) = &req.title {
        work.title = title.trim().to_owned();
    }
    if let Some(text) = &req.text {
        work.text = text.clone();
    }
    if let Some(products) = &req.product_ids {
        check_pool(conn, &account.id, products)?;
        work.product_ids = products.clone();
    }
    if let Some(topic) = &req.topic {
        work.topic = topic_of(Some(topic))?;
    }
    let products = serde_json::to_string(&work.product_ids).map_err(|e| SimError::Corrupt(e.to_string()))?;
    // An edited work is reviewed again before it is shown, and so is its topic.
    conn.prepare_cached(
        "UPDATE work SET title = ?1, text = ?2, product_ids = ?3, topic = ?4, review_status = ?5, \
         review_reason = NULL, updated_at = ?6, topic_status = ?7 WHERE id = ?8",
    )?
    .execute(params![
        work.title,
        work.text,
        products,
        work.topic,
        ReviewStatus::Pending,
        ts(now),
        topic_status_of(work.topic.as_deref()),
        id
    ])?;
    touch(conn, merchant_id, "work", id)?;
    reload(conn, id)
}

/// Runs a publish-scope change on one work: checks, `update`, touch, answer.
fn change_work(
    sim: &Sim,
    merchant: &Merchant,
    key: &IdempotencyKey,
    method: &str,
    id: &str,
    suffix: &str,
    update: impl FnOnce(&Connection, &str, chrono::DateTime<chrono::Utc>) -> SimResult<()>,
) -> SimResult<Response> {
    let path = format!("/v1/works/{id}{suffix}");
    mutate(sim, merchant, key, method, &path, |conn, now| {
        let (_, account) = work_of(conn, &merchant.id, id)?;
        account.require_scope(Scope::Publish)?;
        update(conn, &account.id, now)?;
        conn.prepare_cached("UPDATE work SET updated_at = ?1 WHERE id = ?2")?
            .execute(params![ts(now), id])?;
        touch(conn, &merchant.id, "work", id)?;
        Ok(Applied::ok(reload(conn, id)?))
    })
}

pub(crate) async fn remove(
    State(sim): State<Arc<Sim>>,
    merchant: Merchant,
    key: IdempotencyKey,
    Path(id): Path<String>,
) -> SimResult<Response> {
    merchant.require_whitelist()?;
    change_work(&sim, &merchant, &key, "DELETE", &id, "", |conn, _, _| {
        conn.prepare_cached("UPDATE work SET deleted = 1, pinned = 0 WHERE id = ?1")?
            .execute([&id])?;
        Ok(())
    })
}

pub(crate) async fn pin(
    State(sim): State<Arc<Sim>>,
    merchant: Merchant,
    key: IdempotencyKey,
    Path(id): Path<String>,
) -> SimResult<Response> {
    merchant.require_whitelist()?;
    change_work(&sim, &merchant, &key, "PUT", &id, "/pin", |conn, account_id, _| {
        let (already, pinned): (bool, i64) = conn
            .prepare_cached(
                "SELECT (SELECT pinned FROM work WHERE id = ?1), \
                 (SELECT COUNT(*) FROM work WHERE account_id = ?2 AND pinned = 1 AND deleted = 0)",
            )?
            .query_row([&id, account_id], |r| Ok((r.get(0)?, r.get(1)?)))?;
        if !already && pinned >= MAX_PINNED_PER_ACCOUNT as i64 {
            return Err(SimError::api(
                ErrorCode::PinLimit,
                format!("this account already has {MAX_PINNED_PER_ACCOUNT} pinned works"),
            ));
        }
        conn.prepare_cached("UPDATE work SET pinned = 1 WHERE id = ?1")?
            .execute([&id])?;
        Ok(())
    })
}

pub(crate) async fn unpin(
    State(sim): State<Arc<Sim>>,
    merchant: Merchant,
    key: IdempotencyKey,
    Path(id): Path<String>,
) -> SimResult<Response> {
    merchant.require_whitelist()?;
    change_work(&sim, &merchant, &key, "DELETE", &id, "/pin", |conn, _, _| {
        conn.prepare_cached("UPDATE work SET pinned = 0 WHERE id = ?1")?
            .execute([&id])?;
        Ok(())
    })
}

pub(crate) async fn set_privacy(
    State(sim): State<Arc<Sim>>,
    merchant: Merchant,
    key: IdempotencyKey,
    Path(id): Path<String>,
    Body(req): Body<PrivacyChange>,
) -> SimResult<Response> {
    merchant.require_whitelist()?;
    change_work(&sim, &merchant, &key, "PUT", &id, "/privacy", |conn, _, _| {
        conn.prepare_cached("UPDATE work SET privacy = ?1 WHERE id = ?2")?
            .execute(params![req.privacy, id])?;
        Ok(())
    })
}

pub(crate) async fn metrics(
    State(sim): State<Arc<Sim>>,
    merchant: Merchant,
    Path(id): Path<String>,
    Query(range): Query<DateRange>,
) -> SimResult<Json<Vec<DailyMetric>>> {
    merchant.require_whitelist()?;
    let (from, to) = range.bounds()?;
    sim.with_db(|conn| {
        work_of(conn, &merchant.id, &id)?;
        let sql = format!(
            "SELECT {METRIC_COLS} FROM work_metric m WHERE m.work_id = ?1 AND m.date BETWEEN ?2 AND ?3 ORDER BY m.date"
        );
        let mut stmt = conn.prepare_cached(&sql)?;
        let mut rows = stmt.query([&id, &from, &to])?;
        let mut out = Vec::new();
        while let Some(r) = rows.next()? {
            out.push(metric_at(r, 0)?);
        }
        Ok(Json(out))
    })
}
