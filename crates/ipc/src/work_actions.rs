//! Changes to existing works from the Works screen and work detail, one work or many at once,
//! with the same dry run as publishing.

use serde::{Deserialize, Serialize};

use crate::IpcError;

/// A change that applies to any number of works at once.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum WorkChange {
    Pin,
    Unpin,
    MakePublic,
    MakePrivate,
    Delete,
}

impl WorkChange {
    pub const ALL: [WorkChange; 5] = [
        Self::Pin,
        Self::Unpin,
        Self::MakePublic,
        Self::MakePrivate,
        Self::Delete,
    ];

    /// Its name in translation keys (`work-change-pin`, …) and the CLI.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Pin => "pin",
            Self::Unpin => "unpin",
            Self::MakePublic => "make_public",
            Self::MakePrivate => "make_private",
            Self::Delete => "delete",
        }
    }
}

/// What the dry run says for one work.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WorkChangeRow {
    pub work_id: String,
    pub title: String,
    pub nickname: String,
    /// Why this work's change would be refused here; none when it will be queued.
    pub refusal: Option<IpcError>,
    /// The change would not change anything (already pinned, already private …): skipped.
    pub unchanged: bool,
    /// The action queued for it, once confirmed.
    pub action_id: Option<String>,
}

/// A dry run or its confirmation, work by work, in the order asked.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WorkChangePlan {
    pub change: WorkChange,
    pub rows: Vec<WorkChangeRow>,
}

impl WorkChangePlan {
    /// How many works would be (or were) changed.
    pub fn sendable(&self) -> usize {
        self.rows.iter().filter(|r| r.refusal.is_none() && !r.unchanged).count()
    }
}

/// An edit of one work's title, text, products or topic; the work goes back to review.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct WorkEditForm {
    pub title: String,
    pub text: String,
    pub product_ids: Vec<String>,
    pub topic: String,
    /// The person ticked that the content check's warnings are fine (never blocks).
    #[serde(default)]
    pub accept_warnings: bool,
}
