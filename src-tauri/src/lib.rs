//! The Matrix Desk desktop shell: builds the Tauri app around the core.
//!
//! Everything here adapts: commands delegate to `mdesk-core`, the sync worker's status is
//! forwarded as events, and the OS keychain backs the secret store.

mod commands;
mod connect;
mod notify;
mod state;

use std::sync::Arc;

use tauri::{Emitter, Manager};

use crate::state::AppState;

/// Keychain service name under which tokens are stored.
const KEYCHAIN_SERVICE: &str = "com.matrixdesk.desktop";

pub fn run() {
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_env("MDESK_LOG")
                .unwrap_or_else(|_| "info,tao=warn,wry=warn".into()),
        )
        .with_writer(std::io::stderr)
        .init();

    let built = tauri::Builder::default()
        .plugin(tauri_plugin_notification::init())
        .invoke_handler(tauri::generate_handler![
            commands::accounts::list_accounts,
            commands::accounts::account_groups,
            commands::accounts::account_detail,
            commands::accounts::set_account_group,
            commands::accounts::set_account_tag,
            commands::accounts::request_grant,
            commands::accounts::revoke_grant,
            commands::accounts::set_shop_card,
            commands::accounts::unbind_preview,
            commands::accounts::unbind,
            commands::accounts::set_pool,
            commands::accounts::list_products,
            commands::accounts::pool_plan,
            commands::accounts::pool_apply,
            commands::invitations::list_invitations,
            commands::invitations::invite,
            commands::invitations::cancel_invitation,
            commands::audit::audit_trail,
            commands::audit::audit_staff,
            commands::audit::export_audit,
            commands::audit::list_notices,
            commands::audit::unread_notices,
            commands::audit::mark_notices_read,
            commands::outbox::list_actions,
            commands::outbox::cancel_action,
            commands::outbox::retry_action,
            commands::settings::get_settings,
            commands::settings::set_language,
            commands::settings::set_staff_name,
            commands::settings::set_sync_interval,
            commands::session::sign_in,
            commands::session::sign_out,
            commands::session::use_demo_platform,
            commands::sync::sync_status,
            commands::sync::sync_now,
        ])
        .setup(|app| {
            let data_dir = match std::env::var_os("MDESK_DATA_DIR") {
                Some(dir) => dir.into(),
                None => app.path().app_data_dir()?,
            };
            let secrets = Arc::new(mdesk_core::KeyringSecretStore::new(KEYCHAIN_SERVICE));
            // The sync worker spawns onto Tauri's tokio runtime, so open inside its context.
            let state = tauri::async_runtime::block_on(async { AppState::open(&data_dir, secrets) });
            if let Ok(core) = state.core() {
                let mut status = core.sync.subscribe();
                let handle = app.handle().clone();
                tauri::async_runtime::spawn(async move {
                    while status.changed().await.is_ok() {
                        let now = status.borrow_and_update().clone();
                        if let Err(e) = handle.emit(mdesk_ipc::SYNC_STATUS_EVENT, now) {
                            tracing::warn!(error = %e, "could not emit sync status");
                        }
                        notify::deliver(&handle);
                    }
                });
                let core = core.clone();
                tauri::async_runtime::spawn(async move { connect::at_startup(&core).await });
            }
            app.manage(state);
            Ok(())
        })
        .build(tauri::generate_context!());
    match built {
        Ok(app) => app.run(|_, _| {}),
        Err(e) => {
            tracing::error!(error = %e, "Matrix Desk could not start");
            std::process::exit(1);
        }
    }
}
