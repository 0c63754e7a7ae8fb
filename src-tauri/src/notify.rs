//! New notices become desktop notifications (in the UI's language) and an event the window
//! listens to. A desktop without a notification service still gets the in-app list.

use tauri::{Emitter, Manager};
use tauri_plugin_notification::NotificationExt;

use crate::state::AppState;

/// More new notices than this at once become one summary notification.
const MAX_POPUPS: usize = 3;

pub fn deliver(app: &tauri::AppHandle) {
    let Some(state) = app.try_state::<AppState>() else {
        return;
    };
    let Ok(core) = state.core() else {
        return;
    };
    let notices = match mdesk_core::notices::take_undelivered(&core.store) {
        Ok(n) if n.is_empty() => return,
        Ok(n) => n,
        Err(e) => {
            tracing::warn!(error = %e, "could not read notices");
            return;
        }
    };
    let lang =
        mdesk_core::settings::language(&core.store).unwrap_or_else(|_| mdesk_ipc::i18n::DEFAULT_LANGUAGE.to_owned());
    // A long time offline can bring many at once: then one summary instead of a flood.
    let popups: Vec<(String, String)> = if notices.len() > MAX_POPUPS {
        let count = notices.len();
        let args = [("count", mdesk_ipc::i18n::FluentValue::from(count))];
        vec![(
            mdesk_ipc::i18n::translate(&lang, "notices-many-title", &args),
            mdesk_ipc::i18n::translate(&lang, "notices-many", &args),
        )]
    } else {
        notices.iter().map(|n| mdesk_ipc::i18n::notice_text(&lang, n)).collect()
    };
    for (title, body) in popups {
        if let Err(e) = app.notification().builder().title(title).body(body).show() {
            tracing::info!(error = %e, "desktop notification not shown");
        }
    }
    if let Err(e) = app.emit(mdesk_ipc::NOTICES_EVENT, &notices) {
        tracing::warn!(error = %e, "could not emit notices");
    }
}
