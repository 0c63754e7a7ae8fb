//! The platform's life: reviews finish, inclusion changes, daily metrics accrue, fans comment,
//! invitations expire, email unbind requests are processed, and (demo) consent is automatic.
//!
//! `POST /sim/admin/tick {days}` runs it once, advancing the clock by `days`; a simulator
//! started with `tick_every` runs it on its own with `days = 0`.

use std::sync::Arc;
use std::time::Duration;

use chrono::{DateTime, Utc};
use mdesk_platform_api::{InclusionStatus, InvitationState, Privacy, ReviewStatus};
use rand::Rng;
use rusqlite::{params, Connection, Params};
use serde::Serialize;

use crate::db::{metric_entity_id, new_id, set_sim_state, sim_state, touch, ts};
use crate::error::SimResult;
use crate::server::Sim;
use crate::transitions::{accept_invitation, answer_grant_request, set_invitation_state, unbind, GrantRequestState};

const REJECT_REASONS: &[&str] = &[
    "封面含有二维码",
    "标题含有绝对化用语",
    "画面模糊,请重新上传",
    "含有站外引流信息",
];
const FAN_COMMENTS: &[&str] = &[
    "好喜欢!求链接",
    "已下单,期待收货",
    "这个颜色好看吗?",
    "上次买的很好用",
    "店里还有货吗?",
];
const FAN_NAMES: &[&str] = &["路过的小猫", "爱喝咖啡的阿杰", "周末去哪儿", "momo", "一颗柠檬"];

#[derive(Debug, Default, Serialize)]
pub struct TickReport {
    pub now: String,
    pub reviews_approved: u32,
    pub reviews_rejected: u32,
    pub metrics_written: u32,
    pub comments: u32,
    pub invitations_expired: u32,
    pub unbinds_processed: u32,
    pub auto_consents: u32,
}

/// One step of the platform's life, in one transaction.
pub fn tick(sim: &Sim, days: u32) -> SimResult<TickReport> {
    sim.with_db(|conn| {
        let tx = conn.transaction()?;
        if days > 0 {
            let offset: i64 = sim_state(&tx, "clock_offset_secs")?
                .and_then(|v| v.parse().ok())
                .unwrap_or(0);
            set_sim_state(
                &tx,
                "clock_offset_secs",
                &(offset + i64::from(days) * 86_400).to_string(),
            )?;
        }
        let now = sim.now(&tx)?;
        let mut rng = rand::thread_rng();
        let mut report = TickReport {
            now: ts(now),
            ..TickReport::default()
        };
        finish_reviews(&tx, now, &mut rng, &mut report)?;
        accrue_metrics(&tx, now, &mut rng, &mut report)?;
        expire_invitations(&tx, now, &mut report)?;
        process_unbind_requests(&tx, now, &mut report)?;
        if sim_state(&tx, "auto_consent")?.as_deref() == Some("1") {
            auto_consent(&tx, now, &mut report)?;
        }
        tx.commit()?;
        Ok(report)
    })
}

/// Runs [`tick`] every `every` until the task is aborted.
pub(crate) async fn run_every(sim: Arc<Sim>, every: Duration) {
    let mut ticker = tokio::time::interval(every);
    ticker.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Skip);
    ticker.tick().await;
    loop {
        ticker.tick().await;
        if let Err(e) = tick(&sim, 0) {
            tracing::warn!(error = %e, "simulator tick failed");
        }
    }
}

