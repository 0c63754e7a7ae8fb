//! `/sim/admin/*`: ground truth for tests and the curl walkthrough. Simulator only.

use std::sync::Arc;

use axum::extract::State;
use axum::Json;
use serde::Serialize;

use crate::error::SimResult;
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
                 (SELECT a.merchant_id FROM account a WHERE a.creator_id = c.id AND a.binding_state IN ('bound','unbind_requested')) \
                 FROM creator c ORDER BY c.id",
            )?
            .query_map([], |r| {
                Ok(CreatorRow { guangguang_id: r.get(0)?, nickname: r.get(1)?, phone: r.get(2)?, bound_to: r.get(3)? })
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
    works: i64,
    exposure: i64,
    views: i64,
    orders: i64,
    amount_cents: i64,
}

pub(crate) async fn totals(State(sim): State<Arc<Sim>>) -> SimResult<Json<Vec<MerchantTotals>>> {
    sim.with_db(|conn| {
        let rows = conn
            .prepare_cached(
                "SELECT m.id, \
                 (SELECT COUNT(*) FROM account a WHERE a.merchant_id = m.id), \
                 (SELECT COUNT(*) FROM account a WHERE a.merchant_id = m.id AND a.binding_state = 'bound'), \
                 (SELECT COUNT(*) FROM work w WHERE w.merchant_id = m.id AND w.deleted = 0), \
                 COALESCE(SUM(x.exposure), 0), COALESCE(SUM(x.views), 0), COALESCE(SUM(x.orders), 0), COALESCE(SUM(x.amount_cents), 0) \
                 FROM merchant m LEFT JOIN (SELECT w.merchant_id, wm.* FROM work_metric wm JOIN work w ON w.id = wm.work_id) x \
                 ON x.merchant_id = m.id GROUP BY m.id ORDER BY m.id",
            )?
            .query_map([], |r| {
                Ok(MerchantTotals {
                    merchant_id: r.get(0)?,
                    accounts: r.get(1)?,
                    bound_accounts: r.get(2)?,
                    works: r.get(3)?,
                    exposure: r.get(4)?,
                    views: r.get(5)?,
                    orders: r.get(6)?,
                    amount_cents: r.get(7)?,
                })
            })?
            .collect::<Result<Vec<_>, _>>()?;
        Ok(Json(rows))
    })
}
