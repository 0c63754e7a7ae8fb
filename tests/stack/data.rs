//! The data side against the simulator: the dashboard equals the platform's totals for a
//! period, the works rollup stays exact through ticks, covers are cached for offline reading,
//! and review results and new comments become notices only after the first download.

use mdesk_core::sync::{pull, sync_once};
use mdesk_core::PlatformClient;
use mdesk_ipc::{DashboardQuery, Metric, Period, WorksQuery};
use serde_json::{json, Value};

use crate::outbox::admin;
use crate::Fixture;

/// The platform's totals of the demo merchant over `from..=to`.
async fn platform_totals(f: &Fixture, from: &str, to: &str) -> Value {
    let all: Value = reqwest::get(format!("{}/sim/admin/totals?from={from}&to={to}", f.sim.url()))
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    all.as_array()
        .unwrap()
        .iter()
        .find(|m| m["merchant_id"] == "m-demo")
        .cloned()
        .unwrap()
}

fn assert_same(board: &mdesk_ipc::Metrics, platform: &Value, what: &str) {
    let ours = [
        ("exposure", board.exposure),
        ("views", board.views),
        ("interactions", board.interactions),
        ("shop_traffic", board.shop_traffic),
        ("orders", board.orders),
        ("amount_cents", board.amount_cents),
    ];
    for (key, value) in ours {
        assert_eq!(Some(value), platform[key].as_i64(), "{what}: {key}");
    }
}

#[tokio::test]
async fn dashboard_and_works_numbers_equal_the_platform_through_ticks() {
    let f = Fixture::new(11, 3600).await;
    let session = f.sign_in("demo", "demo123").await.unwrap();
    let client = PlatformClient::new(&f.sim.url()).unwrap();
    pull(&f.store, &client, f.secrets.as_ref(), &session, |_| {})
        .await
        .unwrap();
    for round in 0..2 {
        for days in [7, 30] {
            let board = mdesk_core::dashboard::dashboard(
                &f.store,
                &DashboardQuery {
                    period: Period::Last { days },
                    ..DashboardQuery::default()
                },
            )
            .unwrap();
            let platform = platform_totals(&f, &board.period.from, &board.period.to).await;
            assert_same(&board.totals, &platform, &format!("round {round}, {days} days"));
            let mut leaders = mdesk_ipc::Metrics::default();
            board.leaderboard.iter().for_each(|r| leaders.add(&r.metrics));
            assert_eq!(leaders, board.totals, "the leaderboard adds up to the totals");
            let previous = platform_totals(&f, &board.previous.from, &board.previous.to).await;
            assert_same(&board.previous_totals, &previous, "the previous period");
            // The works rollup answers the same as summing the daily rows.
            let rolled = mdesk_core::works::list(
                &f.store,
                &WorksQuery {
                    sort: Some(Metric::Amount),
                    period: Period::Last { days },
                    limit: 20,
                    ..WorksQuery::default()
                },
            )
            .unwrap();
            // Against a plain sum over the daily rows, which never reads the rollup: the same
            // works, in the same order, with the same six numbers.
            let (from, to) = (board.period.from.clone(), board.period.to.clone());
            let summed: Vec<(String, [i64; 6])> = f
                .store
                .read(|c| {
                    // Every live work, with no numbers yet counting as zeros (a work an owner
                    // just posted from the phone is in the list before its first day's numbers).
                    let mut stmt = c.prepare(
                        "SELECT w.id, COALESCE(SUM(m.exposure), 0), COALESCE(SUM(m.views), 0), \
                         COALESCE(SUM(m.interactions), 0), COALESCE(SUM(m.shop_traffic), 0), \
                         COALESCE(SUM(m.orders), 0), COALESCE(SUM(m.amount_cents), 0) FROM work w \
                         LEFT JOIN work_metric_daily m ON m.work_id = w.id AND m.date >= ?1 AND m.date <= ?2 \
                         WHERE w.deleted = 0 \
                         GROUP BY w.id ORDER BY COALESCE(SUM(m.amount_cents), 0) DESC, w.id DESC LIMIT 20",
                    )?;
                    let rows = stmt
                        .query_map([&from, &to], |r| {
                            Ok((
                                r.get(0)?,
                                [r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?, r.get(6)?],
                            ))
                        })?
                        .collect::<Result<Vec<_>, _>>()?;
                    Ok(rows)
                })
                .unwrap();
            let rolled: Vec<(String, [i64; 6])> = rolled
                .rows
                .iter()
                .map(|w| {
                    let m = &w.metrics;
                    (
                        w.id.clone(),
                        [
                            m.exposure,
                            m.views,
                            m.interactions,
                            m.shop_traffic,
                            m.orders,
                            m.amount_cents,
                        ],
                    )
                })
                .collect();
            assert_eq!(rolled, summed, "round {round}, {days} days");
            assert!(
                f.store
                    .read(mdesk_core::store::rollup::fresh_through)
                    .unwrap()
                    .is_some(),
                "the rollup is up to date after a pull"
            );
        }
        // A day passes on the platform: new metrics, reviews finish, fans comment.
        admin(&f, reqwest::Method::POST, "/sim/admin/tick", json!({"days": 1})).await;
        pull(&f.store, &client, f.secrets.as_ref(), &session, |_| {})
            .await
            .unwrap();
    }
}

