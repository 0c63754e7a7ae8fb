//! Matrix accounts: list, grant requests and revocation, product pool, shop card, unbind.

use std::sync::Arc;

use axum::extract::{Path, State};
use axum::response::Response;
use axum::Json;
use mdesk_platform_api::{
    Account, AccountTag, ErrorCode, GrantRequest, GrantState, NewGrantRequest, ProductPool, Scope, ShopCard,
};
use rusqlite::{params, Connection, OptionalExtension};

use super::{Body, Merchant};
use crate::db::{self, new_id, touch, ts};
use crate::error::{SimError, SimResult};
use crate::guard::account_of;
use crate::idem::{mutate, Applied, IdempotencyKey};
use crate::server::Sim;
use crate::transitions::{cancel_grant_requests, set_grant, unbind as unbind_account, GrantRequestState};

pub(crate) async fn list(State(sim): State<Arc<Sim>>, merchant: Merchant) -> SimResult<Json<Vec<Account>>> {
    merchant.require_whitelist()?;
    sim.with_db(|conn| Ok(Json(db::accounts_of(conn, &merchant.id)?)))
}

fn reload(conn: &Connection, id: &str) -> SimResult<Account> {
    db::account(conn, id)?.ok_or_else(|| SimError::Corrupt(format!("account {id} vanished")))
}

pub(crate) fn grant_request(conn: &Connection, id: &str) -> SimResult<GrantRequest> {
    conn.prepare_cached(
        "SELECT g.id, g.account_id, m.name, g.scope, g.state, g.created_at FROM grant_request g \
         JOIN account a ON a.id = g.account_id JOIN merchant m ON m.id = a.merchant_id WHERE g.id = ?1",
    )?
    .query_row([id], |r| {
        Ok((
            r.get::<_, String>(0)?,
            r.get(1)?,
            r.get(2)?,
            r.get::<_, Scope>(3)?,
            r.get::<_, GrantRequestState>(4)?,
            r.get::<_, String>(5)?,
        ))
    })
    .optional()?
    .map(|(id, account_id, merchant_name, scope, state, created)| {
        Ok::<GrantRequest, SimError>(GrantRequest {
            id,
            account_id,
            merchant_name,
            scope,
            state: state.to_string(),
            created_at: chrono::DateTime::parse_from_rfc3339(&created)
                .map_err(|e| SimError::Corrupt(e.to_string()))?
                .with_timezone(&chrono::Utc),
        })
    })
    .transpose()?
    .ok_or_else(|| SimError::Corrupt(format!("grant request {id} vanished")))
}

pub(crate) async fn request_grant(
    State(sim): State<Arc<Sim>>,
    merchant: Merchant,
    key: IdempotencyKey,
    Path(id): Path<String>,
    Body(req): Body<NewGrantRequest>,
) -> SimResult<Response> {
    merchant.require_whitelist()?;
    let path = format!("/v1/accounts/{id}/grant-requests");
    mutate(&sim, &merchant, &key, "POST", &path, |conn, now| {
        let account = account_of(conn, &merchant.id, &id)?;
        account.require_bound()?;
        let scope = req.scope;
        if account.grant(scope) == GrantState::Granted {
            return Err(SimError::api(
                ErrorCode::Conflict,
                format!("the {scope} permission is already granted"),
            ));
        }
        let open: Option<String> = conn
            .prepare_cached("SELECT id FROM grant_request WHERE account_id = ?1 AND scope = ?2 AND state = ?3")?
            .query_row(params![id, scope, GrantRequestState::Pending], |r| r.get(0))
            .optional()?;
        if let Some(open) = open {
            return Ok(Applied::ok(grant_request(conn, &open)?));
        }
        let request_id = new_id("g");
        conn.prepare_cached(
            "INSERT INTO grant_request (id, account_id, scope, state, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?5)",
        )?
        .execute(params![request_id, id, scope, GrantRequestState::Pending, ts(now)])?;
        set_grant(conn, &id, scope, GrantState::Requested, now)?;
        Ok(Applied::created(grant_request(conn, &request_id)?))
    })
}

