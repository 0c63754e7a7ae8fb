//! Change a matrix account's type (staff, store, brand persona, other) on the platform.

use mdesk_ipc::AccountRow;
use mdesk_platform_api::{Permission, Tag};
use reqwest::Method;
use rusqlite::Connection;
use serde::{Deserialize, Serialize};
use serde_json::json;

use super::{Kind, Request, Words};
use crate::error::CoreResult;
use crate::outbox::local::bound;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SetTag {
    pub account_id: String,
    pub tag: Tag,
}

impl Kind for SetTag {
    const NAME: &'static str = "set_tag";

    fn needs(&self) -> Permission {
        Permission::ManageMatrix
    }

    fn entity(&self, _: &str) -> (&'static str, String) {
        ("account", self.account_id.clone())
    }

    fn account_id(&self) -> Option<&str> {
        Some(&self.account_id)
    }

    fn check(&self, conn: &Connection, _: Option<&str>) -> CoreResult<()> {
        bound(conn, &self.account_id).map(|_| ())
    }

    fn on_account(&self, row: &mut AccountRow) {
        row.tag = self.tag;
    }

    fn summary(&self) -> String {
        format!("tag as {}", self.tag)
    }

    fn describe(&self, w: &Words<'_>) -> String {
        w.say("set_tag", &[("tag", w.word("tag", self.tag.as_str()))])
    }

    fn request(&self, _: Option<&str>, _: &[String]) -> Request {
        Request::new(
            Method::PUT,
            format!("/v1/accounts/{}/tag", self.account_id),
            Some(json!({"tag": self.tag})),
        )
    }
}
