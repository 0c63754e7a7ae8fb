//! The Matrix Desk desktop shell: builds the Tauri app around the core.
//!
//! Everything here adapts: commands delegate to `mdesk-core`, the sync worker's status is
//! forwarded as events, and the OS keychain backs the secret store.

mod commands;
mod connect;
mod logs;
mod notify;
mod state;
mod tray;
mod update;
mod window;

use tauri::{Emitter, Manager};

use crate::state::AppState;

/// Keychain service name under which tokens are stored.
const KEYCHAIN_SERVICE: &str = "com.matrixdesk.desktop";

/// Every command's handler, with the names they are registered under.
fn handlers() -> (
    &'static [&'static str],
    impl Fn(tauri::ipc::Invoke) -> bool + Send + Sync + 'static,
) {
    commands::handlers![
        accounts::list_accounts => ListAccounts,
        accounts::accounts_page => GetAccountsPage,
        accounts::account_groups => ListAccountGroups,
        accounts::account_detail => GetAccountDetail,
        accounts::set_account_group => SetAccountGroup,
        accounts::set_account_tag => SetAccountTag,
        accounts::request_grant => RequestGrant,
        accounts::revoke_grant => RevokeGrant,
        accounts::set_shop_card => SetShopCard,
        accounts::unbind_preview => GetUnbindPreview,
        accounts::unbind => Unbind,
        accounts::set_pool => SetPool,
        accounts::list_products => ListProducts,
        accounts::pool_plan => PlanPool,
        accounts::pool_apply => ApplyPool,
        invitations::list_invitations => ListInvitations,
        invitations::invite => Invite,
        invitations::cancel_invitation => CancelInvitation,
        audit::audit_trail => GetAuditTrail,
        audit::audit_staff => ListAuditStaff,
        audit::export_audit => ExportAudit,
        audit::list_notices => ListNotices,
        audit::unread_notices => CountUnreadNotices,
        audit::mark_notices_read => MarkNoticesRead,
        audit::dismiss_recovery => DismissRecovery,
        outbox::list_actions => ListActions,
        outbox::cancel_action => CancelAction,
        outbox::retry_action => RetryAction,
        settings::get_settings => GetSettings,
        settings::set_language => SetLanguage,
        settings::set_staff_name => SetStaffName,
        team::team_view => GetTeam,
        team::add_staff => AddStaff,
        team::set_staff_role => SetStaffRole,
        team::reset_staff_password => ResetStaffPassword,
        team::set_staff_disabled => SetStaffDisabled,
        team::set_approval => SetApproval,
        team::list_reviews => ListReviews,
        team::submission_detail => GetSubmission,
        team::approve_submissions => ApproveSubmissions,
        team::return_submissions => ReturnSubmissions,
        team::withdraw_submission => WithdrawSubmission,
        team::revise_submission => ReviseSubmission,
        settings::set_sync_interval => SetSyncInterval,
        settings::set_keep_syncing_on_close => SetKeepSyncingOnClose,
        settings::log_folder => GetLogFolder,
        settings::open_log_folder => OpenLogFolder,
        session::sign_in => SignIn,
        session::sign_out => SignOut,
        session::use_demo_platform => UseDemoPlatform,
        session::use_demo_platform_as => UseDemoPlatformAs,
        sync::sync_status => GetSyncStatus,
        sync::sync_now => SyncNow,
        keychain::keychain_state => GetKeychainState,
        keychain::use_file_secret_store => UseFileSecretStore,
        update::check_for_update => CheckForUpdate,
        update::install_update => InstallUpdate,
        sync::report_first_screen => ReportFirstScreen,
        comments::list_comments => ListComments,
        comments::unread_comments => CountUnreadComments,
        comments::mark_comments_read => MarkCommentsRead,
        comments::reply_to_comment => ReplyToComment,
        comments::like_work => LikeWork,
        comments::like_comment => LikeComment,
        comments::comment_on_work => CommentOnWork,
        safety::check_content => CheckContent,
        safety::word_list => GetWordList,
        safety::add_word => AddWord,
        safety::remove_word => RemoveWord,
        safety::import_words => ImportWords,
        safety::export_words => ExportWords,
        safety::list_materials => ListMaterials,
        safety::account_health => GetAccountHealth,
        safety::accounts_needing_attention => CountAccountsNeedingAttention,
        publish::pick_media => PickMedia,
        publish::inspect_media => InspectMedia,
        publish::plan_publish => PlanPublish,
        publish::publish => Publish,
        publish::save_draft => SaveDraft,
        publish::list_drafts => ListDrafts,
        publish::delete_draft => DeleteDraft,
        publish::list_uploads => ListUploads,
        publish::plan_work_change => PlanWorkChange,
        publish::apply_work_change => ApplyWorkChange,
        publish::edit_work => EditWork,
        works::list_works => ListWorks,
        works::count_works => CountWorks,
        works::works_view => GetWorksView,
        works::save_works_view => SaveWorksView,
        works::work_detail => GetWorkDetail,
        works::dashboard => GetDashboard,
        works::export_works => ExportWorks,
        works::export_dashboard => ExportDashboard,
        works::show_in_folder => ShowInFolder,
    ]
}

