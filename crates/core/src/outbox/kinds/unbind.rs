//! End the binding of a matrix account: its grants, pool and shop card go with it.

use mdesk_ipc::{AccountRow, BindingState, GrantState};
use mdesk_platform_api::{ErrorCode, Permission};
use reqwest::Method;
use rusqlite::Connection;
use serde::{Deserialize, Serialize};

use super::{Kind, Request, Words};
use crate::error::CoreResult;
use crate::outbox::local::{account, refuse};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Unbind {
    pub account_id: String,
}

impl Kind for Unbind {
    const NAME: &'static str = "unbind";

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
        let a = account(conn, &self.account_id)?;
        if !a.binding_state.can_unbind() {
            return Err(refuse(
                ErrorCode::NotBound,
                format!("account {} is {}", self.account_id, a.binding_state),
            ));
        }
        Ok(())
    }

    fn on_account(&self, row: &mut AccountRow) {
        row.binding_state = BindingState::Unbound;
        row.publish = GrantState::Revoked;
        row.interact = GrantState::Revoked;
        row.pool_size = 0;
        row.shop_card = false;
    }

    fn summary(&self) -> String {
        "unbind".to_owned()
    }

    fn describe(&self, w: &Words<'_>) -> String {
        w.say("unbind", &[])
    }

    fn request(&self, _: Option<&str>, _: &[String]) -> Request {
        Request::new(Method::DELETE, format!("/v1/accounts/{}", self.account_id), None)
    }
}
