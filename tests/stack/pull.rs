use std::collections::BTreeMap;

use mdesk_core::sync::pull;
use mdesk_core::PlatformClient;
use mdesk_ipc::ErrorCode;

use crate::Fixture;

#[tokio::test]
async fn pull_fills_the_accounts_screen_with_exactly_the_platform_matrix() {
    let f = Fixture::new(42, 3600).await;
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
    let f = Fixture::new(5, 3600).await;
    let session = f.sign_in("demo", "demo123").await.unwrap();
    let client = PlatformClient::new(&f.sim.url()).unwrap();
    let newest = |store: &mdesk_core::Store| -> Vec<String> {
        let q = mdesk_ipc::WorksQuery {
            limit: 50,
            ..mdesk_ipc::WorksQuery::default()
        };
        mdesk_core::works::list(store, &q).unwrap().rows.into_iter().map(|w| w.id).collect()
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
    assert_eq!(accounts, f.platform_accounts("demo", "demo123").await.len(), "every account");
    assert_eq!(page, newest(&f.store), "the newest 50 works, as after the whole feed");
}