/// When the process started, for the start-up figure in the log.
static STARTED: std::sync::OnceLock<std::time::Instant> = std::sync::OnceLock::new();

fn since_start() -> std::time::Duration {
    STARTED.get().map(std::time::Instant::elapsed).unwrap_or_default()
}

/// A step of the start-up, in the debug log (`MDESK_LOG=debug`) with its time since start.
fn startup_step(step: &str) {
    tracing::debug!(since_start_ms = since_start().as_millis() as u64, "start-up: {step}");
}

pub fn run() {
    STARTED.get_or_init(std::time::Instant::now);
    logs::init();
    // Tests and power users point the app at a data folder; each folder is its own instance.
    let data_dir_env = std::env::var_os("MDESK_DATA_DIR");

    let built = tauri::Builder::default()
        // First, so a second start hands over before anything else opens the database.
        .plugin(window::single_instance(data_dir_env.as_deref()))
        .plugin(window::remember_state(data_dir_env.as_deref()))
        .plugin(tauri_plugin_notification::init())
        .plugin(tauri_plugin_dialog::init())
        // Checks and installs only when the user asks (Settings → On this computer).
        .plugin(tauri_plugin_updater::Builder::new().build())
        .manage(update::Pending::default())
        .invoke_handler(handlers().1)
        .on_window_event(window::on_event)
        .on_page_load(|_, payload| match payload.event() {
            tauri::webview::PageLoadEvent::Started => startup_step("page load started"),
            tauri::webview::PageLoadEvent::Finished => startup_step("page loaded"),
        })
        .setup(move |app| {
            startup_step("setup");
            let data_dir = match &data_dir_env {
                Some(dir) => dir.into(),
                None => app.path().app_data_dir()?,
            };
            let log_dir = match &data_dir_env {
                Some(_) => data_dir.join("logs"),
                None => app.path().app_log_dir()?,
            };
            if let Err(e) = logs::open_folder(&log_dir) {
                tracing::warn!(error = %e, folder = %log_dir.display(), "no log files");
            }
            // The sync worker spawns onto Tauri's tokio runtime, so open inside its context.
            let state = tauri::async_runtime::block_on(async { AppState::open(&data_dir, KEYCHAIN_SERVICE) });
            startup_step("database open, sync worker started");
            if let Err(e) = state.core() {
                tracing::error!(error = %e, "the local database could not be opened");
            }
            if let Ok(core) = state.core() {
                let mut status = core.sync.subscribe();
                let handle = app.handle().clone();
                tauri::async_runtime::spawn(async move {
                    while status.changed().await.is_ok() {
                        let now = status.borrow_and_update().clone();
                        if let Err(e) = handle.emit(mdesk_ipc::SYNC_STATUS_EVENT, now) {
                            tracing::warn!(error = %e, "could not emit sync status");
                        }
                        tray::refresh(&handle);
                        notify::deliver(&handle);
                    }
                });
                let core = core.clone();
                tauri::async_runtime::spawn(async move { connect::at_startup(&core).await });
            }
            app.manage(state);
            tray::install(app.handle());
            startup_step("tray installed");
            Ok(())
        })
        .build(tauri::generate_context!());
    match built {
        Ok(app) => app.run(|_, event| {
            if let tauri::RunEvent::Exit = event {
                tracing::info!("Matrix Desk stopped");
            }
        }),
        Err(e) => {
            tracing::error!(error = %e, "Matrix Desk could not start");
            std::process::exit(1);
        }
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn every_command_has_exactly_one_handler() {
        // A command the UI can send but the shell does not handle fails only at run time.
        let (registered, _) = super::handlers();
        let mut registered = registered.to_vec();
        let mut commands = mdesk_ipc::cmd::NAMES.to_vec();
        registered.sort_unstable();
        commands.sort_unstable();
        assert_eq!(registered, commands);
    }
}
