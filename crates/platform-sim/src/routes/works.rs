//! `GET /v1/works?account_id=&cursor=&limit=`: works, newest id first, cursor-paged.

use std::sync::Arc;

use axum::extract::{Query, State};
use axum::Json;
use mdesk_platform_api::Work;
use rusqlite::params;
use serde::{Deserialize, Serialize};

use super::{page_limit, Merchant};
use crate::db;
use crate::error::SimResult;
use crate::server::Sim;

#[derive(Deserialize)]
pub(crate) struct WorksQuery {
    account_id: Option<String>,
    /// The last id of the previous page.
    cursor: Option<String>,
    limit: Option<u32>,
}

#[derive(Serialize)]
pub(crate) struct WorksPage {
    works: Vec<Work>,
    next_cursor: Option<String>,
}

pub(crate) async fn list(
    State(sim): State<Arc<Sim>>,
    merchant: Merchant,
    Query(q): Query<WorksQuery>,
) -> SimResult<Json<WorksPage>> {
    merchant.require_whitelist()?;
    let limit = page_limit(q.limit, 100);
    sim.with_db(|conn| {
        let ids = conn
            .prepare_cached(
                "SELECT id FROM work WHERE merchant_id = ?1 AND deleted = 0 AND (?2 IS NULL OR account_id = ?2) \
                 AND (?3 IS NULL OR id > ?3) ORDER BY id LIMIT ?4",
            )?
            .query_map(params![merchant.id, q.account_id, q.cursor, limit], |r| {
                r.get::<_, String>(0)
            })?
            .collect::<Result<Vec<_>, _>>()?;
        let next_cursor = (ids.len() == limit as usize).then(|| ids.last().cloned()).flatten();
        let mut works = Vec::with_capacity(ids.len());
        for id in ids {
            works.extend(db::work(conn, &id)?);
        }
        Ok(Json(WorksPage { works, next_cursor }))
    })
}
