//! The audit trail (R2): every delegated action with staff member, on whose behalf, what,
//! when and outcome; filtered, and exported to CSV or XLSX.

use mdesk_ipc::{cmd, ActionState, AuditFilter, AuditView, ExportDone, ExportFormat, IpcError};
use sycamore::futures::spawn_local_scoped;
use sycamore::prelude::*;

use crate::components::error_note::ErrorNote;
use crate::components::form::{non_empty, select_parsed, select_value};
use crate::format::local_time;
use crate::ipc;
use crate::list::by_id;
use crate::state::app_state;

/// The outcomes an audit entry can have, as the filter offers them.
const OUTCOMES: [ActionState; 4] = [
    ActionState::Queued,
    ActionState::Applied,
    ActionState::Rejected,
    ActionState::Cancelled,
];

#[component]
pub fn AuditTrail() -> View {
    let state = app_state();
    let rows = create_signal(None::<Vec<AuditView>>);
    let staff_names = create_signal(Vec::<String>::new());
    let error = create_signal(None::<IpcError>);
    let exported = create_signal(None::<ExportDone>);
    let staff = create_signal(String::new());
    let query = create_signal(String::new());
    let outcome = create_signal(None::<ActionState>);
    let from = create_signal(String::new());
    let to = create_signal(String::new());

    let filter = move || AuditFilter {
        staff: non_empty(staff.get_clone()),
        query: query.get_clone(),
        outcome: outcome.get(),
        from: non_empty(from.get_clone()),
        to: non_empty(to.get_clone()),
    };
    // Exporting changes nothing here, so only sync and the filters make it read again.
    create_effect(move || {
        state.data.track();
        let filter = filter();
        spawn_local_scoped(async move {
            match ipc::call(&cmd::GetAuditTrail { filter }).await {
                Ok(r) => rows.set(Some(r)),
                Err(e) => error.set(Some(e)),
            }
            if let Ok(names) = ipc::call(&cmd::ListAuditStaff {}).await {
                staff_names.set(names);
            }
        });
    });
    let export = move |format: ExportFormat| {
        error.set(None);
        exported.set(None);
        let command = cmd::ExportAudit {
            filter: filter(),
            format,
        };
        spawn_local_scoped(async move {
            match ipc::call(&command).await {
                Ok(done) => exported.set(done),
                Err(e) => error.set(Some(e)),
            }
        });
    };
    let list = create_memo(move || rows.get_clone().unwrap_or_default());

    view! {
        div(data-testid="audit-trail") {
            p(class="muted") { (state.t("audit-intro")) }
            div(class="filters") {
                select(data-testid="audit-staff", on:change=move |ev| staff.set(select_value(&ev).unwrap_or_default())) {
                    option(value="") { (state.t("audit-all-staff")) }
                    Keyed(list=staff_names, view=|n: String| { let label = n.clone(); view! { option(value=n) { (label) } } },
                        key=String::clone)
                }
                input(class="search", r#type="search", bind:value=query, data-testid="audit-search",
                    placeholder=move || state.t("audit-search"))
                select(data-testid="audit-outcome", on:change=move |ev| outcome.set(select_parsed(&ev))) {
                    option(value="") { (state.t("audit-all-outcomes")) }
                    (OUTCOMES.iter().map(|o| view! { option(value=o.as_str()) { (state.t(&format!("outcome-{}", o.as_str()))) } }).collect::<Vec<_>>())
                }
                label(class="inline") { span { (state.t("audit-from")) } input(r#type="date", bind:value=from, data-testid="audit-from") }
                label(class="inline") { span { (state.t("audit-to")) } input(r#type="date", bind:value=to, data-testid="audit-to") }
                span(class="spacer") {}
                button(class="secondary", data-testid="audit-export-csv", on:click=move |_| export(ExportFormat::Csv)) { (state.t("audit-export-csv")) }
                button(class="secondary", data-testid="audit-export-xlsx", on:click=move |_| export(ExportFormat::Xlsx)) { (state.t("audit-export-xlsx")) }
            }
            ErrorNote(error=*error)
            (exported.get_clone().map(|done| {
                let text = state.t_args("audit-exported", &[("count", done.rows.into()), ("path", done.path.clone().into())]);
                view! { p(class="ok", data-testid="audit-exported", data-path=done.path.clone()) { (text) } }
            }))
            table(class="grid", data-testid="audit-table") {
                thead { tr {
                    th { (state.t("col-time")) }
                    th { (state.t("col-staff")) }
                    th { (state.t("col-on-behalf")) }
                    th { (state.t("col-action")) }
                    th { (state.t("col-outcome")) }
                    th { (state.t("col-detail")) }
                } }
                tbody {
                    Keyed(list=list, key=|r: &AuditView| by_id(r.seq, r), view=move |r: AuditView| {
                        let lang = state.lang.get_clone();
                        let account = match (&r.account_nickname, &r.account_gg) {
                            (Some(n), Some(g)) => format!("{n} ({g})"),
                            _ => String::new(),
                        };
                        let action = r.kind.map(|k| state.t(&format!("intention-{k}"))).unwrap_or_else(|| r.what.clone());
                        let detail = match &r.error_code {
                            Some(code) => format!("{} — {}", r.what, state.t(&format!("error-{code}"))),
                            None => r.what.clone(),
                        };
                        let badge = format!("badge action-{}", r.outcome.as_str());
                        let kind = r.kind.map(|k| k.as_str()).unwrap_or_default();
                        let outcome_text = state.t(&format!("outcome-{}", r.outcome.as_str()));
                        let when = local_time(&r.at, &lang);
                        // Names typed into Settings before teams are the person's own word.
                        let staff = if r.verified {
                            r.staff_name.clone()
                        } else {
                            state.t_args("audit-self-declared", &[("name", r.staff_name.clone().into())])
                        };
                        view! {
                            tr(data-testid="audit-row", data-kind=kind, data-outcome=r.outcome.as_str(),
                                data-staff=r.staff_name, data-verified=r.verified.to_string()) {
                                td { (when) }
                                td(data-testid="audit-staff-name") { (staff) }
                                td { (account) }
                                td(data-testid="audit-action") { (action) }
                                td { span(class=badge) { (outcome_text) } }
                                td(class="detail") { (detail) }
                            }
                        }
                    })
                }
            }
            (if rows.with(|r| r.as_ref().is_some_and(Vec::is_empty)) {
                view! { p(class="empty muted", data-testid="audit-empty") { (state.t("audit-empty")) } }
            } else { view! {} })
        }
    }
}
