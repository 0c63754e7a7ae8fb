//! Updates of the app itself: what a check found, and how far a download has come.

use serde::{Deserialize, Serialize};

/// A newer version the update server offers. The app installs it only when the user asks.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct UpdateInfo {
    /// The version on offer (`1.4.0`).
    pub version: String,
    /// This build's version.
    pub current_version: String,
    /// When it was published (RFC 3339), if the server says.
    pub date: Option<String>,
    /// The release notes, as the server sends them (plain text).
    pub notes: Option<String>,
}

/// Tauri event carrying an update download's progress.
pub const UPDATE_PROGRESS_EVENT: &str = "update-progress";

/// Bytes of the update downloaded so far; `total` is `None` when the server does not say.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct UpdateProgress {
    pub downloaded: u64,
    pub total: Option<u64>,
}
