//! Works (videos and image-text posts) and their daily metrics.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

crate::wire_enum! {
    pub enum WorkKind {
        Video = "video",
        ImageText = "image_text",
    }
}

crate::wire_enum! {
    pub enum Privacy {
        Public = "public",
        Private = "private",
    }
}

crate::wire_enum! {
    pub enum ReviewStatus {
        Pending = "pending",
        Approved = "approved",
        Rejected = "rejected",
    }
}

crate::wire_enum! {
    pub enum InclusionStatus {
        Included = "included",
        NotIncluded = "not_included",
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Work {
    pub id: String,
    pub account_id: String,
    pub kind: WorkKind,
    pub title: String,
    pub text: String,
    pub cover_url: Option<String>,
    pub product_ids: Vec<String>,
    pub privacy: Privacy,
    pub pinned: bool,
    pub review_status: ReviewStatus,
    pub review_reason: Option<String>,
    pub inclusion_status: InclusionStatus,
    pub topic: Option<String>,
    pub scheduled_at: Option<DateTime<Utc>>,
    pub published_at: Option<DateTime<Utc>>,
    pub deleted: bool,
    pub like_count: i64,
    pub comment_count: i64,
    /// Matrix accounts of this merchant that liked the work.
    pub liked_by: Vec<String>,
    pub updated_at: DateTime<Utc>,
}

/// A comment or reply on a work.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Comment {
    pub id: String,
    pub work_id: String,
    pub parent_id: Option<String>,
    pub author_name: String,
    /// Set when one of the merchant's matrix accounts wrote it.
    pub author_account_id: Option<String>,
    pub text: String,
    pub like_count: i64,
    pub created_at: DateTime<Utc>,
}

/// One day of a work's data: 曝光 / 查看 / 互动 / 引流 / 成交.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DailyMetric {
    pub work_id: String,
    pub date: NaiveDate,
    pub exposure: i64,
    pub views: i64,
    pub interactions: i64,
    pub shop_traffic: i64,
    pub orders: i64,
    pub amount_cents: i64,
}
