//! Updates of the app: this version, a check on request and, when a newer version is offered,
//! its notes and an "Install and restart" button. Nothing is installed without that click.

use mdesk_ipc::{cmd, IpcError, UpdateInfo, UpdateProgress};
use sycamore::futures::spawn_local_scoped;
use sycamore::prelude::*;

use crate::components::error_note::ErrorNote;
use crate::ipc;
use crate::state::app_state;

/// The app's version: the workspace's, which every crate of it shares.
const VERSION: &str = env!("CARGO_PKG_VERSION");

/// What the last check found.
#[derive(Clone, PartialEq)]
enum Found {
    Latest,
    Available(UpdateInfo),
}

#[component]
pub fn AppUpdate() -> View {
    let state = app_state();
    let error = create_signal(None::<IpcError>);
    let checking = create_signal(false);
    let installing = create_signal(false);
    let found = create_signal(None::<Found>);
    let busy = move || checking.get() || installing.get();

    let check = move |_| {
        error.set(None);
        found.set(None);
        checking.set(true);
        spawn_local_scoped(async move {
            match ipc::call(&cmd::CheckForUpdate {}).await {
                Ok(Some(info)) => found.set(Some(Found::Available(info))),
                Ok(None) => found.set(Some(Found::Latest)),
                Err(e) => error.set(Some(e)),
            }
            checking.set(false);
        });
    };
    let install = move |_| {
        error.set(None);
        state.update_progress.set(None);
        installing.set(true);
        spawn_local_scoped(async move {
            // On success the app restarts and this never answers; an answer is a refusal.
            if let Err(e) = ipc::call(&cmd::InstallUpdate {}).await {
                error.set(Some(e));
            }
            installing.set(false);
        });
    };

    let result = move || match found.get_clone() {
        None => view! {},
        Some(Found::Latest) => view! {
            p(class="ok", data-testid="update-latest") { (state.t("update-latest")) }
        },
        Some(Found::Available(info)) => {
            let heading = state.t_args("update-available", &[("version", info.version.clone().into())]);
            let date = info.date.clone().map(|d| {
                let day = d.get(..10).unwrap_or(&d).to_owned();
                let text = state.t_args("update-date", &[("date", day.into())]);
                view! { p(class="muted small") { (text) } }
            });
            let notes = info.notes.clone().filter(|n| !n.trim().is_empty()).map(|n| {
                let title = state.t("update-notes");
                view! {
                    h4 { (title) }
                    p(class="update-notes", data-testid="update-notes") { (n) }
                }
            });
            view! {
                div(class="update-found", data-testid="update-available", data-version=info.version.clone()) {
                    p { strong { (heading) } }
                    (date)
                    (notes)
                    p(class="muted small") { (state.t("update-install-hint")) }
                    div(class="actions") {
                        button(class="primary", data-testid="update-install", on:click=install, disabled=busy) {
                            (state.t("update-install"))
                        }
                    }
                }
            }
        }
    };
    let progress = move || {
        if !installing.get() {
            return view! {};
        }
        let p = state.update_progress.get().unwrap_or(UpdateProgress {
            downloaded: 0,
            total: None,
        });
        let percent = p
            .total
            .and_then(|t| (p.downloaded * 100).checked_div(t))
            .unwrap_or(0)
            .min(100);
        view! {
            div(class="update-progress", data-testid="update-progress", role="progressbar",
                aria-valuemin="0", aria-valuemax="100", aria-valuenow=percent.to_string(),
                data-downloaded=p.downloaded.to_string()) {
                div(class="progress") { div(class="progress-bar", style=format!("width: {percent}%")) }
                span(class="muted small") { (state.t_args("update-downloading", &[("percent", percent.into())])) }
            }
        }
    };

    view! {
        div(class="app-update", data-testid="settings-update") {
            h3 { (state.t("update-title")) }
            p(data-testid="update-current", data-version=VERSION) {
                (state.t_args("update-current", &[("version", VERSION.into())]))
            }
            div(class="actions") {
                button(class="secondary", data-testid="update-check", on:click=check, disabled=busy) {
                    (if checking.get() { state.t("update-checking") } else { state.t("update-check") })
                }
            }
            ErrorNote(error=*error)
            (result())
            (progress())
        }
    }
}
