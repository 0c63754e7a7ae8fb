//! Error envelope `{ "error": { "code", "message" } }` and its stable codes.

use serde::{Deserialize, Serialize};

/// Stable error codes of the platform. Clients branch on these, never on message text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ErrorCode {
    Unauthorized,
    NotWhitelisted,
    Validation,
    UnknownAccount,
    PhoneMismatch,
    AlreadyBound,
    BoundElsewhere,
    NotBound,
    PermissionRequired,
    /// The signed-in person's role may not do this (the message names the role and what it lacks).
    RoleForbidden,
    /// The signed-in staff member was disabled by the merchant; their tokens no longer work.
    StaffDisabled,
    NotInProductPool,
    PinLimit,
    NotFound,
    Conflict,
    RateLimited,
    /// A 5xx answer: transient on the platform side.
    Internal,
}

impl ErrorCode {
    /// HTTP status the platform answers with for this code.
    pub fn http_status(self) -> u16 {
        match self {
            Self::Unauthorized | Self::StaffDisabled => 401,
            Self::NotWhitelisted | Self::PermissionRequired | Self::RoleForbidden => 403,
            Self::NotFound | Self::UnknownAccount => 404,
            Self::Conflict | Self::AlreadyBound | Self::BoundElsewhere | Self::NotBound | Self::PinLimit => 409,
            Self::Validation | Self::PhoneMismatch | Self::NotInProductPool => 422,
            Self::RateLimited => 429,
            Self::Internal => 500,
        }
    }

    /// The snake_case wire name of this code.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Unauthorized => "unauthorized",
            Self::NotWhitelisted => "not_whitelisted",
            Self::Validation => "validation",
            Self::UnknownAccount => "unknown_account",
            Self::PhoneMismatch => "phone_mismatch",
            Self::AlreadyBound => "already_bound",
            Self::BoundElsewhere => "bound_elsewhere",
            Self::NotBound => "not_bound",
            Self::PermissionRequired => "permission_required",
            Self::RoleForbidden => "role_forbidden",
            Self::StaffDisabled => "staff_disabled",
            Self::NotInProductPool => "not_in_product_pool",
            Self::PinLimit => "pin_limit",
            Self::NotFound => "not_found",
            Self::Conflict => "conflict",
            Self::RateLimited => "rate_limited",
            Self::Internal => "internal",
        }
    }
}

impl std::fmt::Display for ErrorCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The inner object of the error envelope.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ApiError {
    pub code: ErrorCode,
    pub message: String,
}

/// The error envelope every failing response carries.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ErrorBody {
    pub error: ApiError,
}

impl ErrorBody {
    pub fn new(code: ErrorCode, message: impl Into<String>) -> Self {
        Self {
            error: ApiError {
                code,
                message: message.into(),
            },
        }
    }
}
