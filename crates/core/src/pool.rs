//! Product pools (商品池): set one account's pool exactly, or add products to many accounts'
//! pools after a dry run that shows what will be sent to which account and what is refused.

use std::collections::{BTreeSet, HashMap};

use mdesk_ipc::{AccountRow, PoolPlanRow, ProductRow};

use crate::accounts;
use crate::error::{CoreError, CoreResult};
use crate::matrix::queue;
use crate::outbox::kinds;
use crate::outbox::{self, Intention};
use crate::secret::SecretStore;
use crate::store::Store;

/// The signed-in merchant's catalogue.
pub fn products(store: &Store) -> CoreResult<Vec<ProductRow>> {
    store.read(|conn| {
        let Some(session) = crate::session::current_in(conn)? else {
            return Ok(Vec::new());
        };
        let mut stmt =
            conn.prepare_cached("SELECT id, title, price_cents FROM product WHERE merchant_id = ?1 ORDER BY id")?;
        let rows = stmt.query_map([&session.merchant_id], |r| {
            Ok(ProductRow {
                id: r.get(0)?,
                title: r.get(1)?,
                price_cents: r.get(2)?,
                in_pool: false,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    })
}

/// Sets one account's pool to exactly these products.
pub fn set(store: &Store, secrets: &dyn SecretStore, account_id: &str, product_ids: &[String]) -> CoreResult<String> {
    let ids: BTreeSet<String> = product_ids.iter().cloned().collect();
    let intention = Intention::SetPool(kinds::SetPool {
        account_id: account_id.to_owned(),
        product_ids: ids.into_iter().collect(),
    });
    queue(store, secrets, intention, None)
}

/// The dry run of adding `product_ids` to each account's pool: nothing is queued.
pub fn plan(store: &Store, account_ids: &[String], product_ids: &[String]) -> CoreResult<Vec<PoolPlanRow>> {
    Ok(planned(store, account_ids, product_ids)?
        .into_iter()
        .map(|(row, _)| row)
        .collect())
}

/// Each account's plan line with the pool it would get, all read under one lock.
fn planned(
    store: &Store,
    account_ids: &[String],
    product_ids: &[String],
) -> CoreResult<Vec<(PoolPlanRow, BTreeSet<String>)>> {
    if account_ids.is_empty() || product_ids.is_empty() {
        return Err(CoreError::Rule {
            rule: "pool_pick_both",
            message: "pick at least one account and one product".into(),
        });
    }
    store.read(|conn| planned_in(conn, account_ids, product_ids))
}

fn planned_in(
    conn: &rusqlite::Connection,
    account_ids: &[String],
    product_ids: &[String],
) -> CoreResult<Vec<(PoolPlanRow, BTreeSet<String>)>> {
    let rows: HashMap<String, AccountRow> = accounts::rows(conn)?.into_iter().map(|a| (a.id.clone(), a)).collect();
    let mut plan = Vec::with_capacity(account_ids.len());
    for id in account_ids {
        let account = rows
            .get(id)
            .ok_or_else(|| CoreError::InvalidInput(format!("no matrix account {id} here")))?;
        let before = accounts::pool_of(conn, id)?;
        let mut after = before.clone();
        after.extend(product_ids.iter().cloned());
        let intention = Intention::SetPool(kinds::SetPool {
            account_id: id.clone(),
            product_ids: after.iter().cloned().collect(),
        });
        let refused = match outbox::check(conn, &intention) {
            Ok(()) => None,
            Err(e) => Some(e.code().message_key().trim_start_matches("error-").to_owned()),
        };
        let row = PoolPlanRow {
            account_id: id.clone(),
            nickname: account.nickname.clone(),
            guangguang_id: account.guangguang_id.clone(),
            before: before.len() as u32,
            after: after.len() as u32,
            added: (after.len() - before.len()) as u32,
            refused,
        };
        plan.push((row, after));
    }
    Ok(plan)
}

/// Carries out the plan: one queued action per account that is not refused and gains
/// something. Returns the action ids.
pub fn apply(
    store: &Store,
    secrets: &dyn SecretStore,
    account_ids: &[String],
    product_ids: &[String],
) -> CoreResult<Vec<String>> {
    let mut queued = Vec::new();
    for (row, after) in planned(store, account_ids, product_ids)? {
        if row.refused.is_none() && row.added > 0 {
            let after: Vec<String> = after.into_iter().collect();
            queued.push(set(store, secrets, &row.account_id, &after)?);
        }
    }
    Ok(queued)
}
