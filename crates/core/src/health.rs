//! Account health (账号健康): the matrix accounts that need attention, and why, from what
//! this desk holds (pending actions applied, as the Accounts screen shows them). Each rule is
//! here and nowhere else:
//!
//! - a permission declined or revoked by the account, or asked for 7 days ago and unanswered;
//! - an unbind the account requested;
//! - works rejected by the platform's review in the last 7 days;
//! - works with no views 24 hours after publishing (published in the last 14 days);
//! - no new work for 14 days (an account bound for less than 14 days is not idle yet);
//! - an empty product pool, or the shop card off.

use chrono::{DateTime, Duration, Utc};
use mdesk_ipc::{AccountRow, BindingState, GrantState, HealthFinding, HealthReason, HealthRow, Scope};
use rusqlite::{params, Connection, OptionalExtension};

use crate::error::CoreResult;
use crate::store::Store;

/// A permission asked for this long ago and still unanswered needs a nudge.
pub const PENDING_DAYS: i64 = 7;
/// Review rejections this recent count.
pub const REJECTION_DAYS: i64 = 7;
/// A work with no views this long after publishing is not being shown.
pub const ZERO_VIEW_HOURS: i64 = 24;
/// Works published this recently are looked at for views.
pub const ZERO_VIEW_WINDOW_DAYS: i64 = 14;
/// An account without a new work this long is idle.
pub const IDLE_DAYS: i64 = 14;

fn rfc3339(t: DateTime<Utc>) -> String {
    t.to_rfc3339_opts(chrono::SecondsFormat::Millis, true)
}

fn days_between(from: &str, now: DateTime<Utc>) -> u32 {
    DateTime::parse_from_rfc3339(from)
        .map(|t| (now - t.with_timezone(&Utc)).num_days().max(0) as u32)
        .unwrap_or(0)
}

fn grant_findings(
    conn: &Connection,
    a: &AccountRow,
    now: DateTime<Utc>,
    out: &mut Vec<HealthFinding>,
) -> CoreResult<()> {
    for (scope, state) in [(Scope::Publish, a.publish), (Scope::Interact, a.interact)] {
        let detail = Some(scope.as_str().to_owned());
        match state {
            GrantState::Declined => out.push(HealthFinding {
                reason: HealthReason::GrantDeclined,
                count: 0,
                detail,
            }),
            GrantState::Revoked => out.push(HealthFinding {
                reason: HealthReason::GrantRevoked,
                count: 0,
                detail,
            }),
            GrantState::Requested => {
                let since: Option<Option<String>> = conn
                    .prepare_cached("SELECT updated_at FROM account_grant WHERE account_id = ?1 AND scope = ?2")?
                    .query_row(params![a.id, scope], |r| r.get(0))
                    .optional()?;
                // Asked for on this desk and not yet delivered: no platform date, not late.
                if let Some(since) = since.flatten() {
                    let days = days_between(&since, now);
                    if i64::from(days) >= PENDING_DAYS {
                        out.push(HealthFinding {
                            reason: HealthReason::GrantPending,
                            count: days,
                            detail,
                        });
                    }
                }
            }
            GrantState::None | GrantState::Granted => {}
        }
    }
    Ok(())
}

/// (how many, the latest work's id)
fn counted(conn: &Connection, sql: &str, account: &str, since: &str, until: &str) -> CoreResult<(u32, Option<String>)> {
    Ok(conn
        .prepare_cached(sql)?
        .query_row(params![account, since, until], |r| Ok((r.get::<_, u32>(0)?, r.get(1)?)))?)
}

const REJECTIONS: &str = "SELECT COUNT(DISTINCT e.work_id), \
     (SELECT e2.work_id FROM work_status_event e2 JOIN work w2 ON w2.id = e2.work_id \
      WHERE w2.account_id = ?1 AND e2.field = 'review' AND e2.value = 'rejected' AND e2.at >= ?2 ORDER BY e2.at DESC LIMIT 1) \
     FROM work_status_event e JOIN work w ON w.id = e.work_id \
     WHERE w.account_id = ?1 AND e.field = 'review' AND e.value = 'rejected' AND e.at >= ?2 AND e.at <= ?3";

