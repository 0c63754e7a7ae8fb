//! Account detail: tag and group, permissions (request, revoke, history), product pool, shop
//! card, and unbinding with a confirmation of what it takes away. One file per card.

mod classify;
mod grants;
mod header;
mod pool;
mod shop_card;
mod unbind;

use mdesk_ipc::cmd::{self, Command};
use mdesk_ipc::{AccountDetail, IpcError};
use sycamore::futures::spawn_local_scoped;
use sycamore::prelude::*;

use self::classify::{ClassifyCard, ClassifyPart};
use self::grants::{GrantsCard, GrantsPart};
use self::header::{Header, HeaderPart};
use self::pool::{PoolCard, PoolPart};
use self::shop_card::{ShopCardCard, ShopCardPart};
use self::unbind::{UnbindCard, UnbindPart};
use crate::components::error_note::ErrorNote;
use crate::ipc;
use crate::state::{act, app_state, Page, Reload};

/// How the cards act: a refusal shows in the page's error note, a success reads the page again.
#[derive(Clone, Copy)]
struct Actions {
    error: Signal<Option<IpcError>>,
    reload: Reload,
}

impl Actions {
    fn run<C: Command + 'static>(self, command: C) {
        act(command, self.error, self.reload);
    }
}

#[component]
pub fn AccountDetailPage() -> View {
    let state = app_state();
    let detail = create_signal(None::<AccountDetail>);
    let error = create_signal(None::<IpcError>);
    let reload = Reload::new();
    let id = move || state.account.get_clone().unwrap_or_default();

    create_effect(move || {
        state.data.track();
        reload.track();
        let account_id = id();
        spawn_local_scoped(async move {
            match ipc::call(&cmd::GetAccountDetail { account_id }).await {
                // Unchanged data leaves the screen alone (a half-ticked pool, an open dialog).
                Ok(d) => {
                    if detail.with_untracked(|cur| cur.as_ref() != Some(&d)) {
                        detail.set(Some(d));
                    }
                }
                Err(e) => error.set(Some(e)),
            }
        });
    });

    let loaded = create_selector(move || detail.with(Option::is_some));
    let actions = Actions { error, reload };
    view! {
        section(class="page", data-testid="account-detail") {
            button(class="link back", data-testid="back-to-accounts", on:click=move |_| state.page.set(Page::Accounts)) {
                (state.t("detail-back"))
            }
            ErrorNote(error=*error)
            (if loaded.get() {
                view! { DetailBody(detail=*detail, actions=actions) }
            } else {
                view! { p(class="muted") { (state.t("accounts-loading")) } }
            })
        }
    }
}

/// The part of the detail one card shows, as a memo that changes only when that part does.
fn part<T: PartialEq + 'static>(
    detail: ReadSignal<Option<AccountDetail>>,
    of: fn(&AccountDetail) -> T,
) -> ReadSignal<Option<T>> {
    create_selector(move || detail.with(|d| d.as_ref().map(of)))
}

/// Each card is drawn again only when its own part changes: a half-ticked pool or a group
/// being typed survives a sync or a change to another card.
#[component(inline_props)]
fn DetailBody(detail: ReadSignal<Option<AccountDetail>>, actions: Actions) -> View {
    let header = part(detail, HeaderPart::of);
    let classify = part(detail, ClassifyPart::of);
    // The tag select follows the account without redrawing the card (and the group typed in it).
    let tag = part(detail, |d| d.account.tag);
    let grants = part(detail, GrantsPart::of);
    let pool = part(detail, PoolPart::of);
    let shop_card = part(detail, ShopCardPart::of);
    let unbind = part(detail, UnbindPart::of);
    view! {
        (header.get_clone().map(|part| view! { Header(part=part) }))
        div(class="cards") {
            (classify.get_clone().map(|part| {
                // The group field starts from the saved group; after that it is what is typed.
                let group = detail.with_untracked(|d| d.as_ref().and_then(|d| d.account.group.clone()).unwrap_or_default());
                view! { ClassifyCard(part=part, group=group, tag=tag, actions=actions) }
            }))
            (grants.get_clone().map(|part| view! { GrantsCard(part=part, actions=actions) }))
            (pool.get_clone().map(|part| view! { PoolCard(part=part, actions=actions) }))
            (shop_card.get_clone().map(|part| view! { ShopCardCard(part=part, actions=actions) }))
            (unbind.get_clone().map(|part| view! { UnbindCard(part=part, actions=actions) }))
        }
    }
}
