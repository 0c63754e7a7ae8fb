//! Invite a creator by Guangguang ID and registered phone to become a matrix account.

use mdesk_ipc::BindingState;
use mdesk_platform_api::rules::{check_guangguang_id, check_mobile};
use mdesk_platform_api::{ErrorCode, Permission, Tag};
use reqwest::Method;
use rusqlite::{params, Connection};
use serde::{Deserialize, Serialize};
use serde_json::json;

use super::{Kind, Request, Words};
use crate::error::CoreResult;
use crate::outbox::local::refuse;

/// The full phone is not part of the intention: it waits in the keychain until sent.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Invite {
    pub guangguang_id: String,
    pub phone_masked: String,
    pub tag: Tag,
}

impl Kind for Invite {
    const NAME: &'static str = "invite";
    const CARRIES_SECRET: bool = true;

    fn needs(&self) -> Permission {
        Permission::ManageMatrix
    }

    fn entity(&self, _: &str) -> (&'static str, String) {
        ("invitee", self.guangguang_id.clone())
    }

    fn check(&self, conn: &Connection, phone: Option<&str>) -> CoreResult<()> {
        check_guangguang_id(&self.guangguang_id)?;
        check_mobile(phone.unwrap_or_default())?;
        let bound_here: bool = conn
            .prepare_cached("SELECT COUNT(*) > 0 FROM matrix_account WHERE guangguang_id = ?1 AND binding_state = ?2")?
            .query_row(params![self.guangguang_id, BindingState::Bound], |r| r.get(0))?;
        if bound_here {
            return Err(refuse(
                ErrorCode::AlreadyBound,
                "this account is already your matrix account",
            ));
        }
        Ok(())
    }

    fn summary(&self) -> String {
        format!("invite {} ({})", self.guangguang_id, self.phone_masked)
    }

    fn describe(&self, w: &Words<'_>) -> String {
        w.say(
            "invite",
            &[("gg", self.guangguang_id.clone()), ("phone", self.phone_masked.clone())],
        )
    }

    fn request(&self, phone: Option<&str>, _: &[String]) -> Request {
        Request::new(
            Method::POST,
            "/v1/invitations",
            Some(json!({"guangguang_id": self.guangguang_id, "phone": phone.unwrap_or_default(), "tag": self.tag})),
        )
    }
}
