//! Small key/value tables, each key a named function: `sync_state` (change-feed cursor, last
//! sync, the session's identity — never tokens) and `setting` (the user's preferences).

use rusqlite::{Connection, OptionalExtension, Transaction};

use crate::error::{CoreError, CoreResult};

fn get(conn: &Connection, table: &str, key: &str) -> CoreResult<Option<String>> {
    let sql = format!("SELECT value FROM {table} WHERE key = ?1");
    Ok(conn.prepare_cached(&sql)?.query_row([key], |r| r.get(0)).optional()?)
}

fn set(tx: &Transaction<'_>, table: &str, key: &str, value: Option<&str>) -> CoreResult<()> {
    match value {
        Some(v) => {
            let sql = format!(
                "INSERT INTO {table} (key, value) VALUES (?1, ?2) ON CONFLICT (key) DO UPDATE SET value = excluded.value"
            );
            tx.prepare_cached(&sql)?.execute([key, v])?;
        }
        None => {
            let sql = format!("DELETE FROM {table} WHERE key = ?1");
            tx.prepare_cached(&sql)?.execute([key])?;
        }
    }
    Ok(())
}

const CURSOR: &str = "pull.cursor";
const SNAPSHOT_CURSOR: &str = "pull.snapshot_cursor";
const LAST_SYNC: &str = "pull.last_sync_at";
const ROLLUP_THROUGH: &str = "rollup.through";
const SESSION_PLATFORM: &str = "session.platform_id";
const SESSION_ENDPOINT: &str = "session.endpoint";
const SESSION_USERNAME: &str = "session.username";
const SESSION_MERCHANT: &str = "session.merchant_id";
const IDENTITY: &str = "session.identity";

/// Where the change feed was read up to; 0 before the first pull.
pub fn cursor(conn: &Connection) -> CoreResult<i64> {
    match get(conn, "sync_state", CURSOR)? {
        None => Ok(0),
        Some(s) => s.parse().map_err(|_| CoreError::Corrupt(format!("sync cursor {s:?}"))),
    }
}

pub fn set_cursor(tx: &Transaction<'_>, cursor: i64) -> CoreResult<()> {
    set(tx, "sync_state", CURSOR, Some(&cursor.to_string()))
}

/// Starts the change feed over (another merchant or platform signed in): the next pull is a
/// first download again, whose history raises no notices, and the rollup is rebuilt after it.
pub fn clear_cursor(tx: &Transaction<'_>) -> CoreResult<()> {
    set(tx, "sync_state", CURSOR, None)?;
    set(tx, "sync_state", SNAPSHOT_CURSOR, None)?;
    set(tx, "sync_state", LAST_SYNC, None)?;
    set(tx, "sync_state", ROLLUP_THROUGH, None)
}

/// What the platform said of the signed-in person (`identity`), as JSON.
pub fn identity(conn: &Connection) -> CoreResult<Option<String>> {
    get(conn, "sync_state", IDENTITY)
}

pub fn set_identity(tx: &Transaction<'_>, json: Option<&str>) -> CoreResult<()> {
    set(tx, "sync_state", IDENTITY, json)
}

/// Where a first download by snapshot stopped (the platform's cursor for the next page).
pub fn snapshot_cursor(conn: &Connection) -> CoreResult<Option<String>> {
    get(conn, "sync_state", SNAPSHOT_CURSOR)
}

pub fn set_snapshot_cursor(tx: &Transaction<'_>, cursor: Option<&str>) -> CoreResult<()> {
    set(tx, "sync_state", SNAPSHOT_CURSOR, cursor)
}

/// RFC 3339 time of the last complete pull.
pub fn last_sync_at(conn: &Connection) -> CoreResult<Option<String>> {
    get(conn, "sync_state", LAST_SYNC)
}

pub fn set_last_sync_at(tx: &Transaction<'_>, at: &str) -> CoreResult<()> {
    set(tx, "sync_state", LAST_SYNC, Some(at))
}

/// The last day `work_period_total` sums up to (`YYYY-MM-DD`); `None` before it was built.
pub fn rollup_through(conn: &Connection) -> CoreResult<Option<String>> {
    get(conn, "sync_state", ROLLUP_THROUGH)
}

pub fn set_rollup_through(tx: &Transaction<'_>, day: Option<&str>) -> CoreResult<()> {
    set(tx, "sync_state", ROLLUP_THROUGH, day)
}

const RECOVERY_REPORT: &str = "recovery.report";
/// Kept under the same name by `salvage`'s filter of `sync_state`.
const SALVAGED_UNREAD: &str = "recovery.unread_comments";

/// The last repair's report, until the person dismisses it.
pub fn recovery_report(conn: &Connection) -> CoreResult<Option<mdesk_ipc::RecoveryReport>> {
    match get(conn, "sync_state", RECOVERY_REPORT)? {
        None => Ok(None),
        Some(json) => serde_json::from_str(&json)
            .map(Some)
            .map_err(|e| CoreError::Corrupt(format!("recovery report: {e}"))),
    }
}

