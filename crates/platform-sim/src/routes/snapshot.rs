//! `GET /v1/snapshot?cursor=&limit=`: the merchant's whole state in bulk, paged by work id,
//! for a client that has nothing yet (docs/platform-api.md). Compressed by the router.

use std::sync::Arc;

use axum::extract::{Query, State};
use axum::Json;
use mdesk_platform_api::{
    parse_snapshot_cursor, snapshot_cursor, ErrorCode, MetricRow, SnapshotPage, MAX_SNAPSHOT_ROWS, MAX_SNAPSHOT_WORKS,
};
use rusqlite::params;
use serde::Deserialize;

use super::Merchant;
use crate::db;
use crate::error::{SimError, SimResult};
use crate::rows::{comment_at, metric_at, work_at, COMMENT_COLS, METRIC_COLS, WORK_COLS, WORK_WIDTH};
use crate::server::Sim;

/// Works per page when the client does not say.
const DEFAULT_WORKS: u32 = 500;

#[derive(Deserialize)]
pub(crate) struct SnapshotQuery {
    cursor: Option<String>,
    limit: Option<u32>,
}

pub(crate) async fn page(
    State(sim): State<Arc<Sim>>,
    merchant: Merchant,
    Query(q): Query<SnapshotQuery>,
) -> SimResult<Json<SnapshotPage>> {
    if !sim.snapshot {
        return Err(SimError::api(ErrorCode::NotFound, "no such endpoint"));
    }
    merchant.require_whitelist()?;
    let limit = q.limit.unwrap_or(DEFAULT_WORKS).clamp(1, MAX_SNAPSHOT_WORKS);
    let resume = match q.cursor.as_deref() {
        None => None,
        Some(c) => Some(
            parse_snapshot_cursor(c)
                .ok_or_else(|| SimError::api(ErrorCode::Validation, format!("not a snapshot cursor: {c}")))?,
        ),
    };
    sim.with_db(|conn| {
        let seq = match resume {
            Some((seq, _)) => seq,
            None => conn
                .prepare_cached("SELECT COALESCE(MAX(seq), 0) FROM change WHERE merchant_id = ?1")?
                .query_row([&merchant.id], |r| r.get(0))?,
        };
        let after = resume.map(|(_, work)| work);
        // The works, each with how many rows it brings, cut after the last whole work that fits.
        let sql = format!(
            "SELECT {WORK_COLS}, (SELECT COUNT(*) FROM work_metric m WHERE m.work_id = w.id) \
             + (SELECT COUNT(*) FROM comment k WHERE k.work_id = w.id) \
             FROM work w WHERE w.merchant_id = ?1 AND w.deleted = 0 AND (?2 IS NULL OR w.id > ?2) ORDER BY w.id LIMIT ?3"
        );
        let mut stmt = conn.prepare_cached(&sql)?;
        let mut rows = stmt.query(params![merchant.id, after, limit])?;
        let (mut works, mut carried, mut full) = (Vec::new(), 0usize, false);
        while let Some(r) = rows.next()? {
            let brings: i64 = r.get(WORK_WIDTH)?;
            let brings = usize::try_from(brings).unwrap_or(0);
            if !works.is_empty() && carried + brings > MAX_SNAPSHOT_ROWS {
                full = true;
                break;
            }
            carried += brings;
            works.push(work_at(r, 0)?);
        }
        drop(rows);
        let (first, last) = match (works.first(), works.last()) {
            (Some(f), Some(l)) => (f.id.clone(), l.id.clone()),
            _ => (String::new(), String::new()),
        };
        let mut metrics = Vec::new();
        let mut comments = Vec::new();
        if !works.is_empty() {
            let sql = format!(
                "SELECT {METRIC_COLS} FROM work_metric m JOIN work w ON w.id = m.work_id \
                 WHERE m.work_id BETWEEN ?1 AND ?2 AND w.merchant_id = ?3 AND w.deleted = 0 ORDER BY m.work_id, m.date"
            );
            let mut stmt = conn.prepare_cached(&sql)?;
            let mut rows = stmt.query(params![first, last, merchant.id])?;
            while let Some(r) = rows.next()? {
                metrics.push(MetricRow::from(metric_at(r, 0)?));
            }
            let sql = format!(
                "SELECT {COMMENT_COLS} FROM comment k JOIN work w ON w.id = k.work_id \
                 WHERE k.work_id BETWEEN ?1 AND ?2 AND w.merchant_id = ?3 AND w.deleted = 0 ORDER BY k.work_id, k.created_at, k.id"
            );
            let mut stmt = conn.prepare_cached(&sql)?;
            let mut rows = stmt.query(params![first, last, merchant.id])?;
            while let Some(r) = rows.next()? {
                comments.push(comment_at(r, 0)?);
            }
        }
        let more = full || works.len() == limit as usize;
        let next_cursor = (more && !works.is_empty()).then(|| snapshot_cursor(seq, &last));
        let opening = resume.is_none();
        let works_total: i64 = conn
            .prepare_cached("SELECT COUNT(*) FROM work WHERE merchant_id = ?1 AND deleted = 0")?
            .query_row([&merchant.id], |r| r.get(0))?;
        Ok(Json(SnapshotPage {
            seq,
            works_total,
            me: if opening { db::me(conn, &merchant.id)? } else { None },
            products: if opening {
                db::load_each(conn, "SELECT id FROM product WHERE merchant_id = ?1 ORDER BY id", &merchant.id, db::product)?
            } else {
                Vec::new()
            },
            accounts: if opening { db::accounts_of(conn, &merchant.id)? } else { Vec::new() },
            invitations: if opening {
                db::load_each(
                    conn,
                    "SELECT id FROM invitation WHERE merchant_id = ?1 ORDER BY id",
                    &merchant.id,
                    db::invitation,
                )?
            } else {
                Vec::new()
            },
            staff: if opening {
                db::load_each(
                    conn,
                    "SELECT id FROM staff WHERE merchant_id = ?1 ORDER BY created_at, name",
                    &merchant.id,
                    crate::team_rows::staff_member,
                )?
            } else {
                Vec::new()
            },
            submissions: if opening {
                db::load_each(
                    conn,
                    "SELECT id FROM submission WHERE merchant_id = ?1 ORDER BY id",
                    &merchant.id,
                    crate::team_rows::submission,
                )?
            } else {
                Vec::new()
            },
            works,
            metrics,
            comments,
            next_cursor,
        }))
    })
}