const ZERO_VIEWS: &str = "SELECT COUNT(*), MAX(id) FROM ( \
     SELECT w.id FROM work w WHERE w.account_id = ?1 AND w.deleted = 0 AND w.review_status = 'approved' \
     AND w.published_at >= ?2 AND w.published_at <= ?3 \
     AND NOT EXISTS (SELECT 1 FROM work_metric_daily m WHERE m.work_id = w.id AND m.views > 0) \
     ORDER BY w.published_at DESC)";

fn work_findings(
    conn: &Connection,
    a: &AccountRow,
    now: DateTime<Utc>,
    out: &mut Vec<HealthFinding>,
) -> CoreResult<()> {
    let (n, latest) = counted(
        conn,
        REJECTIONS,
        &a.id,
        &rfc3339(now - Duration::days(REJECTION_DAYS)),
        &rfc3339(now),
    )?;
    if n > 0 {
        out.push(HealthFinding {
            reason: HealthReason::Rejections,
            count: n,
            detail: latest,
        });
    }
    let (n, latest) = counted(
        conn,
        ZERO_VIEWS,
        &a.id,
        &rfc3339(now - Duration::days(ZERO_VIEW_WINDOW_DAYS)),
        &rfc3339(now - Duration::hours(ZERO_VIEW_HOURS)),
    )?;
    if n > 0 {
        out.push(HealthFinding {
            reason: HealthReason::ZeroViews,
            count: n,
            detail: latest,
        });
    }
    let (last_work, bound_at): (Option<String>, Option<String>) = conn
        .prepare_cached(
            "SELECT (SELECT MAX(published_at) FROM work WHERE account_id = ?1 AND deleted = 0 AND published_at <= ?2), \
             bound_at FROM matrix_account WHERE id = ?1",
        )?
        .query_row(params![a.id, rfc3339(now)], |r| Ok((r.get(0)?, r.get(1)?)))?;
    if let Some(since) = last_work.or(bound_at) {
        let days = days_between(&since, now);
        if i64::from(days) >= IDLE_DAYS {
            out.push(HealthFinding {
                reason: HealthReason::Idle,
                count: days,
                detail: None,
            });
        }
    }
    Ok(())
}

/// One account's findings at `now`.
fn findings(conn: &Connection, a: &AccountRow, now: DateTime<Utc>) -> CoreResult<Vec<HealthFinding>> {
    let mut out = Vec::new();
    if a.binding_state == BindingState::UnbindRequested {
        out.push(HealthFinding {
            reason: HealthReason::UnbindRequested,
            count: 0,
            detail: None,
        });
    }
    grant_findings(conn, a, now, &mut out)?;
    work_findings(conn, a, now, &mut out)?;
    if a.pool_size == 0 {
        out.push(HealthFinding {
            reason: HealthReason::EmptyPool,
            count: 0,
            detail: None,
        });
    }
    if !a.shop_card {
        out.push(HealthFinding {
            reason: HealthReason::ShopCardOff,
            count: 0,
            detail: None,
        });
    }
    Ok(out)
}

/// The bound accounts that need attention at `now`, most findings first.
pub fn report_in(conn: &Connection, now: DateTime<Utc>) -> CoreResult<Vec<HealthRow>> {
    let mut rows = Vec::new();
    for a in crate::accounts::rows(conn)? {
        if !matches!(a.binding_state, BindingState::Bound | BindingState::UnbindRequested) {
            continue;
        }
        let findings = findings(conn, &a, now)?;
        if !findings.is_empty() {
            rows.push(HealthRow {
                account_id: a.id,
                nickname: a.nickname,
                guangguang_id: a.guangguang_id,
                tag: a.tag,
                findings,
            });
        }
    }
    rows.sort_by(|a, b| {
        b.findings
            .len()
            .cmp(&a.findings.len())
            .then_with(|| a.nickname.cmp(&b.nickname))
    });
    Ok(rows)
}

/// The accounts that need attention now.
pub fn report(store: &Store) -> CoreResult<Vec<HealthRow>> {
    store.read(|conn| report_in(conn, Utc::now()))
}

#[cfg(test)]
mod tests;
