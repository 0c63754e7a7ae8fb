//! Give back a scope's permission of a matrix account.

use mdesk_ipc::{AccountRow, GrantState};
use mdesk_platform_api::{ErrorCode, Permission, Scope};
use reqwest::Method;
use rusqlite::Connection;
use serde::{Deserialize, Serialize};

use super::{Kind, Request, Words};
use crate::error::CoreResult;
use crate::outbox::local::{account, refuse, set_grant};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RevokeGrant {
    pub account_id: String,
    pub scope: Scope,
}

impl Kind for RevokeGrant {
    const NAME: &'static str = "revoke_grant";

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
        let state = account(conn, &self.account_id)?.grant(self.scope);
        if !state.can_revoke() {
            return Err(refuse(
                ErrorCode::Conflict,
                format!("nothing to revoke: the permission is {state}"),
            ));
        }
        Ok(())
    }

    fn on_account(&self, row: &mut AccountRow) {
        set_grant(row, self.scope, GrantState::Revoked);
    }

    fn summary(&self) -> String {
        format!("revoke {} permission", self.scope)
    }

    fn describe(&self, w: &Words<'_>) -> String {
        w.say("revoke_grant", &[("scope", w.word("scope", self.scope.as_str()))])
    }

    fn request(&self, _: Option<&str>, _: &[String]) -> Request {
        Request::new(
            Method::DELETE,
            format!("/v1/accounts/{}/grants/{}", self.account_id, self.scope),
            None,
        )
    }
}
