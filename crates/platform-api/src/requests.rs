//! Request bodies of the mutating endpoints, and the small answers that are not entities.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::{Privacy, Scope, Tag, WorkKind};

/// `POST /v1/invitations`
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewInvitation {
    pub guangguang_id: String,
    /// The account's registered mobile number; checked, never stored in full.
    pub phone: String,
    #[serde(default = "default_tag")]
    pub tag: Tag,
}

fn default_tag() -> Tag {
    Tag::Other
}

/// `POST /v1/accounts/{id}/grant-requests`
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewGrantRequest {
    pub scope: Scope,
}

/// A grant request as the creator sees it in their inbox.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GrantRequest {
    pub id: String,
    pub account_id: String,
    pub merchant_name: String,
    pub scope: Scope,
    /// `pending` | `approved` | `declined` | `cancelled`
    pub state: String,
    pub created_at: DateTime<Utc>,
}

/// `PUT /v1/accounts/{id}/product-pool`
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProductPool {
    pub product_ids: Vec<String>,
}

/// `PUT /v1/accounts/{id}/shop-card`
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ShopCard {
    pub enabled: bool,
}

/// `PUT /v1/accounts/{id}/tag`
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccountTag {
    pub tag: crate::Tag,
}

/// `POST /v1/media` answer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MediaUploaded {
    pub id: String,
    pub bytes: u64,
    /// What the platform took the file for, from its `Content-Type` (older platforms leave it out).
    #[serde(default)]
    pub kind: Option<crate::MediaKind>,
}

/// `POST /v1/accounts/{id}/works`
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewWork {
    pub kind: WorkKind,
    pub title: String,
    #[serde(default)]
    pub text: String,
    #[serde(default)]
    pub media_ids: Vec<String>,
    /// An uploaded image to show as the cover. Without one, a video's cover is its frame at
    /// `cover_frame_ms` (the first frame when that is left out too), and an image-text work's
    /// cover is its first image.
    #[serde(default)]
    pub cover_media_id: Option<String>,
    /// A video's cover: the frame this many milliseconds in. Only for videos.
    #[serde(default)]
    pub cover_frame_ms: Option<u64>,
    #[serde(default)]
    pub product_ids: Vec<String>,
    #[serde(default = "default_privacy")]
    pub privacy: Privacy,
    #[serde(default)]
    pub topic: Option<String>,
    /// Publish later; the work stays unpublished until then.
    #[serde(default)]
    pub scheduled_at: Option<DateTime<Utc>>,
}

fn default_privacy() -> Privacy {
    Privacy::Public
}

/// `PATCH /v1/works/{id}`: fields left out stay as they are.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct WorkEdit {
    #[serde(default)]
    pub title: Option<String>,
    #[serde(default)]
    pub text: Option<String>,
    #[serde(default)]
    pub product_ids: Option<Vec<String>>,
    /// A new topic; an empty one removes the work's topic.
    #[serde(default)]
    pub topic: Option<String>,
}

/// `PUT /v1/works/{id}/privacy`
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PrivacyChange {
    pub privacy: Privacy,
}

/// `POST /v1/works/{id}/comments`
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewComment {
    pub text: String,
    /// Reply to this comment.
    #[serde(default)]
    pub parent_id: Option<String>,
    /// The matrix account that speaks; defaults to the work's own account.
    #[serde(default)]
    pub account_id: Option<String>,
}

/// `PUT|DELETE /v1/works/{id}/like` (body optional)
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct LikeAs {
    /// The matrix account that likes; defaults to the work's own account.
    #[serde(default)]
    pub account_id: Option<String>,
}

/// A page of works (`GET /v1/works`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WorksPage {
    pub works: Vec<crate::Work>,
    pub next_cursor: Option<String>,
}
