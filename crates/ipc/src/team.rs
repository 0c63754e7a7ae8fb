//! Teams: who is signed in and what their role may do, the staff list, and submissions for
//! four-eyes approval, as the screens and the CLI show them.

use serde::{Deserialize, Serialize};

use crate::{Actor, Permission, Proposal, Role, SubmissionResult, SubmissionState};

/// Who this desk is signed in as.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Whoami {
    /// `demo` for the owner, `demo:xiaoli` for a staff member.
    pub login: String,
    pub name: String,
    pub role: Role,
    pub permissions: Vec<Permission>,
    /// The merchant requires a second person's approval of operators' works.
    pub approval_required: bool,
    /// The platform said who this is. False against a platform without teams: the desk is
    /// then the owner, and the audit trail uses the name typed into Settings (self-declared).
    pub verified: bool,
    /// Publishing goes through review (an operator while approval is on).
    pub publishes_by_submission: bool,
}

impl Whoami {
    pub fn may(&self, permission: Permission) -> bool {
        self.permissions.contains(&permission)
    }
}

/// A staff member on the Settings → Team screen.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StaffRow {
    pub login: String,
    pub name: String,
    pub role: Role,
    pub disabled: bool,
    pub created_at: String,
    /// Changes queued for this person and not yet confirmed.
    pub pending: u32,
}

/// The team screen: the staff, the approval switch, and what the signed-in person may change.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TeamView {
    pub whoami: Whoami,
    pub staff: Vec<StaffRow>,
    /// As it will be once queued changes are confirmed.
    pub approval_required: bool,
}

/// A submission on the Reviews screen.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SubmissionRow {
    pub id: String,
    pub version: u32,
    pub state: SubmissionState,
    pub kind: crate::SubmissionKind,
    pub title: String,
    /// The target accounts' nicknames (an edit: the work's account).
    pub accounts: Vec<String>,
    pub submitted_by: Actor,
    pub submitted_at: String,
    pub reviewed_by: Option<Actor>,
    pub reason: Option<String>,
    /// Submitted from this desk's sign-in.
    pub mine: bool,
    /// This person may approve or return it now (a reviewer, not the submitter, pending).
    pub can_review: bool,
    /// This person may revise or withdraw it now (the submitter, pending or returned).
    pub can_change: bool,
    /// The kinds of this desk's queued actions on it (approve, return, withdraw, revise).
    pub pending: Vec<crate::ActionKind>,
    pub results: Vec<SubmissionResult>,
}

/// One line of a text comparison.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DiffLine {
    /// `same`, `added` or `removed`.
    pub change: String,
    pub text: String,
}

/// A field of a submission beside its previous version (or the live work, for an edit).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldDiff {
    /// `title`, `text`, `topic`, `products`, `accounts`, `media`, `schedule`.
    pub field: String,
    pub before: Option<String>,
    pub after: Option<String>,
    /// Line by line, for the text.
    pub lines: Vec<DiffLine>,
}

/// One submission in full: what it proposes, beside what came before.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SubmissionDetail {
    pub row: SubmissionRow,
    pub proposal: Proposal,
    /// Compared with the previous version, or the live work for an edit; none when new.
    pub compared_with: Option<String>,
    pub fields: Vec<FieldDiff>,
    /// Where the media can be seen: the platform's URLs of its uploads.
    pub media_urls: Vec<String>,
    /// The content check of its copy on the reviewer's desk, as its accounts (their own words
    /// too): what the reviewer weighs before approving.
    #[serde(default)]
    pub content: crate::ContentCheck,
}

/// The Reviews screen's filter.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReviewsQuery {
    #[serde(default)]
    pub state: Option<SubmissionState>,
    /// Only this person's submissions (`login`).
    #[serde(default)]
    pub submitted_by: Option<String>,
    /// Words in the title.
    #[serde(default)]
    pub search: Option<String>,
}

/// One answer of a batch (approve or return several submissions): queued (its action), or
/// refused here and why. A dry run queues nothing and answers no action.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BatchAnswer {
    pub id: String,
    pub action_id: Option<String>,
    pub refusal: Option<crate::IpcError>,
}
