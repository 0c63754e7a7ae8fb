//! Accounts: the merchant's matrix accounts, read from the local database; filter, search,
//! pick several for a product pool change, open one in detail.

use mdesk_ipc::{cmd, AccountFilter, AccountRow, AccountsPage, BindingState, IpcError, Tag};
use sycamore::futures::spawn_local_scoped;
use sycamore::prelude::*;

use crate::components::error_note::ErrorNote;
use crate::components::form::{checked, non_empty, select_parsed, select_value};
use crate::components::sign_in::SignInForm;
use crate::ipc;
use crate::list::by_id;
use crate::pages::pool_bulk::PoolBulk;
use crate::state::{act, app_state, Page, Reload};

/// The binding filter's options, in the order staff look for them.
const BINDINGS: [BindingState; 4] = [
    BindingState::Bound,
    BindingState::UnbindRequested,
    BindingState::Invited,
    BindingState::Unbound,
];

/// Rows asked for and drawn at first, and added by each "show more": twice what a full-screen
/// window shows, so the first screen is complete without drawing rows nobody sees yet.
const ROWS_AT_ONCE: u32 = 50;

#[component]
pub fn AccountsPage() -> View {
    let state = app_state();
    let status = state.status;
    let accounts = create_signal(None::<AccountsPage>);
    // A merchant with 1,000 accounts sees the first ones at once; more on request.
    let shown = create_signal(ROWS_AT_ONCE);
    let groups = create_signal(Vec::<String>::new());
    let error = create_signal(None::<IpcError>);
    let query = create_signal(String::new());
    let tag = create_signal(None::<Tag>);
    let group = create_signal(String::new());
    let binding = create_signal(None::<BindingState>);
    let selected = create_signal(Vec::<String>::new());
    let bulk_open = create_signal(false);
    let reload = Reload::new();

    // Re-read whenever sync brings data, this screen changed something, or the filter changes.
    create_effect(move || {
        state.data.track();
        reload.track();
        let limit = shown.get();
        let filter = AccountFilter {
            query: query.get_clone(),
            tag: tag.get(),
            group: non_empty(group.get_clone()).map(|g| if g == "\u{2205}" { String::new() } else { g }),
            binding: binding.get(),
        };
        spawn_local_scoped(async move {
            match ipc::call(&cmd::GetAccountsPage { filter, limit }).await {
                Ok(page) => {
                    accounts.set(Some(page));
                    error.set(None);
                    crate::startup::first_screen_shown();
                }
                Err(e) => error.set(Some(e)),
            }
            if let Ok(g) = ipc::call(&cmd::ListAccountGroups {}).await {
                groups.set(g);
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
    let rows = create_memo(move || accounts.with(|p| p.as_ref().map(|p| p.rows.clone()).unwrap_or_default()));
    let ids = create_memo(move || accounts.with(|p| p.as_ref().map(|p| p.ids.clone()).unwrap_or_default()));
    let loaded = create_memo(move || accounts.with(Option::is_some));
    let count = move || accounts.with(|p| p.as_ref().map_or(0, |p| p.total));
    let filtering = move || {
        !query.with(String::is_empty)
            || tag.with(Option::is_some)
            || !group.with(String::is_empty)
            || binding.with(Option::is_some)
    };

    view! {
        section(class="page", data-testid="accounts-page") {
            header(class="page-header") {
                div {
                    h1(data-testid="page-title") { (state.t("accounts-title")) }
                    div(class="muted", data-testid="accounts-count") {
                        (state.t_args("accounts-count", &[("count", count().into())]))
                    }
                }
                button(class="primary", data-testid="accounts-invite", disabled=move || !state.may(mdesk_ipc::Permission::ManageMatrix), title=move || state.lacks(mdesk_ipc::Permission::ManageMatrix).unwrap_or_default(), on:click=move |_| state.page.set(Page::Invitations)) {
                    (state.t("invite-open"))
                }
            }
            ErrorNote(error=*error)
            crate::components::role_note::RoleNote(permission=mdesk_ipc::Permission::ManageMatrix)
            (if not_whitelisted.get() {
                let merchant = status.with_untracked(|s| s.as_ref().and_then(|s| s.merchant_name.clone())).unwrap_or_default();
                view! { WhitelistNotice(merchant=merchant) }
            } else if needs_sign_in.get() {
                view! { SignInForm {} }
            } else {
                view! {
                    div(class="filters") {
                        input(class="search", r#type="search", bind:value=query, data-testid="accounts-search",
                            placeholder=move || state.t("accounts-search"))
                        select(data-testid="filter-tag", on:change=move |ev| tag.set(select_parsed(&ev))) {
                            option(value="") { (state.t("filter-all-tags")) }
                            (Tag::ALL.iter().map(|t| view! { option(value=t.as_str()) { (state.t(&format!("tag-{}", t.as_str()))) } }).collect::<Vec<_>>())
                        }
                        select(data-testid="filter-group", on:change=move |ev| group.set(select_value(&ev).unwrap_or_default())) {
                            option(value="") { (state.t("filter-all-groups")) }
                            option(value="\u{2205}") { (state.t("filter-no-group")) }
                            Keyed(list=groups, view=|g: String| { let label = g.clone(); view! { option(value=g) { (label) } } },
                                key=String::clone)
                        }
                        select(data-testid="filter-binding", on:change=move |ev| binding.set(select_parsed(&ev))) {
                            option(value="") { (state.t("filter-all-bindings")) }
                            (BINDINGS.iter().map(|b| view! { option(value=b.as_str()) { (state.t(&format!("binding-{}", b.as_str()))) } }).collect::<Vec<_>>())
                        }
                    }
                    (if selected.with(Vec::is_empty) {
                        view! {}
                    } else {
                        view! {
                            div(class="selection-bar", data-testid="selection-bar") {
                                span { (state.t_args("accounts-selected", &[("count", selected.with(Vec::len).into())])) }
                                button(class="secondary", data-testid="bulk-pool-open", disabled=move || !state.may(mdesk_ipc::Permission::ManageMatrix), title=move || state.lacks(mdesk_ipc::Permission::ManageMatrix).unwrap_or_default(), on:click=move |_| bulk_open.set(true)) {
                                    (state.t("pool-bulk-open"))
                                }
                                button(class="link", on:click=move |_| { selected.set(Vec::new()); bulk_open.set(false); }) {
                                    (state.t("accounts-clear-selection"))
                                }
                            }
                        }
                    })
                    (if bulk_open.get() {
                        view! { PoolBulk(accounts=selected, open=bulk_open, reload=reload) }
                    } else { view! {} })
                    AccountsTable(rows=rows, ids=ids, shown=shown, selected=selected, error=error, reload=reload)
                    (if !loaded.get() {
                        view! { p(class="empty muted") { (state.t("accounts-loading")) } }
                    } else if rows.with(Vec::is_empty) {
                        let key = if filtering() { "accounts-empty-filtered" } else { "accounts-empty" };
                        view! { p(class="empty muted", data-testid="accounts-empty") { (state.t(key)) } }
                    } else {
                        view! {}
                    })
                }
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
fn AccountsTable(
    rows: ReadSignal<Vec<AccountRow>>,
    /// Every account the filter lets through, drawn or not.
    ids: ReadSignal<Vec<String>>,
    shown: Signal<u32>,
    selected: Signal<Vec<String>>,
    error: Signal<Option<IpcError>>,
    reload: Reload,
) -> View {
    let state = app_state();
    let hidden = move || ids.with(Vec::len).saturating_sub(rows.with(Vec::len));
    let all_selected =
        move || ids.with(|all| !all.is_empty() && selected.with(|s| all.iter().all(|id| s.contains(id))));
    let select_all = move |ev: web_sys::Event| {
        if checked(&ev) {
            let every: Vec<String> = ids.get_clone();
            selected.update(|s| {
                for id in every {
                    if !s.contains(&id) {
                        s.push(id);
                    }
                }
            });
        } else {
            selected.set(Vec::new());
        }
    };
    view! {
        table(class="grid", data-testid="accounts-table") {
            thead {
                tr {
                    th { input(r#type="checkbox", data-testid="accounts-select-all", title=move || state.t("accounts-select-all"),
                        checked=all_selected, on:change=select_all) }
                    th { (state.t("col-nickname")) }
                    th { (state.t("col-gg")) }
                    th { (state.t("col-tag")) }
                    th { (state.t("col-group")) }
                    th { (state.t("col-binding")) }
                    th { (state.t("col-publish")) }
                    th { (state.t("col-interact")) }
                    th(class="num") { (state.t("col-pool")) }
                    th(class="num") { (state.t("col-works")) }
                    th { (state.t("col-shop-card")) }
                }
            }
            tbody {
                Keyed(list=rows, view=move |a: AccountRow| view! { AccountRowView(row=a, selected=selected, error=error, reload=reload) },
                    key=|a: &AccountRow| by_id(a.id.clone(), a))
            }
        }
        (if hidden() > 0 {
            let more = hidden().min(ROWS_AT_ONCE as usize);
            let text = state.t_args("accounts-show-more", &[
                ("count", more.into()),
                ("shown", rows.with(Vec::len).into()),
                ("total", ids.with(Vec::len).into()),
            ]);
            view! {
                div(class="list-more") {
                    button(class="secondary", data-testid="accounts-show-more",
                        on:click=move |_| shown.update(|n| *n += ROWS_AT_ONCE)) { (text) }
                }
            }
        } else { view! {} })
    }
}

#[component(inline_props)]
fn AccountRowView(
    row: AccountRow,
    selected: Signal<Vec<String>>,
    error: Signal<Option<IpcError>>,
    reload: Reload,
) -> View {
    let state = app_state();
    let account_id = row.id.clone();
    let card_on = row.shop_card;
    let toggle_card = move |_| {
        let command = cmd::SetShopCard {
            account_id: account_id.clone(),
            enabled: !card_on,
        };
        act(command, error, reload);
    };
    let can_toggle = row.binding_state == BindingState::Bound;
    let pending = row.pending;
    let card_key = if card_on { "shop-card-on" } else { "shop-card-off" };
    let card_class = if card_on { "switch on" } else { "switch" };
    let tag_key = format!("tag-{}", row.tag.as_str());
    let binding_key = format!("binding-{}", row.binding_state.as_str());
    let publish_key = format!("grant-{}", row.publish.as_str());
    let interact_key = format!("grant-{}", row.interact.as_str());
    let binding_class = format!("badge binding-{}", row.binding_state.as_str());
    let publish_class = format!("badge grant-{}", row.publish.as_str());
    let interact_class = format!("badge grant-{}", row.interact.as_str());
    let pool = row.pool_size.to_string();
    let works = row.works.to_string();
    let pool_attr = pool.clone();
    let group = row.group.clone().unwrap_or_default();
    let (id_open, id_check, id_is) = (row.id.clone(), row.id.clone(), row.id.clone());
    let is_selected = move || selected.with(|s| s.contains(&id_is));
    let on_check = move |ev: web_sys::Event| {
        let id = id_check.clone();
        let on = checked(&ev);
        selected.update(|s| {
            s.retain(|x| x != &id);
            if on {
                s.push(id);
            }
        });
    };
    let AccountRow {
        guangguang_id,
        nickname,
        binding_state,
        publish,
        interact,
        tag,
        ..
    } = row;
    let gg_text = guangguang_id.clone();
    view! {
        tr(data-testid="account-row", data-gg=guangguang_id, data-binding=binding_state.as_str(),
            data-publish=publish.as_str(), data-interact=interact.as_str(), data-tag=tag.as_str(), data-pool=pool_attr) {
            td { input(r#type="checkbox", data-testid="account-select", checked=is_selected, on:change=on_check) }
            td {
                button(class="link", data-testid="account-nickname", on:click=move |_| state.open_account(id_open.clone())) { (nickname) }
                (if pending > 0 {
                    view! { span(class="badge pending", data-testid="account-pending") {
                        (state.t_args("account-pending", &[("count", pending.into())]))
                    } }
                } else { view! {} })
            }
            td(class="mono", data-testid="account-gg") { (gg_text) }
            td(data-testid="account-tag") { (state.t(&tag_key)) }
            td(data-testid="account-group") { (group) }
            td { span(class=binding_class, data-testid="account-binding") { (state.t(&binding_key)) } }
            td { span(class=publish_class, data-testid="account-publish") { (state.t(&publish_key)) } }
            td { span(class=interact_class, data-testid="account-interact") { (state.t(&interact_key)) } }
            td(class="num", data-testid="account-pool") { (pool) }
            td(class="num") { (works) }
            td {
                button(class=card_class, data-testid="shop-card-toggle", title=move || state.lacks(mdesk_ipc::Permission::ManageMatrix).unwrap_or_default(), data-on=card_on.to_string(),
                    disabled=move || !can_toggle || !state.may(mdesk_ipc::Permission::ManageMatrix), on:click=toggle_card) { (state.t(card_key)) }
            }
        }
    }
}
