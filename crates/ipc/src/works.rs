//! The data side: the Works screen, work detail and the matrix dashboard.
//!
//! Dates travel as `YYYY-MM-DD` (the platform's calendar day of a metric), times as RFC 3339.

use serde::{Deserialize, Serialize};

use crate::{InclusionStatus, Privacy, ReviewStatus, Tag, TopicStatus, WorkKind};
use mdesk_platform_api::wire_enum;

wire_enum! {
    /// One of the six numbers the platform reports per work and day.
    pub enum Metric {
        /// 曝光
        Exposure = "exposure",
        /// 查看
        Views = "views",
        /// 互动
        Interactions = "interactions",
        /// 引流 (visits to the shop)
        ShopTraffic = "shop_traffic",
        /// 成交 (orders)
        Orders = "orders",
        /// 成交金额, in cents
        Amount = "amount",
    }
}

/// The six numbers of a work, an account or the matrix over some days.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Metrics {
    pub exposure: i64,
    pub views: i64,
    pub interactions: i64,
    pub shop_traffic: i64,
    pub orders: i64,
    pub amount_cents: i64,
}

impl Metrics {
    pub fn get(&self, metric: Metric) -> i64 {
        match metric {
            Metric::Exposure => self.exposure,
            Metric::Views => self.views,
            Metric::Interactions => self.interactions,
            Metric::ShopTraffic => self.shop_traffic,
            Metric::Orders => self.orders,
            Metric::Amount => self.amount_cents,
        }
    }

    /// Adds another set of numbers to these.
    pub fn add(&mut self, other: &Metrics) {
        self.exposure += other.exposure;
        self.views += other.views;
        self.interactions += other.interactions;
        self.shop_traffic += other.shop_traffic;
        self.orders += other.orders;
        self.amount_cents += other.amount_cents;
    }
}

/// Which days the numbers cover.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Period {
    /// The last `days` days of data, up to the newest day the platform has reported.
    Last { days: u32 },
    /// Inclusive calendar days, `YYYY-MM-DD`.
    Range { from: String, to: String },
}

impl Default for Period {
    fn default() -> Self {
        Period::Last { days: 30 }
    }
}

/// The standard periods the app keeps rolled up (fast to sort by).
pub const ROLLED_UP_DAYS: [u32; 3] = [7, 30, 90];

/// A period resolved to days: `from..=to`, `days` long.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PeriodRange {
    pub from: String,
    pub to: String,
    pub days: u32,
}

/// What the Works screen asks for. Empty fields do not filter.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct WorksQuery {
    pub account_id: Option<String>,
    pub tag: Option<Tag>,
    pub group: Option<String>,
    pub review_status: Option<ReviewStatus>,
    pub inclusion_status: Option<InclusionStatus>,
    pub topic_status: Option<TopicStatus>,
    pub privacy: Option<Privacy>,
    pub kind: Option<WorkKind>,
    pub pinned: Option<bool>,
    /// Published (or scheduled) on or after this day, `YYYY-MM-DD`.
    pub published_from: Option<String>,
    /// Published (or scheduled) on or before this day, `YYYY-MM-DD`.
    pub published_to: Option<String>,
    /// Part of the title or text, any language, case ignored.
    pub search: String,
    /// The days the numbers cover.
    pub period: Period,
    /// Sort by this metric over the period; `None` sorts by time, newest first.
    pub sort: Option<Metric>,
    /// Smallest first instead of largest (or oldest first instead of newest).
    pub ascending: bool,
    pub offset: u32,
    /// Rows per page (the core caps it).
    pub limit: u32,
}

impl Default for WorksQuery {
    fn default() -> Self {
        WorksQuery {
            account_id: None,
            tag: None,
            group: None,
            review_status: None,
            inclusion_status: None,
            topic_status: None,
            privacy: None,
            kind: None,
            pinned: None,
            published_from: None,
            published_to: None,
            search: String::new(),
            period: Period::default(),
            sort: None,
            ascending: false,
            offset: 0,
            limit: 50,
        }
    }
}

