//! A new work for a second person's approval (four eyes), published to each account once
//! approved; with `submission_id`, a revision of one's own submission. Its files are staged
//! and uploaded first, as for `Publish`, unless a revision keeps the platform's.

use chrono::{DateTime, Utc};
use mdesk_platform_api::rules::{check_text, check_title, check_topic};
use mdesk_platform_api::{Permission, Privacy, WorkKind};
use rusqlite::Connection;
use serde::{Deserialize, Serialize};
use serde_json::json;

use super::{Kind, Request, Words};
use crate::error::{CoreError, CoreResult};
use crate::outbox::local::{bound, check_files};
use crate::outbox::media::Outgoing;
use crate::outbox::team::{own_open_submission, submission_entity, submission_request};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Submit {
    #[serde(default)]
    pub submission_id: Option<String>,
    pub account_ids: Vec<String>,
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
    #[serde(default)]
    pub scheduled_at: Option<DateTime<Utc>>,
    /// A revision that keeps the files the platform has already: their ids (used when no new
    /// files are staged).
    #[serde(default)]
    pub kept_media_ids: Vec<String>,
    #[serde(default)]
    pub kept_cover_media_id: Option<String>,
}

impl Kind for Submit {
    const NAME: &'static str = "submit";

    fn needs(&self) -> Permission {
        Permission::Submit
    }

    fn entity(&self, action_id: &str) -> (&'static str, String) {
        submission_entity(self.submission_id.as_deref(), action_id)
    }

    fn submission_id(&self) -> Option<&str> {
        self.submission_id.as_deref()
    }

    fn files(&self) -> Vec<&Outgoing> {
        self.media.iter().chain(self.cover.iter()).collect()
    }

    fn copy(&self, _: &Connection) -> CoreResult<Option<(mdesk_ipc::CheckedText, Vec<String>)>> {
        Ok(Some((
            mdesk_ipc::CheckedText::work(&self.title, &self.text, self.topic.as_deref().unwrap_or_default()),
            self.account_ids.clone(),
        )))
    }

    fn check(&self, conn: &Connection, _: Option<&str>) -> CoreResult<()> {
        if let Some(id) = &self.submission_id {
            own_open_submission(conn, id)?;
        }
        if self.account_ids.is_empty() {
            return Err(CoreError::Rule {
                rule: "submission_accounts",
                message: "a submission names at least one account".into(),
            });
        }
        check_title(&self.title)?;
        check_text(&self.text)?;
        check_topic(self.topic.as_deref().unwrap_or_default())?;
        // A revision that keeps the platform's files: the platform checks those again.
        if self.media.is_empty() && !self.kept_media_ids.is_empty() {
            if self.submission_id.is_none() {
                return Err(CoreError::InvalidInput("only a revision keeps uploaded files".into()));
            }
        } else {
            check_files(
                self.work_kind,
                &self.media,
                self.cover.as_ref(),
                self.cover_frame_ms.is_some(),
            )?;
        }
        mdesk_platform_api::rules::check_schedule(self.scheduled_at, Utc::now())?;
        // Grants and pools are the approval's business (they may change until then).
        for id in &self.account_ids {
            bound(conn, id)?;
        }
        Ok(())
    }

    fn summary(&self) -> String {
        match &self.submission_id {
            Some(id) => format!("revise submission {id} \"{}\"", self.title),
            None => format!(
                "submit \"{}\" for review ({} accounts)",
                self.title,
                self.account_ids.len()
            ),
        }
    }

    fn describe(&self, w: &Words<'_>) -> String {
        match self.submission_id {
            Some(_) => w.say("revise", &[("title", self.title.clone())]),
            None => w.say(
                "submit",
                &[
                    ("title", self.title.clone()),
                    ("count", self.account_ids.len().to_string()),
                ],
            ),
        }
    }

    fn request(&self, _: Option<&str>, uploaded: &[String]) -> Request {
        let (media_ids, cover_media_id): (Vec<&String>, Option<&String>) = if self.media.is_empty() {
            (self.kept_media_ids.iter().collect(), self.kept_cover_media_id.as_ref())
        } else {
            (
                uploaded.iter().take(self.media.len()).collect(),
                self.cover.as_ref().and_then(|_| uploaded.get(self.media.len())),
            )
        };
        let body = json!({"proposal": {"kind": "publish", "account_ids": self.account_ids, "work": {
            "kind": self.work_kind, "title": self.title, "text": self.text, "topic": self.topic,
            "product_ids": self.product_ids, "privacy": self.privacy, "media_ids": media_ids,
            "cover_media_id": cover_media_id, "cover_frame_ms": self.cover_frame_ms,
            "scheduled_at": self.scheduled_at,
        }}});
        submission_request(self.submission_id.as_deref(), body)
    }
}
