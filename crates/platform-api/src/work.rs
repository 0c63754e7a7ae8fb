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
    /// What an uploaded file is: a work's video, or an image (of an image-text work, or a cover).
    pub enum MediaKind {
        Video = "video",
        Image = "image",
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

crate::wire_enum! {
    /// Where a work's topic (话题) stands: waiting for the topic's review, taking part, or not
    /// taken into the topic.
    pub enum TopicStatus {
        Pending = "pending",
        Joined = "joined",
        NotJoined = "not_joined",
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Work {
    pub id: String,
    pub account_id: String,
    pub kind: WorkKind,
    pub title: String,
    pub text: String,
    /// Where the cover image is: an absolute URL (a CDN), or a path relative to the API
    /// endpoint such as `/cdn/covers/w-1.png`; [`resolve_url`] turns either into one to fetch.
    pub cover_url: Option<String>,
    pub product_ids: Vec<String>,
    pub privacy: Privacy,
    pub pinned: bool,
    pub review_status: ReviewStatus,
    pub review_reason: Option<String>,
    pub inclusion_status: InclusionStatus,
    pub topic: Option<String>,
    /// Set exactly when the work has a topic (older platforms may leave it out).
    #[serde(default)]
    pub topic_status: Option<TopicStatus>,
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
    /// Matrix accounts of this merchant that liked the comment (older platforms leave it out).
    #[serde(default)]
    pub liked_by: Vec<String>,
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

/// A URL the platform handed out (a cover, media), made fetchable: an absolute URL (any
/// scheme, `https://cdn…`) stays as it is; a relative one is joined to the API `endpoint`
/// the same way the `/v1` paths are (`http://127.0.0.1:4123` + `/cdn/covers/w-1.png`).
pub fn resolve_url(endpoint: &str, url: &str) -> String {
    if has_scheme(url) {
        return url.to_owned();
    }
    format!("{}/{}", endpoint.trim_end_matches('/'), url.trim_start_matches('/'))
}

/// `scheme:` as RFC 3986 spells it: a letter, then letters, digits, `+`, `-` or `.`.
fn has_scheme(url: &str) -> bool {
    let Some((scheme, _)) = url.split_once(':') else {
        return false;
    };
    let mut chars = scheme.chars();
    chars.next().is_some_and(|c| c.is_ascii_alphabetic())
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_relative_cover_url_is_joined_to_the_endpoint_like_api_paths() {
        assert_eq!(
            resolve_url("http://127.0.0.1:4123", "/cdn/covers/w-1.png"),
            "http://127.0.0.1:4123/cdn/covers/w-1.png",
            "the simulator hands out endpoint-relative covers"
        );
        assert_eq!(
            resolve_url("https://platform.example/api/", "/cdn/media/m-1"),
            "https://platform.example/api/cdn/media/m-1",
            "an endpoint with a path prefix keeps it, as the /v1 paths do"
        );
    }

    #[test]
    fn an_absolute_cover_url_is_used_as_given() {
        for url in [
            "https://cdn.example/c/1.png",
            "http://cdn.example/x",
            "data:image/png;base64,AA",
        ] {
            assert_eq!(
                resolve_url("http://127.0.0.1:4123", url),
                url,
                "a real platform's CDN URL"
            );
        }
    }

    #[test]
    fn a_work_without_topic_status_still_parses() {
        let old = r#"{"id":"w-1","account_id":"a-1","kind":"video","title":"t","text":"","cover_url":null,
            "product_ids":[],"privacy":"public","pinned":false,"review_status":"approved","review_reason":null,
            "inclusion_status":"included","topic":null,"scheduled_at":null,"published_at":null,"deleted":false,
            "like_count":0,"comment_count":0,"liked_by":[],"updated_at":"2026-11-29T00:00:00Z"}"#;
        let work: Work = serde_json::from_str(old).expect("a platform that predates topic_status");
        assert_eq!(work.topic_status, None, "absent means unknown, not an error");
    }
}
