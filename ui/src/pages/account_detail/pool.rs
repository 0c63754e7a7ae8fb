//! The account's product pool: tick products and save the pool as ticked.

use mdesk_ipc::{cmd, AccountDetail, ProductRow};
use sycamore::prelude::*;

use super::Actions;
use crate::pages::pool_bulk::ProductPicker;
use crate::state::app_state;

/// What redraws the card (and resets the ticks to the saved pool).
#[derive(Debug, Clone, PartialEq)]
pub struct PoolPart {
    pub account_id: String,
    pub manageable: bool,
    pub products: Vec<ProductRow>,
}

impl PoolPart {
    pub fn of(d: &AccountDetail) -> Self {
        Self {
            account_id: d.account.id.clone(),
            manageable: d.manageable,
            products: d.products.clone(),
        }
    }
}

#[component(inline_props)]
pub fn PoolCard(part: PoolPart, actions: Actions) -> View {
    let state = app_state();
    let PoolPart {
        account_id,
        manageable,
        products,
    } = part;
    let picked = create_signal(
        products
            .iter()
            .filter(|p| p.in_pool)
            .map(|p| p.id.clone())
            .collect::<Vec<_>>(),
    );
    let products = create_signal(products);
    let save = move |_| {
        actions.run(cmd::SetPool {
            account_id: account_id.clone(),
            product_ids: picked.get_clone(),
        })
    };
    view! {
        div(class="card", data-testid="pool-card") {
            h2 { (state.t("detail-pool")) }
            p(class="muted small") { (state.t("pool-intro")) }
            (if manageable {
                view! {
                    ProductPicker(products=*products, picked=picked)
                    div(class="actions") {
                        span(class="muted") { (state.t_args("pool-picked", &[("count", picked.with(Vec::len).into())])) }
                        button(class="primary", data-testid="pool-save", disabled=move || !state.may(mdesk_ipc::Permission::ManageMatrix), title=move || state.lacks(mdesk_ipc::Permission::ManageMatrix).unwrap_or_default(), on:click=save.clone()) { (state.t("pool-save")) }
                    }
                }
            } else {
                view! { p(class="muted") { (state.t("detail-needs-bound")) } }
            })
        }
    }
}
