//! The page header: who the account is, how it is bound, and a notice when the binding ends.

use mdesk_ipc::{AccountDetail, AccountRow, BindingState};
use sycamore::prelude::*;

use crate::format::local_time;
use crate::state::app_state;

#[derive(Debug, Clone, PartialEq)]
pub struct HeaderPart {
    pub account: AccountRow,
    pub bound_at: Option<String>,
}

impl HeaderPart {
    pub fn of(d: &AccountDetail) -> Self {
        Self {
            account: d.account.clone(),
            bound_at: d.bound_at.clone(),
        }
    }
}

#[component(inline_props)]
pub fn Header(part: HeaderPart) -> View {
    let state = app_state();
    let HeaderPart { account: a, bound_at } = part;
    let lang = state.lang.get_clone();
    let binding = a.binding_state;
    let binding_class = format!("badge binding-{}", binding.as_str());
    let binding_key = format!("binding-{}", binding.as_str());
    let bound_at = bound_at.as_deref().map(|t| local_time(t, &lang)).unwrap_or_default();
    let pending = a.pending;
    let notice = match binding {
        BindingState::UnbindRequested => {
            view! { div(class="card notice", data-testid="unbind-requested-notice") { p { (state.t("detail-unbind-requested")) } } }
        }
        BindingState::Unbound => {
            view! { div(class="card notice", data-testid="unbound-notice") { p { (state.t("detail-unbound")) } } }
        }
        BindingState::Invited | BindingState::Bound => view! {},
    };
    view! {
        header(class="page-header") {
            div {
                h1(data-testid="detail-nickname") { (a.nickname) }
                div(class="muted") {
                    span(class="mono", data-testid="detail-gg") { (a.guangguang_id) }
                    " · "
                    span(class=binding_class, data-testid="detail-binding", data-state=binding.as_str()) { (state.t(&binding_key)) }
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
