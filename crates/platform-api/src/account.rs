//! Matrix accounts, their grants and invitations.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// What a matrix account is to the merchant (员工号 / 线下门店号 / 品牌人设号 / other).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Tag {
    Staff,
    Store,
    BrandPersona,
    Other,
}

/// Binding state of a matrix account towards the merchant.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BindingState {
    Invited,
    Bound,
    /// The account asked to unbind by email; the platform processes it shortly.
    UnbindRequested,
    Unbound,
}

/// A delegation scope the merchant can request.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Scope {
    /// 代理发布: publish, edit, delete, pin, privacy.
    Publish,
    /// 代理互动: comment, reply, like.
    Interact,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum GrantState {
    None,
    Requested,
    Granted,
    Declined,
    Revoked,
}

/// One scope's grant with the time it last changed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Grant {
    pub state: GrantState,
    pub updated_at: Option<DateTime<Utc>>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Grants {
    pub publish: Grant,
    pub interact: Grant,
}

/// A matrix account as the merchant sees it (`GET /v1/accounts`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Account {
    pub id: String,
    pub guangguang_id: String,
    pub nickname: String,
    pub avatar_url: Option<String>,
    pub tag: Tag,
    pub binding_state: BindingState,
    pub grants: Grants,
    pub product_pool: Vec<String>,
    pub shop_card: bool,
    pub bound_at: Option<DateTime<Utc>>,
    pub updated_at: DateTime<Utc>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum InvitationState {
    Pending,
    Accepted,
    Declined,
    Expired,
    Cancelled,
}

/// A binding invitation. The phone is only ever returned masked.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Invitation {
    pub id: String,
    pub guangguang_id: String,
    pub phone_masked: String,
    pub tag: Tag,
    pub state: InvitationState,
    pub created_at: DateTime<Utc>,
    pub expires_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}
