use std::collections::BTreeMap;

use mdesk_core::sync::pull;
use mdesk_core::PlatformClient;
use mdesk_ipc::ErrorCode;

use crate::Fixture;

/// A platform without the snapshot (from before it): the first download reads the feed.
fn without_snapshot(seed_value: u64) -> platform_sim::SimConfig {
    platform_sim::SimConfig {
        seed: platform_sim::Seed::Demo,
        seed_value,
        snapshot: false,
        ..platform_sim::SimConfig::default()
    }
}

#[tokio::test]
async fn pull_fills_the_accounts_screen_with_exactly_the_platform_matrix() {
    let f = Fixture::with_config(without_snapshot(42)).await;
    let session = f.sign_in("demo", "demo123").await.unwrap();
    let client = PlatformClient::new(&f.sim.url()).unwrap();
    let mut progress = Vec::new();
    let report = pull(&f.store, &client, f.secrets.as_ref(), &session, |p| progress.push(p))
        .await
        .unwrap();
    assert!(
        report.pages > 1,
        "the demo feed spans several pages, so paging is exercised"
    );
    let last = progress.last().copied().expect("progress is reported");
    assert_eq!(last.done, last.total, "progress ends at 100%");

    let local = mdesk_core::accounts::list(&f.store).unwrap();
    let platform = f.platform_accounts("demo", "demo123").await;
    let local: BTreeMap<_, _> = local.into_iter().map(|a| (a.guangguang_id.clone(), a)).collect();
    assert_eq!(
        local.len(),
        platform.len(),
        "every platform account, and no other, is listed"
    );
    for p in &platform {
        let l = &local[&p.guangguang_id];
        assert_eq!(l.nickname, p.nickname);
        assert_eq!(l.tag, p.tag);
        assert_eq!(l.binding_state, p.binding_state);
        assert_eq!(
            l.publish, p.grants.publish.state,
            "publish grant of {}",
            p.guangguang_id
        );
        assert_eq!(
            l.interact, p.grants.interact.state,
            "interact grant of {}",
            p.guangguang_id
        );
        assert_eq!(l.pool_size as usize, p.product_pool.len());
    }
}

#[tokio::test]
async fn a_second_pull_is_incremental_and_metrics_roll_up_exactly() {
    let f = Fixture::new(3, 3600).await;
    let session = f.sign_in("demo", "demo123").await.unwrap();
    let client = PlatformClient::new(&f.sim.url()).unwrap();
    pull(&f.store, &client, f.secrets.as_ref(), &session, |_| {})
        .await
        .unwrap();
    let again = pull(&f.store, &client, f.secrets.as_ref(), &session, |_| {})
        .await
        .unwrap();
    assert_eq!(again.changes, 0, "nothing changed, so nothing is transferred again");

    let totals: serde_json::Value = reqwest::get(format!("{}/sim/admin/totals", f.sim.url()))
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let demo = totals
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["merchant_id"] == "m-demo")
        .unwrap()
        .clone();
    let (exposure, amount): (i64, i64) = f
        .store
        .read(|c| {
            Ok(c.query_row(
                "SELECT SUM(exposure), SUM(amount_cents) FROM account_metric_daily",
                [],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )?)
        })
        .unwrap();
    // The dashboard reads the rollup; it must equal the platform's ground truth to the cent.
    assert_eq!(exposure, demo["exposure"].as_i64().unwrap());
    assert_eq!(amount, demo["amount_cents"].as_i64().unwrap());
}

#[tokio::test]
async fn a_merchant_off_the_whitelist_gets_the_whitelist_verdict() {
    let f = Fixture::new(1, 3600).await;
    let session = f.sign_in("nowl", "nowl123").await.expect("sign-in itself is allowed");
    let client = PlatformClient::new(&f.sim.url()).unwrap();
    let err = pull(&f.store, &client, f.secrets.as_ref(), &session, |_| {})
        .await
        .expect_err("feed is whitelist-only");
    assert_eq!(
        err.code(),
        ErrorCode::NotWhitelisted,
        "the app shows the whitelist screen on this code"
    );
    let whitelisted: bool = f
        .store
        .read(|c| {
            Ok(c.query_row(
                "SELECT whitelisted FROM merchant WHERE id = ?1",
                [&session.merchant_id],
                |r| r.get(0),
            )?)
        })
        .unwrap();
    assert!(
        !whitelisted,
        "the merchant row records the verdict for an offline start"
    );
}

