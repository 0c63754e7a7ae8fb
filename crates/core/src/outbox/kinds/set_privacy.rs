//! Make a work public or private.

use mdesk_ipc::WorkRow;
use mdesk_platform_api::{Permission, Privacy};
use reqwest::Method;
use rusqlite::Connection;
use serde::{Deserialize, Serialize};
use serde_json::json;

use super::{on_work_entity, Kind, Request, Words};
use crate::error::CoreResult;
use crate::outbox::local::may_change_work;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SetPrivacy {
    pub work_id: String,
    pub privacy: Privacy,
}

impl Kind for SetPrivacy {
    const NAME: &'static str = "set_privacy";

    fn needs(&self) -> Permission {
        Permission::Publish
    }

    fn entity(&self, _: &str) -> (&'static str, String) {
        on_work_entity(&self.work_id)
    }

    fn work_id(&self) -> Option<&str> {
        Some(&self.work_id)
    }

    fn check(&self, conn: &Connection, _: Option<&str>) -> CoreResult<()> {
        may_change_work(conn, &self.work_id)
    }

    fn on_work(&self, row: &mut WorkRow, _: &mut Option<String>) {
        row.privacy = self.privacy;
    }

    fn summary(&self) -> String {
        format!("make work {} {}", self.work_id, self.privacy)
    }

    fn describe(&self, w: &Words<'_>) -> String {
        w.say(
            "set_privacy",
            &[
                ("work", self.work_id.clone()),
                ("privacy", w.word("privacy", self.privacy.as_str())),
            ],
        )
    }

    fn request(&self, _: Option<&str>, _: &[String]) -> Request {
        Request::new(
            Method::PUT,
            format!("/v1/works/{}/privacy", self.work_id),
            Some(json!({"privacy": self.privacy})),
        )
    }
}
