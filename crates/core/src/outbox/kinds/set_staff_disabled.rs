//! Disable a staff member (their desks are signed out at once) or enable them again.

use mdesk_platform_api::Permission;
use reqwest::Method;
use rusqlite::Connection;
use serde::{Deserialize, Serialize};
use serde_json::json;

use super::{Kind, Request, Words};
use crate::error::CoreResult;
use crate::outbox::team::{staff_entity, staff_exists};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SetStaffDisabled {
    pub login: String,
    pub disabled: bool,
}

impl Kind for SetStaffDisabled {
    const NAME: &'static str = "set_staff_disabled";

    fn needs(&self) -> Permission {
        Permission::ManageStaff
    }

    fn entity(&self, _: &str) -> (&'static str, String) {
        staff_entity(&self.login)
    }

    fn check(&self, conn: &Connection, _: Option<&str>) -> CoreResult<()> {
        staff_exists(conn, &self.login)
    }

    fn summary(&self) -> String {
        format!("{} {}", if self.disabled { "disable" } else { "enable" }, self.login)
    }

    fn describe(&self, w: &Words<'_>) -> String {
        w.say(
            if self.disabled { "disable_staff" } else { "enable_staff" },
            &[("login", self.login.clone())],
        )
    }

    fn request(&self, _: Option<&str>, _: &[String]) -> Request {
        Request::new(
            Method::PUT,
            format!("/v1/staff/{}/disabled", self.login),
            Some(json!({"disabled": self.disabled})),
        )
    }
}
