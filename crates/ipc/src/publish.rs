//! The composer (发布作品): a draft, the dry run over the chosen accounts, what was queued, and
//! the uploads on their way.

use serde::{Deserialize, Serialize};

use crate::{ContentCheck, ContentHit, DuplicateNote, IpcError, MediaKind, Privacy, Tag, WorkKind};

/// Where a work's cover comes from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(tag = "from", rename_all = "snake_case")]
pub enum CoverChoice {
    /// The platform's choice: a video's first frame, an image-text work's first image.
    #[default]
    Auto,
    /// A video's frame this many milliseconds in.
    Frame { ms: u64 },
    /// An image file on this computer.
    Image { path: String },
}

/// Everything the staff member wrote, as they left it: saved as a draft while they type, and
/// what the dry run and the queueing take.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct PublishDraft {
    pub kind: WorkKind,
    pub title: String,
    pub text: String,
    /// 话题, e.g. `#好物分享`; empty for none.
    pub topic: String,
    pub product_ids: Vec<String>,
    pub privacy: Privacy,
    /// Files on this computer: one video, or 1–9 images, in order.
    pub media: Vec<String>,
    pub cover: CoverChoice,
    /// When to publish, RFC 3339 with the local offset; none publishes at once.
    pub scheduled_at: Option<String>,
    /// The matrix accounts to publish as.
    pub account_ids: Vec<String>,
    /// The person ticked that the content check's warnings are fine (never blocks).
    pub accept_warnings: bool,
}

impl Default for PublishDraft {
    fn default() -> Self {
        Self {
            kind: WorkKind::Video,
            title: String::new(),
            text: String::new(),
            topic: String::new(),
            product_ids: Vec::new(),
            privacy: Privacy::Public,
            media: Vec::new(),
            cover: CoverChoice::Auto,
            scheduled_at: None,
            account_ids: Vec::new(),
            accept_warnings: false,
        }
    }
}

/// A draft as the drafts list shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DraftRow {
    pub id: String,
    pub updated_at: String,
    pub draft: PublishDraft,
}

/// The part of the composer a problem is about, so the message stands next to it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DraftField {
    Title,
    Text,
    Topic,
    Media,
    Cover,
    Products,
    Schedule,
    Accounts,
}

/// Something to fix before anything can be sent: which field, and the error in the usual
/// form (`rule` names the broken rule).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldProblem {
    pub field: DraftField,
    pub error: IpcError,
}

/// A file the staff member picked, as the composer shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MediaInfo {
    pub path: String,
    /// The file name, for display.
    pub name: String,
    pub bytes: u64,
    /// What it is, when the platform takes its type.
    pub kind: Option<MediaKind>,
    /// A small `data:` URL of an image, for the thumbnail.
    pub thumbnail: Option<String>,
    /// Why it cannot be sent (unknown type, too large, unreadable …).
    pub problem: Option<IpcError>,
}

/// What the dry run says for one chosen account.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PublishPlanRow {
    pub account_id: String,
    pub nickname: String,
    pub tag: Tag,
    /// Why this account's work would be refused here; none when it will be queued.
    pub refusal: Option<IpcError>,
    /// The content check's hits of this account's own words (the others are the plan's).
    #[serde(default)]
    pub content: Vec<ContentHit>,
}

/// The dry run: problems with the draft itself (nothing can be queued until they are fixed),
/// then, per account, what would be sent or why not.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PublishPlan {
    pub problems: Vec<FieldProblem>,
    pub rows: Vec<PublishPlanRow>,
    /// The work goes to review first (an operator while the merchant requires approval):
    /// one submission for every account that passes.
    #[serde(default)]
    pub by_submission: bool,
    /// The content check of the title, text and topic: the shipped list and the merchant's
    /// words for every account, and each chosen account's own (marked with its id).
    #[serde(default)]
    pub content: ContentCheck,
    /// Files going to several accounts at once, or published before by a matrix account.
    #[serde(default)]
    pub duplicates: Vec<DuplicateNote>,
}

impl PublishPlan {
    /// How many accounts would get the work.
    pub fn sendable(&self) -> usize {
        if self.problems.is_empty() {
            self.rows.iter().filter(|r| r.refusal.is_none()).count()
        } else {
            0
        }
    }
}

/// One account's work, queued.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct QueuedWork {
    pub account_id: String,
    pub action_id: String,
}

/// What confirming the dry run did: the works queued (one action each), and the accounts
/// refused (the plan's rows with a refusal).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PublishOutcome {
    pub queued: Vec<QueuedWork>,
    pub refused: Vec<PublishPlanRow>,
    /// Queued as one submission for review (every queued account shares its action).
    #[serde(default)]
    pub submitted: bool,
}

/// One file of a queued work on its way to the platform.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UploadRow {
    pub action_id: String,
    pub account_id: Option<String>,
    /// The work's title, to say which work this is.
    pub title: String,
    pub slot: u32,
    pub name: String,
    pub bytes: u64,
    pub sent_bytes: u64,
    /// The platform has the file.
    pub done: bool,
}
