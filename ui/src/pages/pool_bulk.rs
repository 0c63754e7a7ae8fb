//! Adding products to several accounts' product pools: pick products, see the dry run (what
//! goes to which account, what is refused and why), then confirm.

use mdesk_ipc::{cmd, IpcError, PoolPlanRow, ProductRow};
use sycamore::futures::spawn_local_scoped;
use sycamore::prelude::*;

use crate::components::error_note::ErrorNote;
use crate::components::form::checked;
use crate::format::yuan;
use crate::ipc;
use crate::list::by_id;
use crate::state::{app_state, Reload};

/// A list of products with checkboxes, writing the picked ids into `picked`.
#[component(inline_props)]
pub fn ProductPicker(products: ReadSignal<Vec<ProductRow>>, picked: Signal<Vec<String>>) -> View {
    let state = app_state();
    view! {
        div(class="product-list", data-testid="product-picker") {
            Keyed(list=products, key=|p: &ProductRow| by_id(p.id.clone(), p), view=move |p: ProductRow| {
                let (id_is, id_set) = (p.id.clone(), p.id.clone());
                let on = move || picked.with(|s| s.contains(&id_is));
                let toggle = move |ev: web_sys::Event| {
                    let id = id_set.clone();
                    let now = checked(&ev);
                    picked.update(|s| {
                        s.retain(|x| x != &id);
                        if now { s.push(id); }
                    });
                };
                view! {
                    label(class="product", data-testid="product-option", data-id=p.id.clone()) {
                        input(r#type="checkbox", checked=on, on:change=toggle)
                        span(class="product-title") { (p.title.clone()) }
                        span(class="muted") { (yuan(p.price_cents)) }
                        span(class="badge free") { (state.t("pool-commission-free")) }
                    }
                }
            })
        }
    }
}

/// `reload` is the Accounts screen's: applying the plan changes what it lists.
#[component(inline_props)]
pub fn PoolBulk(accounts: Signal<Vec<String>>, open: Signal<bool>, reload: Reload) -> View {
    let state = app_state();
    let products = create_signal(Vec::<ProductRow>::new());
    let picked = create_signal(Vec::<String>::new());
    let plan = create_signal(None::<Vec<PoolPlanRow>>);
    let error = create_signal(None::<IpcError>);
    let done = create_signal(None::<usize>);

    spawn_local_scoped(async move {
        match ipc::call(&cmd::ListProducts {}).await {
            Ok(p) => products.set(p),
            Err(e) => error.set(Some(e)),
        }
    });
    // A changed pick invalidates the dry run.
    create_effect(move || {
        picked.track();
        accounts.track();
        plan.set(None);
    });
    let plan_for = move || cmd::PlanPool {
        account_ids: accounts.get_clone(),
        product_ids: picked.get_clone(),
    };
    let dry_run = move |_| {
        error.set(None);
        done.set(None);
        spawn_local_scoped(async move {
            match ipc::call(&plan_for()).await {
                Ok(p) => plan.set(Some(p)),
                Err(e) => error.set(Some(e)),
            }
        });
    };
    let confirm = move |_| {
        error.set(None);
        let command = cmd::ApplyPool {
            account_ids: accounts.get_clone(),
            product_ids: picked.get_clone(),
        };
        spawn_local_scoped(async move {
            match ipc::call(&command).await {
                Ok(ids) => {
                    done.set(Some(ids.len()));
                    plan.set(None);
                    accounts.set(Vec::new());
                    reload.bump();
                }
                Err(e) => error.set(Some(e)),
            }
        });
    };
    let plan_rows = create_memo(move || plan.get_clone().unwrap_or_default());
    let sendable = move || {
        plan.with(|p| {
            p.as_ref()
                .map_or(0, |p| p.iter().filter(|r| r.refused.is_none() && r.added > 0).count())
        })
    };

    view! {
        div(class="card wide", data-testid="bulk-pool") {
            h2 { (state.t("pool-bulk-title")) }
            p(class="muted") { (state.t("pool-intro")) }
            ErrorNote(error=*error)
            ProductPicker(products=*products, picked=picked)
            div(class="actions") {
                button(class="secondary", data-testid="pool-dry-run", on:click=dry_run) { (state.t("pool-dry-run")) }
                button(class="link", on:click=move |_| open.set(false)) { (state.t("dialog-close")) }
            }
            (if let Some(n) = done.get() {
                view! { p(class="ok", data-testid="pool-bulk-done") { (state.t_args("pool-bulk-done", &[("count", n.into())])) } }
            } else { view! {} })
            (if plan.with(Option::is_some) {
                view! {
                    table(class="grid", data-testid="pool-plan") {
                        thead { tr {
                            th { (state.t("col-nickname")) }
                            th { (state.t("col-gg")) }
                            th(class="num") { (state.t("pool-before")) }
                            th(class="num") { (state.t("pool-after")) }
                            th { (state.t("pool-verdict")) }
                        } }
                        tbody {
                            Keyed(list=plan_rows, key=|r: &PoolPlanRow| by_id(r.account_id.clone(), r), view=move |r: PoolPlanRow| {
                                let verdict = match &r.refused {
                                    Some(code) => state.t(&format!("error-{code}")),
                                    None if r.added == 0 => state.t("pool-nothing-new"),
                                    None => state.t_args("pool-will-add", &[("count", r.added.into())]),
                                };
                                let class = if r.refused.is_some() { "detail refused" } else { "detail" };
                                let gg = r.guangguang_id.clone();
                                let refused = r.refused.clone().unwrap_or_default();
                                let (before, after) = (r.before.to_string(), r.after.to_string());
                                view! {
                                    tr(data-testid="pool-plan-row", data-gg=gg, data-refused=refused) {
                                        td { (r.nickname) }
                                        td(class="mono") { (r.guangguang_id) }
                                        td(class="num") { (before) }
                                        td(class="num") { (after) }
                                        td(class=class) { (verdict) }
                                    }
                                }
                            })
                        }
                    }
                    div(class="actions") {
                        button(class="primary", data-testid="pool-confirm", disabled=move || sendable() == 0, on:click=confirm) {
                            (state.t_args("pool-confirm", &[("count", sendable().into())]))
                        }
                    }
                }
            } else { view! {} })
        }
    }
}
