//! Every user intention the outbox can carry, and how each becomes a platform request.

use chrono::{DateTime, Utc};
use mdesk_platform_api::{Permission, Privacy, Role, Scope, Tag, WorkKind};
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};

use super::media::Outgoing;

fn image_text() -> WorkKind {
    WorkKind::ImageText
}

/// One thing a staff member asked for, on behalf of the merchant or a matrix account.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Intention {
    /// The full phone is not part of the intention: it waits in the keychain until sent.
    Invite {
        guangguang_id: String,
        phone_masked: String,
        tag: Tag,
    },
    CancelInvite {
        invitation_id: String,
    },
    RequestGrant {
        account_id: String,
        scope: Scope,
    },
    RevokeGrant {
        account_id: String,
        scope: Scope,
    },
    Unbind {
        account_id: String,
    },
    SetPool {
        account_id: String,
        product_ids: Vec<String>,
    },
    SetShopCard {
        account_id: String,
        enabled: bool,
    },
    SetTag {
        account_id: String,
        tag: Tag,
    },
    /// A new work. Its files are staged copies (see `outbox::media`), uploaded before the work.
    Publish {
        account_id: String,
        /// Actions queued before videos could be published were image-text works.
        #[serde(default = "image_text")]
        work_kind: WorkKind,
        title: String,
        text: String,
        #[serde(default)]
        topic: Option<String>,
        product_ids: Vec<String>,
        privacy: Privacy,
        #[serde(default)]
        media: Vec<Outgoing>,
        #[serde(default)]
        cover: Option<Outgoing>,
        #[serde(default)]
        cover_frame_ms: Option<u64>,
        /// The platform holds the work until then.
        #[serde(default)]
        scheduled_at: Option<DateTime<Utc>>,
    },
    /// Fields left out stay as they are; the work goes back to review.
    Edit {
        work_id: String,
        title: Option<String>,
        text: Option<String>,
        #[serde(default)]
        product_ids: Option<Vec<String>>,
        /// An empty topic removes it.
        #[serde(default)]
        topic: Option<String>,
    },
    Delete {
        work_id: String,
    },
    Pin {
        work_id: String,
    },
    Unpin {
        work_id: String,
    },
    SetPrivacy {
        work_id: String,
        privacy: Privacy,
    },
    Comment {
        work_id: String,
        account_id: Option<String>,
        text: String,
        parent_id: Option<String>,
    },
    Like {
        work_id: String,
        account_id: Option<String>,
    },
    Unlike {
        work_id: String,
        account_id: Option<String>,
    },
    LikeComment {
        comment_id: String,
        work_id: String,
        account_id: Option<String>,
    },
    UnlikeComment {
        comment_id: String,
        work_id: String,
        account_id: Option<String>,
    },
    /// A new work for a second person's approval, published to each account once approved
    /// (four eyes). Its files are staged and uploaded first, as for `Publish`. With
    /// `submission_id`, a revision of one's own submission.
    Submit {
        #[serde(default)]
        submission_id: Option<String>,
        account_ids: Vec<String>,
        work_kind: WorkKind,
        title: String,
        text: String,
        #[serde(default)]
        topic: Option<String>,
        product_ids: Vec<String>,
        privacy: Privacy,
        #[serde(default)]
        media: Vec<Outgoing>,
        #[serde(default)]
        cover: Option<Outgoing>,
        #[serde(default)]
        cover_frame_ms: Option<u64>,
        #[serde(default)]
        scheduled_at: Option<DateTime<Utc>>,
        /// A revision that keeps the files the platform has already: their ids (used when no
        /// new files are staged).
        #[serde(default)]
        kept_media_ids: Vec<String>,
        #[serde(default)]
        kept_cover_media_id: Option<String>,
    },
    /// An edit of a live work for approval (or a revision of one's own such submission).
    SubmitEdit {
        #[serde(default)]
        submission_id: Option<String>,
        work_id: String,
        title: Option<String>,
        text: Option<String>,
        #[serde(default)]
        product_ids: Option<Vec<String>>,
        #[serde(default)]
        topic: Option<String>,
    },
    Withdraw {
        submission_id: String,
    },
    /// Approves the version the reviewer saw.
    Approve {
        submission_id: String,
        version: u32,
    },
    ReturnSubmission {
        submission_id: String,
        version: u32,
        reason: String,
    },
    /// A new staff member; the password waits in the keychain until sent, like an invite's phone.
    AddStaff {
        name: String,
        #[serde(default)]
        display_name: Option<String>,
        role: Role,
    },
    SetStaffRole {
        login: String,
        role: Role,
    },
    /// The new password waits in the keychain until sent.
    ResetStaffPassword {
        login: String,
    },
    SetStaffDisabled {
        login: String,
        disabled: bool,
    },
    SetApproval {
        required: bool,
    },
}

