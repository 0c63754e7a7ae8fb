//! Unbinding: what it takes away (revoked scopes, cleared pool, hidden card, refused actions),
//! confirmed in a dialog before anything is queued.

use mdesk_ipc::{cmd, AccountDetail, BindingState, UnbindPreview};
use sycamore::futures::spawn_local_scoped;
use sycamore::prelude::*;

use super::Actions;
use crate::ipc;
use crate::state::{app_state, AppState};

/// What redraws the card; a binding change also closes an open confirmation.
#[derive(Debug, Clone, PartialEq)]
pub struct UnbindPart {
    pub account_id: String,
    pub binding: BindingState,
    pub can_unbind: bool,
}

impl UnbindPart {
    pub fn of(d: &AccountDetail) -> Self {
        Self {
            account_id: d.account.id.clone(),
            binding: d.account.binding_state,
            can_unbind: d.can_unbind,
        }
    }
}

#[component(inline_props)]
pub fn UnbindCard(part: UnbindPart, actions: Actions) -> View {
    let state = app_state();
    let preview = create_signal(None::<UnbindPreview>);
    let UnbindPart {
        account_id, can_unbind, ..
    } = part;
    let id_preview = account_id.clone();
    let ask = move |_| {
        let account_id = id_preview.clone();
        actions.error.set(None);
        spawn_local_scoped(async move {
            match ipc::call(&cmd::GetUnbindPreview { account_id }).await {
                Ok(p) => preview.set(Some(p)),
                Err(e) => actions.error.set(Some(e)),
            }
        });
    };
    let confirm = move |_| {
        preview.set(None);
        actions.run(cmd::Unbind {
            account_id: account_id.clone(),
        })
    };
    view! {
        div(class="card danger-zone", data-testid="unbind-card") {
            h2 { (state.t("unbind-title")) }
            p(class="muted small") { (state.t("unbind-intro")) }
            (if can_unbind {
                view! { button(class="secondary danger", data-testid="unbind-open", disabled=move || !state.may(mdesk_ipc::Permission::ManageMatrix), title=move || state.lacks(mdesk_ipc::Permission::ManageMatrix).unwrap_or_default(), on:click=ask.clone()) { (state.t("unbind-title")) } }
            } else { view! {} })
            (preview.get_clone().map(|p| {
                let items = consequences(state, &p).into_iter().map(|l| view! { li { (l) } }).collect::<Vec<_>>();
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
            }))
        }
    }
}

/// The dialog's lines: everything unbinding takes away, or that it takes nothing else.
fn consequences(state: AppState, p: &UnbindPreview) -> Vec<String> {
    let mut lines = Vec::new();
    for scope in &p.scopes {
        let name = state.t(&format!("scope-{}", scope.as_str()));
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
    lines
}
