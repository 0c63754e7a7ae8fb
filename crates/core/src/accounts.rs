//! The matrix accounts of the signed-in merchant: the list (filtered), one account in
//! detail, local grouping, and what unbinding would take away.

use std::sync::Mutex;

use mdesk_ipc::{AccountDetail, AccountFilter, AccountRow, GrantEvent, GrantView, ProductRow, UnbindPreview};
use rusqlite::{params, Connection, OptionalExtension};

use crate::error::{CoreError, CoreResult};
use crate::outbox::{open_intentions, Intention};
use crate::session::{self, lock};
use crate::store::{list_accounts, Store};

/// Reads from the local database only, so it works offline. Empty before the first sign-in.
pub fn list(store: &Mutex<Store>) -> CoreResult<Vec<AccountRow>> {
    list_filtered(store, &AccountFilter::default())
}

/// The accounts the filter lets through, pending actions applied (so a tag changed offline
/// filters as the new tag).
pub fn list_filtered(store: &Mutex<Store>, filter: &AccountFilter) -> CoreResult<Vec<AccountRow>> {
    let store = lock(store);
    let Some(s) = session::current(&store)? else {
        return Ok(Vec::new());
    };
    let mut rows = list_accounts(store.conn(), &s.merchant_id)?;
    crate::outbox::overlay_accounts(store.conn(), &mut rows)?;
    let query = filter.query.trim().to_lowercase();
    rows.retain(|a| {
        (query.is_empty()
            || a.nickname.to_lowercase().contains(&query)
            || a.guangguang_id.to_lowercase().contains(&query))
            && filter.tag.as_ref().is_none_or(|t| &a.tag == t)
            && filter.binding.as_ref().is_none_or(|b| &a.binding_state == b)
            && filter
                .group
                .as_ref()
                .is_none_or(|g| a.group.as_deref().unwrap_or_default() == g)
    });
    Ok(rows)
}

/// The local id of the matrix account with this Guangguang ID (what people type).
pub fn id_by_guangguang(store: &Mutex<Store>, guangguang_id: &str) -> CoreResult<String> {
    let store = lock(store);
    let found: Option<String> = store
        .conn()
        .prepare_cached("SELECT id FROM matrix_account WHERE guangguang_id = ?1")?
        .query_row([guangguang_id.trim()], |r| r.get(0))
        .optional()?;
    found.ok_or_else(|| {
        CoreError::InvalidInput(format!(
            "no matrix account with Guangguang ID {guangguang_id:?} here (sync first?)"
        ))
    })
}

fn one(store: &Mutex<Store>, id: &str) -> CoreResult<AccountRow> {
    list(store)?
        .into_iter()
        .find(|a| a.id == id)
        .ok_or_else(|| CoreError::InvalidInput(format!("no matrix account {id} here")))
}

/// What one permission lets staff do is fixed by the platform; what can be asked next
/// follows from its state.
fn grant_view(conn: &Connection, account: &AccountRow, scope: &str, open: &[Intention]) -> CoreResult<GrantView> {
    let state = if scope == "publish" {
        account.publish.clone()
    } else {
        account.interact.clone()
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
        Intention::RequestGrant { scope: s, .. } | Intention::RevokeGrant { scope: s, .. } => {
            mdesk_platform_api::wire_name(s) == scope
        }
        _ => false,
    });
    let bound = account.binding_state == "bound";
    Ok(GrantView {
        scope: scope.to_owned(),
        can_request: bound && !pending && matches!(state.as_str(), "none" | "declined" | "revoked"),
        can_revoke: !pending && matches!(state.as_str(), "granted" | "requested"),
        state,
        since,
        pending,
        history,
    })
}

/// The shop's catalogue, with this account's pool (pending pool changes applied) marked.
fn catalogue(conn: &Connection, account_id: &str) -> CoreResult<Vec<ProductRow>> {
    let pool = pool_of(conn, account_id)?;
    let products = conn
        .prepare_cached("SELECT id, title, price_cents FROM product ORDER BY id")?
        .query_map([], |r| {
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
pub(crate) fn pool_of(conn: &Connection, account_id: &str) -> CoreResult<std::collections::BTreeSet<String>> {
    let open = open_intentions(conn, account_id)?;
    if let Some(pending) = open.iter().rev().find_map(|i| match i {
        Intention::SetPool { product_ids, .. } => Some(product_ids.iter().cloned().collect()),
        Intention::Unbind { .. } => Some(Default::default()),
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
pub fn detail(store: &Mutex<Store>, id: &str) -> CoreResult<AccountDetail> {
    let account = one(store, id)?;
    let store = lock(store);
    let conn = store.conn();
    let open = open_intentions(conn, id)?;
    let bound_at: Option<String> = conn
        .prepare_cached("SELECT bound_at FROM matrix_account WHERE id = ?1")?
        .query_row([id], |r| r.get(0))
        .optional()?
        .flatten();
    let grants = vec![
        grant_view(conn, &account, "publish", &open)?,
        grant_view(conn, &account, "interact", &open)?,
    ];
    let products = catalogue(conn, id)?;
    Ok(AccountDetail {
        manageable: account.binding_state == "bound",
        account,
        bound_at,
        grants,
        products,
    })
}

/// What unbinding would revoke: the confirmation lists exactly this.
pub fn unbind_preview(store: &Mutex<Store>, id: &str) -> CoreResult<UnbindPreview> {
    let account = one(store, id)?;
    let queued = lock(store)
        .conn()
        .prepare_cached(&format!(
            "SELECT COUNT(*) FROM action WHERE account_id = ?1 AND state IN {}",
            crate::outbox::OPEN_STATES
        ))?
        .query_row([id], |r| r.get(0))?;
    let scopes = [("publish", &account.publish), ("interact", &account.interact)]
        .into_iter()
        .filter(|(_, state)| matches!(state.as_str(), "granted" | "requested"))
        .map(|(scope, _)| scope.to_owned())
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
pub fn set_group(store: &Mutex<Store>, id: &str, group: &str) -> CoreResult<()> {
    let group = group.trim();
    if group.chars().count() > MAX_GROUP_CHARS {
        return Err(CoreError::Rule {
            rule: "group_too_long",
            message: format!("a group name has at most {MAX_GROUP_CHARS} characters"),
        });
    }
    let changed = lock(store).write(|tx| {
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
pub fn groups(store: &Mutex<Store>) -> CoreResult<Vec<String>> {
    let store = lock(store);
    let mut stmt = store.conn().prepare_cached(
        "SELECT DISTINCT local_group FROM matrix_account WHERE local_group IS NOT NULL ORDER BY local_group",
    )?;
    let rows = stmt.query_map([], |r| r.get(0))?;
    Ok(rows.collect::<Result<_, _>>()?)
}
