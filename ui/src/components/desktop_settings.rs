//! Settings for this computer: whether closing the window keeps syncing in the tray, and
//! where the log files are, with a button that opens their folder, and updates of the app.

use mdesk_ipc::{cmd, IpcError};
use sycamore::futures::spawn_local_scoped;
use sycamore::prelude::*;

use crate::components::app_update::AppUpdate;
use crate::components::error_note::ErrorNote;
use crate::ipc;
use crate::state::app_state;

#[component]
pub fn DesktopSettings() -> View {
    let state = app_state();
    let error = create_signal(None::<IpcError>);
    let keep_syncing = create_signal(false);
    let log_folder = create_signal(String::new());

    spawn_local_scoped(async move {
        match ipc::call(&cmd::GetSettings {}).await {
            Ok(s) => keep_syncing.set(s.keep_syncing_on_close),
            Err(e) => error.set(Some(e)),
        }
        match ipc::call(&cmd::GetLogFolder {}).await {
            Ok(dir) => log_folder.set(dir),
            Err(e) => error.set(Some(e)),
        }
    });

    let toggle = move |_| {
        let on = !keep_syncing.get_untracked();
        error.set(None);
        spawn_local_scoped(async move {
            match ipc::call(&cmd::SetKeepSyncingOnClose { on }).await {
                Ok(()) => keep_syncing.set(on),
                Err(e) => error.set(Some(e)),
            }
        });
    };
    let open_logs = move |_| {
        error.set(None);
        spawn_local_scoped(async move {
            if let Err(e) = ipc::call(&cmd::OpenLogFolder {}).await {
                error.set(Some(e));
            }
        });
    };

    view! {
        div(class="card", data-testid="settings-desktop") {
            h2 { (state.t("settings-desktop")) }
            ErrorNote(error=*error)
            label(class="check") {
                input(r#type="checkbox", data-testid="settings-keep-syncing",
                    prop:checked=move || keep_syncing.get(), on:change=toggle)
                span { (state.t("settings-keep-syncing")) }
            }
            p(class="muted small") { (state.t("settings-keep-syncing-hint")) }
            h3 { (state.t("settings-log-folder")) }
            p(class="muted small") { (state.t("settings-log-folder-hint")) }
            p { code(class="path", data-testid="settings-log-folder") { (log_folder.get_clone()) } }
            div(class="actions") {
                button(class="secondary", data-testid="settings-open-log-folder", on:click=open_logs,
                    disabled=move || log_folder.with(String::is_empty)) { (state.t("settings-open-log-folder")) }
            }
            AppUpdate {}
        }
    }
}
