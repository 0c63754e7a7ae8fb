//! The HTTP surface: `/oauth`, `/v1` (the platform API) and `/sim` (simulator-only knobs).

mod accounts;
mod admin;
mod auth;
mod changes;
mod merchant;
mod works;

use std::sync::Arc;

use axum::routing::{get, post};
use axum::Router;

use crate::server::Sim;

pub(crate) use auth::Merchant;

pub(crate) fn router(sim: Arc<Sim>) -> Router {
    Router::new()
        .route("/oauth/token", post(auth::token))
        .route("/v1/me", get(merchant::me))
        .route("/v1/products", get(merchant::products))
        .route("/v1/accounts", get(accounts::list))
        .route("/v1/invitations", get(accounts::invitations))
        .route("/v1/works", get(works::list))
        .route("/v1/changes", get(changes::feed))
        .route("/sim/admin/creators", get(admin::creators))
        .route("/sim/admin/totals", get(admin::totals))
        .with_state(sim)
}

/// Clamps a requested page size to the platform's bounds.
pub(crate) fn page_limit(requested: Option<u32>, default: u32) -> u32 {
    requested
        .unwrap_or(default)
        .clamp(1, mdesk_platform_api::MAX_PAGE_LIMIT)
}
