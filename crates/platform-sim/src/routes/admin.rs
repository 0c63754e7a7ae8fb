//! `/sim/admin/*`: ground truth for tests and the curl walkthrough. Simulator only.

use std::sync::Arc;

use axum::extract::{Path, Query, State};
use axum::Json;
use mdesk_platform_api::{BindingState, ErrorCode};
use rusqlite::params;
use serde::{Deserialize, Serialize};

use super::{Body, DateRange};
use crate::error::{SimError, SimResult};
use crate::faults::Faults;
use crate::server::Sim;

#[derive(Serialize)]
pub(crate) struct CreatorRow {
    guangguang_id: String,
    nickname: String,
    phone: String,
    /// The merchant this creator is bound to, if any.
    bound_to: Option<String>,
}

pub(crate) async fn creators(State(sim): State<Arc<Sim>>) -> SimResult<Json<Vec<CreatorRow>>> {
    sim.with_db(|conn| {
        let rows = conn
            .prepare_cached(
                "SELECT c.guangguang_id, c.nickname, c.phone, \
                 (SELECT a.merchant_id FROM account a WHERE a.creator_id = c.id AND a.binding_state IN (?1, ?2)) \
                 FROM creator c ORDER BY c.id",
            )?
            .query_map([BindingState::Bound, BindingState::UnbindRequested], |r| {
                Ok(CreatorRow {
                    guangguang_id: r.get(0)?,
                    nickname: r.get(1)?,
                    phone: r.get(2)?,
                    bound_to: r.get(3)?,
                })
            })?
            .collect::<Result<Vec<_>, _>>()?;
        Ok(Json(rows))
    })
}

#[derive(Serialize)]
pub(crate) struct MerchantTotals {
    merchant_id: String,
    accounts: i64,
    bound_accounts: i64,
    /// Works not deleted, now (the period does not apply).
    works: i64,
    exposure: i64,
    views: i64,
    interactions: i64,
    shop_traffic: i64,
    orders: i64,
    amount_cents: i64,
}

/// Ground truth per merchant. The six metrics sum every daily row whose date lies in
/// `from..=to` — the rows of deleted works too, since the change feed delivered them and
/// nothing takes them back — so they equal what a client sums from the feed for that period.
pub(crate) async fn totals(
    State(sim): State<Arc<Sim>>,
    Query(range): Query<DateRange>,
) -> SimResult<Json<Vec<MerchantTotals>>> {
    let (from, to) = range.bounds()?;
    sim.with_db(|conn| {
        let rows = conn
            .prepare_cached(
                "SELECT m.id, \
                 (SELECT COUNT(*) FROM account a WHERE a.merchant_id = m.id), \
                 (SELECT COUNT(*) FROM account a WHERE a.merchant_id = m.id AND a.binding_state = ?1), \
                 (SELECT COUNT(*) FROM work w WHERE w.merchant_id = m.id AND w.deleted = 0), \
                 COALESCE(SUM(x.exposure), 0), COALESCE(SUM(x.views), 0), COALESCE(SUM(x.interactions), 0), \
                 COALESCE(SUM(x.shop_traffic), 0), COALESCE(SUM(x.orders), 0), COALESCE(SUM(x.amount_cents), 0) \
                 FROM merchant m LEFT JOIN (SELECT w.merchant_id, wm.* FROM work_metric wm JOIN work w ON w.id = wm.work_id \
                 WHERE wm.date BETWEEN ?2 AND ?3) x \
                 ON x.merchant_id = m.id GROUP BY m.id ORDER BY m.id",
            )?
            .query_map(params![BindingState::Bound, from, to], |r| {
                Ok(MerchantTotals {
                    merchant_id: r.get(0)?,
                    accounts: r.get(1)?,
                    bound_accounts: r.get(2)?,
                    works: r.get(3)?,
                    exposure: r.get(4)?,
                    views: r.get(5)?,
                    interactions: r.get(6)?,
                    shop_traffic: r.get(7)?,
                    orders: r.get(8)?,
                    amount_cents: r.get(9)?,
                })
            })?
            .collect::<Result<Vec<_>, _>>()?;
        Ok(Json(rows))
    })
}

