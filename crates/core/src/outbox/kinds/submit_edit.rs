//! An edit of a live work for a second person's approval (or a revision of one's own such
//! submission).

use mdesk_platform_api::Permission;
use rusqlite::Connection;
use serde::{Deserialize, Serialize};
use serde_json::json;

use super::edit::check_fields;
use super::{Kind, Request, Words};
use crate::error::CoreResult;
use crate::outbox::local::work;
use crate::outbox::team::{own_open_submission, submission_entity, submission_request};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SubmitEdit {
    #[serde(default)]
    pub submission_id: Option<String>,
    pub work_id: String,
    pub title: Option<String>,
    pub text: Option<String>,
    #[serde(default)]
    pub product_ids: Option<Vec<String>>,
    #[serde(default)]
    pub topic: Option<String>,
}

impl Kind for SubmitEdit {
    const NAME: &'static str = "submit_edit";

    fn needs(&self) -> Permission {
        Permission::Submit
    }

    fn entity(&self, action_id: &str) -> (&'static str, String) {
        submission_entity(self.submission_id.as_deref(), action_id)
    }

    fn submission_id(&self) -> Option<&str> {
        self.submission_id.as_deref()
    }

    fn copy(&self, conn: &Connection) -> CoreResult<Option<(mdesk_ipc::CheckedText, Vec<String>)>> {
        super::edit::edit_copy(
            conn,
            &self.work_id,
            self.title.as_deref(),
            self.text.as_deref(),
            self.topic.as_deref(),
        )
    }

    fn check(&self, conn: &Connection, _: Option<&str>) -> CoreResult<()> {
        if let Some(id) = &self.submission_id {
            own_open_submission(conn, id)?;
        }
        let w = work(conn, &self.work_id)?;
        check_fields(
            &w,
            self.title.as_deref(),
            self.text.as_deref(),
            self.product_ids.as_deref(),
            self.topic.as_deref(),
        )
    }

    fn summary(&self) -> String {
        match &self.submission_id {
            Some(id) => format!("revise submission {id} (edit of work {})", self.work_id),
            None => format!("submit an edit of work {} for review", self.work_id),
        }
    }

    fn describe(&self, w: &Words<'_>) -> String {
        let key = if self.submission_id.is_some() {
            "revise_edit"
        } else {
            "submit_edit"
        };
        w.say(key, &[("work", self.work_id.clone())])
    }

    fn request(&self, _: Option<&str>, _: &[String]) -> Request {
        let body = json!({"proposal": {"kind": "edit", "work_id": self.work_id, "edit": {
            "title": self.title, "text": self.text, "product_ids": self.product_ids, "topic": self.topic,
        }}});
        submission_request(self.submission_id.as_deref(), body)
    }
}
