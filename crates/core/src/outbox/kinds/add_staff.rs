//! A new staff member, who then signs in as `merchant:name`. The password waits in the
//! keychain until sent, like an invite's phone.

use mdesk_platform_api::{check_staff_name, Permission, Role};
use reqwest::Method;
use rusqlite::Connection;
use serde::{Deserialize, Serialize};
use serde_json::json;

use super::{Kind, Request, Words};
use crate::error::{CoreError, CoreResult};
use crate::outbox::team::{name_free, staff_role};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AddStaff {
    pub name: String,
    #[serde(default)]
    pub display_name: Option<String>,
    pub role: Role,
}

impl Kind for AddStaff {
    const NAME: &'static str = "add_staff";
    const CARRIES_SECRET: bool = true;

    fn needs(&self) -> Permission {
        Permission::ManageStaff
    }

    fn entity(&self, _: &str) -> (&'static str, String) {
        ("staff", self.name.clone())
    }

    fn check(&self, conn: &Connection, _: Option<&str>) -> CoreResult<()> {
        check_staff_name(&self.name).map_err(|message| CoreError::Rule {
            rule: "staff_name",
            message,
        })?;
        staff_role(self.role)?;
        name_free(conn, &self.name)
    }

    fn summary(&self) -> String {
        format!("add staff {} as {}", self.name, self.role)
    }

    fn describe(&self, w: &Words<'_>) -> String {
        w.say(
            "add_staff",
            &[
                ("name", self.name.clone()),
                ("role", w.word("role", self.role.as_str())),
            ],
        )
    }

    fn request(&self, password: Option<&str>, _: &[String]) -> Request {
        Request::new(
            Method::POST,
            "/v1/staff",
            Some(
                json!({"name": self.name, "display_name": self.display_name, "role": self.role,
                "password": password.unwrap_or_default()}),
            ),
        )
    }
}
