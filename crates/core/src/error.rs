//! The core's one error type, each variant mapped to a stable [`ErrorCode`] for the UI.

use mdesk_ipc::{ErrorCode, IpcError};
use mdesk_platform_api::ErrorCode as PlatformCode;

#[derive(Debug, thiserror::Error)]
pub enum CoreError {
    #[error("database: {0}")]
    Db(#[from] rusqlite::Error),
    #[error("the database was written by a newer Matrix Desk (schema {found}, this build knows {supported})")]
    NewerDatabase { found: i64, supported: i64 },
    #[error("stored data is unreadable: {0}")]
    Corrupt(String),
    #[error("platform refused: {code}: {message}")]
    Platform {
        code: PlatformCode,
        message: String,
        retry_after_secs: Option<u64>,
    },
    #[error("platform unreachable: {0}")]
    Offline(String),
    #[error("unexpected answer from the platform: {0}")]
    Protocol(String),
    #[error("not signed in")]
    NotSignedIn,
    #[error("keychain: {0}")]
    Keychain(String),
    #[error("{0}")]
    InvalidInput(String),
    /// A platform field rule broken by the input, caught before anything was queued.
    #[error("{message}")]
    Rule { rule: &'static str, message: String },
    #[error("set the staff name in Settings first: every delegated action is recorded under it")]
    StaffNameMissing,
    #[error("i/o: {0}")]
    Io(#[from] std::io::Error),
    /// The database is damaged and the repair could not finish; nothing was deleted, and the
    /// next start tries again.
    #[error("the local database is damaged and could not be repaired: {0}")]
    RepairFailed(String),
}

pub type CoreResult<T> = Result<T, CoreError>;

impl CoreError {
    /// Worth retrying later without changing anything: the network or a platform fault.
    pub fn is_transient(&self) -> bool {
        match self {
            Self::Offline(_) => true,
            Self::Platform { code, .. } => {
                matches!(code, PlatformCode::Internal | PlatformCode::RateLimited)
            }
            _ => false,
        }
    }

    /// SQLite says the database file is damaged (`SQLITE_CORRUPT`, `SQLITE_NOTADB`). Never
    /// a full disk, a busy or locked database, or a lack of memory: those pass by themselves.
    pub fn is_damage(&self) -> bool {
        matches!(self, Self::Db(e) if is_damage(e))
    }

    /// The disk (or quota) is full: SQLite's `SQLITE_FULL`, or the OS's "no space left".
    pub fn is_disk_full(&self) -> bool {
        match self {
            Self::Db(e) => is_disk_full(e),
            Self::Io(e) => is_io_disk_full(e),
            _ => false,
        }
    }

    pub fn code(&self) -> ErrorCode {
        if self.is_damage() {
            return ErrorCode::DatabaseDamaged;
        }
        if self.is_disk_full() {
            return ErrorCode::DiskFull;
        }
        match self {
            Self::Db(_) | Self::Io(_) => ErrorCode::Database,
            Self::NewerDatabase { .. } => ErrorCode::NewerDatabase,
            Self::RepairFailed(_) => ErrorCode::DatabaseDamaged,
            Self::Corrupt(_) | Self::Protocol(_) => ErrorCode::Internal,
            Self::Offline(_) => ErrorCode::Offline,
            Self::NotSignedIn => ErrorCode::NotSignedIn,
            Self::Keychain(_) => ErrorCode::KeychainUnavailable,
            Self::InvalidInput(_) => ErrorCode::InvalidInput,
            Self::Rule { .. } => ErrorCode::Validation,
            Self::StaffNameMissing => ErrorCode::StaffNameMissing,
            Self::Platform { code, .. } => match code {
                PlatformCode::Unauthorized => ErrorCode::Unauthorized,
                PlatformCode::NotWhitelisted => ErrorCode::NotWhitelisted,
                PlatformCode::Validation => ErrorCode::Validation,
                PlatformCode::UnknownAccount => ErrorCode::UnknownAccount,
                PlatformCode::PhoneMismatch => ErrorCode::PhoneMismatch,
                PlatformCode::AlreadyBound => ErrorCode::AlreadyBound,
                PlatformCode::BoundElsewhere => ErrorCode::BoundElsewhere,
                PlatformCode::NotBound => ErrorCode::NotBound,
                PlatformCode::PermissionRequired => ErrorCode::PermissionRequired,
                PlatformCode::RoleForbidden => ErrorCode::RoleForbidden,
                PlatformCode::StaffDisabled => ErrorCode::StaffDisabled,
                PlatformCode::NotInProductPool => ErrorCode::NotInProductPool,
                PlatformCode::PinLimit => ErrorCode::PinLimit,
                PlatformCode::NotFound => ErrorCode::NotFound,
                PlatformCode::Conflict => ErrorCode::Conflict,
                PlatformCode::RateLimited => ErrorCode::RateLimited,
                PlatformCode::Internal => ErrorCode::PlatformFault,
            },
        }
    }
}

impl From<mdesk_platform_api::rules::RuleViolation> for CoreError {
    /// A broken field rule names the rule (the UI says exactly what to fix); a broken state
    /// rule (not bound, no grant) is the platform's own verdict, given before sending.
    fn from(v: mdesk_platform_api::rules::RuleViolation) -> Self {
        if v.code == PlatformCode::Validation {
            Self::Rule {
                rule: v.rule,
                message: v.message,
            }
        } else {
            Self::Platform {
                code: v.code,
                message: v.message,
                retry_after_secs: None,
            }
        }
    }
}

impl From<CoreError> for IpcError {
    fn from(e: CoreError) -> Self {
        let rule = match &e {
            CoreError::Rule { rule, .. } => Some((*rule).to_owned()),
            _ => None,
        };
        IpcError {
            code: e.code(),
            message: e.to_string(),
            rule,
        }
    }
}

// What an error means for the store (damage: repair it; a full disk: wait for space). Nothing
// else is damage: a busy or locked database, a lack of memory or a full disk pass by
// themselves, and repairing on them would move a healthy database aside.

/// SQLite's own verdict that the file is damaged: `SQLITE_CORRUPT` or `SQLITE_NOTADB`.
pub fn is_damage(e: &rusqlite::Error) -> bool {
    matches!(
        e.sqlite_error_code(),
        Some(rusqlite::ErrorCode::DatabaseCorrupt | rusqlite::ErrorCode::NotADatabase)
    )
}

/// `SQLITE_FULL`: the disk or the quota is full.
pub fn is_disk_full(e: &rusqlite::Error) -> bool {
    e.sqlite_error_code() == Some(rusqlite::ErrorCode::DiskFull)
}

/// The OS's "no space left on device" (or quota exceeded) from a file write.
pub fn is_io_disk_full(e: &std::io::Error) -> bool {
    matches!(
        e.kind(),
        std::io::ErrorKind::StorageFull | std::io::ErrorKind::QuotaExceeded
    )
}