#[derive(Serialize)]
pub(crate) struct LedgerEntry {
    seq: i64,
    merchant_id: String,
    idempotency_key: String,
    method: String,
    path: String,
    at: String,
}

/// Every applied mutation with its idempotency key, oldest first.
pub(crate) async fn ledger(State(sim): State<Arc<Sim>>) -> SimResult<Json<Vec<LedgerEntry>>> {
    sim.with_db(|conn| {
        let rows = conn
            .prepare_cached("SELECT seq, merchant_id, key, method, path, at FROM ledger ORDER BY seq")?
            .query_map([], |r| {
                Ok(LedgerEntry {
                    seq: r.get(0)?,
                    merchant_id: r.get(1)?,
                    idempotency_key: r.get(2)?,
                    method: r.get(3)?,
                    path: r.get(4)?,
                    at: r.get(5)?,
                })
            })?
            .collect::<Result<Vec<_>, _>>()?;
        Ok(Json(rows))
    })
}

#[derive(Deserialize, Default)]
pub(crate) struct TickRequest {
    /// Days to advance the platform's clock (0: just let a moment pass).
    #[serde(default)]
    days: u32,
}

pub(crate) async fn tick(
    State(sim): State<Arc<Sim>>,
    body: Option<Json<TickRequest>>,
) -> SimResult<Json<crate::tick::TickReport>> {
    let days = body.map(|Json(b)| b.days).unwrap_or(0);
    Ok(Json(crate::tick::tick(&sim, days)?))
}

pub(crate) async fn get_faults(State(sim): State<Arc<Sim>>) -> Json<Faults> {
    Json(sim.faults())
}

pub(crate) async fn set_faults(State(sim): State<Arc<Sim>>, Body(faults): Body<Faults>) -> SimResult<Json<Faults>> {
    faults.validate().map_err(|m| SimError::api(ErrorCode::Validation, m))?;
    sim.set_faults(faults.clone());
    Ok(Json(faults))
}

#[derive(Deserialize, Serialize)]
pub(crate) struct Whitelist {
    whitelisted: bool,
}

pub(crate) async fn set_whitelist(
    State(sim): State<Arc<Sim>>,
    Path(id): Path<String>,
    Body(req): Body<Whitelist>,
) -> SimResult<Json<Whitelist>> {
    sim.with_db(|conn| {
        let changed = conn
            .prepare_cached("UPDATE merchant SET whitelisted = ?1 WHERE id = ?2")?
            .execute(rusqlite::params![req.whitelisted, id])?;
        if changed == 0 {
            return Err(SimError::api(ErrorCode::NotFound, format!("no merchant {id}")));
        }
        crate::db::touch(conn, &id, "merchant", &id)?;
        Ok(Json(req))
    })
}

#[derive(Deserialize, Serialize)]
pub(crate) struct AutoConsent {
    enabled: bool,
}

/// When on, every pending invitation and grant request is accepted on the next tick (demo).
pub(crate) async fn set_auto_consent(
    State(sim): State<Arc<Sim>>,
    Body(req): Body<AutoConsent>,
) -> SimResult<Json<AutoConsent>> {
    sim.with_db(|conn| {
        crate::db::set_sim_state(conn, "auto_consent", if req.enabled { "1" } else { "0" })?;
        Ok(Json(req))
    })
}

/// With an admin token configured, an admin request without it is refused (403).
pub(crate) async fn require_token(
    axum::extract::State(sim): axum::extract::State<std::sync::Arc<crate::server::Sim>>,
    req: axum::extract::Request,
    next: axum::middleware::Next,
) -> axum::response::Response {
    use axum::response::IntoResponse;
    if let Some(want) = &sim.admin_token {
        let given = req
            .headers()
            .get(crate::server::ADMIN_TOKEN_HEADER)
            .and_then(|v| v.to_str().ok());
        if given != Some(want.as_str()) {
            return (
                axum::http::StatusCode::FORBIDDEN,
                axum::Json(mdesk_platform_api::ErrorBody::new(
                    mdesk_platform_api::ErrorCode::Unauthorized,
                    "the simulator's admin routes need its admin token",
                )),
            )
                .into_response();
        }
    }
    next.run(req).await
}
