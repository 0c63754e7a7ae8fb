//! The platform's life: reviews finish, topics settle, daily metrics accrue, fans comment and
//! reply, scheduled works are published when their time comes, accounts' owners post now and
//! then, invitations expire, email unbind requests are processed, and (demo) consent is automatic.
//!
//! `POST /sim/admin/tick {days}` runs it once, advancing the clock by `days`; a simulator
//! started with `tick_every` runs it on its own with `days = 0`.

use std::sync::Arc;
use std::time::Duration;

use chrono::{DateTime, Utc};
use mdesk_platform_api::{
    BindingState, InclusionStatus, InvitationState, Privacy, ReviewStatus, TopicStatus, WorkKind,
};
use rand::Rng;
use rusqlite::{params, Connection, Params};
use serde::Serialize;

use crate::cover::drawn_cover_url;
use crate::db::{metric_entity_id, new_id, set_sim_state, sim_state, touch, ts};
use crate::error::SimResult;
use crate::fans::{FAN_COMMENTS, FAN_NAMES, FAN_REPLIES};
use crate::seed::TOPICS;
use crate::server::Sim;
use crate::transitions::{accept_invitation, answer_grant_request, set_invitation_state, unbind, GrantRequestState};
use crate::vocabulary::writer;

const REJECT_REASONS: &[&str] = &[
    "封面含有二维码",
    "标题含有绝对化用语",
    "画面模糊,请重新上传",
    "含有站外引流信息",
];
/// Chance per tick that one bound account's owner posts a work from their phone, so the
/// demo keeps having reviews (and topics) to finish.
const OWNER_POST_CHANCE: f64 = 0.15;
/// Chance that a fan's comment answers an earlier comment on the work instead of the work.
const FAN_REPLY_CHANCE: f64 = 0.35;

#[derive(Debug, Default, Serialize)]
pub struct TickReport {
    pub now: String,
    pub reviews_approved: u32,
    pub reviews_rejected: u32,
    pub topics_joined: u32,
    pub topics_not_joined: u32,
    pub metrics_written: u32,
    /// Works held for a later time that this tick published: their time came.
    pub scheduled_released: u32,
    /// Fans' comments, replies included.
    pub comments: u32,
    /// Of those, replies to an earlier comment.
    pub replies: u32,
    pub owner_posts: u32,
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
        // Topics settle before reviews finish: a work approved now has its topic decided on
        // a later tick, as the topic's own review follows the work's.
        settle_topics(&tx, now, &mut rng, &mut report)?;
        finish_reviews(&tx, now, &mut rng, &mut report)?;
        accrue_metrics(&tx, now, &mut rng, &mut report)?;
        // After reviews and metrics: a work released now is reviewed on a later tick, as any
        // work is after it is published.
        release_scheduled(&tx, now, &mut report)?;
        owners_post(&tx, now, &mut rng, &mut report)?;
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

/// Publishes every held work whose time has come, at the time it was scheduled for.
fn release_scheduled(conn: &Connection, now: DateTime<Utc>, report: &mut TickReport) -> SimResult<()> {
    let due = ids(
        conn,
        "SELECT id, merchant_id FROM work WHERE published_at IS NULL AND scheduled_at <= ?1 AND deleted = 0",
        [ts(now)],
    )?;
    for (id, merchant_id) in due {
        conn.prepare_cached("UPDATE work SET published_at = scheduled_at, updated_at = ?1 WHERE id = ?2")?
            .execute(params![ts(now), id])?;
        touch(conn, &merchant_id, "work", &id)?;
        report.scheduled_released += 1;
    }
    Ok(())
}

/// Reviews works in review. A held work (`published_at` NULL) never matches `published_at <= now`.
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
            // A rejected work takes part in no topic (an edit puts it back in review).
            conn.prepare_cached(
                "UPDATE work SET review_status = ?1, review_reason = ?2, inclusion_status = ?3, updated_at = ?4, \
                 topic_status = CASE WHEN topic IS NULL THEN NULL ELSE ?5 END WHERE id = ?6",
            )?
            .execute(params![
                ReviewStatus::Rejected,
                reason,
                InclusionStatus::NotIncluded,
                ts(now),
                TopicStatus::NotJoined,
                id
            ])?;
            report.reviews_rejected += 1;
        }
        touch(conn, &merchant_id, "work", &id)?;
    }
    Ok(())
}