#[tokio::test]
async fn covers_are_cached_and_shown_offline() {
    let f = Fixture::new(12, 3600).await;
    let session = f.sign_in("demo", "demo123").await.unwrap();
    let client = PlatformClient::new(&f.sim.url()).unwrap();
    sync_once(
        &f.store,
        &client,
        f.secrets.as_ref(),
        &session,
        mdesk_core::outbox::Backoff::default(),
        |_| {},
    )
    .await
    .unwrap();
    let page = mdesk_core::works::list(&f.store, &WorksQuery::default()).unwrap();
    assert!(!page.rows.is_empty());
    for w in &page.rows {
        let cover = w.cover.as_deref().unwrap_or_default();
        assert!(cover.starts_with("data:image/png;base64,"), "{} has its cover", w.id);
    }
    // Offline: the platform is gone, the covers are still there.
    drop(client);
    let offline = mdesk_core::works::list(&f.store, &WorksQuery::default()).unwrap();
    assert_eq!(offline.rows, page.rows);
}

#[tokio::test]
async fn review_results_and_new_comments_become_notices_after_the_first_download() {
    let f = Fixture::new(13, 3600).await;
    let session = f.sign_in("demo", "demo123").await.unwrap();
    let client = PlatformClient::new(&f.sim.url()).unwrap();
    pull(&f.store, &client, f.secrets.as_ref(), &session, |_| {})
        .await
        .unwrap();
    let kinds = |f: &Fixture| -> Vec<String> {
        mdesk_core::notices::list(&f.store, 1000)
            .unwrap()
            .into_iter()
            .map(|n| n.kind.as_str().to_owned())
            .collect()
    };
    assert!(
        !kinds(&f).iter().any(|k| k == "new_comment" || k.starts_with("work_")),
        "history is not news"
    );
    let mut comments = 0;
    for _ in 0..3 {
        let report = admin(&f, reqwest::Method::POST, "/sim/admin/tick", json!({"days": 1})).await;
        comments += report["comments"].as_u64().unwrap_or(0);
    }
    pull(&f.store, &client, f.secrets.as_ref(), &session, |_| {})
        .await
        .unwrap();
    let after = kinds(&f);
    let new_comments = after.iter().filter(|k| *k == "new_comment").count() as u64;
    assert!(comments > 0, "the simulator's fans commented");
    assert_eq!(new_comments, comments, "one notice per new fan comment");
}

#[tokio::test]
async fn fans_comments_arrive_unread_and_a_reply_answers_them() {
    let f = Fixture::new(15, 3600).await;
    let session = f.sign_in("demo", "demo123").await.unwrap();
    let client = PlatformClient::new(&f.sim.url()).unwrap();
    pull(&f.store, &client, f.secrets.as_ref(), &session, |_| {})
        .await
        .unwrap();
    assert_eq!(
        mdesk_core::comments::unread(&f.store).unwrap(),
        0,
        "the history of comments is not news"
    );
    for _ in 0..3 {
        admin(&f, reqwest::Method::POST, "/sim/admin/tick", json!({"days": 1})).await;
    }
    pull(&f.store, &client, f.secrets.as_ref(), &session, |_| {})
        .await
        .unwrap();
    let unread = mdesk_core::comments::unread(&f.store).unwrap();
    let notices = mdesk_core::notices::list(&f.store, 1000)
        .unwrap()
        .into_iter()
        .filter(|n| n.kind == mdesk_ipc::NoticeKind::NewComment)
        .count() as u32;
    assert!(unread > 0, "fans commented");
    assert_eq!(unread, notices, "every new fan comment is unread and a notice");

    let waiting = mdesk_core::comments::list(
        &f.store,
        &mdesk_ipc::CommentsQuery {
            unanswered: true,
            unread: true,
            limit: 500,
            ..mdesk_ipc::CommentsQuery::default()
        },
    )
    .unwrap();
    let target = waiting
        .iter()
        .find(|c| c.can_reply)
        .expect("an unanswered comment on an account with the interact permission");
    mdesk_core::settings::set_staff_name(&f.store, "客服小林").unwrap();
    mdesk_core::comments::reply(&f.store, f.secrets.as_ref(), &target.id, "感谢关注,已为您补货", false).unwrap();
    let shown = |f: &Fixture| {
        mdesk_core::comments::list(
            &f.store,
            &mdesk_ipc::CommentsQuery {
                work_id: Some(target.work_id.clone()),
                limit: 500,
                ..mdesk_ipc::CommentsQuery::default()
            },
        )
        .unwrap()
        .into_iter()
        .find(|c| c.id == target.id)
        .unwrap()
    };
    let before = shown(&f);
    assert!(before.reply_pending && !before.answered, "queued, not yet answered");
    crate::outbox::deliver(&f, &session, std::time::Duration::from_secs(30)).await;
    let after = shown(&f);
    assert!(after.answered && !after.reply_pending, "the platform has the answer");
    mdesk_core::comments::mark_read(&f.store, &[]).unwrap();
    assert_eq!(mdesk_core::comments::unread(&f.store).unwrap(), 0);
}
