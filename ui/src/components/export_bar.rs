//! Exporting what a screen shows to CSV or Excel: the two buttons, a progress bar fed by the
//! shell's progress events while the file is written, then where it went, with a button that
//! opens the folder.

use mdesk_ipc::{cmd, DashboardQuery, ExportDone, ExportFormat, IpcError, WorksQuery};
use sycamore::futures::spawn_local_scoped;
use sycamore::prelude::*;

use crate::components::error_note::ErrorNote;
use crate::ipc;
use crate::state::app_state;

/// What to export: the screen's query, all pages.
#[derive(Debug, Clone, PartialEq)]
pub enum ExportRequest {
    Works(WorksQuery),
    Dashboard(DashboardQuery),
}

impl ExportRequest {
    /// `None` when the save dialog was cancelled.
    async fn run(self, format: ExportFormat) -> Result<Option<ExportDone>, IpcError> {
        match self {
            ExportRequest::Works(query) => ipc::call(&cmd::ExportWorks { query, format }).await,
            ExportRequest::Dashboard(query) => ipc::call(&cmd::ExportDashboard { query, format }).await,
        }
    }
}

/// The buttons are `{prefix}-export-csv` and `{prefix}-export-xlsx`.
#[component(inline_props)]
pub fn ExportBar(prefix: &'static str, request: ReadSignal<Option<ExportRequest>>) -> View {
    let state = app_state();
    let running = create_signal(false);
    let done = create_signal(None::<ExportDone>);
    let error = create_signal(None::<IpcError>);

    let export = move |format: ExportFormat| {
        let Some(request) = request.get_clone_untracked() else {
            return;
        };
        if running.get_untracked() {
            return;
        }
        running.set(true);
        done.set(None);
        error.set(None);
        state.export_progress.set(None);
        spawn_local_scoped(async move {
            let result = request.run(format).await;
            running.set(false);
            match result {
                Ok(d) => done.set(d),
                Err(e) => error.set(Some(e)),
            }
        });
    };
    let show = move |_| {
        let Some(path) = done.with_untracked(|d| d.as_ref().map(|d| d.path.clone())) else {
            return;
        };
        spawn_local_scoped(async move {
            if let Err(e) = ipc::call(&cmd::ShowInFolder { path }).await {
                error.set(Some(e));
            }
        });
    };
    let progress = move || {
        state
            .export_progress
            .get()
            .unwrap_or(mdesk_ipc::ExportProgress { done: 0, total: 0 })
    };
    let disabled = move || running.get() || request.with(Option::is_none);

    view! {
        div(class="export-bar") {
            div(class="export-buttons") {
                button(class="secondary", data-testid=format!("{prefix}-export-csv"), disabled=disabled,
                    on:click=move |_| export(ExportFormat::Csv)) { (state.t("export-csv")) }
                button(class="secondary", data-testid=format!("{prefix}-export-xlsx"), disabled=disabled,
                    on:click=move |_| export(ExportFormat::Xlsx)) { (state.t("export-xlsx")) }
            }
            (if running.get() {
                let p = progress();
                let percent = (p.done * 100).checked_div(p.total).unwrap_or(0).min(100);
                let text = if p.total > 0 {
                    state.t_args("export-running-count", &[("done", p.done.into()), ("total", p.total.into())])
                } else {
                    state.t("export-running")
                };
                view! {
                    div(class="export-status", data-testid="export-progress", role="progressbar",
                        aria-valuemin="0", aria-valuemax="100", aria-valuenow=percent.to_string(),
                        data-done=p.done.to_string(), data-total=p.total.to_string()) {
                        div(class="progress") { div(class="progress-bar", style=format!("width: {percent}%")) }
                        span(class="muted small") { (text) }
                    }
                }
            } else { view! {} })
            (done.get_clone().map(|d| {
                let text = state.t_args("export-done", &[("count", d.rows.into()), ("path", d.path.clone().into())]);
                view! {
                    div(class="export-status ok", data-testid="export-done", data-path=d.path.clone()) {
                        span { (text) }
                        button(class="link", data-testid="export-show", on:click=show) { (state.t("export-show")) }
                    }
                }
            }))
        }
        ErrorNote(error=*error)
    }
}
