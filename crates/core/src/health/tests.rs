//! Each health rule on its own, at a fixed now, on the outbox fixture (`a-ok` bound with both
//! grants, a pool of p1, the shop card off; `a-nopub` bound with publish declined and an empty
//! pool; `a-gone` unbound).

use chrono::TimeZone;

use super::*;
use crate::outbox::tests::store as fixture;

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 12, 6, 12, 0, 0).single().expect("a time")
}

fn ago(d: Duration) -> String {
    rfc3339(now() - d)
}

fn sql(store: &Store, sql: &str) {
    store.write(|tx| Ok(tx.execute_batch(sql)?)).expect("sql");
}

/// A healthy fixture to break one rule at a time: both accounts granted and bound 30 days
/// ago, pooled, shop cards on, and a work with views yesterday.
fn healthy() -> Store {
    let store = fixture();
    sql(
        &store,
        &format!(
            "UPDATE matrix_account SET shop_card = 1, bound_at = '{bound}';
             UPDATE account_grant SET state = 'granted', updated_at = '{bound}';
             INSERT INTO pool_entry (account_id, product_id) VALUES ('a-nopub', 'p1');
             UPDATE work SET published_at = '{yesterday}';
             INSERT INTO work_metric_daily (work_id, date, exposure, views, interactions, shop_traffic, orders, amount_cents)
               SELECT id, '2026-12-05', 100, 10, 1, 0, 0, 0 FROM work;",
            bound = ago(Duration::days(30)),
            yesterday = ago(Duration::days(2)),
        ),
    );
    store
}

fn reasons(store: &Store) -> Vec<(String, Vec<(HealthReason, u32)>)> {
    store
        .read(|conn| report_in(conn, now()))
        .expect("report")
        .into_iter()
        .map(|r| (r.account_id, r.findings.iter().map(|f| (f.reason, f.count)).collect()))
        .collect()
}

#[test]
fn a_healthy_matrix_needs_no_attention() {
    assert_eq!(reasons(&healthy()), vec![]);
}

#[test]
fn declined_revoked_and_long_pending_permissions_need_attention() {
    let store = healthy();
    sql(
        &store,
        &format!(
            "UPDATE account_grant SET state = 'declined' WHERE account_id = 'a-ok' AND scope = 'publish';
             UPDATE account_grant SET state = 'revoked' WHERE account_id = 'a-ok' AND scope = 'interact';
             UPDATE account_grant SET state = 'requested', updated_at = '{late}' WHERE account_id = 'a-nopub' AND scope = 'publish';
             UPDATE account_grant SET state = 'requested', updated_at = '{fresh}' WHERE account_id = 'a-nopub' AND scope = 'interact';",
            late = ago(Duration::days(8)),
            fresh = ago(Duration::days(6)),
        ),
    );
    assert_eq!(
        reasons(&store),
        vec![
            (
                "a-ok".into(),
                vec![(HealthReason::GrantDeclined, 0), (HealthReason::GrantRevoked, 0)]
            ),
            ("a-nopub".into(), vec![(HealthReason::GrantPending, 8)]),
        ]
    );
}

#[test]
fn an_unbind_request_needs_attention_and_an_unbound_account_is_gone() {
    let store = healthy();
    sql(
        &store,
        "UPDATE matrix_account SET binding_state = 'unbind_requested' WHERE id = 'a-ok';",
    );
    assert_eq!(
        reasons(&store),
        vec![("a-ok".into(), vec![(HealthReason::UnbindRequested, 0)])]
    );
}

#[test]
fn rejections_of_the_last_seven_days_count() {
    let store = healthy();
    sql(
        &store,
        &format!(
            "INSERT INTO work_status_event (work_id, at, field, value, reason) VALUES
               ('w1', '{recent}', 'review', 'rejected', '含有违规用语'),
               ('w2', '{recent}', 'review', 'rejected', '画面模糊'),
               ('w2', '{recent}', 'review', 'approved', NULL),
               ('w3', '{old}', 'review', 'rejected', '旧的');",
            recent = ago(Duration::days(2)),
            old = ago(Duration::days(8)),
        ),
    );
    let r = reasons(&store);
    assert_eq!(r, vec![("a-ok".into(), vec![(HealthReason::Rejections, 2)])]);
}

#[test]
fn works_without_views_a_day_after_publishing_count() {
    let store = healthy();
    sql(
        &store,
        &format!(
            "DELETE FROM work_metric_daily WHERE work_id IN ('w1', 'w2', 'w3');
             UPDATE work SET published_at = '{fresh}' WHERE id = 'w3';",
            // Published 20 hours ago: too soon to say.
            fresh = ago(Duration::hours(20)),
        ),
    );
    assert_eq!(
        reasons(&store),
        vec![("a-ok".into(), vec![(HealthReason::ZeroViews, 2)])]
    );
}

#[test]
fn an_account_without_a_new_work_for_fourteen_days_is_idle() {
    let store = healthy();
    sql(
        &store,
        &format!(
            "UPDATE work SET published_at = '{old}' WHERE account_id = 'a-nopub';",
            old = ago(Duration::days(15)),
        ),
    );
    assert_eq!(
        reasons(&store),
        vec![("a-nopub".into(), vec![(HealthReason::Idle, 15)])]
    );
    // Bound 10 days ago, nothing published yet: not idle yet.
    sql(
        &store,
        &format!(
            "DELETE FROM work WHERE account_id = 'a-nopub'; UPDATE matrix_account SET bound_at = '{b}' WHERE id = 'a-nopub';",
            b = ago(Duration::days(10))
        ),
    );
    assert_eq!(reasons(&store), vec![]);
}

#[test]
fn an_empty_pool_and_a_shop_card_off_need_attention() {
    let store = healthy();
    sql(
        &store,
        "DELETE FROM pool_entry WHERE account_id = 'a-nopub'; UPDATE matrix_account SET shop_card = 0 WHERE id = 'a-ok';",
    );
    assert_eq!(
        reasons(&store),
        vec![
            ("a-nopub".into(), vec![(HealthReason::EmptyPool, 0)]),
            ("a-ok".into(), vec![(HealthReason::ShopCardOff, 0)]),
        ]
    );
}