#[tokio::test]
async fn after_another_merchant_signs_in_only_its_data_shows() {
    // One desktop, two merchants in turn: nothing of the first may show under the second.
    let f = Fixture::new(5, 3600).await;
    let client = PlatformClient::new(&f.sim.url()).unwrap();
    let demo = f.sign_in("demo", "demo123").await.unwrap();
    pull(&f.store, &client, f.secrets.as_ref(), &demo, |_| {})
        .await
        .unwrap();
    let filter = mdesk_ipc::WorksQuery::default();
    assert!(
        !mdesk_core::works::list(&f.store, &filter).unwrap().rows.is_empty(),
        "the demo merchant has works"
    );
    assert!(
        !mdesk_core::pool::products(&f.store).unwrap().is_empty(),
        "and products"
    );
    let search = mdesk_ipc::WorksQuery {
        search: "的".into(),
        ..mdesk_ipc::WorksQuery::default()
    };
    let demo_hits = mdesk_core::works::count(&f.store, &search).unwrap();

    let rival = f.sign_in("rival", "rival123").await.unwrap();
    pull(&f.store, &client, f.secrets.as_ref(), &rival, |_| {})
        .await
        .unwrap();
    let accounts = mdesk_core::accounts::list(&f.store).unwrap();
    let platform = f.platform_accounts("rival", "rival123").await;
    assert_eq!(accounts.len(), platform.len(), "exactly the rival's accounts");
    let works = mdesk_core::works::list(&f.store, &filter).unwrap().rows;
    assert!(
        works.iter().all(|w| accounts.iter().any(|a| a.id == w.account_id)),
        "every work listed belongs to one of the rival's accounts"
    );
    assert!(
        mdesk_core::pool::products(&f.store).unwrap().is_empty(),
        "the demo shop's products are not the rival's"
    );
    assert!(
        demo_hits == 0 || mdesk_core::works::list(&f.store, &search).unwrap().rows.is_empty(),
        "a search finds none of the demo merchant's works"
    );
}

/// The demo feed interleaves each work with its numbers and comments, so the newest works are
/// spread over every page. A new desk still shows the Accounts screen and the newest works
/// before the first page of the feed is in (`GET /v1/works?order=newest`).
#[tokio::test]
async fn a_new_desk_shows_its_accounts_and_newest_works_before_the_feed_is_in() {
    let f = Fixture::with_config(without_snapshot(5)).await;
    let session = f.sign_in("demo", "demo123").await.unwrap();
    let client = PlatformClient::new(&f.sim.url()).unwrap();
    let newest = |store: &mdesk_core::Store| -> Vec<String> {
        let q = mdesk_ipc::WorksQuery {
            limit: 50,
            ..mdesk_ipc::WorksQuery::default()
        };
        mdesk_core::works::list(store, &q)
            .unwrap()
            .rows
            .into_iter()
            .map(|w| w.id)
            .collect()
    };
    let mut at_first_page = None;
    let report = pull(&f.store, &client, f.secrets.as_ref(), &session, |_| {
        if at_first_page.is_none() {
            let accounts = mdesk_core::accounts::list(&f.store).unwrap().len();
            at_first_page = Some((accounts, newest(&f.store)));
        }
    })
    .await
    .unwrap();
    assert!(report.pages > 2, "the feed spans pages: {report:?}");
    let (accounts, page) = at_first_page.expect("progress after the first page");
    assert_eq!(
        accounts,
        f.platform_accounts("demo", "demo123").await.len(),
        "every account"
    );
    assert_eq!(page, newest(&f.store), "the newest 50 works, as after the whole feed");
}

/// Everything of the merchant a desk holds, as comparable text: accounts, works, daily numbers,
/// comments, invitations, products.
fn holdings(store: &mdesk_core::Store) -> Vec<String> {
    store
        .read(|c| {
            let mut out = Vec::new();
            for sql in [
                "SELECT id, guangguang_id, nickname, tag, binding_state, shop_card FROM matrix_account ORDER BY id",
                "SELECT id, account_id, title, text, privacy, pinned, review_status, like_count, comment_count, liked_by \
                 FROM work ORDER BY id",
                "SELECT work_id, date, exposure, views, interactions, shop_traffic, orders, amount_cents \
                 FROM work_metric_daily ORDER BY work_id, date",
                "SELECT account_id, date, exposure, views, amount_cents FROM account_metric_daily ORDER BY account_id, date",
                "SELECT id, work_id, parent_id, author_name, text, like_count, liked_by FROM comment ORDER BY id",
                "SELECT id, state FROM invitation ORDER BY id",
                "SELECT id, title FROM product ORDER BY id",
            ] {
                let mut stmt = c.prepare(sql)?;
                let n = stmt.column_count();
                let rows = stmt.query_map([], |r| {
                    (0..n)
                        .map(|i| r.get::<_, rusqlite::types::Value>(i).map(|v| format!("{v:?}")))
                        .collect::<Result<Vec<_>, _>>()
                        .map(|v| v.join("|"))
                })?;
                for row in rows {
                    out.push(row?);
                }
            }
            Ok(out)
        })
        .unwrap()
}

