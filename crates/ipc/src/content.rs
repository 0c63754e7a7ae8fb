//! The content check (内容检查), the material library (素材库) and account health (账号健康):
//! what the screens and the CLI show before anything goes out as a matrix account.

use serde::{Deserialize, Serialize};

use crate::Tag;

mdesk_platform_api::wire_enum! {
    /// How bad a listed word is: `block` stops queueing; `warn` needs the person's tick.
    pub enum Severity {
        Block = "block",
        Warn = "warn",
    }
}

mdesk_platform_api::wire_enum! {
    /// Why a word is listed.
    pub enum WordCategory {
        /// 广告法极限词: absolute terms the Advertising Law forbids.
        Absolute = "absolute",
        /// 站外引流: diversion to other platforms and private contact.
        Diversion = "diversion",
        /// 医疗功效: medical and efficacy claims.
        Medical = "medical",
        /// 虚假承诺: promises nobody can keep.
        Promise = "promise",
        /// The merchant's own word.
        Custom = "custom",
    }
}

mdesk_platform_api::wire_enum! {
    /// The piece of copy a hit was found in.
    pub enum CheckedField {
        Title = "title",
        Text = "text",
        Topic = "topic",
        /// A comment or a reply.
        Comment = "comment",
    }
}

/// Copy to check: the fields that go out, as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct CheckedText {
    pub title: String,
    pub text: String,
    pub topic: String,
    pub comment: String,
}

impl CheckedText {
    /// A work's copy.
    pub fn work(title: &str, text: &str, topic: &str) -> Self {
        Self {
            title: title.to_owned(),
            text: text.to_owned(),
            topic: topic.to_owned(),
            comment: String::new(),
        }
    }

    /// A comment's or a reply's copy.
    pub fn comment(text: &str) -> Self {
        Self {
            comment: text.to_owned(),
            ..Self::default()
        }
    }

    pub fn fields(&self) -> [(CheckedField, &str); 4] {
        [
            (CheckedField::Title, self.title.as_str()),
            (CheckedField::Text, self.text.as_str()),
            (CheckedField::Topic, self.topic.as_str()),
            (CheckedField::Comment, self.comment.as_str()),
        ]
    }
}

/// One listed word found in the copy.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ContentHit {
    /// The listed word.
    pub word: String,
    /// What was written, disguises and all (`微 信`, `ＶＸ`).
    pub found: String,
    pub category: WordCategory,
    pub severity: Severity,
    pub field: CheckedField,
    /// Where, in characters (Unicode scalar values) of the field: `start..end`.
    pub start: usize,
    pub end: usize,
    /// Why it is risky, in the desk's language.
    pub reason: String,
    /// What to write instead, in the desk's language.
    pub suggestion: String,
    /// The merchant's own word (Settings → 内容检查), not the shipped list.
    pub own: bool,
    /// Listed for this matrix account only.
    pub account_id: Option<String>,
}

/// What the check found, blocks first.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ContentCheck {
    pub hits: Vec<ContentHit>,
}

impl ContentCheck {
    pub fn blocked(&self) -> bool {
        self.hits.iter().any(|h| h.severity == Severity::Block)
    }

    pub fn warned(&self) -> bool {
        self.hits.iter().any(|h| h.severity == Severity::Warn)
    }

    /// The hits in one field, in order.
    pub fn in_field(&self, field: CheckedField) -> impl Iterator<Item = &ContentHit> {
        self.hits.iter().filter(move |h| h.field == field)
    }
}

/// One of the merchant's own words, as Settings lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OwnWord {
    pub id: i64,
    pub word: String,
    pub category: WordCategory,
    pub severity: Severity,
    /// Why, as the merchant wrote it; empty for the category's usual reason.
    pub reason: String,
    /// For this matrix account only (e.g. a brand persona's competitor names); none: every account.
    pub account_id: Option<String>,
    pub account_nickname: Option<String>,
    pub added_at: String,
}

/// A word to add.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewWord {
    pub word: String,
    pub category: WordCategory,
    pub severity: Severity,
    #[serde(default)]
    pub reason: String,
    #[serde(default)]
    pub account_id: Option<String>,
}

/// What importing a CSV of words did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WordImport {
    pub added: usize,
    /// Already listed with the same account: updated in place.
    pub updated: usize,
    /// Lines that could not be taken, with why (line numbers count the header as 1).
    pub refused: Vec<(usize, String)>,
}

/// The shipped list in numbers, for Settings.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WordListSummary {
    /// (category, words, of which block)
    pub shipped: Vec<(WordCategory, usize, usize)>,
    pub own: Vec<OwnWord>,
}

/// A file seen before, or going to several accounts at once, in the dry run (查重).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DuplicateNote {
    /// The picked file's name.
    pub name: String,
    /// The same bytes (else: visually the same picture).
    pub exact: bool,
    /// The accounts of this draft it goes to at once (2 or more), or empty.
    pub at_once: Vec<String>,
    /// Earlier uses by this desk's matrix accounts, newest first.
    pub used: Vec<MaterialUse>,
}

/// One use of a file: which account, which work, when.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MaterialUse {
    pub account_id: String,
    pub nickname: String,
    /// The platform's work, once delivered.
    pub work_id: Option<String>,
    pub title: String,
    pub at: String,
    /// The action that carried it.
    pub action_id: String,
}

/// A file in the material library (素材库).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Material {
    /// The content's SHA-256, hex.
    pub hash: String,
    pub name: String,
    pub kind: crate::MediaKind,
    pub bytes: u64,
    /// An image's size in pixels.
    pub width: Option<u32>,
    pub height: Option<u32>,
    /// A video's length, when its container says.
    pub duration_ms: Option<u64>,
    /// Where the library keeps its copy, to use it again; none when the copy is gone.
    pub path: Option<String>,
    pub thumbnail: Option<String>,
    pub first_used_at: String,
    pub uses: Vec<MaterialUse>,
}

mdesk_platform_api::wire_enum! {
    /// Why an account needs attention (账号健康).
    pub enum HealthReason {
        GrantDeclined = "grant_declined",
        GrantRevoked = "grant_revoked",
        /// Asked for 7 days or more and still unanswered.
        GrantPending = "grant_pending",
        UnbindRequested = "unbind_requested",
        /// Works rejected by the platform's review in the last 7 days.
        Rejections = "rejections",
        /// Works with no views 24 hours after publishing.
        ZeroViews = "zero_views",
        /// No new work for 14 days.
        Idle = "idle",
        EmptyPool = "empty_pool",
        ShopCardOff = "shop_card_off",
    }
}

/// One reason, with what it is about.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HealthFinding {
    pub reason: HealthReason,
    /// How many (works rejected, works without views, days idle, days pending); 0 when not counted.
    pub count: u32,
    /// The scope concerned (a grant), or the work concerned (the latest one).
    pub detail: Option<String>,
}

/// An account that needs attention, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HealthRow {
    pub account_id: String,
    pub nickname: String,
    pub guangguang_id: String,
    pub tag: Tag,
    pub findings: Vec<HealthFinding>,
}
