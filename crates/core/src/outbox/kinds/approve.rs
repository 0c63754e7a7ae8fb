//! Approve someone else's submission at the version the reviewer saw; the platform then
//! publishes it to each target account exactly once.

use mdesk_platform_api::Permission;
use reqwest::Method;
use rusqlite::Connection;
use serde::{Deserialize, Serialize};
use serde_json::json;

use super::{Kind, Request, Words};
use crate::error::CoreResult;
use crate::outbox::team::reviewable;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Approve {
    pub submission_id: String,
    pub version: u32,
}

impl Kind for Approve {
    const NAME: &'static str = "approve";

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
        reviewable(conn, &self.submission_id, self.version)
    }

    fn summary(&self) -> String {
        format!("approve submission {} v{}", self.submission_id, self.version)
    }

    fn describe(&self, w: &Words<'_>) -> String {
        w.say(
            "approve",
            &[
                ("id", self.submission_id.clone()),
                ("version", self.version.to_string()),
            ],
        )
    }

    fn request(&self, _: Option<&str>, _: &[String]) -> Request {
        Request::new(
            Method::POST,
            format!("/v1/submissions/{}/approve", self.submission_id),
            Some(json!({"version": self.version})),
        )
    }
}
