//! The tray icon: the sync state and what is queued at a glance, and a menu to show the
//! window, sync now, or quit (the only way out while closing the window keeps syncing).

use mdesk_core::sync::SyncCommand;
use mdesk_ipc::i18n::translate;
use mdesk_ipc::SyncStatus;
use tauri::menu::{Menu, MenuItem, PredefinedMenuItem};
use tauri::tray::{MouseButton, MouseButtonState, TrayIcon, TrayIconBuilder, TrayIconEvent};
use tauri::{AppHandle, Manager};

use crate::state::AppState;

const STATUS: &str = "tray-status";
const SHOW: &str = "tray-show";
const SYNC: &str = "tray-sync-now";
const QUIT: &str = "tray-quit";

/// The tray and the menu items whose words change with the state and the language.
pub struct Tray {
    icon: TrayIcon,
    status: MenuItem<tauri::Wry>,
    show: MenuItem<tauri::Wry>,
    sync: MenuItem<tauri::Wry>,
    quit: MenuItem<tauri::Wry>,
}

/// Adds the tray icon. A desktop without a tray (some Linux sessions) just has none, and
/// closing the window then always quits.
pub fn install(app: &AppHandle) {
    match build(app) {
        Ok(tray) => {
            app.manage(tray);
            refresh(app);
        }
        Err(e) => tracing::warn!(error = %e, "no tray icon on this desktop"),
    }
}

/// Whether the tray icon is there to bring the window back.
pub fn present(app: &AppHandle) -> bool {
    app.try_state::<Tray>().is_some()
}

fn build(app: &AppHandle) -> tauri::Result<Tray> {
    let status = MenuItem::with_id(app, STATUS, "", false, None::<&str>)?;
    let show = MenuItem::with_id(app, SHOW, "", true, None::<&str>)?;
    let sync = MenuItem::with_id(app, SYNC, "", true, None::<&str>)?;
    let quit = MenuItem::with_id(app, QUIT, "", true, None::<&str>)?;
    let separator = PredefinedMenuItem::separator(app)?;
    let menu = Menu::with_items(app, &[&status, &separator, &show, &sync, &separator, &quit])?;
    let mut builder = TrayIconBuilder::with_id("main")
        .menu(&menu)
        .show_menu_on_left_click(false)
        .on_menu_event(|app, event| match event.id().as_ref() {
            SHOW => crate::window::show_main(app),
            SYNC => {
                if let Some(Ok(core)) = app.try_state::<AppState>().map(|s| s.core().cloned()) {
                    core.sync.send(SyncCommand::SyncNow);
                }
            }
            QUIT => app.exit(0),
            _ => {}
        })
        .on_tray_icon_event(|tray, event| {
            if let TrayIconEvent::Click {
                button: MouseButton::Left,
                button_state: MouseButtonState::Up,
                ..
            } = event
            {
                crate::window::show_main(tray.app_handle());
            }
        });
    if let Some(icon) = app.default_window_icon() {
        builder = builder.icon(icon.clone());
    }
    let icon = builder.build(app)?;
    Ok(Tray {
        icon,
        status,
        show,
        sync,
        quit,
    })
}

/// Puts the current sync state and language into the tray's words.
pub fn refresh(app: &AppHandle) {
    let (Some(tray), Some(state)) = (app.try_state::<Tray>(), app.try_state::<AppState>()) else {
        return;
    };
    let Ok(core) = state.core() else {
        return;
    };
    let lang =
        mdesk_core::settings::language(&core.store).unwrap_or_else(|_| mdesk_ipc::i18n::DEFAULT_LANGUAGE.to_owned());
    show_status(&tray, &lang, &core.sync.status());
}

fn show_status(tray: &Tray, lang: &str, status: &SyncStatus) {
    let line = mdesk_ipc::i18n::tray_status(lang, status);
    let title = translate(lang, "app-title", &[]);
    let results = [
        tray.status.set_text(&line),
        tray.show.set_text(translate(lang, SHOW, &[])),
        tray.sync.set_text(translate(lang, SYNC, &[])),
        tray.quit.set_text(translate(lang, QUIT, &[])),
        tray.icon.set_tooltip(Some(format!("{title} · {line}"))),
    ];
    for r in results {
        if let Err(e) = r {
            tracing::debug!(error = %e, "tray not updated");
        }
    }
}
