//! Send someone else's submission back to its submitter with the reason.

use mdesk_platform_api::Permission;
use reqwest::Method;
use rusqlite::Connection;
use serde::{Deserialize, Serialize};
use serde_json::json;

use super::{Kind, Request, Words};
use crate::error::CoreResult;
use crate::outbox::team::{check_reason, reviewable};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReturnSubmission {
    pub submission_id: String,
    pub version: u32,
    pub reason: String,
}

impl Kind for ReturnSubmission {
    const NAME: &'static str = "return_submission";

    fn needs(&self) -> Permission {
        Permission::Review
    }

    fn entity(&self, _: &str) -> (&'static str, String) {
        ("submission", self.submission_id.clone())
    }

    fn submission_id(&self) -> Option<&str> {
        Some(&self.submission_id)
    }

    fn check(&self, conn: &Connection, _: Option<&str>) -> CoreResult<()> {
        check_reason(&self.reason)?;
        reviewable(conn, &self.submission_id, self.version)
    }

    fn summary(&self) -> String {
        format!("return submission {} v{}", self.submission_id, self.version)
    }

    fn describe(&self, w: &Words<'_>) -> String {
        w.say(
            "return_submission",
            &[("id", self.submission_id.clone()), ("reason", self.reason.clone())],
        )
    }

    fn request(&self, _: Option<&str>, _: &[String]) -> Request {
        Request::new(
            Method::POST,
            format!("/v1/submissions/{}/return", self.submission_id),
            Some(json!({"version": self.version, "reason": self.reason})),
        )
    }
}
