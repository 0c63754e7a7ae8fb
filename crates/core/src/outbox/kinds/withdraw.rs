//! Withdraw one's own submission while it is pending or returned.

use mdesk_platform_api::Permission;
use reqwest::Method;
use rusqlite::Connection;
use serde::{Deserialize, Serialize};

use super::{Kind, Request, Words};
use crate::error::CoreResult;
use crate::outbox::team::own_open_submission;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Withdraw {
    pub submission_id: String,
}

impl Kind for Withdraw {
    const NAME: &'static str = "withdraw";

    fn needs(&self) -> Permission {
        Permission::Submit
    }

    fn entity(&self, _: &str) -> (&'static str, String) {
        ("submission", self.submission_id.clone())
    }

    fn submission_id(&self) -> Option<&str> {
        Some(&self.submission_id)
    }

    fn check(&self, conn: &Connection, _: Option<&str>) -> CoreResult<()> {
        own_open_submission(conn, &self.submission_id).map(|_| ())
    }

    fn summary(&self) -> String {
        format!("withdraw submission {}", self.submission_id)
    }

    fn describe(&self, w: &Words<'_>) -> String {
        w.say("withdraw", &[("id", self.submission_id.clone())])
    }

    fn request(&self, _: Option<&str>, _: &[String]) -> Request {
        Request::new(
            Method::POST,
            format!("/v1/submissions/{}/withdraw", self.submission_id),
            None,
        )
    }
}
