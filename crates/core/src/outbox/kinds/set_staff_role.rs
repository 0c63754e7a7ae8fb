//! Give a staff member another role.

use mdesk_platform_api::{Permission, Role};
use reqwest::Method;
use rusqlite::Connection;
use serde::{Deserialize, Serialize};
use serde_json::json;

use super::{Kind, Request, Words};
use crate::error::CoreResult;
use crate::outbox::team::{staff_entity, staff_exists, staff_role};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SetStaffRole {
    pub login: String,
    pub role: Role,
}

impl Kind for SetStaffRole {
    const NAME: &'static str = "set_staff_role";

    fn needs(&self) -> Permission {
        Permission::ManageStaff
    }

    fn entity(&self, _: &str) -> (&'static str, String) {
        staff_entity(&self.login)
    }

    fn check(&self, conn: &Connection, _: Option<&str>) -> CoreResult<()> {
        staff_role(self.role)?;
        staff_exists(conn, &self.login)
    }

    fn summary(&self) -> String {
        format!("make {} {}", self.login, self.role)
    }

    fn describe(&self, w: &Words<'_>) -> String {
        w.say(
            "set_staff_role",
            &[
                ("login", self.login.clone()),
                ("role", w.word("role", self.role.as_str())),
            ],
        )
    }

    fn request(&self, _: Option<&str>, _: &[String]) -> Request {
        Request::new(
            Method::PUT,
            format!("/v1/staff/{}/role", self.login),
            Some(json!({"role": self.role})),
        )
    }
}
