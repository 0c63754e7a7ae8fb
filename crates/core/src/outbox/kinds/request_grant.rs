//! Ask a matrix account for a scope's permission (publish or interact).

use mdesk_ipc::{AccountRow, GrantState};
use mdesk_platform_api::{ErrorCode, Permission, Scope};
use reqwest::Method;
use rusqlite::Connection;
use serde::{Deserialize, Serialize};
use serde_json::json;

use super::{Kind, Request, Words};
use crate::error::CoreResult;
use crate::outbox::local::{bound, refuse, set_grant};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RequestGrant {
    pub account_id: String,
    pub scope: Scope,
}

impl Kind for RequestGrant {
    const NAME: &'static str = "request_grant";

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
        let a = bound(conn, &self.account_id)?;
        if a.grant(self.scope) == GrantState::Granted {
            return Err(refuse(
                ErrorCode::Conflict,
                format!("the {} permission is already granted", self.scope),
            ));
        }
        Ok(())
    }

    fn on_account(&self, row: &mut AccountRow) {
        set_grant(row, self.scope, GrantState::Requested);
    }

    fn summary(&self) -> String {
        format!("request {} permission", self.scope)
    }

    fn describe(&self, w: &Words<'_>) -> String {
        w.say("request_grant", &[("scope", w.word("scope", self.scope.as_str()))])
    }

    fn request(&self, _: Option<&str>, _: &[String]) -> Request {
        Request::new(
            Method::POST,
            format!("/v1/accounts/{}/grant-requests", self.account_id),
            Some(json!({"scope": self.scope})),
        )
    }
}
