//! Every kind of intention, one file each: its fields (what the outbox stores), the role
//! permission it needs, its local rules, its effect on what the screens show, its platform
//! request and its description. A new kind is one new file and one line in `kinds!` below.

mod add_staff;
mod approve;
mod cancel_invite;
mod comment;
mod delete;
mod edit;
mod invite;
mod like;
mod like_comment;
mod pin;
mod publish;
mod request_grant;
mod reset_staff_password;
mod return_submission;
mod revoke_grant;
mod set_approval;
mod set_pool;
mod set_privacy;
mod set_shop_card;
mod set_staff_disabled;
mod set_staff_role;
mod set_tag;
mod submit;
mod submit_edit;
mod unbind;
mod unlike;
mod unlike_comment;
mod unpin;
mod withdraw;

pub use self::add_staff::AddStaff;
pub use self::approve::Approve;
pub use self::cancel_invite::CancelInvite;
pub use self::comment::Comment;
pub use self::delete::Delete;
pub use self::edit::Edit;
pub use self::invite::Invite;
pub use self::like::Like;
pub use self::like_comment::LikeComment;
pub use self::pin::Pin;
pub use self::publish::Publish;
pub use self::request_grant::RequestGrant;
pub use self::reset_staff_password::ResetStaffPassword;
pub use self::return_submission::ReturnSubmission;
pub use self::revoke_grant::RevokeGrant;
pub use self::set_approval::SetApproval;
pub use self::set_pool::SetPool;
pub use self::set_privacy::SetPrivacy;
pub use self::set_shop_card::SetShopCard;
pub use self::set_staff_disabled::SetStaffDisabled;
pub use self::set_staff_role::SetStaffRole;
pub use self::set_tag::SetTag;
pub use self::submit::Submit;
pub use self::submit_edit::SubmitEdit;
pub use self::unbind::Unbind;
pub use self::unlike::Unlike;
pub use self::unlike_comment::UnlikeComment;
pub use self::unpin::Unpin;
pub use self::withdraw::Withdraw;

use mdesk_ipc::{AccountRow, CheckedText, WorkRow};
use mdesk_platform_api::Permission;
use reqwest::Method;
use rusqlite::Connection;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::media::Outgoing;
use crate::error::CoreResult;

/// The HTTP request an intention becomes.
pub struct Request {
    pub method: Method,
    pub path: String,
    pub body: Option<Value>,
}

impl Request {
    pub fn new(method: Method, path: impl Into<String>, body: Option<Value>) -> Self {
        Self {
            method,
            path: path.into(),
            body,
        }
    }
}

/// Words for people in one language: what the audit trail and the Activity screen say.
pub struct Words<'a> {
    lang: &'a str,
}

impl Words<'_> {
    /// `describe-<key>` with its arguments.
    pub fn say(&self, key: &str, args: &[(&str, String)]) -> String {
        let args: Vec<(&str, mdesk_ipc::i18n::FluentValue<'_>)> =
            args.iter().map(|(k, v)| (*k, v.clone().into())).collect();
        mdesk_ipc::i18n::translate(self.lang, &format!("describe-{key}"), &args)
    }

    /// The word for a state or kind: `<prefix>-<name>` (`scope-publish`, `tag-store`, …).
    pub fn word(&self, prefix: &str, name: &str) -> String {
        mdesk_ipc::i18n::translate(self.lang, &format!("{prefix}-{name}"), &[])
    }
}

/// What each kind of intention is and does. Only `check`, `summary`, `describe`, `request`,
/// `needs` and `entity` are required; the rest say what most kinds do not have.
pub trait Kind {
    /// Its name in the outbox, the audit trail and the CLI (`invite`, `request_grant`, …); the
    /// same as its `kind` tag in the stored payload.
    const NAME: &'static str;
    /// A secret (an invite's phone, a staff password) waits in the keychain for it.
    const CARRIES_SECRET: bool = false;

