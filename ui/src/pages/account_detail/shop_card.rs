//! The shop card switch (the merchant's shop shown on the account's profile).

use mdesk_ipc::{cmd, AccountDetail};
use sycamore::prelude::*;

use super::Actions;
use crate::state::app_state;

#[derive(Debug, Clone, PartialEq)]
pub struct ShopCardPart {
    pub account_id: String,
    pub on: bool,
    pub manageable: bool,
}

impl ShopCardPart {
    pub fn of(d: &AccountDetail) -> Self {
        Self {
            account_id: d.account.id.clone(),
            on: d.account.shop_card,
            manageable: d.manageable,
        }
    }
}

#[component(inline_props)]
pub fn ShopCardCard(part: ShopCardPart, actions: Actions) -> View {
    let state = app_state();
    let ShopCardPart {
        account_id,
        on,
        manageable,
    } = part;
    let toggle = move |_| {
        actions.run(cmd::SetShopCard {
            account_id: account_id.clone(),
            enabled: !on,
        })
    };
    view! {
        div(class="card", data-testid="shop-card-card") {
            h2 { (state.t("col-shop-card")) }
            p(class="muted small") { (state.t("shop-card-intro")) }
            button(class=if on { "switch on" } else { "switch" }, data-testid="detail-shop-card", disabled=move || !state.may(mdesk_ipc::Permission::ManageMatrix), title=move || state.lacks(mdesk_ipc::Permission::ManageMatrix).unwrap_or_default(), data-on=on.to_string(),
                disabled=!manageable, on:click=toggle) {
                (state.t(if on { "shop-card-on" } else { "shop-card-off" }))
            }
        }
    }
}
