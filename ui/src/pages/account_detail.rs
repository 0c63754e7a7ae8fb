//! Account detail: tag and group, permissions (request, revoke, history), product pool, shop
//! card, and unbinding with a confirmation of what it takes away.

use mdesk_ipc::{AccountDetail, GrantView, IpcError, ProductRow, UnbindPreview};
use serde::Serialize;
use sycamore::futures::spawn_local_scoped;
use sycamore::prelude::*;

use crate::components::error_note::ErrorNote;
use crate::components::form::select_value;
use crate::format::local_time;
use crate::ipc;
use crate::pages::accounts::TAGS;
use crate::pages::pool_bulk::ProductPicker;
use crate::state::{app_state, Page};

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct AccountArgs {
    account_id: String,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ScopeArgs {
    account_id: String,
    scope: String,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct TagArgs {
    account_id: String,
    tag: String,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct GroupArgs {
    account_id: String,
    group: String,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct PoolArgs {
    account_id: String,
    product_ids: Vec<String>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ShopCardArgs {
    account_id: String,
    enabled: bool,
}

/// Runs a command that queues or changes something, then has every screen re-read.
fn act<A: Serialize + 'static>(cmd: &'static str, args: A, error: Signal<Option<IpcError>>) {
    let state = app_state();
    error.set(None);
    spawn_local_scoped(async move {
        match ipc::call::<_, serde::de::IgnoredAny>(cmd, &args).await {
            Ok(_) => state.changed(),
            Err(e) => error.set(Some(e)),
        }
    });
}

#[component]
pub fn AccountDetailPage() -> View {
    let state = app_state();
    let detail = create_signal(None::<AccountDetail>);
    let error = create_signal(None::<IpcError>);
    let id = move || state.account.get_clone().unwrap_or_default();

    create_effect(move || {
        state.track_reloads();
        let account_id = id();
        spawn_local_scoped(async move {
            match ipc::call::<_, AccountDetail>("account_detail", &AccountArgs { account_id }).await {
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
    view! {
        section(class="page", data-testid="account-detail") {
            button(class="link back", data-testid="back-to-accounts", on:click=move |_| state.page.set(Page::Accounts)) {
                (state.t("detail-back"))
            }
            ErrorNote(error=*error)
            (if loaded.get() {
                view! { DetailBody(detail=detail, error=error) }
            } else {
                view! { p(class="muted") { (state.t("accounts-loading")) } }
            })
        }
    }
}

/// The cards re-render only when their own part of the account changes.
#[component(inline_props)]
fn DetailBody(detail: Signal<Option<AccountDetail>>, error: Signal<Option<IpcError>>) -> View {
    let part = move |f: fn(&AccountDetail) -> String| create_selector(move || detail.with(|d| d.as_ref().map(f)));
    let header = create_selector(move || detail.with(|d| d.as_ref().map(|d| (d.account.clone(), d.bound_at.clone()))));
    // Typing a group must survive a sync or a tag change: the card stays, the tag follows.
    let classify = part(|d| format!("{}|{}", d.account.id, d.manageable));
    let tag = create_selector(move || detail.with(|d| d.as_ref().map(|d| d.account.tag.clone()).unwrap_or_default()));
    let grants = create_selector(move || {
        detail.with(|d| d.as_ref().map(|d| (d.account.binding_state.clone(), d.grants.clone())))
    });
    let pool = create_selector(move || detail.with(|d| d.as_ref().map(|d| (d.manageable, d.products.clone()))));
    let card = part(|d| format!("{}|{}|{}", d.account.id, d.account.shop_card, d.manageable));
    let unbind = part(|d| format!("{}|{}", d.account.id, d.account.binding_state));
    let current = move || detail.get_clone_untracked();
    view! {
        ({ header.track(); current().map(|d| view! { Header(detail=d) }) })
        div(class="cards") {
            ({ classify.track(); current().map(|d| view! { ClassifyCard(detail=d, tag=tag, error=error) }) })
            ({ grants.track(); current().map(|d| view! { GrantsCard(detail=d, error=error) }) })
            ({ pool.track(); current().map(|d| view! { PoolCard(detail=d, error=error) }) })
            ({ card.track(); current().map(|d| view! { ShopCardCard(detail=d, error=error) }) })
            ({ unbind.track(); current().map(|d| view! { UnbindCard(detail=d, error=error) }) })
        }
    }
}

#[component(inline_props)]
fn Header(detail: AccountDetail) -> View {
    let state = app_state();
    let a = detail.account.clone();
    let lang = state.lang.get_clone();
    let binding_class = format!("badge binding-{}", a.binding_state);
    let binding_key = format!("binding-{}", a.binding_state);
    let bound_at = detail
        .bound_at
        .as_deref()
        .map(|t| local_time(t, &lang))
        .unwrap_or_default();
    let pending = a.pending;
    let nickname = a.nickname.clone();
    let gg = a.guangguang_id.clone();
    let binding_state = a.binding_state.clone();
    let notice = if a.binding_state == "unbind_requested" {
        view! { div(class="card notice", data-testid="unbind-requested-notice") { p { (state.t("detail-unbind-requested")) } } }
    } else if a.binding_state == "unbound" {
        view! { div(class="card notice", data-testid="unbound-notice") { p { (state.t("detail-unbound")) } } }
    } else {
        view! {}
    };
    view! {
        header(class="page-header") {
            div {
                h1(data-testid="detail-nickname") { (nickname) }
                div(class="muted") {
                    span(class="mono", data-testid="detail-gg") { (gg) }
                    " · "
                    span(class=binding_class, data-testid="detail-binding", data-state=binding_state) { (state.t(&binding_key)) }
                    (if bound_at.is_empty() { view! {} } else {
                        let text = state.t_args("detail-bound-at", &[("time", bound_at.clone().into())]);
                        view! { span { " · " (text) } }
                    })
                    (if pending > 0 {
                        view! { span(class="badge pending", data-testid="account-pending") {
                            (state.t_args("account-pending", &[("count", pending.into())]))
                        } }
                    } else { view! {} })
                }
            }
        }
        (notice)
    }
}

#[component(inline_props)]
fn ClassifyCard(detail: AccountDetail, tag: ReadSignal<String>, error: Signal<Option<IpcError>>) -> View {
    let state = app_state();
    let account_id = detail.account.id.clone();
    let group = create_signal(detail.account.group.clone().unwrap_or_default());
    let saved = create_signal(false);
    let id_tag = account_id.clone();
    let on_tag = move |ev: web_sys::Event| {
        if let Some(tag) = select_value(&ev) {
            act(
                "set_account_tag",
                TagArgs {
                    account_id: id_tag.clone(),
                    tag,
                },
                error,
            );
        }
    };
    let save_group = move |_| {
        let args = GroupArgs {
            account_id: account_id.clone(),
            group: group.get_clone(),
        };
        saved.set(false);
        error.set(None);
        spawn_local_scoped(async move {
            match ipc::call::<_, ()>("set_account_group", &args).await {
                Ok(()) => {
                    saved.set(true);
                    state.changed();
                }
                Err(e) => error.set(Some(e)),
            }
        });
    };
    view! {
        div(class="card", data-testid="classify-card") {
            h2 { (state.t("detail-classify")) }
            div(class="form-row") {
                label {
                    span { (state.t("col-tag")) }
                    select(data-testid="detail-tag", disabled=!detail.manageable, on:change=on_tag) {
                        (TAGS.iter().map(|t| {
                            let t = *t;
                            view! { option(value=t, selected=move || tag.with(|c| c == t)) { (state.t(&format!("tag-{t}"))) } }
                        }).collect::<Vec<_>>())
                    }
                }
                label {
                    span { (state.t("col-group")) }
                    input(r#type="text", bind:value=group, data-testid="detail-group", maxlength="20",
                        placeholder=move || state.t("detail-group-hint"))
                }
                button(class="secondary", data-testid="detail-group-save", on:click=save_group) { (state.t("settings-save")) }
                (if saved.get() { view! { span(class="ok", data-testid="detail-group-saved") { (state.t("settings-saved")) } } } else { view! {} })
            }
            p(class="muted small") { (state.t("detail-group-local")) }
        }
    }
}

#[component(inline_props)]
fn GrantsCard(detail: AccountDetail, error: Signal<Option<IpcError>>) -> View {
    let state = app_state();
    let confirming = create_signal(None::<String>);
    let account_id = detail.account.id.clone();
    let views = detail
        .grants
        .into_iter()
        .map(|g| {
            let id = account_id.clone();
            view! { GrantRow(grant=g, account_id=id, confirming=confirming, error=error) }
        })
        .collect::<Vec<_>>();
    view! {
        div(class="card", data-testid="grants-card") {
            h2 { (state.t("detail-permissions")) }
            p(class="muted small") { (state.t("detail-permissions-intro")) }
            (views)
        }
    }
}

#[component(inline_props)]
fn GrantRow(
    grant: GrantView,
    account_id: String,
    confirming: Signal<Option<String>>,
    error: Signal<Option<IpcError>>,
) -> View {
    let state = app_state();
    let lang = state.lang.get_clone();
    let scope = grant.scope.clone();
    let badge = format!("badge grant-{}", grant.state);
    let state_key = format!("grant-{}", grant.state);
    let since = grant
        .since
        .as_deref()
        .map(|t| state.t_args("grant-since", &[("time", local_time(t, &lang).into())]))
        .unwrap_or_default();
    let history = grant
        .history
        .iter()
        .map(|e| {
            let line = format!(
                "{} · {}",
                local_time(&e.at, &lang),
                state.t(&format!("grant-{}", e.state))
            );
            let st = e.state.clone();
            view! { li(data-testid="grant-history-item", data-state=st) { (line) } }
        })
        .collect::<Vec<_>>();
    let history_view = if history.is_empty() {
        view! {}
    } else {
        view! { ul(class="history", data-testid="grant-history") { (history) } }
    };
    let (s_req, s_rev, s_conf, s_is) = (scope.clone(), scope.clone(), scope.clone(), scope.clone());
    let (a_req, a_rev) = (account_id.clone(), account_id);
    let request = move |_| {
        act(
            "request_grant",
            ScopeArgs {
                account_id: a_req.clone(),
                scope: s_req.clone(),
            },
            error,
        )
    };
    let revoke = move |_| {
        confirming.set(None);
        act(
            "revoke_grant",
            ScopeArgs {
                account_id: a_rev.clone(),
                scope: s_rev.clone(),
            },
            error,
        )
    };
    let is_confirming = move || confirming.with(|c| c.as_deref() == Some(s_is.as_str()));
    let scope_name = state.t(&format!("scope-{scope}"));
    let confirm_text = state.t_args("grant-revoke-confirm", &[("scope", scope_name.clone().into())]);
    let allows = state.t(&format!("scope-{scope}-allows"));
    let grant_state = grant.state.clone();
    view! {
        div(class="grant", data-testid="grant", data-scope=scope, data-state=grant_state) {
            div(class="grant-head") {
                strong { (scope_name) }
                span(class=badge, data-testid="grant-state") { (state.t(&state_key)) }
                span(class="muted small", data-testid="grant-since") { (since) }
                (if grant.pending {
                    view! { span(class="badge pending", data-testid="grant-pending") { (state.t("grant-pending")) } }
                } else { view! {} })
                span(class="spacer") {}
                (if grant.can_request {
                    view! { button(class="secondary", data-testid="grant-request", on:click=request.clone()) { (state.t("grant-request")) } }
                } else { view! {} })
                (if grant.can_revoke {
                    let s = s_conf.clone();
                    view! { button(class="secondary danger", data-testid="grant-revoke",
                        on:click=move |_| confirming.set(Some(s.clone()))) { (state.t("grant-revoke")) } }
                } else { view! {} })
            }
            p(class="muted small") { (allows) }
            (if is_confirming() {
                let text = confirm_text.clone();
                view! {
                    div(class="confirm", data-testid="grant-revoke-confirm") {
                        p { (text) }
                        button(class="primary danger", data-testid="grant-revoke-yes", on:click=revoke.clone()) { (state.t("grant-revoke")) }
                        button(class="link", on:click=move |_| confirming.set(None)) { (state.t("dialog-cancel")) }
                    }
                }
            } else { view! {} })
            (history_view)
        }
    }
}

#[component(inline_props)]
fn PoolCard(detail: AccountDetail, error: Signal<Option<IpcError>>) -> View {
    let state = app_state();
    let products = create_signal(detail.products.clone());
    let picked = create_signal(
        detail
            .products
            .iter()
            .filter(|p: &&ProductRow| p.in_pool)
            .map(|p| p.id.clone())
            .collect::<Vec<_>>(),
    );
    let account_id = detail.account.id.clone();
    let save = move |_| {
        act(
            "set_pool",
            PoolArgs {
                account_id: account_id.clone(),
                product_ids: picked.get_clone(),
            },
            error,
        )
    };
    let manageable = detail.manageable;
    view! {
        div(class="card", data-testid="pool-card") {
            h2 { (state.t("detail-pool")) }
            p(class="muted small") { (state.t("pool-intro")) }
            (if manageable {
                view! {
                    ProductPicker(products=*products, picked=picked)
                    div(class="actions") {
                        span(class="muted") { (state.t_args("pool-picked", &[("count", picked.with(Vec::len).into())])) }
                        button(class="primary", data-testid="pool-save", on:click=save.clone()) { (state.t("pool-save")) }
                    }
                }
            } else {
                view! { p(class="muted") { (state.t("detail-needs-bound")) } }
            })
        }
    }
}

#[component(inline_props)]
fn ShopCardCard(detail: AccountDetail, error: Signal<Option<IpcError>>) -> View {
    let state = app_state();
    let on = detail.account.shop_card;
    let account_id = detail.account.id.clone();
    let toggle = move |_| {
        act(
            "set_shop_card",
            ShopCardArgs {
                account_id: account_id.clone(),
                enabled: !on,
            },
            error,
        )
    };
    view! {
        div(class="card", data-testid="shop-card-card") {
            h2 { (state.t("col-shop-card")) }
            p(class="muted small") { (state.t("shop-card-intro")) }
            button(class=if on { "switch on" } else { "switch" }, data-testid="detail-shop-card", data-on=on.to_string(),
                disabled=!detail.manageable, on:click=toggle) {
                (state.t(if on { "shop-card-on" } else { "shop-card-off" }))
            }
        }
    }
}

#[component(inline_props)]
fn UnbindCard(detail: AccountDetail, error: Signal<Option<IpcError>>) -> View {
    let state = app_state();
    let preview = create_signal(None::<UnbindPreview>);
    let can_unbind = matches!(detail.account.binding_state.as_str(), "bound" | "unbind_requested");
    let (id_preview, id_unbind) = (detail.account.id.clone(), detail.account.id.clone());
    let ask = move |_| {
        let account_id = id_preview.clone();
        error.set(None);
        spawn_local_scoped(async move {
            match ipc::call::<_, UnbindPreview>("unbind_preview", &AccountArgs { account_id }).await {
                Ok(p) => preview.set(Some(p)),
                Err(e) => error.set(Some(e)),
            }
        });
    };
    let confirm = move |_| {
        preview.set(None);
        act(
            "unbind",
            AccountArgs {
                account_id: id_unbind.clone(),
            },
            error,
        )
    };
    view! {
        div(class="card danger-zone", data-testid="unbind-card") {
            h2 { (state.t("unbind-title")) }
            p(class="muted small") { (state.t("unbind-intro")) }
            (if can_unbind {
                view! { button(class="secondary danger", data-testid="unbind-open", on:click=ask.clone()) { (state.t("unbind-title")) } }
            } else { view! {} })
            (match preview.get_clone() {
                None => view! {},
                Some(p) => {
                    let mut lines = Vec::new();
                    for scope in &p.scopes {
                        let name = state.t(&format!("scope-{scope}"));
                        lines.push(state.t_args("unbind-revokes-scope", &[("scope", name.into())]));
                    }
                    if p.pool_size > 0 {
                        lines.push(state.t_args("unbind-clears-pool", &[("count", p.pool_size.into())]));
                    }
                    if p.shop_card {
                        lines.push(state.t("unbind-hides-card"));
                    }
                    if p.queued_actions > 0 {
                        lines.push(state.t_args("unbind-queued", &[("count", p.queued_actions.into())]));
                    }
                    if lines.is_empty() {
                        lines.push(state.t("unbind-nothing-else"));
                    }
                    let items = lines.into_iter().map(|l| view! { li { (l) } }).collect::<Vec<_>>();
                    let title = state.t_args("unbind-confirm-title", &[("nickname", p.nickname.clone().into()), ("gg", p.guangguang_id.clone().into())]);
                    view! {
                        div(class="modal-backdrop") {
                            div(class="modal", role="dialog", aria-modal="true", data-testid="unbind-confirm") {
                                h2 { (state.t("unbind-title")) }
                                p { strong { (title) } }
                                ul(data-testid="unbind-consequences") { (items) }
                                div(class="actions") {
                                    button(class="primary danger", data-testid="unbind-yes", on:click=confirm.clone()) { (state.t("unbind-yes")) }
                                    button(class="secondary", on:click=move |_| preview.set(None)) { (state.t("dialog-cancel")) }
                                }
                            }
                        }
                    }
                }
            })
        }
    }
}