pub fn set_recovery_report(tx: &Transaction<'_>, report: Option<&mdesk_ipc::RecoveryReport>) -> CoreResult<()> {
    let json = report
        .map(serde_json::to_string)
        .transpose()
        .map_err(|e| CoreError::Corrupt(format!("recovery report: {e}")))?;
    set(tx, "sync_state", RECOVERY_REPORT, json.as_deref())
}

/// Comments that were unread on a damaged database, to mark unread again once downloaded.
pub fn salvaged_unread(conn: &Connection) -> CoreResult<Vec<String>> {
    match get(conn, "sync_state", SALVAGED_UNREAD)? {
        None => Ok(Vec::new()),
        Some(json) => serde_json::from_str(&json).map_err(|e| CoreError::Corrupt(format!("unread marks: {e}"))),
    }
}

pub fn set_salvaged_unread(tx: &Transaction<'_>, ids: &[String]) -> CoreResult<()> {
    if ids.is_empty() {
        return set(tx, "sync_state", SALVAGED_UNREAD, None);
    }
    let json = serde_json::to_string(ids).map_err(|e| CoreError::Corrupt(format!("unread marks: {e}")))?;
    set(tx, "sync_state", SALVAGED_UNREAD, Some(&json))
}

/// After the first complete download following a repair: the comments that were unread
/// before the damage are unread again (a first download marks everything read).
pub fn apply_salvaged_unread(tx: &Transaction<'_>) -> CoreResult<()> {
    tx.prepare_cached(
        "UPDATE comment SET read = 0 WHERE read = 1 AND id IN \
         (SELECT value FROM json_each((SELECT value FROM sync_state WHERE key = ?1)))",
    )?
    .execute([SALVAGED_UNREAD])?;
    set(tx, "sync_state", SALVAGED_UNREAD, None)
}

/// Who is signed in, as recorded (no secrets).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SessionRecord {
    pub platform_id: String,
    pub endpoint: String,
    pub username: String,
    pub merchant_id: String,
}

pub fn session(conn: &Connection) -> CoreResult<Option<SessionRecord>> {
    let (Some(platform_id), Some(endpoint), Some(username), Some(merchant_id)) = (
        get(conn, "sync_state", SESSION_PLATFORM)?,
        get(conn, "sync_state", SESSION_ENDPOINT)?,
        get(conn, "sync_state", SESSION_USERNAME)?,
        get(conn, "sync_state", SESSION_MERCHANT)?,
    ) else {
        return Ok(None);
    };
    Ok(Some(SessionRecord {
        platform_id,
        endpoint,
        username,
        merchant_id,
    }))
}

pub fn set_session(tx: &Transaction<'_>, s: &SessionRecord) -> CoreResult<()> {
    set(tx, "sync_state", SESSION_PLATFORM, Some(&s.platform_id))?;
    set(tx, "sync_state", SESSION_ENDPOINT, Some(&s.endpoint))?;
    set(tx, "sync_state", SESSION_USERNAME, Some(&s.username))?;
    set(tx, "sync_state", SESSION_MERCHANT, Some(&s.merchant_id))
}

/// The same platform at a new address (the embedded demo's new port).
pub fn set_session_endpoint(tx: &Transaction<'_>, endpoint: &str) -> CoreResult<()> {
    set(tx, "sync_state", SESSION_ENDPOINT, Some(endpoint))
}

/// A user preference.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Setting {
    Language,
    StaffName,
    SyncIntervalSecs,
    PlatformUrl,
    /// The Works screen's filters, sort and period (JSON of `WorksQuery`).
    WorksView,
    /// The folder the last export was saved in.
    ExportFolder,
    /// `1` when closing the window keeps the app syncing in the background (tray).
    KeepSyncingOnClose,
    /// `file` when the person chose to keep this folder's sign-in in a file because the OS
    /// keychain was unavailable; otherwise (unset) the keychain.
    SecretStore,
    /// Which version of the merchant's own content-check words this is (`<list id>:<n>`),
    /// changed with every change of them: the checker is rebuilt only then.
    ContentWordsVersion,
}

impl Setting {
    const fn key(self) -> &'static str {
        match self {
            Self::Language => "language",
            Self::StaffName => "staff_name",
            Self::SyncIntervalSecs => "sync_interval_secs",
            Self::PlatformUrl => "platform_url",
            Self::WorksView => "works_view",
            Self::ExportFolder => "export_folder",
            Self::KeepSyncingOnClose => "keep_syncing_on_close",
            Self::SecretStore => "secret_store",
            Self::ContentWordsVersion => "content_words_version",
        }
    }
}

pub fn setting(conn: &Connection, which: Setting) -> CoreResult<Option<String>> {
    get(conn, "setting", which.key())
}

pub fn set_setting(tx: &Transaction<'_>, which: Setting, value: Option<&str>) -> CoreResult<()> {
    set(tx, "setting", which.key(), value)
}
