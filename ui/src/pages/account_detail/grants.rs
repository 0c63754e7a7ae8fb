//! Permissions: each scope's state, history and what may be asked next (the core decides).

use mdesk_ipc::{cmd, AccountDetail, BindingState, GrantView, Scope};
use sycamore::prelude::*;

use super::Actions;
use crate::format::local_time;
use crate::state::app_state;

/// What redraws the card; a binding change also closes an open revoke confirmation.
#[derive(Debug, Clone, PartialEq)]
pub struct GrantsPart {
    pub account_id: String,
    pub binding: BindingState,
    pub grants: Vec<GrantView>,
}

impl GrantsPart {
    pub fn of(d: &AccountDetail) -> Self {
        Self {
            account_id: d.account.id.clone(),
            binding: d.account.binding_state,
            grants: d.grants.clone(),
        }
    }
}

#[component(inline_props)]
pub fn GrantsCard(part: GrantsPart, actions: Actions) -> View {
    let state = app_state();
    let confirming = create_signal(None::<Scope>);
    let GrantsPart { account_id, grants, .. } = part;
    let views = grants
        .into_iter()
        .map(|g| {
            let id = account_id.clone();
            view! { GrantRow(grant=g, account_id=id, confirming=confirming, actions=actions) }
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
fn GrantRow(grant: GrantView, account_id: String, confirming: Signal<Option<Scope>>, actions: Actions) -> View {
    let state = app_state();
    let lang = state.lang.get_clone();
    let scope = grant.scope;
    let badge = format!("badge grant-{}", grant.state.as_str());
    let state_key = format!("grant-{}", grant.state.as_str());
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
                state.t(&format!("grant-{}", e.state.as_str()))
            );
            let st = e.state;
            view! { li(data-testid="grant-history-item", data-state=st.as_str()) { (line) } }
        })
        .collect::<Vec<_>>();
    let history_view = if history.is_empty() {
        view! {}
    } else {
        view! { ul(class="history", data-testid="grant-history") { (history) } }
    };
    let a_req = account_id.clone();
    let request = move |_| {
        actions.run(cmd::RequestGrant {
            account_id: a_req.clone(),
            scope,
        })
    };
    let revoke = move |_| {
        confirming.set(None);
        actions.run(cmd::RevokeGrant {
            account_id: account_id.clone(),
            scope,
        })
    };
    let scope_name = state.t(&format!("scope-{}", scope.as_str()));
    let confirm_text = state.t_args("grant-revoke-confirm", &[("scope", scope_name.clone().into())]);
    let allows = state.t(&format!("scope-{}-allows", scope.as_str()));
    let grant_state = grant.state;
    view! {
        div(class="grant", data-testid="grant", data-scope=scope.as_str(), data-state=grant_state.as_str()) {
            div(class="grant-head") {
                strong { (scope_name) }
                span(class=badge, data-testid="grant-state") { (state.t(&state_key)) }
                span(class="muted small", data-testid="grant-since") { (since) }
                (if grant.pending {
                    view! { span(class="badge pending", data-testid="grant-pending") { (state.t("grant-pending")) } }
                } else { view! {} })
                span(class="spacer") {}
                (if grant.can_request {
                    view! { button(class="secondary", data-testid="grant-request", disabled=move || !state.may(mdesk_ipc::Permission::ManageMatrix), title=move || state.lacks(mdesk_ipc::Permission::ManageMatrix).unwrap_or_default(), on:click=request.clone()) { (state.t("grant-request")) } }
                } else { view! {} })
                (if grant.can_revoke {
                    view! { button(class="secondary danger", data-testid="grant-revoke", disabled=move || !state.may(mdesk_ipc::Permission::ManageMatrix), title=move || state.lacks(mdesk_ipc::Permission::ManageMatrix).unwrap_or_default(),
                        on:click=move |_| confirming.set(Some(scope))) { (state.t("grant-revoke")) } }
                } else { view! {} })
            }
            p(class="muted small") { (allows) }
            (if confirming.get() == Some(scope) {
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