fn ids(conn: &Connection, sql: &str, params: impl Params) -> SimResult<Vec<(String, String)>> {
    Ok(conn
        .prepare_cached(sql)?
        .query_map(params, |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<Result<Vec<_>, _>>()?)
}

fn finish_reviews(conn: &Connection, now: DateTime<Utc>, rng: &mut impl Rng, report: &mut TickReport) -> SimResult<()> {
    let pending = ids(
        conn,
        "SELECT id, merchant_id FROM work WHERE review_status = ?1 AND deleted = 0 AND published_at <= ?2",
        params![ReviewStatus::Pending, ts(now)],
    )?;
    for (id, merchant_id) in pending {
        if rng.gen_bool(0.85) {
            let inclusion = if rng.gen_bool(0.6) {
                InclusionStatus::Included
            } else {
                InclusionStatus::NotIncluded
            };
            conn.prepare_cached(
                "UPDATE work SET review_status = ?1, review_reason = NULL, inclusion_status = ?2, updated_at = ?3 WHERE id = ?4",
            )?
            .execute(params![ReviewStatus::Approved, inclusion, ts(now), id])?;
            report.reviews_approved += 1;
        } else {
            let reason = REJECT_REASONS[rng.gen_range(0..REJECT_REASONS.len())];
            conn.prepare_cached(
                "UPDATE work SET review_status = ?1, review_reason = ?2, inclusion_status = ?3, updated_at = ?4 WHERE id = ?5",
            )?
            .execute(params![
                ReviewStatus::Rejected,
                reason,
                InclusionStatus::NotIncluded,
                ts(now),
                id
            ])?;
            report.reviews_rejected += 1;
        }
        touch(conn, &merchant_id, "work", &id)?;
    }
    Ok(())
}

/// Today's numbers grow for every visible approved work; some works get a fan comment.
fn accrue_metrics(conn: &Connection, now: DateTime<Utc>, rng: &mut impl Rng, report: &mut TickReport) -> SimResult<()> {
    let date = now.date_naive().format("%Y-%m-%d").to_string();
    let visible = ids(
        conn,
        "SELECT id, merchant_id FROM work WHERE review_status = ?1 AND deleted = 0 AND privacy = ?2 \
         AND published_at <= ?3",
        params![ReviewStatus::Approved, Privacy::Public, ts(now)],
    )?;
    for (id, merchant_id) in visible {
        let exposure: i64 = rng.gen_range(20..400);
        let views = exposure * rng.gen_range(8..25) / 100;
        let interactions = views * rng.gen_range(3..12) / 100;
        let traffic = views * rng.gen_range(2..9) / 100;
        let orders = traffic * rng.gen_range(0..15) / 100;
        let amount = orders * rng.gen_range(1_900..29_900);
        conn.prepare_cached(
            "INSERT INTO work_metric (work_id, date, exposure, views, interactions, shop_traffic, orders, amount_cents) \
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) ON CONFLICT (work_id, date) DO UPDATE SET \
             exposure = exposure + excluded.exposure, views = views + excluded.views, \
             interactions = interactions + excluded.interactions, shop_traffic = shop_traffic + excluded.shop_traffic, \
             orders = orders + excluded.orders, amount_cents = amount_cents + excluded.amount_cents",
        )?
        .execute(params![id, date, exposure, views, interactions, traffic, orders, amount])?;
        touch(conn, &merchant_id, "work_metric", &metric_entity_id(&id, &date))?;
        report.metrics_written += 1;
        if rng.gen_bool(0.05) {
            let comment_id = new_id("c");
            conn.prepare_cached(
                "INSERT INTO comment (id, work_id, parent_id, author_name, author_account_id, text, like_count, created_at) \
                 VALUES (?1, ?2, NULL, ?3, NULL, ?4, 0, ?5)",
            )?
            .execute(params![
                comment_id,
                id,
                FAN_NAMES[rng.gen_range(0..FAN_NAMES.len())],
                FAN_COMMENTS[rng.gen_range(0..FAN_COMMENTS.len())],
                ts(now)
            ])?;
            conn.prepare_cached("UPDATE work SET comment_count = comment_count + 1, updated_at = ?1 WHERE id = ?2")?
                .execute(params![ts(now), id])?;
            touch(conn, &merchant_id, "comment", &comment_id)?;
            touch(conn, &merchant_id, "work", &id)?;
            report.comments += 1;
        }
    }
    Ok(())
}

fn expire_invitations(conn: &Connection, now: DateTime<Utc>, report: &mut TickReport) -> SimResult<()> {
    let expired = ids(
        conn,
        "SELECT id, merchant_id FROM invitation WHERE state = ?1 AND expires_at < ?2",
        params![InvitationState::Pending, ts(now)],
    )?;
    for (id, _) in expired {
        set_invitation_state(conn, &id, InvitationState::Expired, now)?;
        report.invitations_expired += 1;
    }
    Ok(())
}

fn process_unbind_requests(conn: &Connection, now: DateTime<Utc>, report: &mut TickReport) -> SimResult<()> {
    let requested = ids(
        conn,
        "SELECT account_id, created_at FROM unbind_request WHERE created_at <= ?1",
        [ts(now)],
    )?;
    for (account_id, _) in requested {
        unbind(conn, &account_id, now)?;
        report.unbinds_processed += 1;
    }
    Ok(())
}

fn auto_consent(conn: &Connection, now: DateTime<Utc>, report: &mut TickReport) -> SimResult<()> {
    for (id, _) in ids(
        conn,
        "SELECT id, merchant_id FROM invitation WHERE state = ?1",
        [InvitationState::Pending],
    )? {
        // An invitation to an account bound elsewhere in the meantime stays pending.
        if accept_invitation(conn, &id, now).is_ok() {
            report.auto_consents += 1;
        }
    }
    for (id, _) in ids(
        conn,
        "SELECT id, account_id FROM grant_request WHERE state = ?1",
        [GrantRequestState::Pending],
    )? {
        answer_grant_request(conn, &id, true, now)?;
        report.auto_consents += 1;
    }
    Ok(())
}
