//! Cancel a pending invitation.

use mdesk_ipc::InvitationState;
use mdesk_platform_api::{ErrorCode, Permission};
use reqwest::Method;
use rusqlite::{Connection, OptionalExtension};
use serde::{Deserialize, Serialize};

use super::{Kind, Request, Words};
use crate::error::CoreResult;
use crate::outbox::local::refuse;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CancelInvite {
    pub invitation_id: String,
}

impl Kind for CancelInvite {
    const NAME: &'static str = "cancel_invite";

    fn needs(&self) -> Permission {
        Permission::ManageMatrix
    }

    fn entity(&self, _: &str) -> (&'static str, String) {
        ("invitation", self.invitation_id.clone())
    }

    fn check(&self, conn: &Connection, _: Option<&str>) -> CoreResult<()> {
        let state: Option<InvitationState> = conn
            .prepare_cached("SELECT state FROM invitation WHERE id = ?1")?
            .query_row([&self.invitation_id], |r| r.get(0))
            .optional()?;
        match state {
            Some(InvitationState::Pending) => Ok(()),
            Some(other) => Err(refuse(
                ErrorCode::Conflict,
                format!("the invitation is {other}, not pending"),
            )),
            None => Err(refuse(
                ErrorCode::NotFound,
                format!("no invitation {} here", self.invitation_id),
            )),
        }
    }

    fn summary(&self) -> String {
        format!("cancel invitation {}", self.invitation_id)
    }

    fn describe(&self, w: &Words<'_>) -> String {
        w.say("cancel_invite", &[("id", self.invitation_id.clone())])
    }

    fn request(&self, _: Option<&str>, _: &[String]) -> Request {
        Request::new(Method::DELETE, format!("/v1/invitations/{}", self.invitation_id), None)
    }
}
