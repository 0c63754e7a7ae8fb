//! `GET /v1/snapshot?cursor=&limit=`: the merchant's whole state in bulk for a client that has
//! nothing yet, paged by work id; the change feed takes over from its `seq`
//! (docs/platform-api.md).

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::{Account, Comment, DailyMetric, Invitation, Me, Product, StaffMember, Submission, Work};

/// Most works a page carries.
pub const MAX_SNAPSHOT_WORKS: u32 = 1_000;
/// Most daily rows and comments a page carries together (a page ends early, after a whole work).
pub const MAX_SNAPSHOT_ROWS: usize = 100_000;

/// One day of one work, as an array: `[work_id, date, exposure, views, interactions,
/// shop_traffic, orders, amount_cents]`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MetricRow(
    pub String,
    pub NaiveDate,
    pub i64,
    pub i64,
    pub i64,
    pub i64,
    pub i64,
    pub i64,
);

impl From<MetricRow> for DailyMetric {
    fn from(r: MetricRow) -> Self {
        DailyMetric {
            work_id: r.0,
            date: r.1,
            exposure: r.2,
            views: r.3,
            interactions: r.4,
            shop_traffic: r.5,
            orders: r.6,
            amount_cents: r.7,
        }
    }
}

impl From<DailyMetric> for MetricRow {
    fn from(m: DailyMetric) -> Self {
        MetricRow(
            m.work_id,
            m.date,
            m.exposure,
            m.views,
            m.interactions,
            m.shop_traffic,
            m.orders,
            m.amount_cents,
        )
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SnapshotPage {
    /// The change feed's head when the snapshot began: read the feed from here after the last
    /// page.
    pub seq: i64,
    /// How many works the whole snapshot holds, for progress.
    pub works_total: i64,
    /// First page only.
    #[serde(default)]
    pub me: Option<Me>,
    pub products: Vec<Product>,
    pub accounts: Vec<Account>,
    pub invitations: Vec<Invitation>,
    pub works: Vec<Work>,
    pub metrics: Vec<MetricRow>,
    pub comments: Vec<Comment>,
    /// The team (first page only; a platform without teams leaves it out).
    #[serde(default)]
    pub staff: Vec<StaffMember>,
    /// Submissions still open or decided (first page only; left out without teams).
    #[serde(default)]
    pub submissions: Vec<Submission>,
    /// Null on the last page.
    pub next_cursor: Option<String>,
}

/// The cursor a page gives for the next: the snapshot's `seq` and the last work id.
pub fn snapshot_cursor(seq: i64, last_work_id: &str) -> String {
    format!("{seq}.{last_work_id}")
}

/// The `seq` and the last work id a cursor carries; `None` for one that is not a cursor.
pub fn parse_snapshot_cursor(cursor: &str) -> Option<(i64, &str)> {
    let (seq, work) = cursor.split_once('.')?;
    let seq = seq.parse().ok().filter(|s: &i64| *s >= 0)?;
    (!work.is_empty()).then_some((seq, work))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_metric_row_is_an_array_and_a_cursor_round_trips() {
        let row = MetricRow(
            "w-1".into(),
            NaiveDate::from_ymd_opt(2026, 11, 20).unwrap_or_default(),
            1,
            2,
            3,
            4,
            5,
            6,
        );
        let json = serde_json::to_string(&row).unwrap_or_default();
        assert_eq!(json, r#"["w-1","2026-11-20",1,2,3,4,5,6]"#);
        let cursor = snapshot_cursor(42, "w-0000500");
        assert_eq!(parse_snapshot_cursor(&cursor), Some((42, "w-0000500")));
        assert_eq!(parse_snapshot_cursor("w-0000500"), None);
        assert_eq!(parse_snapshot_cursor("-1.w"), None);
        assert_eq!(parse_snapshot_cursor("7."), None);
    }
}
