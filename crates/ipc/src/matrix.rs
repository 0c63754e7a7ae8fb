//! Rows of the matrix screens: account detail, invitations, product pool plans, the audit
//! trail and notifications.

use serde::{Deserialize, Serialize};

use crate::{AccountRow, ActionState, BindingState, GrantState, InvitationStatus, Scope, Tag};

/// What the Accounts list is narrowed to. Empty fields do not filter.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccountFilter {
    /// Part of a nickname or Guangguang ID (case-insensitive).
    #[serde(default)]
    pub query: String,
    #[serde(default)]
    pub tag: Option<Tag>,
    /// A local group name; `Some("")` means accounts in no group.
    #[serde(default)]
    pub group: Option<String>,
    #[serde(default)]
    pub binding: Option<BindingState>,
}

/// One permission of one account, as the account detail shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GrantView {
    pub scope: Scope,
    /// With pending actions applied.
    pub state: GrantState,
    /// When the platform last reported the state, if it has.
    pub since: Option<String>,
    /// An action for this permission is still on its way to the platform.
    pub pending: bool,
    /// What the staff member may ask for next: `request`, `revoke`, or nothing.
    pub can_request: bool,
    pub can_revoke: bool,
    /// Every state seen, oldest first.
    pub history: Vec<GrantEvent>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GrantEvent {
    pub state: GrantState,
    pub at: String,
}

/// A product of the merchant's shop; `in_pool` for the account being looked at.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProductRow {
    pub id: String,
    pub title: String,
    pub price_cents: i64,
    pub in_pool: bool,
}

/// Everything the account detail screen shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccountDetail {
    pub account: AccountRow,
    pub bound_at: Option<String>,
    pub grants: Vec<GrantView>,
    /// The shop's catalogue, pool products marked (pending pool changes applied).
    pub products: Vec<ProductRow>,
    /// Tag, pool and shop card can be changed (the account is bound).
    pub manageable: bool,
    /// Unbinding can be asked for (bound, or an email unbind on its way).
    pub can_unbind: bool,
}

/// What unbinding an account will take away, for the confirmation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UnbindPreview {
    pub nickname: String,
    pub guangguang_id: String,
    /// Scopes granted or requested now, which unbinding revokes.
    pub scopes: Vec<Scope>,
    pub pool_size: u32,
    pub shop_card: bool,
    /// Actions still queued for this account; the platform will refuse them after unbinding.
    pub queued_actions: u32,
}

/// One invitation: the platform's, or an invite still on its way (or refused).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InvitationRow {
    /// The platform's invitation id, or the action id of an invite not yet accepted by it.
    pub id: String,
    pub guangguang_id: String,
    pub phone_masked: String,
    pub tag: Tag,
    /// `refused` carries the platform's verdict in `error_code`.
    pub state: InvitationStatus,
    pub created_at: String,
    pub expires_at: Option<String>,
    /// The outbox action behind a `sending` or `refused` row.
    pub action_id: Option<String>,
    pub error_code: Option<String>,
    pub staff_name: Option<String>,
    pub can_cancel: bool,
}

/// One line of a product pool dry run: what will be sent for which account, or why not.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PoolPlanRow {
    pub account_id: String,
    pub nickname: String,
    pub guangguang_id: String,
    pub before: u32,
    pub after: u32,
    /// Products the plan adds to this account's pool.
    pub added: u32,
    /// Why this account would be refused locally (an error code), if it would.
    pub refused: Option<String>,
}

/// Filters of the audit trail. Empty fields do not filter.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditFilter {
    #[serde(default)]
    pub staff: Option<String>,
    /// Part of the account's nickname or Guangguang ID, or of the action's description.
    #[serde(default)]
    pub query: String,
    /// `queued` | `applied` | `rejected` | `cancelled`
    #[serde(default)]
    pub outcome: Option<ActionState>,
    /// Inclusive dates, `YYYY-MM-DD`, local to the platform's UTC timestamps.
    #[serde(default)]
    pub from: Option<String>,
    #[serde(default)]
    pub to: Option<String>,
}

/// One audit trail entry, with the account it was on behalf of.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditView {
    pub seq: i64,
    pub at: String,
    pub staff_name: String,
    pub account_nickname: Option<String>,
    pub account_gg: Option<String>,
    /// The intention kind, translated as `intention-<kind>`.
    pub kind: Option<crate::ActionKind>,
    /// What exactly, described in the UI language ("Request Proxy publishing").
    pub what: String,
    /// `queued` | `applied` | `rejected` | `cancelled`
    pub outcome: ActionState,
    /// The platform's code of a rejection.
    pub error_code: Option<String>,
    /// The staff name is the platform's identity; false: typed into Settings before teams
    /// (self-declared).
    #[serde(default)]
    pub verified: bool,
}

/// Where an export was written.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExportDone {
    pub path: String,
    pub rows: u32,
}

/// Something the staff member should hear about.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Notice {
    pub seq: i64,
    pub at: String,
    pub kind: crate::NoticeKind,
    /// Who or what it is about: a Guangguang ID, a nickname, a commenter, a work's title.
    pub subject: String,
    pub scope: Option<Scope>,
    pub action_kind: Option<String>,
    pub error_code: Option<String>,
    pub read: bool,
    /// The work it is about (review results, comments), to open it.
    #[serde(default)]
    pub work_id: Option<String>,
    /// A rejection's reason or a comment's text, as the platform wrote it.
    #[serde(default)]
    pub detail: Option<String>,
}

/// Tauri event carrying new [`Notice`]s as sync brings them.
pub const NOTICES_EVENT: &str = "notices";
