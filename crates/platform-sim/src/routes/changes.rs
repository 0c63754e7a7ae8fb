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
        let rows = conn
            .prepare_cached(
                "SELECT seq, kind, entity_id FROM change WHERE merchant_id = ?1 AND seq > ?2 ORDER BY seq LIMIT ?3",
            )?
            .query_map(params![merchant.id, since, limit], |r| {
                Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?, r.get::<_, String>(2)?))
            })?
            .collect::<Result<Vec<_>, _>>()?;
        let latest_seq: i64 = conn
            .prepare_cached("SELECT COALESCE(MAX(seq), 0) FROM change WHERE merchant_id = ?1")?
            .query_row([&merchant.id], |r| r.get(0))?;
        let has_more = rows.len() == limit as usize;
        let next_cursor = rows.last().map_or(since, |r| r.0);
        let mut changes = Vec::with_capacity(rows.len());
        for (seq, kind, entity_id) in rows {
            let missing = || SimError::Corrupt(format!("change {seq} points at missing {kind} {entity_id}"));
            let data = match kind.as_str() {
                "merchant" => ChangeData::Merchant(db::me(conn, &entity_id)?.ok_or_else(missing)?),
                "account" => ChangeData::Account(db::account(conn, &entity_id)?.ok_or_else(missing)?),
                "invitation" => ChangeData::Invitation(db::invitation(conn, &entity_id)?.ok_or_else(missing)?),
                "product" => ChangeData::Product(db::product(conn, &entity_id)?.ok_or_else(missing)?),
                "work" => ChangeData::Work(db::work(conn, &entity_id)?.ok_or_else(missing)?),
                "work_metric" => {
                    let (work_id, date) = entity_id.split_once('|').ok_or_else(missing)?;
                    ChangeData::WorkMetric(db::work_metric(conn, work_id, date)?.ok_or_else(missing)?)
                }
                "comment" => ChangeData::Comment(db::comment(conn, &entity_id)?.ok_or_else(missing)?),
                _ => return Err(missing()),
            };
            changes.push(Change { seq, data });
        }
        Ok(Json(ChangePage {
            changes,
            next_cursor,
            has_more,
            latest_seq,
        }))
    })
}
