//! Delete a work.

use mdesk_ipc::WorkRow;
use mdesk_platform_api::Permission;
use reqwest::Method;
use rusqlite::Connection;
use serde::{Deserialize, Serialize};

use super::{on_work_entity, Kind, Request, Words};
use crate::error::CoreResult;
use crate::outbox::local::may_change_work;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Delete {
    pub work_id: String,
}

impl Kind for Delete {
    const NAME: &'static str = "delete";

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
        row.pinned = false;
    }

    fn summary(&self) -> String {
        format!("delete work {}", self.work_id)
    }

    fn describe(&self, w: &Words<'_>) -> String {
        w.say("delete", &[("work", self.work_id.clone())])
    }

    fn request(&self, _: Option<&str>, _: &[String]) -> Request {
        Request::new(Method::DELETE, format!("/v1/works/{}", self.work_id), None)
    }
}
