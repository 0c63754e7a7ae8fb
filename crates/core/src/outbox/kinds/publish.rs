//! A new work published as a matrix account. Its files are staged copies (see
//! `outbox::media`), uploaded before the work.

use chrono::{DateTime, Utc};
use mdesk_platform_api::rules::{check_text, check_title, check_topic};
use mdesk_platform_api::{Permission, Privacy, WorkKind};
use reqwest::Method;
use rusqlite::Connection;
use serde::{Deserialize, Serialize};
use serde_json::json;

use mdesk_ipc::CheckedText;

use super::{Kind, Request, Words};
use crate::error::CoreResult;
use crate::outbox::local::{check_files, check_publish_account};
use crate::outbox::media::Outgoing;

fn image_text() -> WorkKind {
    WorkKind::ImageText
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Publish {
    pub account_id: String,
    /// Actions queued before videos could be published were image-text works.
    #[serde(default = "image_text")]
    pub work_kind: WorkKind,
    pub title: String,
    pub text: String,
    #[serde(default)]
    pub topic: Option<String>,
    pub product_ids: Vec<String>,
    pub privacy: Privacy,
    #[serde(default)]
    pub media: Vec<Outgoing>,
    #[serde(default)]
    pub cover: Option<Outgoing>,
    #[serde(default)]
    pub cover_frame_ms: Option<u64>,
    /// The platform holds the work until then.
    #[serde(default)]
    pub scheduled_at: Option<DateTime<Utc>>,
}

impl Kind for Publish {
    const NAME: &'static str = "publish";

    fn needs(&self) -> Permission {
        Permission::Publish
    }

    /// A new work has no platform id yet: it is its own entity.
    fn entity(&self, action_id: &str) -> (&'static str, String) {
        ("new_work", action_id.to_owned())
    }

    fn account_id(&self) -> Option<&str> {
        Some(&self.account_id)
    }

    fn files(&self) -> Vec<&Outgoing> {
        self.media.iter().chain(self.cover.iter()).collect()
    }

    fn copy(&self, _: &Connection) -> CoreResult<Option<(CheckedText, Vec<String>)>> {
        Ok(Some((
            CheckedText::work(&self.title, &self.text, self.topic.as_deref().unwrap_or_default()),
            vec![self.account_id.clone()],
        )))
    }

    fn check(&self, conn: &Connection, _: Option<&str>) -> CoreResult<()> {
        check_title(&self.title)?;
        check_text(&self.text)?;
        check_topic(self.topic.as_deref().unwrap_or_default())?;
        check_files(
            self.work_kind,
            &self.media,
            self.cover.as_ref(),
            self.cover_frame_ms.is_some(),
        )?;
        mdesk_platform_api::rules::check_schedule(self.scheduled_at, Utc::now())?;
        check_publish_account(conn, &self.account_id, &self.product_ids)
    }

    fn summary(&self) -> String {
        format!("publish \"{}\"", self.title)
    }

    fn describe(&self, w: &Words<'_>) -> String {
        w.say("publish", &[("title", self.title.clone())])
    }

    fn request(&self, _: Option<&str>, uploaded: &[String]) -> Request {
        let media_ids: Vec<&String> = uploaded.iter().take(self.media.len()).collect();
        let cover_media_id = self.cover.as_ref().and_then(|_| uploaded.get(self.media.len()));
        Request::new(
            Method::POST,
            format!("/v1/accounts/{}/works", self.account_id),
            Some(json!({
                "kind": self.work_kind, "title": self.title, "text": self.text, "topic": self.topic,
                "product_ids": self.product_ids, "privacy": self.privacy, "media_ids": media_ids,
                "cover_media_id": cover_media_id, "cover_frame_ms": self.cover_frame_ms,
                "scheduled_at": self.scheduled_at,
            })),
        )
    }
}
