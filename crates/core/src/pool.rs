//! Product pools (商品池): set one account's pool exactly, or add products to many accounts'
//! pools after a dry run that shows what will be sent to which account and what is refused.

use std::collections::BTreeSet;
use std::sync::Mutex;

use mdesk_ipc::{PoolPlanRow, ProductRow};

use crate::accounts;
use crate::error::{CoreError, CoreResult};
use crate::outbox::{self, Intention};
use crate::secret::SecretStore;
use crate::session::lock;
use crate::store::Store;

/// The pool an account has now, pending pool changes applied.
fn current_pool(store: &Mutex<Store>, account_id: &str) -> CoreResult<BTreeSet<String>> {
    accounts::pool_of(lock(store).conn(), account_id)
}

/// The shop's catalogue.
pub fn products(store: &Mutex<Store>) -> CoreResult<Vec<ProductRow>> {
    let store = lock(store);
    let mut stmt = store
        .conn()
        .prepare_cached("SELECT id, title, price_cents FROM product ORDER BY id")?;
    let rows = stmt.query_map([], |r| {
        Ok(ProductRow {
            id: r.get(0)?,
            title: r.get(1)?,
            price_cents: r.get(2)?,
            in_pool: false,
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// Sets one account's pool to exactly these products.
pub fn set(
    store: &Mutex<Store>,
    secrets: &dyn SecretStore,
    account_id: &str,
    product_ids: &[String],
) -> CoreResult<String> {
    let ids: BTreeSet<String> = product_ids.iter().cloned().collect();
    let intention = Intention::SetPool {
        account_id: account_id.to_owned(),
        product_ids: ids.into_iter().collect(),
    };
    outbox::queue(store, secrets, intention, None)
}

/// The dry run of adding `product_ids` to each account's pool: nothing is queued.
pub fn plan(store: &Mutex<Store>, account_ids: &[String], product_ids: &[String]) -> CoreResult<Vec<PoolPlanRow>> {
    if account_ids.is_empty() || product_ids.is_empty() {
        return Err(CoreError::Rule {
            rule: "pool_pick_both",
            message: "pick at least one account and one product".into(),
        });
    }
    let rows = accounts::list(store)?;
    let mut plan = Vec::with_capacity(account_ids.len());
    for id in account_ids {
        let account = rows
            .iter()
            .find(|a| &a.id == id)
            .ok_or_else(|| CoreError::InvalidInput(format!("no matrix account {id} here")))?;
        let before = current_pool(store, id)?;
        let mut after = before.clone();
        after.extend(product_ids.iter().cloned());
        let intention = Intention::SetPool {
            account_id: id.clone(),
            product_ids: after.iter().cloned().collect(),
        };
        let refused = match outbox::check(&lock(store), &intention) {
            Ok(()) => None,
            Err(e) => Some(e.code().message_key().trim_start_matches("error-").to_owned()),
        };
        plan.push(PoolPlanRow {
            account_id: id.clone(),
            nickname: account.nickname.clone(),
            guangguang_id: account.guangguang_id.clone(),
            before: before.len() as u32,
            after: after.len() as u32,
            added: (after.len() - before.len()) as u32,
            refused,
        });
    }
    Ok(plan)
}

/// Carries out the plan: one queued action per account that is not refused and gains
/// something. Returns the action ids.
pub fn apply(
    store: &Mutex<Store>,
    secrets: &dyn SecretStore,
    account_ids: &[String],
    product_ids: &[String],
) -> CoreResult<Vec<String>> {
    let mut queued = Vec::new();
    for row in plan(store, account_ids, product_ids)? {
        if row.refused.is_some() || row.added == 0 {
            continue;
        }
        let mut after = current_pool(store, &row.account_id)?;
        after.extend(product_ids.iter().cloned());
        queued.push(set(
            store,
            secrets,
            &row.account_id,
            &after.into_iter().collect::<Vec<_>>(),
        )?);
    }
    Ok(queued)
}
