//! `GET /v1/me` and `GET /v1/products`.

use std::sync::Arc;

use axum::extract::State;
use axum::Json;
use mdesk_platform_api::{ErrorCode, Me, Product};

use super::Merchant;
use crate::db;
use crate::error::{SimError, SimResult};
use crate::server::Sim;

pub(crate) async fn me(State(sim): State<Arc<Sim>>, merchant: Merchant) -> SimResult<Json<Me>> {
    sim.with_db(|conn| {
        db::me(conn, &merchant.id)?
            .map(Json)
            .ok_or_else(|| SimError::api(ErrorCode::NotFound, "merchant not found"))
    })
}

pub(crate) async fn products(State(sim): State<Arc<Sim>>, merchant: Merchant) -> SimResult<Json<Vec<Product>>> {
    merchant.require_whitelist()?;
    sim.with_db(|conn| {
        let sql = "SELECT id FROM product WHERE merchant_id = ?1 ORDER BY id";
        Ok(Json(db::load_each(conn, sql, &merchant.id, db::product)?))
    })
}
