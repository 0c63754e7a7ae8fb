//! How the window behaves as a desktop app's should: one instance per data folder (a second
//! start brings the first window forward), its size and place remembered, and closing it
//! either quits or, when chosen in Settings, hides it to the tray while sync goes on.

use std::ffi::OsStr;
use std::hash::{Hash, Hasher};

use tauri::plugin::TauriPlugin;
use tauri::{AppHandle, Manager, Window, WindowEvent};
use tauri_plugin_window_state::StateFlags;

use crate::state::AppState;

pub const MAIN: &str = "main";

/// What is remembered of the window.
const FLAGS: StateFlags = StateFlags::SIZE
    .union(StateFlags::POSITION)
    .union(StateFlags::MAXIMIZED);

/// A second start with the same data folder hands over to the running app and exits, so the
/// database has one writer. Tests give each app its own data folder, and so its own instance.
pub fn single_instance(data_dir: Option<&OsStr>) -> TauriPlugin<tauri::Wry> {
    let mut builder = tauri_plugin_single_instance::Builder::new().callback(|app, _argv, _cwd| {
        tracing::info!("a second start brought the running window forward");
        show_main(app);
    });
    if let Some(dir) = data_dir {
        // D-Bus names: letters, digits, `_` and dots, no element starting with a digit.
        let mut hasher = std::collections::hash_map::DefaultHasher::new();
        dir.hash(&mut hasher);
        builder = builder.dbus_id(format!("com.matrixdesk.desktop.d{:016x}", hasher.finish()));
    }
    builder.build()
}

/// Size, position and maximised state, restored at start. Visibility is not: a window hidden
/// to the tray must still open at the next start.
pub fn remember_state(data_dir: Option<&OsStr>) -> TauriPlugin<tauri::Wry> {
    let mut builder = tauri_plugin_window_state::Builder::new().with_state_flags(FLAGS);
    if let Some(dir) = data_dir {
        // An absolute file name replaces the config folder the plugin joins it to.
        let file = std::path::Path::new(dir).join("window-state.json");
        builder = builder.with_filename(file.to_string_lossy());
    }
    builder.build()
}

/// How long the window must stay put before its place is written down.
const SETTLE: std::time::Duration = std::time::Duration::from_millis(500);

/// The plugin writes the file when the app exits; writing it also once a resize or move has
/// settled keeps it after a crash or a forced quit.
fn save_state_soon(app: &AppHandle) {
    use std::sync::atomic::{AtomicU64, Ordering};
    use tauri_plugin_window_state::AppHandleExt;
    static LATEST: AtomicU64 = AtomicU64::new(0);
    let this = LATEST.fetch_add(1, Ordering::SeqCst) + 1;
    let app = app.clone();
    tauri::async_runtime::spawn(async move {
        tokio::time::sleep(SETTLE).await;
        if LATEST.load(Ordering::SeqCst) == this {
            if let Err(e) = app.save_window_state(FLAGS) {
                tracing::debug!(error = %e, "window state not saved");
            }
        }
    });
}

/// Brings the main window forward, from the tray or a second start.
pub fn show_main(app: &AppHandle) {
    let Some(window) = app.get_webview_window(MAIN) else {
        return;
    };
    for result in [window.unminimize(), window.show(), window.set_focus()] {
        if let Err(e) = result {
            tracing::debug!(error = %e, "main window not brought forward");
        }
    }
}

/// Closing the main window hides it when the user chose to keep syncing and a tray icon is
/// there to bring it back; otherwise the app quits as usual.
pub fn on_event(window: &Window, event: &WindowEvent) {
    let api = match event {
        WindowEvent::CloseRequested { api, .. } => api,
        WindowEvent::Resized(_) | WindowEvent::Moved(_) => return save_state_soon(window.app_handle()),
        _ => return,
    };
    tracing::info!(window = window.label(), "window close requested");
    if window.label() != MAIN || !crate::tray::present(window.app_handle()) {
        return;
    }
    let keep = window
        .app_handle()
        .try_state::<AppState>()
        .and_then(|s| {
            s.core()
                .ok()
                .map(|c| mdesk_core::settings::keep_syncing_on_close(&c.store))
        })
        .and_then(Result::ok)
        .unwrap_or(false);
    if keep {
        api.prevent_close();
        if let Err(e) = window.hide() {
            tracing::warn!(error = %e, "could not hide the window");
        }
        tracing::info!("window hidden; syncing goes on in the background");
    }
}
