//! Wire types of the platform API v1 (see `docs/platform-api.md`).
//!
//! One crate owns the contract so the client in `mdesk-core` and the reference server in
//! `mdesk-platform-sim` cannot drift apart.

mod account;
mod auth;
mod changes;
mod error;
mod merchant;
mod requests;
pub mod rules;
mod snapshot;
mod team;
mod wire_enum;
mod work;

pub use account::{Account, BindingState, Grant, GrantState, Grants, Invitation, InvitationState, Scope, Tag};
pub use auth::{TokenRequest, TokenResponse};
pub use changes::{Change, ChangeData, ChangePage};
pub use error::{ApiError, ErrorBody, ErrorCode};
pub use merchant::{Me, Product, Whoami};
pub use requests::*;
pub use snapshot::{
    parse_snapshot_cursor, snapshot_cursor, MetricRow, SnapshotPage, MAX_SNAPSHOT_ROWS, MAX_SNAPSHOT_WORKS,
};
pub use team::{
    check_staff_name, check_staff_password, forbidden_message, need_of, Actor, Approval, ApprovalSetting, Identity,
    Need, NewStaff, NewSubmission, PasswordReset, Permission, Proposal, ReturnRequest, Role, RoleChange, StaffDisabled,
    StaffMember, Submission, SubmissionResult, SubmissionState, SubmissionsPage, MAX_RETURN_REASON_CHARS,
    STAFF_PASSWORD_LEN,
};
#[cfg(feature = "sql")]
#[doc(hidden)]
pub use wire_enum::__rusqlite;
pub use wire_enum::{UnknownName, WireEnum};
pub use work::{
    resolve_url, Comment, DailyMetric, InclusionStatus, MediaKind, Privacy, ReviewStatus, TopicStatus, Work, WorkKind,
};

/// Largest page the platform returns from a paged endpoint.
pub const MAX_PAGE_LIMIT: u32 = 1000;
/// The most bytes any JSON answer of the API may have (a full change-feed page of the
/// longest works is under 8 MiB). A client refuses a larger answer without reading it.
pub const MAX_RESPONSE_BYTES: usize = 16 << 20;
/// Header carrying the caller's idempotency key on every mutating request.
pub const IDEMPOTENCY_HEADER: &str = "Idempotency-Key";
