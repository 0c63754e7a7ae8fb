//! Matrix accounts, their grants and invitations.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

crate::wire_enum! {
    /// What a matrix account is to the merchant (员工号 / 线下门店号 / 品牌人设号 / other).
    pub enum Tag {
        Staff = "staff",
        Store = "store",
        BrandPersona = "brand_persona",
        Other = "other",
    }
}

crate::wire_enum! {
    /// Binding state of a matrix account towards the merchant.
    pub enum BindingState {
        Invited = "invited",
        Bound = "bound",
        /// The account asked to unbind by email; the platform processes it shortly.
        UnbindRequested = "unbind_requested",
        Unbound = "unbound",
    }
}

impl BindingState {
    /// Bound, or bound with an email unbind on its way: the binding can still be ended.
    pub fn can_unbind(self) -> bool {
        matches!(self, Self::Bound | Self::UnbindRequested)
    }
}

crate::wire_enum! {
    /// A delegation scope the merchant can request.
    pub enum Scope {
        /// 代理发布: publish, edit, delete, pin, privacy.
        Publish = "publish",
        /// 代理互动: comment, reply, like.
        Interact = "interact",
    }
}

crate::wire_enum! {
    pub enum GrantState {
        None = "none",
        Requested = "requested",
        Granted = "granted",
        Declined = "declined",
        Revoked = "revoked",
    }
}

impl GrantState {
    /// A merchant may (re)request the scope: nothing asked, or the last answer was no.
    pub fn can_request(self) -> bool {
        matches!(self, Self::None | Self::Declined | Self::Revoked)
    }

    /// Something to withdraw: a grant, or a request not yet answered.
    pub fn can_revoke(self) -> bool {
        matches!(self, Self::Granted | Self::Requested)
    }
}

impl Grants {
    /// The grant of one scope.
    pub fn of(&self, scope: Scope) -> &Grant {
        match scope {
            Scope::Publish => &self.publish,
            Scope::Interact => &self.interact,
        }
    }
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

crate::wire_enum! {
    pub enum InvitationState {
        Pending = "pending",
        Accepted = "accepted",
        Declined = "declined",
        Expired = "expired",
        Cancelled = "cancelled",
    }
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
