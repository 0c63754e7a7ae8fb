//! One work as the work detail screen and `mdesk work` show it: the work, its products, its
//! status history, its daily numbers over a period and its comments, threaded.

use std::collections::HashMap;

use mdesk_ipc::{
    CommentView, DailyPoint, Metrics, Period, ReviewStatus, StatusEvent, StatusField, WorkDetail, WorkProduct, WorkRow,
};
use rusqlite::{params, params_from_iter, Connection, OptionalExtension};

use super::query;
use crate::covers;
use crate::error::{CoreError, CoreResult};
use crate::period;
use crate::session;
use crate::store::Store;

/// Everything about one of the signed-in merchant's works.
pub fn detail(store: &Store, work_id: &str, period: &Period) -> CoreResult<WorkDetail> {
    let (detail, cover) = store.read(|conn| {
        let session = session::current_in(conn)?.ok_or(CoreError::NotSignedIn)?;
        let range = period::resolve(conn, period)?;
        let sql = query::one(&session.merchant_id, work_id);
        let found = conn
            .prepare_cached(&sql.text)?
            .query_row(params_from_iter(sql.params.iter()), query::row)
            .optional()?;
        let Some(mut found) = found else {
            return Err(CoreError::Rule {
                rule: "work_unknown",
                message: format!("no work {work_id} of this merchant here"),
            });
        };
        let deleted: bool = conn.query_row("SELECT deleted FROM work WHERE id = ?1", [work_id], |r| r.get(0))?;
        if deleted {
            // Opened from an old notice or link: say so rather than show it as live.
            return Err(CoreError::Rule {
                rule: "work_deleted",
                message: format!("work {work_id} was deleted"),
            });
        }
        query::fill_metrics(conn, std::slice::from_mut(&mut found), &range)?;
        let (mut work, cover) = found;
        let edited_text = crate::outbox::overlay_works(conn, std::slice::from_mut(&mut work))?
            .pop()
            .flatten();
        let (text, product_ids, updated_at): (String, String, String) = conn.query_row(
            "SELECT text, product_ids, updated_at FROM work WHERE id = ?1",
            [work_id],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )?;
        let detail = WorkDetail {
            products: products(conn, &work, &product_ids)?,
            history: history(conn, &work, &updated_at)?,
            daily: daily(conn, work_id, &range)?,
            comments: comments(conn, work_id)?,
            text: edited_text.unwrap_or(text),
            period: range,
            work,
        };
        Ok((detail, cover))
    })?;
    let mut detail = detail;
    if let (Some(dir), Some(file)) = (store.media_dir(), cover) {
        detail.work.cover = covers::data_url(&dir, &file);
    }
    Ok(detail)
}