/// A new submission, or a revision of `id`.
fn submission_request(id: Option<&str>, body: Value) -> Request {
    match id {
        Some(id) => Request {
            method: reqwest::Method::PUT,
            path: format!("/v1/submissions/{id}"),
            body: Some(body),
        },
        None => Request {
            method: reqwest::Method::POST,
            path: "/v1/submissions".into(),
            body: Some(body),
        },
    }
}

/// The HTTP request an intention becomes.
pub struct Request {
    pub method: reqwest::Method,
    pub path: String,
    pub body: Option<Value>,
}

impl Intention {
    /// Its name in the outbox, the audit trail and the CLI (`invite`, `request_grant`, …).
    pub fn kind(&self) -> &'static str {
        match self {
            Self::Invite { .. } => "invite",
            Self::CancelInvite { .. } => "cancel_invite",
            Self::RequestGrant { .. } => "request_grant",
            Self::RevokeGrant { .. } => "revoke_grant",
            Self::Unbind { .. } => "unbind",
            Self::SetPool { .. } => "set_pool",
            Self::SetShopCard { .. } => "set_shop_card",
            Self::SetTag { .. } => "set_tag",
            Self::Publish { .. } => "publish",
            Self::Edit { .. } => "edit",
            Self::Delete { .. } => "delete",
            Self::Pin { .. } => "pin",
            Self::Unpin { .. } => "unpin",
            Self::SetPrivacy { .. } => "set_privacy",
            Self::Comment { .. } => "comment",
            Self::Like { .. } => "like",
            Self::Unlike { .. } => "unlike",
            Self::LikeComment { .. } => "like_comment",
            Self::UnlikeComment { .. } => "unlike_comment",
            Self::Submit { .. } => "submit",
            Self::SubmitEdit { .. } => "submit_edit",
            Self::Withdraw { .. } => "withdraw",
            Self::Approve { .. } => "approve",
            Self::ReturnSubmission { .. } => "return_submission",
            Self::AddStaff { .. } => "add_staff",
            Self::SetStaffRole { .. } => "set_staff_role",
            Self::ResetStaffPassword { .. } => "reset_staff_password",
            Self::SetStaffDisabled { .. } => "set_staff_disabled",
            Self::SetApproval { .. } => "set_approval",
        }
    }

    /// What the signed-in person's role must allow (the platform's rule, `need_of`).
    pub fn needs(&self) -> Permission {
        use Permission as P;
        match self {
            Self::Invite { .. }
            | Self::CancelInvite { .. }
            | Self::RequestGrant { .. }
            | Self::RevokeGrant { .. }
            | Self::Unbind { .. }
            | Self::SetPool { .. }
            | Self::SetShopCard { .. }
            | Self::SetTag { .. } => P::ManageMatrix,
            Self::Publish { .. }
            | Self::Edit { .. }
            | Self::Delete { .. }
            | Self::Pin { .. }
            | Self::Unpin { .. }
            | Self::SetPrivacy { .. } => P::Publish,
            Self::Comment { .. }
            | Self::Like { .. }
            | Self::Unlike { .. }
            | Self::LikeComment { .. }
            | Self::UnlikeComment { .. } => P::Interact,
            Self::Submit { .. } | Self::SubmitEdit { .. } | Self::Withdraw { .. } => P::Submit,
            Self::Approve { .. } | Self::ReturnSubmission { .. } => P::Review,
            Self::AddStaff { .. }
            | Self::SetStaffRole { .. }
            | Self::ResetStaffPassword { .. }
            | Self::SetStaffDisabled { .. } => P::ManageStaff,
            Self::SetApproval { .. } => P::ManageSettings,
        }
    }

    /// Whether a secret (an invite's phone, a staff password) waits in the keychain for it.
    pub fn carries_secret(&self) -> bool {
        matches!(
            self,
            Self::Invite { .. } | Self::AddStaff { .. } | Self::ResetStaffPassword { .. }
        )
    }

    /// The submission it is about, if any.
    pub fn submission_id(&self) -> Option<&str> {
        match self {
            Self::Submit { submission_id, .. } | Self::SubmitEdit { submission_id, .. } => submission_id.as_deref(),
            Self::Withdraw { submission_id }
            | Self::Approve { submission_id, .. }
            | Self::ReturnSubmission { submission_id, .. } => Some(submission_id),
            _ => None,
        }
    }

    /// The entity whose actions must reach the platform in order. Actions on different
    /// entities are independent and may go concurrently.
    pub fn entity(&self, action_id: &str) -> (&'static str, String) {
        match self {
            Self::Invite { guangguang_id, .. } => ("invitee", guangguang_id.clone()),
            Self::CancelInvite { invitation_id } => ("invitation", invitation_id.clone()),
            Self::RequestGrant { account_id, .. }
            | Self::RevokeGrant { account_id, .. }
            | Self::Unbind { account_id }
            | Self::SetPool { account_id, .. }
            | Self::SetShopCard { account_id, .. }
            | Self::SetTag { account_id, .. } => ("account", account_id.clone()),
            // A new work has no platform id yet: it is its own entity.
            Self::Publish { .. } => ("new_work", action_id.to_owned()),
            // So is a new submission; changes to one go in order.
            Self::Submit {
                submission_id: None, ..
            }
            | Self::SubmitEdit {
                submission_id: None, ..
            } => ("new_submission", action_id.to_owned()),
            Self::Submit {
                submission_id: Some(id),
                ..
            }
            | Self::SubmitEdit {
                submission_id: Some(id),
                ..
            }
            | Self::Withdraw { submission_id: id }
            | Self::Approve { submission_id: id, .. }
            | Self::ReturnSubmission { submission_id: id, .. } => ("submission", id.clone()),
            Self::AddStaff { name, .. } => ("staff", name.clone()),
            Self::SetStaffRole { login, .. }
            | Self::ResetStaffPassword { login }
            | Self::SetStaffDisabled { login, .. } => ("staff", login.rsplit(':').next().unwrap_or(login).to_owned()),
            Self::SetApproval { .. } => ("team_settings", String::new()),
            Self::LikeComment { comment_id, .. } | Self::UnlikeComment { comment_id, .. } => {
                ("comment", comment_id.clone())
            }
            // Everything else is about one existing work.
            other => ("work", other.work_id().unwrap_or_default().to_owned()),
        }
    }

    /// The existing work it is about, if any.
    pub fn work_id(&self) -> Option<&str> {
        match self {
            Self::Edit { work_id, .. }
            | Self::Delete { work_id }
            | Self::Pin { work_id }
            | Self::Unpin { work_id }
            | Self::SetPrivacy { work_id, .. }
            | Self::Comment { work_id, .. }
            | Self::Like { work_id, .. }
            | Self::Unlike { work_id, .. }
            | Self::LikeComment { work_id, .. }
            | Self::UnlikeComment { work_id, .. } => Some(work_id),
            _ => None,
        }
    }

    /// The matrix account acted for, when there is one (for the audit trail).
    pub fn account_id(&self) -> Option<&str> {
        match self {
            Self::RequestGrant { account_id, .. }
            | Self::RevokeGrant { account_id, .. }
            | Self::Unbind { account_id }
            | Self::SetPool { account_id, .. }
            | Self::SetShopCard { account_id, .. }
            | Self::SetTag { account_id, .. }
            | Self::Publish { account_id, .. } => Some(account_id),
            Self::Comment { account_id, .. }
            | Self::Like { account_id, .. }
            | Self::Unlike { account_id, .. }
            | Self::LikeComment { account_id, .. }
            | Self::UnlikeComment { account_id, .. } => account_id.as_deref(),
            _ => None,
        }
    }

    /// A one-line description for the audit trail and the Activity screen.
    pub fn summary(&self) -> String {
        match self {
            Self::Invite {
                guangguang_id,
                phone_masked,
                ..
            } => format!("invite {guangguang_id} ({phone_masked})"),
            Self::CancelInvite { invitation_id } => format!("cancel invitation {invitation_id}"),
            Self::RequestGrant { scope, .. } => format!("request {scope} permission"),
            Self::RevokeGrant { scope, .. } => format!("revoke {scope} permission"),
            Self::Unbind { .. } => "unbind".to_owned(),
            Self::SetPool { product_ids, .. } => format!("set product pool ({} products)", product_ids.len()),
            Self::SetShopCard { enabled, .. } => format!("shop card {}", if *enabled { "on" } else { "off" }),
            Self::SetTag { tag, .. } => format!("tag as {tag}"),
            Self::Publish { title, .. } => format!("publish \"{title}\""),
            Self::Edit { work_id, .. } => format!("edit work {work_id}"),
            Self::Delete { work_id } => format!("delete work {work_id}"),
            Self::Pin { work_id } => format!("pin work {work_id}"),
            Self::Unpin { work_id } => format!("unpin work {work_id}"),
            Self::SetPrivacy { work_id, privacy } => {
                format!("make work {work_id} {privacy}")
            }
            Self::Comment { work_id, parent_id, .. } => match parent_id {
                Some(_) => format!("reply on work {work_id}"),
                None => format!("comment on work {work_id}"),
            },
            Self::Like { work_id, .. } => format!("like work {work_id}"),
            Self::Unlike { work_id, .. } => format!("unlike work {work_id}"),
            Self::LikeComment { comment_id, .. } => format!("like comment {comment_id}"),
            Self::UnlikeComment { comment_id, .. } => format!("unlike comment {comment_id}"),
            Self::Submit {
                submission_id,
                title,
                account_ids,
                ..
            } => match submission_id {
                Some(id) => format!("revise submission {id} \"{title}\""),
                None => format!("submit \"{title}\" for review ({} accounts)", account_ids.len()),
            },
            Self::SubmitEdit {
                submission_id, work_id, ..
            } => match submission_id {
                Some(id) => format!("revise submission {id} (edit of work {work_id})"),
                None => format!("submit an edit of work {work_id} for review"),
            },
            Self::Withdraw { submission_id } => format!("withdraw submission {submission_id}"),
            Self::Approve { submission_id, version } => format!("approve submission {submission_id} v{version}"),
            Self::ReturnSubmission {
                submission_id, version, ..
            } => format!("return submission {submission_id} v{version}"),
            Self::AddStaff { name, role, .. } => format!("add staff {name} as {role}"),
            Self::SetStaffRole { login, role } => format!("make {login} {role}"),
            Self::ResetStaffPassword { login } => format!("reset the password of {login}"),
            Self::SetStaffDisabled { login, disabled } => {
                format!("{} {login}", if *disabled { "disable" } else { "enable" })
            }
            Self::SetApproval { required } => format!("approval {}", if *required { "on" } else { "off" }),
        }
    }

    /// What it does, in words for people in `lang` (the audit trail and its exports).
    pub fn describe(&self, lang: &str) -> String {
        use mdesk_ipc::i18n::translate;
        let word = |prefix: &str, name: &str| translate(lang, &format!("{prefix}-{name}"), &[]);
        let say = |key: &str, args: &[(&str, String)]| {
            let args: Vec<(&str, mdesk_ipc::i18n::FluentValue<'_>)> =
                args.iter().map(|(k, v)| (*k, v.clone().into())).collect();
            translate(lang, &format!("describe-{key}"), &args)
        };
        match self {
            Self::Invite {
                guangguang_id,
                phone_masked,
                ..
            } => say(
                "invite",
                &[("gg", guangguang_id.clone()), ("phone", phone_masked.clone())],
            ),
            Self::CancelInvite { invitation_id } => say("cancel_invite", &[("id", invitation_id.clone())]),
            Self::RequestGrant { scope, .. } => say("request_grant", &[("scope", word("scope", scope.as_str()))]),
            Self::RevokeGrant { scope, .. } => say("revoke_grant", &[("scope", word("scope", scope.as_str()))]),
            Self::Unbind { .. } => say("unbind", &[]),
            Self::SetPool { product_ids, .. } => say("set_pool", &[("count", product_ids.len().to_string())]),
            Self::SetShopCard { enabled, .. } => say(if *enabled { "shop_card_on" } else { "shop_card_off" }, &[]),
            Self::SetTag { tag, .. } => say("set_tag", &[("tag", word("tag", tag.as_str()))]),
            Self::Publish { title, .. } => say("publish", &[("title", title.clone())]),
            Self::Edit { work_id, .. } => say("edit", &[("work", work_id.clone())]),
            Self::Delete { work_id } => say("delete", &[("work", work_id.clone())]),
            Self::Pin { work_id } => say("pin", &[("work", work_id.clone())]),
            Self::Unpin { work_id } => say("unpin", &[("work", work_id.clone())]),
            Self::SetPrivacy { work_id, privacy } => say(
                "set_privacy",
                &[
                    ("work", work_id.clone()),
                    ("privacy", word("privacy", privacy.as_str())),
                ],
            ),
            Self::Comment { work_id, parent_id, .. } => say(
                if parent_id.is_some() { "reply" } else { "comment" },
                &[("work", work_id.clone())],
            ),
            Self::Like { work_id, .. } => say("like", &[("work", work_id.clone())]),
            Self::Unlike { work_id, .. } => say("unlike", &[("work", work_id.clone())]),
            Self::LikeComment { work_id, .. } => say("like_comment", &[("work", work_id.clone())]),
            Self::UnlikeComment { work_id, .. } => say("unlike_comment", &[("work", work_id.clone())]),
            Self::Submit {
                submission_id: None,
                title,
                account_ids,
                ..
            } => say(
                "submit",
                &[("title", title.clone()), ("count", account_ids.len().to_string())],
            ),
            Self::Submit {
                submission_id: Some(_),
                title,
                ..
            } => say("revise", &[("title", title.clone())]),
            Self::SubmitEdit {
                submission_id: None,
                work_id,
                ..
            } => say("submit_edit", &[("work", work_id.clone())]),
            Self::SubmitEdit {
                submission_id: Some(_),
                work_id,
                ..
            } => say("revise_edit", &[("work", work_id.clone())]),
            Self::Withdraw { submission_id } => say("withdraw", &[("id", submission_id.clone())]),
            Self::Approve { submission_id, version } => say(
                "approve",
                &[("id", submission_id.clone()), ("version", version.to_string())],
            ),
            Self::ReturnSubmission {
                submission_id, reason, ..
            } => say(
                "return_submission",
                &[("id", submission_id.clone()), ("reason", reason.clone())],
            ),
            Self::AddStaff { name, role, .. } => say(
                "add_staff",
                &[("name", name.clone()), ("role", word("role", role.as_str()))],
            ),
            Self::SetStaffRole { login, role } => say(
                "set_staff_role",
                &[("login", login.clone()), ("role", word("role", role.as_str()))],
            ),
            Self::ResetStaffPassword { login } => say("reset_staff_password", &[("login", login.clone())]),
            Self::SetStaffDisabled { login, disabled } => say(
                if *disabled { "disable_staff" } else { "enable_staff" },
                &[("login", login.clone())],
            ),
            Self::SetApproval { required } => say(if *required { "approval_on" } else { "approval_off" }, &[]),
        }
    }

    /// The platform request. `secret` is what waited in the keychain (an invite's full number,
    /// a staff password); `uploaded` the platform ids of a new work's files, in slot order
    /// (media, then the cover).
    pub fn request(&self, secret: Option<&str>, uploaded: &[String]) -> Request {
        let phone = secret;
        use reqwest::Method;
        let r = |method: Method, path: String, body: Option<Value>| Request { method, path, body };
        match self {
            Self::Invite { guangguang_id, tag, .. } => r(
                Method::POST,
                "/v1/invitations".into(),
                Some(json!({"guangguang_id": guangguang_id, "phone": phone.unwrap_or_default(), "tag": tag})),
            ),
            Self::CancelInvite { invitation_id } => r(Method::DELETE, format!("/v1/invitations/{invitation_id}"), None),
            Self::RequestGrant { account_id, scope } => r(
                Method::POST,
                format!("/v1/accounts/{account_id}/grant-requests"),
                Some(json!({"scope": scope})),
            ),
            Self::RevokeGrant { account_id, scope } => r(
                Method::DELETE,
                format!("/v1/accounts/{account_id}/grants/{scope}"),
                None,
            ),
            Self::Unbind { account_id } => r(Method::DELETE, format!("/v1/accounts/{account_id}"), None),
            Self::SetPool {
                account_id,
                product_ids,
            } => r(
                Method::PUT,
                format!("/v1/accounts/{account_id}/product-pool"),
                Some(json!({"product_ids": product_ids})),
            ),
            Self::SetShopCard { account_id, enabled } => r(
                Method::PUT,
                format!("/v1/accounts/{account_id}/shop-card"),
                Some(json!({"enabled": enabled})),
            ),
            Self::SetTag { account_id, tag } => r(
                Method::PUT,
                format!("/v1/accounts/{account_id}/tag"),
                Some(json!({"tag": tag})),
            ),
            Self::Publish {
                account_id,
                work_kind,
                title,
                text,
                topic,
                product_ids,
                privacy,
                media,
                cover,
                cover_frame_ms,
                scheduled_at,
            } => {
                let media_ids: Vec<&String> = uploaded.iter().take(media.len()).collect();
                let cover_media_id = cover.as_ref().and_then(|_| uploaded.get(media.len()));
                r(
                    Method::POST,
                    format!("/v1/accounts/{account_id}/works"),
                    Some(json!({
                        "kind": work_kind, "title": title, "text": text, "topic": topic, "product_ids": product_ids,
                        "privacy": privacy, "media_ids": media_ids, "cover_media_id": cover_media_id,
                        "cover_frame_ms": cover_frame_ms, "scheduled_at": scheduled_at,
                    })),
                )
            }
            Self::Edit {
                work_id,
                title,
                text,
                product_ids,
                topic,
            } => {
                let mut body = serde_json::Map::new();
                if let Some(t) = title {
                    body.insert("title".into(), json!(t));
                }
                if let Some(t) = text {
                    body.insert("text".into(), json!(t));
                }
                if let Some(p) = product_ids {
                    body.insert("product_ids".into(), json!(p));
                }
                if let Some(t) = topic {
                    body.insert("topic".into(), json!(t));
                }
                r(Method::PATCH, format!("/v1/works/{work_id}"), Some(Value::Object(body)))
            }
            Self::Delete { work_id } => r(Method::DELETE, format!("/v1/works/{work_id}"), None),
            Self::Pin { work_id } => r(Method::PUT, format!("/v1/works/{work_id}/pin"), None),
            Self::Unpin { work_id } => r(Method::DELETE, format!("/v1/works/{work_id}/pin"), None),
            Self::SetPrivacy { work_id, privacy } => r(
                Method::PUT,
                format!("/v1/works/{work_id}/privacy"),
                Some(json!({"privacy": privacy})),
            ),
            Self::Comment {
                work_id,
                account_id,
                text,
                parent_id,
            } => r(
                Method::POST,
                format!("/v1/works/{work_id}/comments"),
                Some(json!({"text": text, "parent_id": parent_id, "account_id": account_id})),
            ),
            Self::Like { work_id, account_id } => r(
                Method::PUT,
                format!("/v1/works/{work_id}/like"),
                Some(json!({"account_id": account_id})),
            ),
            Self::Unlike { work_id, account_id } => r(
                Method::DELETE,
                format!("/v1/works/{work_id}/like"),
                Some(json!({"account_id": account_id})),
            ),
            Self::LikeComment {
                comment_id, account_id, ..
            } => r(
                Method::PUT,
                format!("/v1/comments/{comment_id}/like"),
                Some(json!({"account_id": account_id})),
            ),
            Self::UnlikeComment {
                comment_id, account_id, ..
            } => r(
                Method::DELETE,
                format!("/v1/comments/{comment_id}/like"),
                Some(json!({"account_id": account_id})),
            ),
            Self::Submit {
                submission_id,
                account_ids,
                work_kind,
                title,
                text,
                topic,
                product_ids,
                privacy,
                media,
                cover,
                cover_frame_ms,
                scheduled_at,
                kept_media_ids,
                kept_cover_media_id,
            } => {
                let (media_ids, cover_media_id): (Vec<&String>, Option<&String>) = if media.is_empty() {
                    (kept_media_ids.iter().collect(), kept_cover_media_id.as_ref())
                } else {
                    (
                        uploaded.iter().take(media.len()).collect(),
                        cover.as_ref().and_then(|_| uploaded.get(media.len())),
                    )
                };
                let body = json!({"proposal": {"kind": "publish", "account_ids": account_ids, "work": {
                    "kind": work_kind, "title": title, "text": text, "topic": topic, "product_ids": product_ids,
                    "privacy": privacy, "media_ids": media_ids, "cover_media_id": cover_media_id,
                    "cover_frame_ms": cover_frame_ms, "scheduled_at": scheduled_at,
                }}});
                submission_request(submission_id.as_deref(), body)
            }
            Self::SubmitEdit {
                submission_id,
                work_id,
                title,
                text,
                product_ids,
                topic,
            } => {
                let body = json!({"proposal": {"kind": "edit", "work_id": work_id, "edit": {
                    "title": title, "text": text, "product_ids": product_ids, "topic": topic,
                }}});
                submission_request(submission_id.as_deref(), body)
            }
            Self::Withdraw { submission_id } => {
                r(Method::POST, format!("/v1/submissions/{submission_id}/withdraw"), None)
            }
            Self::Approve { submission_id, version } => r(
                Method::POST,
                format!("/v1/submissions/{submission_id}/approve"),
                Some(json!({"version": version})),
            ),
            Self::ReturnSubmission {
                submission_id,
                version,
                reason,
            } => r(
                Method::POST,
                format!("/v1/submissions/{submission_id}/return"),
                Some(json!({"version": version, "reason": reason})),
            ),
            Self::AddStaff {
                name,
                display_name,
                role,
            } => r(
                Method::POST,
                "/v1/staff".into(),
                Some(
                    json!({"name": name, "display_name": display_name, "role": role, "password": secret.unwrap_or_default()}),
                ),
            ),
            Self::SetStaffRole { login, role } => r(
                Method::PUT,
                format!("/v1/staff/{login}/role"),
                Some(json!({"role": role})),
            ),
            Self::ResetStaffPassword { login } => r(
                Method::PUT,
                format!("/v1/staff/{login}/password"),
                Some(json!({"password": secret.unwrap_or_default()})),
            ),
            Self::SetStaffDisabled { login, disabled } => r(
                Method::PUT,
                format!("/v1/staff/{login}/disabled"),
                Some(json!({"disabled": disabled})),
            ),
            Self::SetApproval { required } => r(
                Method::PUT,
                "/v1/settings/approval".into(),
                Some(json!({"required": required})),
            ),
        }
    }
}
