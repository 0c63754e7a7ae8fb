//! What crosses the Tauri IPC boundary: rows the UI shows, the sync status and errors.
//!
//! Wasm-safe (serde only). Timestamps travel as RFC 3339 strings; the UI formats them.

pub mod cmd;
mod comments;
mod content;
mod error;
pub mod i18n;
mod matrix;
mod publish;
mod recovery;
mod states;
mod team;
mod update;
mod work_actions;
mod works;

pub use comments::*;
pub use content::*;
pub use error::{ErrorCode, IpcError};
pub use matrix::*;
pub use mdesk_platform_api::{
    Actor, BindingState, GrantState, InclusionStatus, InvitationState, MediaKind, Permission, Privacy, Proposal,
    ReviewStatus, Role, Scope, SubmissionResult, SubmissionState, Tag, TopicStatus, UnknownName, WorkKind,
};
pub use publish::*;
pub use recovery::*;
pub use states::{ActionKind, ActionState, ExportFormat, InvitationStatus, NoticeKind, SubmissionKind};
pub use team::*;
pub use update::*;
pub use work_actions::*;
pub use works::*;

use serde::{Deserialize, Serialize};

/// Tauri event carrying a [`SyncStatus`] whenever it changes.
pub const SYNC_STATUS_EVENT: &str = "sync-status";

/// One matrix account as the Accounts screen lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccountRow {
    pub id: String,
    pub guangguang_id: String,
    pub nickname: String,
    pub tag: Tag,
    pub binding_state: BindingState,
    pub publish: GrantState,
    pub interact: GrantState,
    pub pool_size: u32,
    pub shop_card: bool,
    pub works: u32,
    /// The staff's own grouping (local to this computer).
    #[serde(default)]
    pub group: Option<String>,
    /// Actions for this account not yet confirmed by the platform; the fields above already
    /// show what they will do.
    pub pending: u32,
}

/// The first rows of the accounts a filter lets through, and what the screen needs of the
/// rest: how many there are and their ids (select-all covers every one).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccountsPage {
    pub rows: Vec<AccountRow>,
    pub total: u32,
    pub ids: Vec<String>,
}

/// One outbox action as the Activity screen and `mdesk actions` show it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActionRow {
    pub id: String,
    /// The intention kind, translated as `intention-<kind>`.
    pub kind: ActionKind,
    pub summary: String,
    pub account_id: Option<String>,
    pub state: ActionState,
    /// The staff member may take it back now (the core decided).
    pub can_cancel: bool,
    /// The staff member may send it again as a new action (the core decided: rejected, not
    /// an invitation — its phone was not kept — and not retried already).
    pub can_retry: bool,
    pub attempts: u32,
    pub next_attempt_at: Option<String>,
    /// The platform's error code of a rejection, or the last transient failure.
    pub error_code: Option<String>,
    pub error_message: Option<String>,
    pub staff_name: String,
    pub created_at: String,
    pub updated_at: String,
}

/// Which platform the app talks to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PlatformKind {
    /// The simulator embedded in the app, seeded with demo data.
    Demo,
    /// A configured platform endpoint.
    Remote,
}

/// Progress of a running pull, for the progress bar during initial sync.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct SyncProgress {
    pub done: u64,
    pub total: u64,
}

/// Everything the always-visible status line shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SyncStatus {
    pub platform: PlatformKind,
    pub platform_url: Option<String>,
    pub signed_in: bool,
    /// The merchant's display name, once known.
    pub merchant_name: Option<String>,
    pub whitelisted: Option<bool>,
    /// `None` until the first attempt has finished.
    pub online: Option<bool>,
    pub syncing: bool,
    pub progress: Option<SyncProgress>,
    /// RFC 3339 time of the last successful sync.
    pub last_sync_at: Option<String>,
    pub queued: u32,
    pub failed: u32,
    pub last_error: Option<IpcError>,
    /// Set after the local database was found damaged and repaired, until the person dismisses it.
    pub recovery: Option<RecoveryReport>,
    /// Who is signed in and what their role may do (once signed in).
    #[serde(default)]
    pub whoami: Option<Whoami>,
    /// Submissions waiting for this person's review.
    #[serde(default)]
    pub reviews_waiting: u32,
}

/// Whether the OS keychain can keep the sign-in, and what this data folder chose.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct KeychainState {
    /// The keychain answered just now.
    pub available: bool,
    /// The person chose, for this data folder, to keep the sign-in in a file instead.
    pub file_chosen: bool,
    /// The keychain's own words when it did not answer.
    pub detail: Option<String>,
    /// Where the file store keeps the sign-in (when chosen).
    pub file_path: String,
}

impl KeychainState {
    /// The window must stop and ask: no keychain, and no choice of the file store yet.
    pub fn must_ask(&self) -> bool {
        !self.available && !self.file_chosen
    }
}

/// User preferences shown on the Settings screen.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Settings {
    /// `zh-CN` | `en`
    pub language: String,
    pub staff_name: String,
    pub sync_interval_secs: u32,
    /// The configured platform endpoint; `None` means the embedded demo platform.
    pub platform_url: Option<String>,
    /// Username of the signed-in merchant staff login, if any.
    pub username: Option<String>,
    /// Closing the window hides it to the tray and keeps syncing (off by default).
    pub keep_syncing_on_close: bool,
}

/// Sign-in form contents.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SignInForm {
    pub platform_url: String,
    pub username: String,
    pub password: String,
}
