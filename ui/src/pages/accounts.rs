//! Accounts: the merchant's matrix accounts, read from the local database.

use mdesk_ipc::{AccountRow, IpcError};
use sycamore::futures::spawn_local_scoped;
use sycamore::prelude::*;

use crate::components::error_note::ErrorNote;
use crate::components::sign_in::SignInForm;
use crate::ipc::{self, NoArgs};
use crate::state::app_state;

#[derive(serde::Serialize)]
#[serde(rename_all = "camelCase")]
struct ShopCardArgs {
    account_id: String,
    enabled: bool,
}

#[component]
pub fn AccountsPage() -> View {
    let state = app_state();
    let status = state.status;
    let accounts = create_signal(None::<Vec<AccountRow>>);
    let error = create_signal(None::<IpcError>);
    let query = create_signal(String::new());

    // Reload from the local database whenever a sync finishes (or the session changes).
    let sync_marker = create_selector(move || {
        status.with(|s| {
            s.as_ref()
                .map(|s| (s.last_sync_at.clone(), s.syncing, s.signed_in, s.progress))
        })
    });
    create_effect(move || {
        sync_marker.track();
        spawn_local_scoped(async move {
            match ipc::call::<_, Vec<AccountRow>>("list_accounts", &NoArgs {}).await {
                Ok(rows) => {
                    accounts.set(Some(rows));
                    error.set(None);
                }
                Err(e) => error.set(Some(e)),
            }
        });
    });

    let needs_sign_in = create_selector(move || {
        status.with(|s| {
            s.as_ref()
                .is_some_and(|s| !s.signed_in && s.platform == mdesk_ipc::PlatformKind::Remote)
        })
    });
    let not_whitelisted =
        create_selector(move || status.with(|s| s.as_ref().and_then(|s| s.whitelisted) == Some(false)));

    let filtered = create_memo(move || {
        let q = query.get_clone().trim().to_lowercase();
        accounts.with(|rows| {
            rows.as_ref()
                .map(|rows| {
                    rows.iter()
                        .filter(|a| {
                            q.is_empty()
                                || a.nickname.to_lowercase().contains(&q)
                                || a.guangguang_id.to_lowercase().contains(&q)
                        })
                        .cloned()
                        .collect::<Vec<_>>()
                })
                .unwrap_or_default()
        })
    });
    let loaded = create_memo(move || accounts.with(Option::is_some));
    let count = move || accounts.with(|rows| rows.as_ref().map_or(0, Vec::len));

    view! {
        section(class="page", data-testid="accounts-page") {
            header(class="page-header") {
                div {
                    h1(data-testid="page-title") { (state.t("accounts-title")) }
                    div(class="muted", data-testid="accounts-count") {
                        (state.t_args("accounts-count", &[("count", count().into())]))
                    }
                }
                input(class="search", r#type="search", bind:value=query, data-testid="accounts-search",
                    placeholder=move || state.t("accounts-search"))
            }
            ErrorNote(error=*error)
            (if not_whitelisted.get() {
                let merchant = status.with_untracked(|s| s.as_ref().and_then(|s| s.merchant_name.clone())).unwrap_or_default();
                view! { WhitelistNotice(merchant=merchant) }
            } else if needs_sign_in.get() {
                view! { SignInForm {} }
            } else {
                view! { AccountsTable(rows=filtered, loaded=loaded, error=error) }
            })
        }
    }
}

#[component(inline_props)]
fn WhitelistNotice(merchant: String) -> View {
    let state = app_state();
    view! {
        div(class="card notice", data-testid="whitelist-notice") {
            h2 { (state.t("whitelist-title")) }
            p { (state.t_args("whitelist-body", &[("merchant", merchant.clone().into())])) }
            p(class="muted") { (state.t("whitelist-how")) }
        }
    }
}

#[component(inline_props)]
fn AccountsTable(rows: ReadSignal<Vec<AccountRow>>, loaded: ReadSignal<bool>, error: Signal<Option<IpcError>>) -> View {
    let state = app_state();
    let empty = move || rows.with(Vec::is_empty);
    view! {
        table(class="grid", data-testid="accounts-table") {
            thead {
                tr {
                    th { (state.t("col-nickname")) }
                    th { (state.t("col-gg")) }
                    th { (state.t("col-tag")) }
                    th { (state.t("col-binding")) }
                    th { (state.t("col-publish")) }
                    th { (state.t("col-interact")) }
                    th(class="num") { (state.t("col-pool")) }
                    th(class="num") { (state.t("col-works")) }
                    th { (state.t("col-shop-card")) }
                }
            }
            tbody {
                Indexed(list=rows, view=move |a: AccountRow| view! { AccountRowView(row=a, error=error) })
            }
        }
        (if !loaded.get() {
            view! { p(class="empty muted") { (state.t("accounts-loading")) } }
        } else if empty() {
            view! { p(class="empty muted", data-testid="accounts-empty") { (state.t("accounts-empty")) } }
        } else {
            view! {}
        })
    }
}

#[component(inline_props)]
fn AccountRowView(row: AccountRow, error: Signal<Option<IpcError>>) -> View {
    let state = app_state();
    let account_id = row.id.clone();
    let card_on = row.shop_card;
    let toggle_card = move |_| {
        let account_id = account_id.clone();
        error.set(None);
        spawn_local_scoped(async move {
            let args = ShopCardArgs {
                account_id,
                enabled: !card_on,
            };
            if let Err(e) = ipc::call::<_, String>("set_shop_card", &args).await {
                error.set(Some(e));
            }
        });
    };
    let can_toggle = row.binding_state == "bound";
    let pending = row.pending;
    let card_key = if card_on { "shop-card-on" } else { "shop-card-off" };
    let card_class = if card_on { "switch on" } else { "switch" };
    let tag_key = format!("tag-{}", row.tag);
    let binding_key = format!("binding-{}", row.binding_state);
    let publish_key = format!("grant-{}", row.publish);
    let interact_key = format!("grant-{}", row.interact);
    let binding_class = format!("badge binding-{}", row.binding_state);
    let publish_class = format!("badge grant-{}", row.publish);
    let interact_class = format!("badge grant-{}", row.interact);
    let pool = row.pool_size.to_string();
    let works = row.works.to_string();
    let AccountRow {
        guangguang_id,
        nickname,
        binding_state,
        publish,
        interact,
        ..
    } = row;
    let gg_text = guangguang_id.clone();
    view! {
        tr(data-testid="account-row", data-gg=guangguang_id, data-binding=binding_state,
            data-publish=publish, data-interact=interact) {
            td {
                span(data-testid="account-nickname") { (nickname) }
                (if pending > 0 {
                    view! { span(class="badge pending", data-testid="account-pending") {
                        (state.t_args("account-pending", &[("count", pending.into())]))
                    } }
                } else { view! {} })
            }
            td(class="mono", data-testid="account-gg") { (gg_text) }
            td(data-testid="account-tag") { (state.t(&tag_key)) }
            td { span(class=binding_class, data-testid="account-binding") { (state.t(&binding_key)) } }
            td { span(class=publish_class, data-testid="account-publish") { (state.t(&publish_key)) } }
            td { span(class=interact_class, data-testid="account-interact") { (state.t(&interact_key)) } }
            td(class="num") { (pool) }
            td(class="num") { (works) }
            td {
                button(class=card_class, data-testid="shop-card-toggle", data-on=card_on.to_string(),
                    disabled=!can_toggle, on:click=toggle_card) { (state.t(card_key)) }
            }
        }
    }
}
