//! Adding products to several accounts' product pools: pick products, see the dry run (what
//! goes to which account, what is refused and why), then confirm.

use mdesk_ipc::{IpcError, PoolPlanRow, ProductRow};
use serde::Serialize;
use sycamore::futures::spawn_local_scoped;
use sycamore::prelude::*;

use crate::components::error_note::ErrorNote;
use crate::components::form::checked;
use crate::format::price;
use crate::ipc::{self, NoArgs};
use crate::state::app_state;

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct PlanArgs {
    account_ids: Vec<String>,
    product_ids: Vec<String>,
}

/// A list of products with checkboxes, writing the picked ids into `picked`.
#[component(inline_props)]
pub fn ProductPicker(products: ReadSignal<Vec<ProductRow>>, picked: Signal<Vec<String>>) -> View {
    let state = app_state();
    view! {
        div(class="product-list", data-testid="product-picker") {
            Indexed(list=products, view=move |p: ProductRow| {
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
                        span(class="muted") { (price(p.price_cents)) }
                        span(class="badge free") { (state.t("pool-commission-free")) }
                    }
                }
            })
        }
    }
}

#[component(inline_props)]
pub fn PoolBulk(accounts: Signal<Vec<String>>, open: Signal<bool>) -> View {
    let state = app_state();
    let products = create_signal(Vec::<ProductRow>::new());
    let picked = create_signal(Vec::<String>::new());
    let plan = create_signal(None::<Vec<PoolPlanRow>>);
    let error = create_signal(None::<IpcError>);
    let done = create_signal(None::<usize>);

    spawn_local_scoped(async move {
        match ipc::call::<_, Vec<ProductRow>>("list_products", &NoArgs {}).await {
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
    let args = move || PlanArgs {
        account_ids: accounts.get_clone(),
        product_ids: picked.get_clone(),
    };
    let dry_run = move |_| {
        error.set(None);
        done.set(None);
        spawn_local_scoped(async move {
            match ipc::call::<_, Vec<PoolPlanRow>>("pool_plan", &args()).await {
                Ok(p) => plan.set(Some(p)),
                Err(e) => error.set(Some(e)),
            }
        });
    };
    let confirm = move |_| {
        error.set(None);
        spawn_local_scoped(async move {
            match ipc::call::<_, Vec<String>>("pool_apply", &args()).await {
                Ok(ids) => {
                    done.set(Some(ids.len()));
                    plan.set(None);
                    accounts.set(Vec::new());
                    state.changed();
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
                            Indexed(list=plan_rows, view=move |r: PoolPlanRow| {
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