/// The topic review of approved works: most join their topic, some are not taken in.
fn settle_topics(conn: &Connection, now: DateTime<Utc>, rng: &mut impl Rng, report: &mut TickReport) -> SimResult<()> {
    let waiting = ids(
        conn,
        "SELECT id, merchant_id FROM work WHERE topic_status = ?1 AND review_status = ?2 AND deleted = 0",
        params![TopicStatus::Pending, ReviewStatus::Approved],
    )?;
    for (id, merchant_id) in waiting {
        let status = if rng.gen_bool(0.85) {
            report.topics_joined += 1;
            TopicStatus::Joined
        } else {
            report.topics_not_joined += 1;
            TopicStatus::NotJoined
        };
        conn.prepare_cached("UPDATE work SET topic_status = ?1, updated_at = ?2 WHERE id = ?3")?
            .execute(params![status, ts(now), id])?;
        touch(conn, &merchant_id, "work", &id)?;
    }
    Ok(())
}

/// Today's numbers grow for every visible approved work; some works get a fan comment,
/// which now and then answers an earlier comment (often the account's own reply). Only
/// published works are visible: a held one (`published_at` NULL) never matches.
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
            let parent = if rng.gen_bool(FAN_REPLY_CHANCE) {
                earlier_comment(conn, &id, rng)?
            } else {
                None
            };
            let text = if parent.is_some() {
                report.replies += 1;
                FAN_REPLIES[rng.gen_range(0..FAN_REPLIES.len())]
            } else {
                FAN_COMMENTS[rng.gen_range(0..FAN_COMMENTS.len())]
            };
            conn.prepare_cached(
                "INSERT INTO comment (id, work_id, parent_id, author_name, author_account_id, text, like_count, created_at) \
                 VALUES (?1, ?2, ?3, ?4, NULL, ?5, 0, ?6)",
            )?
            .execute(params![
                comment_id,
                id,
                parent,
                FAN_NAMES[rng.gen_range(0..FAN_NAMES.len())],
                text,
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

/// One of the work's latest comments for a fan to answer, the account's own replies first.
fn earlier_comment(conn: &Connection, work_id: &str, rng: &mut impl Rng) -> SimResult<Option<String>> {
    let recent = conn
        .prepare_cached(
            "SELECT id FROM comment WHERE work_id = ?1 \
             ORDER BY author_account_id IS NULL, created_at DESC, id DESC LIMIT 3",
        )?
        .query_map([work_id], |r| r.get::<_, String>(0))?
        .collect::<Result<Vec<_>, _>>()?;
    if recent.is_empty() {
        return Ok(None);
    }
    Ok(Some(recent[rng.gen_range(0..recent.len())].clone()))
}

/// Now and then the owner of a bound account posts a work from their phone: it shows up in
/// the merchant's feed in review (its topic too), and a later tick reviews it.
fn owners_post(conn: &Connection, now: DateTime<Utc>, rng: &mut impl Rng, report: &mut TickReport) -> SimResult<()> {
    if !rng.gen_bool(OWNER_POST_CHANCE) {
        return Ok(());
    }
    let bound = ids(
        conn,
        "SELECT id, merchant_id FROM account WHERE binding_state = ?1 ORDER BY id",
        [BindingState::Bound],
    )?;
    if bound.is_empty() {
        return Ok(());
    }
    let (account_id, merchant_id) = &bound[rng.gen_range(0..bound.len())];
    let id = new_id("w");
    let title = writer().title(rng);
    let topic = rng.gen_bool(0.5).then(|| TOPICS[rng.gen_range(0..TOPICS.len())]);
    let kind = if rng.gen_bool(0.6) {
        WorkKind::Video
    } else {
        WorkKind::ImageText
    };
    conn.prepare_cached(
        "INSERT INTO work (id, account_id, merchant_id, kind, title, text, cover_url, product_ids, privacy, pinned, \
         review_status, review_reason, inclusion_status, topic, scheduled_at, published_at, deleted, like_count, \
         comment_count, updated_at, topic_status) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, '[]', ?8, 0, ?9, NULL, ?10, ?11, NULL, ?12, 0, 0, 0, ?12, ?13)",
    )?
    .execute(params![
        id,
        account_id,
        merchant_id,
        kind,
        title,
        writer().text(rng),
        drawn_cover_url(&id),
        Privacy::Public,
        ReviewStatus::Pending,
        InclusionStatus::NotIncluded,
        topic,
        ts(now),
        topic.map(|_| TopicStatus::Pending)
    ])?;
    touch(conn, merchant_id, "work", &id)?;
    report.owner_posts += 1;
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
