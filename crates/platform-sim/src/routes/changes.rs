//! `GET /v1/changes?since=&limit=`: every entity changed after the cursor, in seq order.

use std::sync::Arc;

use axum::extract::{Query, State};
use axum::Json;
use mdesk_platform_api::{Change, ChangeData, ChangePage};
use rusqlite::params;
use serde::Deserialize;

use super::{page_limit, Merchant};
use crate::db;
use crate::error::{SimError, SimResult};
use crate::rows::{comment_at, metric_at, work_at, COMMENT_COLS, METRIC_COLS, METRIC_WIDTH, WORK_COLS, WORK_WIDTH};
use crate::server::Sim;

#[derive(Deserialize)]
pub(crate) struct ChangesQuery {
    since: Option<i64>,
    limit: Option<u32>,
}

pub(crate) async fn feed(
    State(sim): State<Arc<Sim>>,
    merchant: Merchant,
    Query(q): Query<ChangesQuery>,
) -> SimResult<Json<ChangePage>> {
    merchant.require_whitelist()?;
    let since = q.since.unwrap_or(0);
    let limit = page_limit(q.limit, 500);
    sim.with_db(|conn| {
        // One query for the page: works, daily numbers and comments (nearly every change) come
        // joined to their rows; the rare other kinds are loaded one by one.
        let sql = format!(
            "SELECT c.seq, c.kind, c.entity_id, {WORK_COLS}, {METRIC_COLS}, {COMMENT_COLS} \
             FROM (SELECT seq, kind, entity_id FROM change WHERE merchant_id = ?1 AND seq > ?2 ORDER BY seq LIMIT ?3) c \
             LEFT JOIN work w ON c.kind = 'work' AND w.id = c.entity_id \
             LEFT JOIN work_metric m ON c.kind = 'work_metric' \
               AND m.work_id = substr(c.entity_id, 1, instr(c.entity_id, '|') - 1) \
               AND m.date = substr(c.entity_id, instr(c.entity_id, '|') + 1) \
             LEFT JOIN comment k ON c.kind = 'comment' AND k.id = c.entity_id \
             ORDER BY c.seq"
        );
        let mut stmt = conn.prepare_cached(&sql)?;
        let mut rows = stmt.query(params![merchant.id, since, limit])?;
        let mut changes = Vec::with_capacity(limit as usize);
        let mut next_cursor = since;
        let metric_at_col = 3 + WORK_WIDTH;
        let comment_at_col = metric_at_col + METRIC_WIDTH;
        while let Some(r) = rows.next()? {
            let seq: i64 = r.get(0)?;
            let kind: String = r.get(1)?;
            let entity_id: String = r.get(2)?;
            next_cursor = seq;
            let missing = || SimError::Corrupt(format!("change {seq} points at missing {kind} {entity_id}"));
            let present = |col: usize| -> SimResult<()> {
                match r.get_ref(col)? {
                    rusqlite::types::ValueRef::Null => Err(missing()),
                    _ => Ok(()),
                }
            };
            let data = match kind.as_str() {
                "work" => {
                    present(3)?;
                    ChangeData::Work(work_at(r, 3)?)
                }
                "work_metric" => {
                    present(metric_at_col)?;
                    ChangeData::WorkMetric(metric_at(r, metric_at_col)?)
                }
                "comment" => {
                    present(comment_at_col)?;
                    ChangeData::Comment(comment_at(r, comment_at_col)?)
                }
                "merchant" => ChangeData::Merchant(db::me(conn, &entity_id)?.ok_or_else(missing)?),
                "account" => ChangeData::Account(db::account(conn, &entity_id)?.ok_or_else(missing)?),
                "invitation" => ChangeData::Invitation(db::invitation(conn, &entity_id)?.ok_or_else(missing)?),
                "product" => ChangeData::Product(db::product(conn, &entity_id)?.ok_or_else(missing)?),
                "staff" => ChangeData::Staff(crate::team_rows::staff_member(conn, &entity_id)?.ok_or_else(missing)?),
                "submission" => ChangeData::Submission(Box::new(crate::team_rows::submission(conn, &entity_id)?.ok_or_else(missing)?)),
                _ => return Err(missing()),
            };
            changes.push(Change { seq, data });
        }
        let latest_seq: i64 = conn
            .prepare_cached("SELECT COALESCE(MAX(seq), 0) FROM change WHERE merchant_id = ?1")?
            .query_row([&merchant.id], |r| r.get(0))?;
        let has_more = changes.len() == limit as usize;
        Ok(Json(ChangePage {
            changes,
            next_cursor,
            has_more,
            latest_seq,
        }))
    })
}
