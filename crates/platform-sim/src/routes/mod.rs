//! The HTTP surface: `/oauth` and `/v1` (the platform API, with fault injection), `/cdn`
//! (covers and media, no token) and `/sim` (the creators' side and admin knobs, simulator only).

mod accounts;
mod admin;
mod auth;
mod cdn;
mod changes;
mod comments;
mod creators;
mod invitations;
mod media;
mod merchant;
mod snapshot;
mod submissions;
mod team;
mod works;

use std::sync::Arc;

use axum::extract::DefaultBodyLimit;
use axum::routing::{delete, get, post, put};
use axum::Router;

use crate::server::Sim;

pub(crate) use auth::Merchant;

/// A request body (JSON) larger than this is refused.
pub(crate) const MAX_BODY_BYTES: usize = 20 * 1024 * 1024;
/// An upload to [`MEDIA_PATH`] larger than this is refused before the platform's size rules
/// are applied: the simulator keeps uploads in SQLite, so it takes less than a real platform's
/// 4 GiB videos (and the 20 MiB image limit is checked with room to spare).
pub(crate) const MAX_UPLOAD_BYTES: usize = 256 * 1024 * 1024;
pub(crate) const MEDIA_PATH: &str = "/v1/media";

/// The most a request to `path` may carry.
pub(crate) fn body_limit(path: &str) -> usize {
    if path == MEDIA_PATH {
        MAX_UPLOAD_BYTES
    } else {
        MAX_BODY_BYTES
    }
}

pub(crate) fn router(sim: Arc<Sim>) -> Router {
    let api = Router::new()
        .route("/v1/me", get(team::me))
        .route("/v1/staff", get(team::list).post(team::add))
        .route("/v1/staff/{login}/role", put(team::set_role))
        .route("/v1/staff/{login}/password", put(team::reset_password))
        .route("/v1/staff/{login}/disabled", put(team::set_disabled))
        .route("/v1/settings/approval", put(team::set_approval))
        .route("/v1/submissions", get(submissions::list).post(submissions::create))
        .route("/v1/submissions/{id}", put(submissions::revise))
        .route("/v1/submissions/{id}/withdraw", post(submissions::withdraw))
        .route("/v1/submissions/{id}/approve", post(submissions::approve))
        .route("/v1/submissions/{id}/return", post(submissions::send_back))
        .route("/v1/products", get(merchant::products))
        .route("/v1/invitations", get(invitations::list).post(invitations::create))
        .route("/v1/invitations/{id}", delete(invitations::cancel))
        .route("/v1/accounts", get(accounts::list))
        .route("/v1/accounts/{id}", delete(accounts::unbind))
        .route("/v1/accounts/{id}/grant-requests", post(accounts::request_grant))
        .route("/v1/accounts/{id}/grants/{scope}", delete(accounts::revoke_grant))
        .route("/v1/accounts/{id}/product-pool", put(accounts::set_pool))
        .route("/v1/accounts/{id}/shop-card", put(accounts::set_shop_card))
        .route("/v1/accounts/{id}/tag", put(accounts::set_tag))
        .route("/v1/accounts/{id}/works", post(works::publish))
        .route(
            MEDIA_PATH,
            post(media::upload).layer(DefaultBodyLimit::max(MAX_UPLOAD_BYTES)),
        )
        .route("/v1/works", get(works::list))
        .route(
            "/v1/works/{id}",
            axum::routing::patch(works::edit).delete(works::remove),
        )
        .route("/v1/works/{id}/pin", put(works::pin).delete(works::unpin))
        .route("/v1/works/{id}/privacy", put(works::set_privacy))
        .route("/v1/works/{id}/metrics", get(works::metrics))
        .route("/v1/works/{id}/comments", get(comments::list).post(comments::create))
        .route("/v1/works/{id}/like", put(comments::like).delete(comments::unlike))
        .route(
            "/v1/comments/{id}/like",
            put(comments::like_comment).delete(comments::unlike_comment),
        )
        .route("/v1/changes", get(changes::feed))
        // The snapshot is the one bulk answer: compressed, at the fastest level (a page is a few
        // MB of JSON and the platform answers many).
        .route(
            "/v1/snapshot",
            get(snapshot::page)
                .layer(tower_http::compression::CompressionLayer::new().quality(tower_http::CompressionLevel::Fastest)),
        )
        // Every route signs its caller in and checks their role; it runs after routing, so it
        // knows the route's template.
        .route_layer(axum::middleware::from_fn_with_state(sim.clone(), auth::enforce))
        .layer(axum::middleware::from_fn(crate::idem::fingerprint))
        .layer(axum::middleware::from_fn_with_state(sim.clone(), crate::faults::inject));
    let sim_routes = Router::new()
        .route("/sim/creators/{gg}/inbox", get(creators::inbox))
        .route(
            "/sim/creators/{gg}/invitations/{id}/{answer}",
            post(creators::answer_invitation),
        )
        .route(
            "/sim/creators/{gg}/grant-requests/{id}/{answer}",
            post(creators::answer_grant_request),
        )
        .route("/sim/creators/{gg}/unbind-request", post(creators::request_unbind))
        .merge(
            Router::new()
                .route("/sim/admin/creators", get(admin::creators))
                .route("/sim/admin/totals", get(admin::totals))
                .route("/sim/admin/ledger", get(admin::ledger))
                .route("/sim/admin/tick", post(admin::tick))
                .route("/sim/admin/faults", get(admin::get_faults).put(admin::set_faults))
                .route("/sim/admin/merchants/{id}/whitelist", put(admin::set_whitelist))
                .route("/sim/admin/auto-consent", put(admin::set_auto_consent))
                .layer(axum::middleware::from_fn_with_state(sim.clone(), admin::require_token)),
        );
    let cdn = Router::new()
        .route("/cdn/covers/{file}", get(cdn::cover))
        .route("/cdn/media/{id}", get(cdn::media));
    Router::new()
        .route("/oauth/token", post(auth::token))
        .merge(api)
        .merge(cdn)
        .merge(sim_routes)
        .layer(DefaultBodyLimit::max(MAX_BODY_BYTES))
        .with_state(sim)
}