pub(crate) async fn revoke_grant(
    State(sim): State<Arc<Sim>>,
    merchant: Merchant,
    key: IdempotencyKey,
    Path((id, scope)): Path<(String, String)>,
) -> SimResult<Response> {
    merchant.require_whitelist()?;
    let path = format!("/v1/accounts/{id}/grants/{scope}");
    mutate(&sim, &merchant, &key, "DELETE", &path, |conn, now| {
        let scope: Scope = scope.parse().map_err(|_| {
            SimError::api(
                ErrorCode::Validation,
                format!("scope {scope:?} is not publish or interact"),
            )
        })?;
        let account = account_of(conn, &merchant.id, &id)?;
        let current = account.grant(scope);
        if !current.can_revoke() {
            return Err(SimError::api(
                ErrorCode::Conflict,
                format!("nothing to revoke: the permission is {current}"),
            ));
        }
        cancel_grant_requests(conn, &id, Some(scope), now)?;
        set_grant(conn, &id, scope, GrantState::Revoked, now)?;
        Ok(Applied::ok(reload(conn, &id)?))
    })
}

pub(crate) async fn set_pool(
    State(sim): State<Arc<Sim>>,
    merchant: Merchant,
    key: IdempotencyKey,
    Path(id): Path<String>,
    Body(req): Body<ProductPool>,
) -> SimResult<Response> {
    merchant.require_whitelist()?;
    let path = format!("/v1/accounts/{id}/product-pool");
    mutate(&sim, &merchant, &key, "PUT", &path, |conn, now| {
        account_of(conn, &merchant.id, &id)?.require_bound()?;
        let mut ids = req.product_ids.clone();
        ids.sort();
        ids.dedup();
        for product_id in &ids {
            let ours: bool = conn
                .prepare_cached("SELECT COUNT(*) > 0 FROM product WHERE id = ?1 AND merchant_id = ?2")?
                .query_row([product_id, &merchant.id], |r| r.get(0))?;
            if !ours {
                return Err(SimError::api(
                    ErrorCode::Validation,
                    format!("product {product_id} is not in your shop"),
                ));
            }
        }
        conn.prepare_cached("DELETE FROM pool_entry WHERE account_id = ?1")?
            .execute([&id])?;
        for product_id in &ids {
            conn.prepare_cached("INSERT INTO pool_entry (account_id, product_id) VALUES (?1, ?2)")?
                .execute([&id, product_id])?;
        }
        conn.prepare_cached("UPDATE account SET updated_at = ?1 WHERE id = ?2")?
            .execute(params![ts(now), id])?;
        touch(conn, &merchant.id, "account", &id)?;
        Ok(Applied::ok(reload(conn, &id)?))
    })
}

pub(crate) async fn set_shop_card(
    State(sim): State<Arc<Sim>>,
    merchant: Merchant,
    key: IdempotencyKey,
    Path(id): Path<String>,
    Body(req): Body<ShopCard>,
) -> SimResult<Response> {
    merchant.require_whitelist()?;
    let path = format!("/v1/accounts/{id}/shop-card");
    mutate(&sim, &merchant, &key, "PUT", &path, |conn, now| {
        account_of(conn, &merchant.id, &id)?.require_bound()?;
        conn.prepare_cached("UPDATE account SET shop_card = ?1, updated_at = ?2 WHERE id = ?3")?
            .execute(params![req.enabled, ts(now), id])?;
        touch(conn, &merchant.id, "account", &id)?;
        Ok(Applied::ok(reload(conn, &id)?))
    })
}

pub(crate) async fn set_tag(
    State(sim): State<Arc<Sim>>,
    merchant: Merchant,
    key: IdempotencyKey,
    Path(id): Path<String>,
    Body(req): Body<AccountTag>,
) -> SimResult<Response> {
    merchant.require_whitelist()?;
    let path = format!("/v1/accounts/{id}/tag");
    mutate(&sim, &merchant, &key, "PUT", &path, |conn, now| {
        account_of(conn, &merchant.id, &id)?.require_bound()?;
        conn.prepare_cached("UPDATE account SET tag = ?1, updated_at = ?2 WHERE id = ?3")?
            .execute(params![req.tag, ts(now), id])?;
        touch(conn, &merchant.id, "account", &id)?;
        Ok(Applied::ok(reload(conn, &id)?))
    })
}

pub(crate) async fn unbind(
    State(sim): State<Arc<Sim>>,
    merchant: Merchant,
    key: IdempotencyKey,
    Path(id): Path<String>,
) -> SimResult<Response> {
    merchant.require_whitelist()?;
    let path = format!("/v1/accounts/{id}");
    mutate(&sim, &merchant, &key, "DELETE", &path, |conn, now| {
        let account = account_of(conn, &merchant.id, &id)?;
        if !account.binding_state.can_unbind() {
            return Err(SimError::api(
                ErrorCode::NotBound,
                format!("account {id} is {}", account.binding_state),
            ));
        }
        unbind_account(conn, &id, now)?;
        Ok(Applied::ok(reload(conn, &id)?))
    })
}
