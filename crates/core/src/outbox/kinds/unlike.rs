//! Unlike work as a matrix account (the work's own unless another is named).

use mdesk_platform_api::Permission;
use reqwest::Method;
use rusqlite::Connection;
use serde::{Deserialize, Serialize};
use serde_json::json;

use super::{on_work_entity, Kind, Request, Words};
use crate::error::CoreResult;
use crate::outbox::local::may_interact;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Unlike {
    pub work_id: String,
    pub account_id: Option<String>,
}

impl Kind for Unlike {
    const NAME: &'static str = "unlike";

    fn needs(&self) -> Permission {
        Permission::Interact
    }

    fn entity(&self, _: &str) -> (&'static str, String) {
        on_work_entity(&self.work_id)
    }

    fn work_id(&self) -> Option<&str> {
        Some(&self.work_id)
    }

    fn account_id(&self) -> Option<&str> {
        self.account_id.as_deref()
    }

    fn check(&self, conn: &Connection, _: Option<&str>) -> CoreResult<()> {
        may_interact(conn, &self.work_id, self.account_id.as_deref())
    }

    fn summary(&self) -> String {
        format!("unlike work {}", self.work_id)
    }

    fn describe(&self, w: &Words<'_>) -> String {
        w.say("unlike", &[("work", self.work_id.clone())])
    }

    fn request(&self, _: Option<&str>, _: &[String]) -> Request {
        Request::new(
            Method::DELETE,
            format!("/v1/works/{}/like", self.work_id),
            Some(json!({"account_id": self.account_id})),
        )
    }
}
