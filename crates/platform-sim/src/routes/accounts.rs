//! Matrix accounts and invitations, as the merchant sees them.

use std::sync::Arc;

use axum::extract::State;
use axum::Json;
use mdesk_platform_api::{Account, Invitation};

use super::Merchant;
use crate::db;
use crate::error::SimResult;
use crate::server::Sim;

pub(crate) async fn list(State(sim): State<Arc<Sim>>, merchant: Merchant) -> SimResult<Json<Vec<Account>>> {
    merchant.require_whitelist()?;
    sim.with_db(|conn| Ok(Json(db::accounts_of(conn, &merchant.id)?)))
}

pub(crate) async fn invitations(State(sim): State<Arc<Sim>>, merchant: Merchant) -> SimResult<Json<Vec<Invitation>>> {
    merchant.require_whitelist()?;
    sim.with_db(|conn| {
        let ids = conn
            .prepare_cached("SELECT id FROM invitation WHERE merchant_id = ?1 ORDER BY created_at DESC, id")?
            .query_map([&merchant.id], |r| r.get::<_, String>(0))?
            .collect::<Result<Vec<_>, _>>()?;
        let mut out = Vec::with_capacity(ids.len());
        for id in ids {
            out.extend(db::invitation(conn, &id)?);
        }
        Ok(Json(out))
    })
}
