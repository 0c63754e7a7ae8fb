//! The comments inbox: every comment on every matrix account's works, in one place.

use serde::{Deserialize, Serialize};

use crate::Tag;

/// What the inbox asks for. Empty fields do not filter.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct CommentsQuery {
    /// Comments on this account's works.
    pub account_id: Option<String>,
    pub work_id: Option<String>,
    /// Only fans' comments no matrix account has answered (nor has an answer on its way).
    pub unanswered: bool,
    /// Only comments not read on this computer.
    pub unread: bool,
    pub offset: u32,
    pub limit: u32,
}

impl Default for CommentsQuery {
    fn default() -> Self {
        CommentsQuery {
            account_id: None,
            work_id: None,
            unanswered: false,
            unread: false,
            offset: 0,
            limit: 50,
        }
    }
}

/// One comment as the inbox shows it, with the work and the account it is on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InboxComment {
    pub id: String,
    pub work_id: String,
    pub work_title: String,
    /// The matrix account whose work it is.
    pub account_id: String,
    pub nickname: String,
    pub tag: Tag,
    /// The comment this one answers, and its text.
    pub parent_id: Option<String>,
    pub parent_text: Option<String>,
    pub author_name: String,
    /// Written by one of the merchant's matrix accounts.
    pub from_matrix: bool,
    pub text: String,
    /// Including a like or unlike on its way.
    pub like_count: i64,
    /// The work's own account likes this comment (or will, once a queued like arrives).
    #[serde(default)]
    pub liked: bool,
    /// A like or unlike of this comment is on its way.
    #[serde(default)]
    pub like_pending: bool,
    pub created_at: String,
    pub read: bool,
    /// A matrix account has answered it.
    pub answered: bool,
    /// A reply to it waits in the outbox.
    pub reply_pending: bool,
    /// The work's account may reply now (bound, interact permission granted); the core decided.
    pub can_reply: bool,
}
