//! Stable error codes for the UI: it translates the code, never parses the message.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ErrorCode {
    // The platform's verdicts (docs/platform-api.md).
    Unauthorized,
    NotWhitelisted,
    Validation,
    UnknownAccount,
    PhoneMismatch,
    AlreadyBound,
    BoundElsewhere,
    NotBound,
    PermissionRequired,
    /// The signed-in person's role may not do this.
    RoleForbidden,
    /// The merchant disabled the signed-in staff account: signed out.
    StaffDisabled,
    NotInProductPool,
    PinLimit,
    NotFound,
    Conflict,
    RateLimited,
    PlatformFault,
    // Local conditions.
    Offline,
    NotSignedIn,
    KeychainUnavailable,
    InvalidInput,
    StaffNameMissing,
    NewerDatabase,
    Database,
    /// The disk (or the folder's quota) is full: nothing was half written; it goes on once there is space.
    DiskFull,
    /// The local database is damaged; it is being (or was) repaired with the desk's own data saved.
    DatabaseDamaged,
    Internal,
    // Updates of the app itself.
    /// The update server could not be reached (no network, or the server is down).
    UpdateUnreachable,
    /// The downloaded update's signature does not match the app's public key: refused.
    UpdateSignature,
    /// This build cannot install updates (a development build, or an installation the
    /// update server has no package for).
    UpdateUnsupported,
    /// Installing a verified update failed.
    UpdateFailed,
}

impl ErrorCode {
    /// The translation key of this code's plain-words message (`error-<code>`).
    pub fn message_key(self) -> &'static str {
        match self {
            Self::Unauthorized => "error-unauthorized",
            Self::NotWhitelisted => "error-not_whitelisted",
            Self::Validation => "error-validation",
            Self::UnknownAccount => "error-unknown_account",
            Self::PhoneMismatch => "error-phone_mismatch",
            Self::AlreadyBound => "error-already_bound",
            Self::BoundElsewhere => "error-bound_elsewhere",
            Self::NotBound => "error-not_bound",
            Self::PermissionRequired => "error-permission_required",
            Self::RoleForbidden => "error-role_forbidden",
            Self::StaffDisabled => "error-staff_disabled",
            Self::NotInProductPool => "error-not_in_product_pool",
            Self::PinLimit => "error-pin_limit",
            Self::NotFound => "error-not_found",
            Self::Conflict => "error-conflict",
            Self::RateLimited => "error-rate_limited",
            Self::PlatformFault => "error-platform_fault",
            Self::Offline => "error-offline",
            Self::NotSignedIn => "error-not_signed_in",
            Self::KeychainUnavailable => "error-keychain_unavailable",
            Self::InvalidInput => "error-invalid_input",
            Self::StaffNameMissing => "error-staff_name_missing",
            Self::NewerDatabase => "error-newer_database",
            Self::Database => "error-database",
            Self::DiskFull => "error-disk_full",
            Self::DatabaseDamaged => "error-database_damaged",
            Self::Internal => "error-internal",
            Self::UpdateUnreachable => "error-update_unreachable",
            Self::UpdateSignature => "error-update_signature",
            Self::UpdateUnsupported => "error-update_unsupported",
            Self::UpdateFailed => "error-update_failed",
        }
    }
}

/// An error as the UI receives it: a code to translate, and detail for the curious.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct IpcError {
    pub code: ErrorCode,
    /// Technical detail (never a secret); shown small under the translated message.
    pub message: String,
    /// For a broken input rule: which one (`phone_format`, …), translated as `rule-<rule>`
    /// into a message that says exactly what to fix.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rule: Option<String>,
}

impl IpcError {
    pub fn new(code: ErrorCode, message: impl Into<String>) -> Self {
        Self {
            code,
            message: message.into(),
            rule: None,
        }
    }

    /// The translation key of its plain-words message: the broken rule's (`rule-<rule>`) when
    /// it names one, else its code's (`error-<code>`).
    pub fn message_key(&self) -> String {
        match &self.rule {
            Some(rule) => format!("rule-{rule}"),
            None => self.code.message_key().to_owned(),
        }
    }

    /// A short stable name of what went wrong, for tests and styles: the rule, else the code.
    pub fn reason(&self) -> String {
        match &self.rule {
            Some(rule) => rule.clone(),
            None => self.code.message_key().trim_start_matches("error-").to_owned(),
        }
    }
}

impl std::fmt::Display for IpcError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:?}: {}", self.code, self.message)
    }
}

impl std::error::Error for IpcError {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_broken_rule_says_what_to_fix_before_the_code_does() {
        // `validation` alone would only say "not accepted"; the rule says which limit.
        let mut e = IpcError::new(ErrorCode::Validation, "title has 31 characters");
        assert_eq!(
            (e.message_key().as_str(), e.reason().as_str()),
            ("error-validation", "validation")
        );
        e.rule = Some("title_too_long".into());
        assert_eq!(
            (e.message_key().as_str(), e.reason().as_str()),
            ("rule-title_too_long", "title_too_long")
        );
        let refused = IpcError::new(ErrorCode::PermissionRequired, "no grant");
        assert_eq!(refused.message_key(), "error-permission_required");
    }
}
