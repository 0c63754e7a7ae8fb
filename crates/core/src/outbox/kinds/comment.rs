//! A comment on a work, or a reply to a comment, as a matrix account (the work's own unless
//! another is named).

use mdesk_platform_api::rules::check_comment;
use mdesk_platform_api::Permission;
use reqwest::Method;
use rusqlite::Connection;
use serde::{Deserialize, Serialize};
use serde_json::json;

use super::{on_work_entity, Kind, Request, Words};
use crate::error::CoreResult;
use crate::outbox::local::may_interact;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Comment {
    pub work_id: String,
    pub account_id: Option<String>,
    pub text: String,
    pub parent_id: Option<String>,
}

impl Kind for Comment {
    const NAME: &'static str = "comment";

    fn needs(&self) -> Permission {
        Permission::Interact
    }

    fn entity(&self, _: &str) -> (&'static str, String) {
        on_work_entity(&self.work_id)
    }

    fn work_id(&self) -> Option<&str> {
        Some(&self.work_id)
    }

    fn account_id(&self) -> Option<&str> {
        self.account_id.as_deref()
    }

    fn copy(&self, conn: &Connection) -> CoreResult<Option<(mdesk_ipc::CheckedText, Vec<String>)>> {
        let account = crate::outbox::local::commenting_account(conn, &self.work_id, self.account_id.as_deref())?;
        Ok(Some((mdesk_ipc::CheckedText::comment(&self.text), vec![account])))
    }

    fn check(&self, conn: &Connection, _: Option<&str>) -> CoreResult<()> {
        may_interact(conn, &self.work_id, self.account_id.as_deref())?;
        Ok(check_comment(&self.text)?)
    }

    fn summary(&self) -> String {
        match self.parent_id {
            Some(_) => format!("reply on work {}", self.work_id),
            None => format!("comment on work {}", self.work_id),
        }
    }

    fn describe(&self, w: &Words<'_>) -> String {
        w.say(
            if self.parent_id.is_some() { "reply" } else { "comment" },
            &[("work", self.work_id.clone())],
        )
    }

    fn request(&self, _: Option<&str>, _: &[String]) -> Request {
        Request::new(
            Method::POST,
            format!("/v1/works/{}/comments", self.work_id),
            Some(json!({"text": self.text, "parent_id": self.parent_id, "account_id": self.account_id})),
        )
    }
}
