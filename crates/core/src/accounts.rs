//! The matrix accounts of the signed-in merchant: the list (filtered), one account in
//! detail, local grouping, and what unbinding would take away. Each answer is read under one
//! lock, so its parts agree with each other.

use std::collections::BTreeSet;

use mdesk_ipc::{
    AccountDetail, AccountFilter, AccountRow, AccountsPage, BindingState, GrantEvent, GrantView, ProductRow, Scope,
    UnbindPreview,
};
use rusqlite::{params, Connection, OptionalExtension};

use crate::error::{CoreError, CoreResult};
use crate::outbox::kinds;
use crate::outbox::{open_intentions, overlay_accounts, Intention};
use crate::session;
use crate::store::{list_accounts, Store};

/// The signed-in merchant's accounts with pending actions applied; empty before a sign-in.
pub(crate) fn rows(conn: &Connection) -> CoreResult<Vec<AccountRow>> {
    let Some(s) = session::current_in(conn)? else {
        return Ok(Vec::new());
    };
    let mut rows = list_accounts(conn, &s.merchant_id)?;
    overlay_accounts(conn, &mut rows)?;
    Ok(rows)
}

/// Reads from the local database only, so it works offline. Empty before the first sign-in.
pub fn list(store: &Store) -> CoreResult<Vec<AccountRow>> {
    store.read(rows)
}

/// The accounts the filter lets through, pending actions applied (so a tag changed offline
/// filters as the new tag).
pub fn list_filtered(store: &Store, filter: &AccountFilter) -> CoreResult<Vec<AccountRow>> {
    let mut rows = list(store)?;
    let query = filter.query.trim().to_lowercase();
    rows.retain(|a| {
        (query.is_empty()
            || a.nickname.to_lowercase().contains(&query)
            || a.guangguang_id.to_lowercase().contains(&query))
            && filter.tag.is_none_or(|t| a.tag == t)
            && filter.binding.is_none_or(|b| a.binding_state == b)
            && filter
                .group
                .as_ref()
                .is_none_or(|g| a.group.as_deref().unwrap_or_default() == g)
    });
    Ok(rows)
}

/// The first `limit` accounts the filter lets through, their count and all their ids.
pub fn page(store: &Store, filter: &AccountFilter, limit: usize) -> CoreResult<AccountsPage> {
    let mut rows = list_filtered(store, filter)?;
    let ids = rows.iter().map(|a| a.id.clone()).collect::<Vec<_>>();
    rows.truncate(limit);
    Ok(AccountsPage {
        rows,
        total: ids.len() as u32,
        ids,
    })
}

/// The local id of the matrix account with this Guangguang ID (what people type).
pub fn id_by_guangguang(store: &Store, guangguang_id: &str) -> CoreResult<String> {
    let found: Option<String> = store.read(|conn| {
        Ok(conn
            .prepare_cached("SELECT id FROM matrix_account WHERE guangguang_id = ?1")?
            .query_row([guangguang_id.trim()], |r| r.get(0))
            .optional()?)
    })?;
    found.ok_or_else(|| {
        CoreError::InvalidInput(format!(
            "no matrix account with Guangguang ID {guangguang_id:?} here (sync first?)"
        ))
    })
}

fn one(conn: &Connection, id: &str) -> CoreResult<AccountRow> {
    rows(conn)?
        .into_iter()
        .find(|a| a.id == id)
        .ok_or_else(|| CoreError::InvalidInput(format!("no matrix account {id} here")))
}

/// What one permission lets staff do is fixed by the platform; what can be asked next
/// follows from its state.
fn grant_view(conn: &Connection, account: &AccountRow, scope: Scope, open: &[Intention]) -> CoreResult<GrantView> {
    let state = match scope {
        Scope::Publish => account.publish,
        Scope::Interact => account.interact,
    };
    let since: Option<String> = conn
        .prepare_cached("SELECT updated_at FROM account_grant WHERE account_id = ?1 AND scope = ?2")?
        .query_row(params![account.id, scope], |r| r.get(0))
        .optional()?
        .flatten();
    let history = conn
        .prepare_cached("SELECT state, at FROM grant_event WHERE account_id = ?1 AND scope = ?2 ORDER BY seq")?
        .query_map(params![account.id, scope], |r| {
            Ok(GrantEvent {
                state: r.get(0)?,
                at: r.get(1)?,
            })
        })?
        .collect::<Result<Vec<_>, _>>()?;
    let pending = open.iter().any(|i| match i {
        Intention::RequestGrant(kinds::RequestGrant { scope: s, .. })
        | Intention::RevokeGrant(kinds::RevokeGrant { scope: s, .. }) => *s == scope,
        _ => false,
    });
    let bound = account.binding_state == BindingState::Bound;
    Ok(GrantView {
        scope,
        can_request: bound && !pending && state.can_request(),
        can_revoke: !pending && state.can_revoke(),
        state,
        since,
        pending,
        history,
    })
}

