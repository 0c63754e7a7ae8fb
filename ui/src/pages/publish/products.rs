//! Products to attach (挂载商品): only those in the chosen accounts' product pools, which makes
//! them commission-free, at most six. Each says in how many of the chosen accounts' pools it
//! is: an account whose pool lacks a picked product is refused in the dry run.

use std::cell::RefCell;
use std::collections::HashSet;
use std::rc::Rc;

use mdesk_ipc::{cmd, DraftField};
use mdesk_platform_api::rules::MAX_PRODUCTS_PER_WORK;
use sycamore::futures::spawn_local_scoped;
use sycamore::prelude::*;

use super::{Composer, FieldProblems};
use crate::components::form::checked;
use crate::format::yuan;
use crate::ipc;
use crate::list::by_id;
use crate::state::app_state;

/// Pools are read this many accounts at a time before the list is drawn again.
const POOLS_PER_DRAW: usize = 25;

/// Keeps the chosen accounts' pools at hand: an account newly chosen is read, and every chosen
/// one again when sync brings data.
pub fn follow_pools(composer: Composer) {
    let state = app_state();
    let chosen = create_selector(move || composer.draft.with(|d| d.account_ids.clone()));
    // Pools change when a sync lands or a pool change is queued here, not with every step of
    // a sync's progress.
    let landed = create_selector(move || {
        state
            .data
            .with(|d| d.as_ref().map(|d| (d.last_sync_at.clone(), d.queued, d.signed_in)))
    });
    let seen = Rc::new(RefCell::new(None::<Option<(Option<String>, u32, bool)>>));
    create_effect(move || {
        let data = landed.get_clone();
        let ids = chosen.get_clone();
        let fresh = seen.borrow().as_ref() != Some(&data);
        *seen.borrow_mut() = Some(data);
        let sizes = composer.accounts.with_untracked(|rows| {
            ids.iter()
                .filter(|id| fresh || composer.pools.with_untracked(|p| !p.contains_key(*id)))
                .map(|id| (id.clone(), rows.iter().find(|a| a.id == *id).map(|a| a.pool_size)))
                .collect::<Vec<_>>()
        });
        if sizes.is_empty() {
            return;
        }
        spawn_local_scoped(async move {
            let mut got = Vec::new();
            let total = sizes.len();
            for (i, (id, size)) in sizes.into_iter().enumerate() {
                // An empty pool needs no asking.
                if size == Some(0) {
                    got.push((id, HashSet::new()));
                } else if let Ok(detail) = ipc::call(&cmd::GetAccountDetail { account_id: id.clone() }).await {
                    let pool = detail
                        .products
                        .into_iter()
                        .filter(|p| p.in_pool)
                        .map(|p| p.id)
                        .collect();
                    got.push((id, pool));
                }
                if got.len() >= POOLS_PER_DRAW || i + 1 == total {
                    let batch = std::mem::take(&mut got);
                    composer.pools.update(|p| p.extend(batch));
                }
            }
        });
    });
}

/// One product as the picker shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Choice {
    id: String,
    title: String,
    price_cents: i64,
    /// How many chosen accounts have it in their pool.
    pooled: usize,
    /// How many accounts are chosen.
    total: usize,
    picked: bool,
    /// Not in any chosen pool, or six are picked already.
    blocked: bool,
}

#[component(inline_props)]
pub fn ProductsCard(composer: Composer) -> View {
    let state = app_state();
    let chosen = create_selector(move || composer.draft.with(|d| d.account_ids.clone()));
    let picked = create_selector(move || composer.draft.with(|d| d.product_ids.clone()));
    let rows = create_selector(move || {
        let chosen = chosen.get_clone();
        let picked = picked.get_clone();
        let full = picked.len() >= MAX_PRODUCTS_PER_WORK;
        let mut rows: Vec<Choice> = composer.pools.with(|pools| {
            composer.products.with(|products| {
                products
                    .iter()
                    .map(|p| {
                        let pooled = chosen
                            .iter()
                            .filter(|a| pools.get(*a).is_some_and(|pool| pool.contains(&p.id)))
                            .count();
                        let on = picked.contains(&p.id);
                        Choice {
                            id: p.id.clone(),
                            title: p.title.clone(),
                            price_cents: p.price_cents,
                            pooled,
                            total: chosen.len(),
                            picked: on,
                            blocked: !on && (pooled == 0 || full),
                        }
                    })
                    .collect()
            })
        });
        // Pickable ones first (in the shop's order), the rest after them.
        rows.sort_by_key(|r| r.pooled == 0 && !r.picked);
        rows
    });
    let accounts = create_selector(move || chosen.with(Vec::len));
    let toggle = move |id: String, on: bool| {
        composer.edit(DraftField::Products, |d| {
            d.product_ids.retain(|p| *p != id);
            if on {
                d.product_ids.push(id);
            }
        })
    };

    view! {
        div(class="card", data-testid="publish-products") {
            div(class="card-title") {
                h2 { (state.t("publish-products")) }
                span(class=move || if picked.with(Vec::len) > MAX_PRODUCTS_PER_WORK { "counter over" } else { "counter" },
                    data-testid="publish-products-count", data-count=move || picked.with(Vec::len).to_string()) {
                    (format!("{}/{MAX_PRODUCTS_PER_WORK}", picked.with(Vec::len)))
                }
            }
            p(class="muted small") { (state.t("publish-products-hint")) }
            (if accounts.get() == 0 {
                view! { p(class="muted empty-hint", data-testid="publish-products-no-accounts") { (state.t("publish-products-no-accounts")) } }
            } else { view! {} })
            div(class=move || if accounts.get() == 0 { "choice-list hidden" } else { "choice-list" }, data-testid="publish-product-list") {
                Keyed(list=rows, key=|r: &Choice| by_id(r.id.clone(), r), view=move |r: Choice| {
                    let id = r.id.clone();
                    let pickable = r.pooled > 0;
                    let disabled = r.blocked;
                    let class = if pickable { "choice product-choice" } else { "choice product-choice unpooled" };
                    let (pooled, total) = (r.pooled, r.total);
                    let reach = if pickable {
                        let class = if pooled == total { "pooled" } else { "pooled partial" };
                        view! {
                            span(class=class, data-testid="publish-product-pooled") {
                                (state.t_args("publish-product-pooled", &[("count", pooled.into()), ("total", total.into())]))
                            }
                        }
                    } else {
                        view! { span(data-testid="publish-product-pooled") { (state.t("publish-product-not-pooled")) } }
                    };
                    let hover = r.title.clone();
                    let price = yuan(r.price_cents);
                    view! {
                        label(class=class, data-testid="publish-product", data-id=r.id.clone(), data-pooled=r.pooled.to_string(),
                            data-picked=r.picked.to_string()) {
                            input(r#type="checkbox", data-testid="publish-product-check", checked=r.picked, disabled=disabled,
                                on:change=move |ev| toggle(id.clone(), checked(&ev)))
                            div(class="choice-main") {
                                div(class="product-title", title=hover) { (r.title.clone()) }
                                div(class="muted small choice-facts") {
                                    span { (price) }
                                    (reach)
                                }
                            }
                            (if pickable { view! { span(class="badge free") { (state.t("publish-commission-free")) } } } else { view! {} })
                        }
                    }
                })
            }
            FieldProblems(composer=composer, field=DraftField::Products)
        }
    }
}
