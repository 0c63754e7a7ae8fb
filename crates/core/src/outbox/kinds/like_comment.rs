//! Like a comment as a matrix account (the account whose work it is on, unless another is named).

use mdesk_platform_api::Permission;
use reqwest::Method;
use rusqlite::Connection;
use serde::{Deserialize, Serialize};
use serde_json::json;

use super::{Kind, Request, Words};
use crate::error::CoreResult;
use crate::outbox::local::{comment_known, may_interact};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LikeComment {
    pub comment_id: String,
    pub work_id: String,
    pub account_id: Option<String>,
}

impl Kind for LikeComment {
    const NAME: &'static str = "like_comment";

    fn needs(&self) -> Permission {
        Permission::Interact
    }

    fn entity(&self, _: &str) -> (&'static str, String) {
        ("comment", self.comment_id.clone())
    }

    fn work_id(&self) -> Option<&str> {
        Some(&self.work_id)
    }

    fn account_id(&self) -> Option<&str> {
        self.account_id.as_deref()
    }

    fn check(&self, conn: &Connection, _: Option<&str>) -> CoreResult<()> {
        comment_known(conn, &self.comment_id, &self.work_id)?;
        may_interact(conn, &self.work_id, self.account_id.as_deref())
    }

    fn summary(&self) -> String {
        format!("like comment {}", self.comment_id)
    }

    fn describe(&self, w: &Words<'_>) -> String {
        w.say("like_comment", &[("work", self.work_id.clone())])
    }

    fn request(&self, _: Option<&str>, _: &[String]) -> Request {
        Request::new(
            Method::PUT,
            format!("/v1/comments/{}/like", self.comment_id),
            Some(json!({"account_id": self.account_id})),
        )
    }
}