/// The account's merchant's catalogue, with its pool (pending pool changes applied) marked.
fn catalogue(conn: &Connection, account_id: &str) -> CoreResult<Vec<ProductRow>> {
    let pool = pool_of(conn, account_id)?;
    let products = conn
        .prepare_cached(
            "SELECT p.id, p.title, p.price_cents FROM product p \
             JOIN matrix_account a ON a.merchant_id = p.merchant_id WHERE a.id = ?1 ORDER BY p.id",
        )?
        .query_map([account_id], |r| {
            let id: String = r.get(0)?;
            Ok(ProductRow {
                in_pool: pool.contains(&id),
                id,
                title: r.get(1)?,
                price_cents: r.get(2)?,
            })
        })?
        .collect::<Result<Vec<_>, _>>()?;
    Ok(products)
}

/// The account's pool, pending pool changes (and a pending unbind) applied.
pub(crate) fn pool_of(conn: &Connection, account_id: &str) -> CoreResult<BTreeSet<String>> {
    let open = open_intentions(conn, account_id)?;
    if let Some(pending) = open.iter().rev().find_map(|i| match i {
        Intention::SetPool(kinds::SetPool { product_ids, .. }) => Some(product_ids.iter().cloned().collect()),
        Intention::Unbind(kinds::Unbind { .. }) => Some(Default::default()),
        _ => None,
    }) {
        return Ok(pending);
    }
    let pool = conn
        .prepare_cached("SELECT product_id FROM pool_entry WHERE account_id = ?1")?
        .query_map([account_id], |r| r.get(0))?
        .collect::<Result<_, _>>()?;
    Ok(pool)
}

/// Everything the account detail screen shows.
pub fn detail(store: &Store, id: &str) -> CoreResult<AccountDetail> {
    store.read(|conn| {
        let account = one(conn, id)?;
        let open = open_intentions(conn, id)?;
        let bound_at: Option<String> = conn
            .prepare_cached("SELECT bound_at FROM matrix_account WHERE id = ?1")?
            .query_row([id], |r| r.get(0))
            .optional()?
            .flatten();
        let grants = vec![
            grant_view(conn, &account, Scope::Publish, &open)?,
            grant_view(conn, &account, Scope::Interact, &open)?,
        ];
        let products = catalogue(conn, id)?;
        Ok(AccountDetail {
            manageable: account.binding_state == BindingState::Bound,
            can_unbind: account.binding_state.can_unbind(),
            account,
            bound_at,
            grants,
            products,
        })
    })
}

/// What unbinding would revoke: the confirmation lists exactly this.
pub fn unbind_preview(store: &Store, id: &str) -> CoreResult<UnbindPreview> {
    let (account, queued) = store.read(|conn| Ok((one(conn, id)?, crate::outbox::open_count(conn, id)?)))?;
    let scopes = [(Scope::Publish, account.publish), (Scope::Interact, account.interact)]
        .into_iter()
        .filter(|(_, state)| state.can_revoke())
        .map(|(scope, _)| scope)
        .collect();
    Ok(UnbindPreview {
        nickname: account.nickname,
        guangguang_id: account.guangguang_id,
        scopes,
        pool_size: account.pool_size,
        shop_card: account.shop_card,
        queued_actions: queued,
    })
}

/// Longest group name, in characters.
pub const MAX_GROUP_CHARS: usize = 20;

/// Puts an account in a group of the staff's own (local to this computer; not sent to the
/// platform). An empty name takes it out of its group.
pub fn set_group(store: &Store, id: &str, group: &str) -> CoreResult<()> {
    let group = group.trim();
    if group.chars().count() > MAX_GROUP_CHARS {
        return Err(CoreError::Rule {
            rule: "group_too_long",
            message: format!("a group name has at most {MAX_GROUP_CHARS} characters"),
        });
    }
    let changed = store.write(|tx| {
        Ok(tx
            .prepare_cached("UPDATE matrix_account SET local_group = ?1 WHERE id = ?2")?
            .execute(params![(!group.is_empty()).then_some(group), id])?)
    })?;
    if changed == 0 {
        return Err(CoreError::InvalidInput(format!("no matrix account {id} here")));
    }
    Ok(())
}

/// The group names in use, sorted.
pub fn groups(store: &Store) -> CoreResult<Vec<String>> {
    store.read(|conn| {
        let mut stmt = conn.prepare_cached(
            "SELECT DISTINCT local_group FROM matrix_account WHERE local_group IS NOT NULL ORDER BY local_group",
        )?;
        let rows = stmt.query_map([], |r| r.get(0))?;
        Ok(rows.collect::<Result<_, _>>()?)
    })
}