/// The same platform read by snapshot and by the feed alone gives the same desk, and after the
/// snapshot the feed brings what changed since its `seq`.
#[tokio::test]
async fn a_first_download_by_snapshot_equals_one_by_the_feed() {
    let by_snapshot = Fixture::new(8, 3600).await;
    let by_feed = Fixture::with_config(without_snapshot(8)).await;
    let mut sizes = Vec::new();
    for f in [&by_snapshot, &by_feed] {
        let session = f.sign_in("demo", "demo123").await.unwrap();
        let client = PlatformClient::new(&f.sim.url()).unwrap();
        let report = pull(&f.store, &client, f.secrets.as_ref(), &session, |_| {})
            .await
            .unwrap();
        sizes.push(report.changes);
    }
    assert!(
        sizes[0] < 50,
        "by snapshot, the feed brings only what came after it: {sizes:?}"
    );
    assert!(sizes[1] > 1_000, "by the feed, everything: {sizes:?}");
    let (a, b) = (holdings(&by_snapshot.store), holdings(&by_feed.store));
    assert!(a.len() > 3_000, "a whole demo matrix: {}", a.len());
    assert_eq!(a.len(), b.len());
    let differ: Vec<(&String, &String)> = a.iter().zip(&b).filter(|(x, y)| x != y).take(5).collect();
    assert!(differ.is_empty(), "{differ:#?}");
    // The dashboard's rollups were built after the snapshot too.
    assert!(by_snapshot
        .store
        .read(mdesk_core::store::rollup::fresh_through)
        .unwrap()
        .is_some());
}

/// A first download by snapshot stopped after two pages (the desk closed) resumes at the stored
/// cursor, and ends with exactly the desk an uninterrupted download gives.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_snapshot_stopped_midway_resumes_where_it_was() {
    let f = Fixture::with_config(platform_sim::SimConfig {
        seed: platform_sim::Seed::M,
        ..platform_sim::SimConfig::default()
    })
    .await;
    let session = f.sign_in("demo", "demo123").await.unwrap();
    let client = PlatformClient::new(&f.sim.url()).unwrap();
    let stop = tokio::sync::Notify::new();
    let mut pages = 0;
    tokio::select! {
        done = pull(&f.store, &client, f.secrets.as_ref(), &session, |_| {
            pages += 1;
            if pages == 2 {
                stop.notify_one();
            }
        }) => panic!("the download ended before it was stopped: {done:?}"),
        _ = stop.notified() => {}
    }
    let resume_at = f.store.read(mdesk_core::store::kv::snapshot_cursor).unwrap();
    assert!(resume_at.is_some(), "stopped inside the snapshot");
    assert_eq!(
        f.store.read(mdesk_core::store::kv::cursor).unwrap(),
        0,
        "the feed not begun"
    );
    let works = |s: &mdesk_core::Store| -> i64 {
        s.read(|c| Ok(c.query_row("SELECT COUNT(*) FROM work", [], |r| r.get(0))?))
            .unwrap()
    };
    let halfway = works(&f.store);
    assert!((1_000..10_000).contains(&halfway), "two pages of works: {halfway}");

    let mut first = None;
    pull(&f.store, &client, f.secrets.as_ref(), &session, |p| {
        first.get_or_insert(p);
    })
    .await
    .unwrap();
    let first = first.expect("progress");
    assert!(
        first.done >= 3_000 && first.total == 10_000,
        "the download went on from the third page: {first:?}"
    );
    assert_eq!(works(&f.store), 10_000);
    assert_eq!(f.store.read(mdesk_core::store::kv::snapshot_cursor).unwrap(), None);

    let whole = Fixture::sharing(&f);
    let session = whole.sign_in("demo", "demo123").await.unwrap();
    pull(&whole.store, &client, whole.secrets.as_ref(), &session, |_| {})
        .await
        .unwrap();
    assert!(
        holdings(&f.store) == holdings(&whole.store),
        "the resumed desk equals a whole download"
    );
}