fn products(conn: &Connection, work: &WorkRow, ids_json: &str) -> CoreResult<Vec<WorkProduct>> {
    let ids: Vec<String> =
        serde_json::from_str(ids_json).map_err(|e| CoreError::Corrupt(format!("product_ids of {}: {e}", work.id)))?;
    let mut stmt = conn.prepare_cached(
        "SELECT p.title, p.price_cents, EXISTS (SELECT 1 FROM pool_entry e WHERE e.account_id = ?1 AND e.product_id = ?2) \
         FROM (SELECT 1) LEFT JOIN product p ON p.id = ?2 \
         AND p.merchant_id = (SELECT merchant_id FROM matrix_account WHERE id = ?1)",
    )?;
    ids.into_iter()
        .map(|id| {
            let (title, price_cents, commission_free) =
                stmt.query_row(params![work.account_id, id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
            Ok(WorkProduct {
                id,
                title,
                price_cents,
                commission_free,
            })
        })
        .collect()
}

/// Submitted for review when it was published (or scheduled), then every change this computer
/// saw; a state nothing recorded a change of is shown as the work has it now.
fn history(conn: &Connection, work: &WorkRow, updated_at: &str) -> CoreResult<Vec<StatusEvent>> {
    let submitted = work
        .published_at
        .clone()
        .or_else(|| work.scheduled_at.clone())
        .unwrap_or_else(|| updated_at.to_owned());
    let mut out = vec![StatusEvent {
        at: submitted,
        field: StatusField::Review,
        value: ReviewStatus::Pending.as_str().to_owned(),
        reason: None,
    }];
    let recorded: Vec<StatusEvent> = conn
        .prepare_cached("SELECT at, field, value, reason FROM work_status_event WHERE work_id = ?1 ORDER BY seq")?
        .query_map([&work.id], |r| {
            Ok(StatusEvent {
                at: r.get(0)?,
                field: r.get(1)?,
                value: r.get(2)?,
                reason: r.get(3)?,
            })
        })?
        .collect::<Result<_, _>>()?;
    let seen = |field: StatusField| recorded.iter().any(|e| e.field == field);
    if !seen(StatusField::Review) && work.review_status != ReviewStatus::Pending {
        out.push(StatusEvent {
            at: updated_at.to_owned(),
            field: StatusField::Review,
            value: work.review_status.as_str().to_owned(),
            reason: work.review_reason.clone(),
        });
    }
    if !seen(StatusField::Inclusion) && work.review_status == ReviewStatus::Approved {
        out.push(StatusEvent {
            at: updated_at.to_owned(),
            field: StatusField::Inclusion,
            value: work.inclusion_status.as_str().to_owned(),
            reason: None,
        });
    }
    if let (false, Some(topic)) = (seen(StatusField::Topic), work.topic_status) {
        out.push(StatusEvent {
            at: updated_at.to_owned(),
            field: StatusField::Topic,
            value: topic.as_str().to_owned(),
            reason: None,
        });
    }
    out.extend(recorded);
    out.sort_by(|a, b| a.at.cmp(&b.at));
    Ok(out)
}

/// One point per day of the period; a day without a row is zero.
fn daily(conn: &Connection, work_id: &str, range: &mdesk_ipc::PeriodRange) -> CoreResult<Vec<DailyPoint>> {
    let mut by_day: HashMap<String, Metrics> = conn
        .prepare_cached(
            "SELECT date, exposure, views, interactions, shop_traffic, orders, amount_cents FROM work_metric_daily \
             WHERE work_id = ?1 AND date >= ?2 AND date <= ?3",
        )?
        .query_map(params![work_id, range.from, range.to], |r| {
            Ok((r.get(0)?, query::metrics_at(r, 1)?))
        })?
        .collect::<Result<_, _>>()?;
    Ok(period::days(range)?
        .into_iter()
        .map(|date| DailyPoint {
            metrics: by_day.remove(&date).unwrap_or_default(),
            date,
        })
        .collect())
}

/// Comments newest first, each with its replies oldest first (a reply to a reply joins the
/// thread of its comment).
fn comments(conn: &Connection, work_id: &str) -> CoreResult<Vec<CommentView>> {
    let all: Vec<(Option<String>, CommentView)> = conn
        .prepare_cached(
            "SELECT id, parent_id, author_name, author_account_id IS NOT NULL, text, like_count, created_at \
             FROM comment WHERE work_id = ?1 ORDER BY created_at, id",
        )?
        .query_map([work_id], |r| {
            Ok((
                r.get(1)?,
                CommentView {
                    id: r.get(0)?,
                    author_name: r.get(2)?,
                    from_matrix: r.get(3)?,
                    text: r.get(4)?,
                    like_count: r.get(5)?,
                    created_at: r.get(6)?,
                    replies: Vec::new(),
                },
            ))
        })?
        .collect::<Result<_, _>>()?;
    let parent_of: HashMap<String, Option<String>> = all.iter().map(|(p, c)| (c.id.clone(), p.clone())).collect();
    // The thread a comment belongs to: follow parents up to a comment without one.
    let root = |mut id: String| {
        for _ in 0..64 {
            match parent_of.get(&id) {
                Some(Some(parent)) if parent_of.contains_key(parent) => id = parent.clone(),
                _ => break,
            }
        }
        id
    };
    let mut threads: Vec<CommentView> = Vec::new();
    let mut replies: HashMap<String, Vec<CommentView>> = HashMap::new();
    for (parent, comment) in all {
        match parent.filter(|p| parent_of.contains_key(p)) {
            Some(p) => replies.entry(root(p)).or_default().push(comment),
            None => threads.push(comment),
        }
    }
    for thread in &mut threads {
        thread.replies = replies.remove(&thread.id).unwrap_or_default();
    }
    threads.reverse();
    Ok(threads)
}
