//! `GET /v1/products`.

use std::sync::Arc;

use axum::extract::State;
use axum::Json;
use mdesk_platform_api::Product;

use super::Merchant;
use crate::db;
use crate::error::SimResult;
use crate::server::Sim;

pub(crate) async fn products(State(sim): State<Arc<Sim>>, merchant: Merchant) -> SimResult<Json<Vec<Product>>> {
    merchant.require_whitelist()?;
    sim.with_db(|conn| {
        let sql = "SELECT id FROM product WHERE merchant_id = ?1 ORDER BY id";
        Ok(Json(db::load_each(conn, sql, &merchant.id, db::product)?))
    })
}
