//! `GET /v1/changes?since=&limit=`: the change feed, primitive of incremental sync.
//!
//! Each entry carries the entity's state as of `seq`; the cursor is monotonic, so a client
//! that applies pages in order and stores `next_cursor` with each page never misses a change.

use serde::{Deserialize, Serialize};

use crate::{Account, Comment, DailyMetric, Invitation, Me, Product, StaffMember, Submission, Work};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", content = "data", rename_all = "snake_case")]
pub enum ChangeData {
    Merchant(Me),
    Account(Account),
    Invitation(Invitation),
    Product(Product),
    Work(Work),
    WorkMetric(DailyMetric),
    Comment(Comment),
    Staff(StaffMember),
    /// Boxed: a submission carries a whole work and its previous version.
    Submission(Box<Submission>),
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Change {
    pub seq: i64,
    #[serde(flatten)]
    pub data: ChangeData,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChangePage {
    pub changes: Vec<Change>,
    /// Pass as `since` for the next page.
    pub next_cursor: i64,
    pub has_more: bool,
    /// Highest sequence number at the time of the request, for progress reporting.
    pub latest_seq: i64,
}
