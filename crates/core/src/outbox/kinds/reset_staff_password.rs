//! Set a staff member's new password (it waits in the keychain until sent); the platform
//! signs them out everywhere.

use mdesk_platform_api::Permission;
use reqwest::Method;
use rusqlite::Connection;
use serde::{Deserialize, Serialize};
use serde_json::json;

use super::{Kind, Request, Words};
use crate::error::CoreResult;
use crate::outbox::team::{staff_entity, staff_exists};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ResetStaffPassword {
    pub login: String,
}

impl Kind for ResetStaffPassword {
    const NAME: &'static str = "reset_staff_password";
    const CARRIES_SECRET: bool = true;

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
        format!("reset the password of {}", self.login)
    }

    fn describe(&self, w: &Words<'_>) -> String {
        w.say("reset_staff_password", &[("login", self.login.clone())])
    }

    fn request(&self, password: Option<&str>, _: &[String]) -> Request {
        Request::new(
            Method::PUT,
            format!("/v1/staff/{}/password", self.login),
            Some(json!({"password": password.unwrap_or_default()})),
        )
    }
}
