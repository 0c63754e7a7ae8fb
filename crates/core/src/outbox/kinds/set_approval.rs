//! The merchant's four-eyes switch: operators' works wait for a second person while it is on.

use mdesk_platform_api::Permission;
use reqwest::Method;
use rusqlite::Connection;
use serde::{Deserialize, Serialize};
use serde_json::json;

use super::{Kind, Request, Words};
use crate::error::CoreResult;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SetApproval {
    pub required: bool,
}

impl Kind for SetApproval {
    const NAME: &'static str = "set_approval";

    fn needs(&self) -> Permission {
        Permission::ManageSettings
    }

    fn entity(&self, _: &str) -> (&'static str, String) {
        ("team_settings", String::new())
    }

    fn check(&self, _: &Connection, _: Option<&str>) -> CoreResult<()> {
        Ok(())
    }

    fn summary(&self) -> String {
        format!("approval {}", if self.required { "on" } else { "off" })
    }

    fn describe(&self, w: &Words<'_>) -> String {
        w.say(if self.required { "approval_on" } else { "approval_off" }, &[])
    }

    fn request(&self, _: Option<&str>, _: &[String]) -> Request {
        Request::new(
            Method::PUT,
            "/v1/settings/approval",
            Some(json!({"required": self.required})),
        )
    }
}