    /// What the signed-in person's role must allow (the platform's rule, `need_of`).
    fn needs(&self) -> Permission;
    /// The entity whose actions must reach the platform in order; actions on different
    /// entities are independent and may go concurrently.
    fn entity(&self, action_id: &str) -> (&'static str, String);
    /// The existing work it is about.
    fn work_id(&self) -> Option<&str> {
        None
    }
    /// The matrix account acted for (for the audit trail).
    fn account_id(&self) -> Option<&str> {
        None
    }
    /// The submission it is about.
    fn submission_id(&self) -> Option<&str> {
        None
    }
    /// Its files, in slot order (media, then the cover), uploaded before its request.
    fn files(&self) -> Vec<&Outgoing> {
        Vec::new()
    }
    /// The copy it sends out as matrix accounts, and which accounts (their own words count):
    /// what the content check reads. None for kinds that send no copy.
    fn copy(&self, _conn: &Connection) -> CoreResult<Option<(CheckedText, Vec<String>)>> {
        Ok(None)
    }
    /// Its local rules against the local copy of the platform's state; `secret` is what will
    /// wait in the keychain (an invite's phone).
    fn check(&self, conn: &Connection, secret: Option<&str>) -> CoreResult<()>;
    /// Its expected effect on the account row it concerns, until the platform confirms.
    fn on_account(&self, _row: &mut AccountRow) {}
    /// Its expected effect on the work row it concerns (and the text an edit leaves).
    fn on_work(&self, _row: &mut WorkRow, _text: &mut Option<String>) {}
    /// One line in the platform's terms, English (`mdesk actions`, the audit trail's record).
    fn summary(&self) -> String;
    /// What it does, in words for people.
    fn describe(&self, words: &Words<'_>) -> String;
    /// The platform request: `secret` from the keychain, `uploaded` the platform ids of its files.
    fn request(&self, secret: Option<&str>, uploaded: &[String]) -> Request;
}

macro_rules! kinds {
    ($($name:ident),+ $(,)?) => {
        /// One thing a staff member asked for, on behalf of the merchant or a matrix account.
        /// Stored as JSON tagged by `kind` (the variant's snake_case name).
        #[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
        #[serde(tag = "kind", rename_all = "snake_case")]
        pub enum Intention {
            $($name($name)),+
        }

        $(
            impl From<$name> for Intention {
                fn from(k: $name) -> Self {
                    Intention::$name(k)
                }
            }
        )+

        impl Intention {
            /// Every kind's name, in declaration order.
            pub const NAMES: &'static [&'static str] = &[$(<$name as Kind>::NAME),+];

            pub fn kind(&self) -> &'static str {
                match self { $(Self::$name(_) => <$name as Kind>::NAME),+ }
            }
            pub fn needs(&self) -> Permission {
                match self { $(Self::$name(k) => k.needs()),+ }
            }
            pub fn carries_secret(&self) -> bool {
                match self { $(Self::$name(_) => <$name as Kind>::CARRIES_SECRET),+ }
            }
            pub fn entity(&self, action_id: &str) -> (&'static str, String) {
                match self { $(Self::$name(k) => k.entity(action_id)),+ }
            }
            pub fn work_id(&self) -> Option<&str> {
                match self { $(Self::$name(k) => k.work_id()),+ }
            }
            pub fn account_id(&self) -> Option<&str> {
                match self { $(Self::$name(k) => k.account_id()),+ }
            }
            pub fn submission_id(&self) -> Option<&str> {
                match self { $(Self::$name(k) => k.submission_id()),+ }
            }
            pub fn files(&self) -> Vec<&Outgoing> {
                match self { $(Self::$name(k) => k.files()),+ }
            }
            pub(crate) fn check(&self, conn: &Connection, secret: Option<&str>) -> CoreResult<()> {
                match self { $(Self::$name(k) => k.check(conn, secret)),+ }
            }
            pub fn copy(&self, conn: &Connection) -> CoreResult<Option<(CheckedText, Vec<String>)>> {
                match self { $(Self::$name(k) => k.copy(conn)),+ }
            }
            pub(crate) fn on_account(&self, row: &mut AccountRow) {
                match self { $(Self::$name(k) => k.on_account(row)),+ }
            }
            pub(crate) fn on_work(&self, row: &mut WorkRow, text: &mut Option<String>) {
                match self { $(Self::$name(k) => k.on_work(row, text)),+ }
            }
            /// A one-line description for the audit trail and `mdesk actions`.
            pub fn summary(&self) -> String {
                match self { $(Self::$name(k) => k.summary()),+ }
            }
            /// What it does, in words for people in `lang` (the audit trail and its exports).
            pub fn describe(&self, lang: &str) -> String {
                let words = Words { lang };
                match self { $(Self::$name(k) => k.describe(&words)),+ }
            }
            /// The platform request (see [`Kind::request`]).
            pub fn request(&self, secret: Option<&str>, uploaded: &[String]) -> Request {
                match self { $(Self::$name(k) => k.request(secret, uploaded)),+ }
            }
        }
    };
}

kinds! {
    Invite,
    CancelInvite,
    RequestGrant,
    RevokeGrant,
    Unbind,
    SetPool,
    SetShopCard,
    SetTag,
    Publish,
    Edit,
    Delete,
    Pin,
    Unpin,
    SetPrivacy,
    Comment,
    Like,
    Unlike,
    LikeComment,
    UnlikeComment,
    Submit,
    SubmitEdit,
    Withdraw,
    Approve,
    ReturnSubmission,
    AddStaff,
    SetStaffRole,
    ResetStaffPassword,
    SetStaffDisabled,
    SetApproval,
}

/// An existing work's entity: its actions go in order.
fn on_work_entity(work_id: &str) -> (&'static str, String) {
    ("work", work_id.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_kinds_name_is_its_stored_tag() {
        // The outbox stores the payload tagged by serde's name and the row's kind by `NAME`;
        // they must be one name, or a stored action would read back as another kind.
        let samples: Vec<Intention> = vec![
            Pin { work_id: "w".into() }.into(),
            SetApproval { required: true }.into(),
            ReturnSubmission {
                submission_id: "s".into(),
                version: 1,
                reason: "r".into(),
            }
            .into(),
        ];
        for i in samples {
            let json = serde_json::to_value(&i).expect("serialises");
            assert_eq!(json["kind"], i.kind(), "{json}");
        }
        let mut names = Intention::NAMES.to_vec();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), Intention::NAMES.len(), "one name per kind");
        // The screens read an action's kind as `ActionKind`: every kind here is one there, and
        // nothing there is missing here.
        let mut typed: Vec<&str> = mdesk_ipc::ActionKind::ALL.iter().map(|k| k.as_str()).collect();
        typed.sort_unstable();
        assert_eq!(typed, names, "mdesk_ipc::ActionKind lists exactly these kinds");
    }
}
