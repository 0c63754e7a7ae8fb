//! Row → wire type for works, daily numbers and comments, shared by the one-entity loaders
//! (`db::work`, `db::comment`) and the set queries that load a whole page at
//! once (the change feed, the works list). Who likes a work or a comment comes in the same row,
//! as a JSON array built by SQLite.

use chrono::NaiveDate;
use mdesk_platform_api::{Comment, DailyMetric, InclusionStatus, Privacy, ReviewStatus, TopicStatus, Work, WorkKind};
use rusqlite::Row;

use crate::db::{opt_ts, parse_ts as ts};
use crate::error::{SimError, SimResult};

/// The columns of a work `w`, in [`work_at`]'s order (21 of them).
pub const WORK_COLS: &str = "w.id, w.account_id, w.kind, w.title, w.text, w.cover_url, w.product_ids, w.privacy, \
     w.pinned, w.review_status, w.review_reason, w.inclusion_status, w.topic, w.topic_status, w.scheduled_at, \
     w.published_at, w.deleted, w.like_count, w.comment_count, w.updated_at, \
     (SELECT json_group_array(account_id) FROM (SELECT account_id FROM work_like WHERE work_id = w.id ORDER BY account_id))";
pub const WORK_WIDTH: usize = 21;

/// The columns of a daily row `m`, in [`metric_at`]'s order (8).
pub const METRIC_COLS: &str =
    "m.work_id, m.date, m.exposure, m.views, m.interactions, m.shop_traffic, m.orders, m.amount_cents";
pub const METRIC_WIDTH: usize = 8;

/// The columns of a comment `k`, in [`comment_at`]'s order (9).
pub const COMMENT_COLS: &str = "k.id, k.work_id, k.parent_id, k.author_name, k.author_account_id, k.text, \
     k.like_count, k.created_at, \
     (SELECT json_group_array(account_id) FROM (SELECT account_id FROM comment_like WHERE comment_id = k.id ORDER BY account_id))";

fn json_list(s: &str, what: &str) -> SimResult<Vec<String>> {
    serde_json::from_str(s).map_err(|e| SimError::Corrupt(format!("{what}: {e}")))
}

/// The work in columns `at..at + WORK_WIDTH` of a row.
pub fn work_at(r: &Row<'_>, at: usize) -> SimResult<Work> {
    let products: String = r.get(at + 6)?;
    let liked: String = r.get(at + 20)?;
    let scheduled: Option<String> = r.get(at + 14)?;
    let published: Option<String> = r.get(at + 15)?;
    let updated: String = r.get(at + 19)?;
    Ok(Work {
        id: r.get(at)?,
        account_id: r.get(at + 1)?,
        kind: r.get::<_, WorkKind>(at + 2)?,
        title: r.get(at + 3)?,
        text: r.get(at + 4)?,
        cover_url: r.get(at + 5)?,
        product_ids: json_list(&products, "product_ids")?,
        privacy: r.get::<_, Privacy>(at + 7)?,
        pinned: r.get(at + 8)?,
        review_status: r.get::<_, ReviewStatus>(at + 9)?,
        review_reason: r.get(at + 10)?,
        inclusion_status: r.get::<_, InclusionStatus>(at + 11)?,
        topic: r.get(at + 12)?,
        topic_status: r.get::<_, Option<TopicStatus>>(at + 13)?,
        scheduled_at: opt_ts(scheduled)?,
        published_at: opt_ts(published)?,
        deleted: r.get(at + 16)?,
        like_count: r.get(at + 17)?,
        comment_count: r.get(at + 18)?,
        liked_by: json_list(&liked, "liked_by")?,
        updated_at: ts(&updated)?,
    })
}

/// The daily row in columns `at..at + METRIC_WIDTH` of a row.
pub fn metric_at(r: &Row<'_>, at: usize) -> SimResult<DailyMetric> {
    let date: String = r.get(at + 1)?;
    Ok(DailyMetric {
        work_id: r.get(at)?,
        date: NaiveDate::parse_from_str(&date, "%Y-%m-%d")
            .map_err(|e| SimError::Corrupt(format!("date {date:?}: {e}")))?,
        exposure: r.get(at + 2)?,
        views: r.get(at + 3)?,
        interactions: r.get(at + 4)?,
        shop_traffic: r.get(at + 5)?,
        orders: r.get(at + 6)?,
        amount_cents: r.get(at + 7)?,
    })
}

/// The comment in the 9 columns from `at` of a row.
pub fn comment_at(r: &Row<'_>, at: usize) -> SimResult<Comment> {
    let created: String = r.get(at + 7)?;
    let liked: String = r.get(at + 8)?;
    Ok(Comment {
        id: r.get(at)?,
        work_id: r.get(at + 1)?,
        parent_id: r.get(at + 2)?,
        author_name: r.get(at + 3)?,
        author_account_id: r.get(at + 4)?,
        text: r.get(at + 5)?,
        like_count: r.get(at + 6)?,
        created_at: ts(&created)?,
        liked_by: json_list(&liked, "liked_by")?,
    })
}