/// One work as the Works screen and `mdesk works` list it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WorkRow {
    pub id: String,
    pub account_id: String,
    pub guangguang_id: String,
    pub nickname: String,
    pub tag: Tag,
    pub kind: WorkKind,
    pub title: String,
    /// The cover from the local cache as a `data:` URL; `None` until it has been fetched.
    #[serde(default)]
    pub cover: Option<String>,
    pub review_status: ReviewStatus,
    pub review_reason: Option<String>,
    pub inclusion_status: InclusionStatus,
    pub topic: Option<String>,
    pub topic_status: Option<TopicStatus>,
    pub privacy: Privacy,
    pub pinned: bool,
    pub published_at: Option<String>,
    pub scheduled_at: Option<String>,
    pub like_count: i64,
    pub comment_count: i64,
    /// The numbers over the query's period.
    #[serde(default)]
    pub metrics: Metrics,
    /// Where a search matched the title, for highlighting; empty without a search.
    #[serde(default)]
    pub title_marks: Vec<TextMark>,
    /// Kinds of this work's actions not yet confirmed (`pin`, `set_privacy`, …); the fields
    /// above already show what they will do.
    #[serde(default)]
    pub pending: Vec<crate::ActionKind>,
    /// The platform refused the latest change to this work: the fields show the platform's
    /// state again, and this says what was refused and why.
    #[serde(default)]
    pub rejection: Option<WorkRejection>,
}

/// A refused change to a work.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WorkRejection {
    pub action_id: String,
    /// The intention kind, translated as `intention-<kind>`.
    pub kind: crate::ActionKind,
    pub error: crate::IpcError,
    pub at: String,
}

/// A matched stretch of a text, in characters: `start..end`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct TextMark {
    pub start: u32,
    pub end: u32,
}

/// One page of works. How many match in all is a query of its own (`CountWorks`): counting
/// 100,000 works costs more than a page, and a page turn or a new sort does not change it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WorksPage {
    pub rows: Vec<WorkRow>,
    pub period: PeriodRange,
}

/// A product attached to a work.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WorkProduct {
    pub id: String,
    /// `None` when the product is not (or no longer) in the shop's catalogue here.
    pub title: Option<String>,
    pub price_cents: Option<i64>,
    /// In the account's product pool: linked without commission (免佣金).
    pub commission_free: bool,
}

wire_enum! {
    /// Which of a work's states a history entry is about.
    pub enum StatusField {
        Review = "review",
        Inclusion = "inclusion",
        Topic = "topic",
    }
}

/// One step of a work's status history, as this computer saw it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StatusEvent {
    pub at: String,
    pub field: StatusField,
    /// The wire name of the new state (`approved`, `not_included`, `joined`, …).
    pub value: String,
    /// The platform's reason (a rejection).
    pub reason: Option<String>,
}

/// One day's numbers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DailyPoint {
    pub date: String,
    pub metrics: Metrics,
}

/// A comment with its replies (oldest reply first).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CommentView {
    pub id: String,
    pub author_name: String,
    /// Written by one of the merchant's matrix accounts.
    pub from_matrix: bool,
    pub text: String,
    pub like_count: i64,
    pub created_at: String,
    pub replies: Vec<CommentView>,
}

/// Everything the work detail screen shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WorkDetail {
    pub work: WorkRow,
    pub text: String,
    pub products: Vec<WorkProduct>,
    /// Oldest first.
    pub history: Vec<StatusEvent>,
    pub period: PeriodRange,
    /// One point per day of the period (days without data are zero).
    pub daily: Vec<DailyPoint>,
    /// Newest first, replies threaded under their comment.
    pub comments: Vec<CommentView>,
}

/// What the dashboard asks for.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct DashboardQuery {
    pub period: Period,
    /// Leaderboard filters.
    pub tag: Option<Tag>,
    pub group: Option<String>,
    /// Leaderboard and top works order (largest first); `None` means views.
    pub sort: Option<Metric>,
}

/// One account on the leaderboard.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LeaderRow {
    pub account_id: String,
    pub guangguang_id: String,
    pub nickname: String,
    pub tag: Tag,
    pub group: Option<String>,
    pub metrics: Metrics,
}

/// Numbers of one account type or group.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Subtotal {
    /// The tag's wire name, or the group's name (empty: accounts in no group).
    pub key: String,
    pub accounts: u32,
    pub metrics: Metrics,
}

/// The matrix dashboard for a period.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Dashboard {
    pub period: PeriodRange,
    /// The same number of days just before.
    pub previous: PeriodRange,
    pub totals: Metrics,
    pub previous_totals: Metrics,
    /// One point per day of the period.
    pub trend: Vec<DailyPoint>,
    /// Every account the filters let through, in the query's order.
    pub leaderboard: Vec<LeaderRow>,
    pub top_works: Vec<WorkRow>,
    pub by_tag: Vec<Subtotal>,
    pub by_group: Vec<Subtotal>,
    /// The newest day with data, if any.
    pub data_through: Option<String>,
}

/// Tauri event carrying an export's progress.
pub const EXPORT_PROGRESS_EVENT: &str = "export-progress";

/// How far an export has come.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExportProgress {
    pub done: u64,
    pub total: u64,
}