/// Clamps a requested page size to the platform's bounds.
pub(crate) fn page_limit(requested: Option<u32>, default: u32) -> u32 {
    requested
        .unwrap_or(default)
        .clamp(1, mdesk_platform_api::MAX_PAGE_LIMIT)
}

/// A JSON body that failed to parse is a `validation` error in the platform's envelope.
pub(crate) struct Body<T>(pub T);

impl<S: Send + Sync, T: serde::de::DeserializeOwned> axum::extract::FromRequest<S> for Body<T> {
    type Rejection = crate::error::SimError;

    async fn from_request(req: axum::extract::Request, state: &S) -> Result<Self, Self::Rejection> {
        match axum::Json::<T>::from_request(req, state).await {
            Ok(axum::Json(v)) => Ok(Body(v)),
            Err(e) => Err(crate::error::SimError::api(
                mdesk_platform_api::ErrorCode::Validation,
                e.body_text(),
            )),
        }
    }
}

/// `from` / `to` query parameters: inclusive metric dates, `YYYY-MM-DD`, either end open.
#[derive(serde::Deserialize)]
pub(crate) struct DateRange {
    from: Option<String>,
    to: Option<String>,
}

impl DateRange {
    /// The bounds as the `date` column spells them (open ends widened); a date that does not
    /// parse is a `validation` error in the platform's envelope.
    pub(crate) fn bounds(&self) -> crate::error::SimResult<(String, String)> {
        let parse = |name: &str, value: &Option<String>, open: &str| match value.as_deref().map(str::trim) {
            None | Some("") => Ok(open.to_owned()),
            Some(v) => chrono::NaiveDate::parse_from_str(v, "%Y-%m-%d")
                .map(|d| d.format("%Y-%m-%d").to_string())
                .map_err(|_| {
                    crate::error::SimError::api(
                        mdesk_platform_api::ErrorCode::Validation,
                        format!("{name} must be a date YYYY-MM-DD, not {v:?}"),
                    )
                }),
        };
        Ok((
            parse("from", &self.from, "0000-01-01")?,
            parse("to", &self.to, "9999-12-31")?,
        ))
    }
}
