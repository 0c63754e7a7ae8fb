//! Activity: the outbox (pending, sent, failed with the platform's reason; retry, cancel).

use mdesk_ipc::{cmd, ActionRow, ActionState, IpcError};
use sycamore::futures::spawn_local_scoped;
use sycamore::prelude::*;

use crate::components::error_note::ErrorNote;
use crate::format::local_time;
use crate::ipc;
use crate::list::by_id;
use crate::pages::audit::AuditTrail;
use crate::state::{act, app_state, Reload};

#[component]
pub fn ActivityPage() -> View {
    let state = app_state();
    let actions = create_signal(None::<Vec<ActionRow>>);
    let error = create_signal(None::<IpcError>);
    let reload = Reload::new();
    let audit_tab = create_signal(false);

    create_effect(move || {
        state.data.track();
        reload.track();
        spawn_local_scoped(async move {
            match ipc::call(&cmd::ListActions {}).await {
                Ok(rows) => actions.set(Some(rows)),
                Err(e) => error.set(Some(e)),
            }
        });
    });
    let rows = create_memo(move || actions.get_clone().unwrap_or_default());

    view! {
        section(class="page", data-testid="activity-page") {
            header(class="page-header") {
                div {
                    h1(data-testid="page-title") { (state.t("activity-title")) }
                    div(class="muted") { (state.t("activity-intro")) }
                }
            }
            div(class="tabs") {
                button(class=move || if audit_tab.get() { "tab" } else { "tab active" }, data-testid="tab-outbox",
                    on:click=move |_| audit_tab.set(false)) { (state.t("activity-tab-outbox")) }
                button(class=move || if audit_tab.get() { "tab active" } else { "tab" }, data-testid="tab-audit",
                    on:click=move |_| audit_tab.set(true)) { (state.t("activity-tab-audit")) }
            }
            (if audit_tab.get() { view! { AuditTrail {} } } else { view! {} })
            div(class=move || if audit_tab.get() { "hidden" } else { "" }) {
            ErrorNote(error=*error)
            table(class="grid", data-testid="actions-table") {
                thead {
                    tr {
                        th { (state.t("col-time")) }
                        th { (state.t("col-staff")) }
                        th { (state.t("col-action")) }
                        th { (state.t("col-state")) }
                        th(class="num") { (state.t("col-attempts")) }
                        th { (state.t("col-detail")) }
                        th {}
                    }
                }
                tbody {
                    Keyed(list=rows, key=|a: &ActionRow| by_id(a.id.clone(), a), view=move |a: ActionRow| {
                        let lang = state.lang.get_clone();
                        let when = local_time(&a.created_at, &lang);
                        let state_key = format!("action-state-{}", a.state.as_str());
                        let kind_key = format!("intention-{}", a.kind);
                        let badge = format!("badge action-{}", a.state.as_str());
                        let detail = match (&a.error_code, &a.next_attempt_at) {
                            (Some(code), _) if a.state == ActionState::Rejected => {
                                let key = format!("error-{code}");
                                let words = state.t(&key);
                                if words == key { a.error_message.clone().unwrap_or_default() } else { words }
                            }
                            (_, Some(next)) if a.state != ActionState::Applied => {
                                state.t_args("activity-next-try", &[("time", local_time(next, &lang).into())])
                            }
                            _ => String::new(),
                        };
                        // The core decided which of the two the action allows.
                        let (can_retry, can_cancel) = (a.can_retry, a.can_cancel);
                        let (id_retry, id_cancel) = (a.id.clone(), a.id.clone());
                        let attempts = a.attempts.to_string();
                        view! {
                            tr(data-testid="action-row", data-kind=a.kind.as_str(), data-state=a.state.as_str()) {
                                td { (when) }
                                td { (a.staff_name.clone()) }
                                td(data-testid="action-summary", title=a.summary.clone()) { (state.t(&kind_key)) }
                                td { span(class=badge, data-testid="action-state") { (state.t(&state_key)) } }
                                td(class="num") { (attempts) }
                                td(class="detail", data-testid="action-detail") { (detail) }
                                td {
                                    (if can_retry {
                                        let id = id_retry.clone();
                                        view! { button(class="link", data-testid="action-retry",
                                            on:click=move |_| act(cmd::RetryAction { id: id.clone() }, error, reload)) { (state.t("action-retry")) } }
                                    } else if can_cancel {
                                        let id = id_cancel.clone();
                                        view! { button(class="link", data-testid="action-cancel",
                                            on:click=move |_| act(cmd::CancelAction { id: id.clone() }, error, reload)) { (state.t("action-cancel")) } }
                                    } else { view! {} })
                                }
                            }
                        }
                    })
                }
            }
            (if actions.with(|a| a.as_ref().is_some_and(Vec::is_empty)) {
                view! { p(class="empty muted", data-testid="actions-empty") { (state.t("activity-empty")) } }
            } else { view! {} })
            }
        }
    }
}
