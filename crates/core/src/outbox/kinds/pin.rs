//! Pin a work to its account's profile (at most three per account).

use mdesk_ipc::WorkRow;
use mdesk_platform_api::rules::MAX_PINNED_PER_ACCOUNT;
use mdesk_platform_api::{ErrorCode, Permission, Scope};
use reqwest::Method;
use rusqlite::Connection;
use serde::{Deserialize, Serialize};

use super::{on_work_entity, Kind, Request, Words};
use crate::error::CoreResult;
use crate::outbox::local::{granted, pinned_after_open_actions, refuse, work};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Pin {
    pub work_id: String,
}

impl Kind for Pin {
    const NAME: &'static str = "pin";

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
        let account_id = work(conn, &self.work_id)?.account_id;
        granted(conn, &account_id, Scope::Publish)?;
        let mut pinned = pinned_after_open_actions(conn, &account_id)?;
        // Pinning a work that is (or will be) pinned already is not a new pin.
        pinned.insert(self.work_id.clone());
        if pinned.len() > MAX_PINNED_PER_ACCOUNT {
            return Err(refuse(
                ErrorCode::PinLimit,
                format!("at most {MAX_PINNED_PER_ACCOUNT} pinned works per account"),
            ));
        }
        Ok(())
    }

    fn on_work(&self, row: &mut WorkRow, _: &mut Option<String>) {
        row.pinned = true;
    }

    fn summary(&self) -> String {
        format!("pin work {}", self.work_id)
    }

    fn describe(&self, w: &Words<'_>) -> String {
        w.say("pin", &[("work", self.work_id.clone())])
    }

    fn request(&self, _: Option<&str>, _: &[String]) -> Request {
        Request::new(Method::PUT, format!("/v1/works/{}/pin", self.work_id), None)
    }
}
