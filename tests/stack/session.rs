use mdesk_core::CoreError;
use mdesk_ipc::ErrorCode;

use crate::Fixture;

#[tokio::test]
async fn wrong_password_is_refused_in_plain_terms_and_stores_nothing() {
    let f = Fixture::new(1, 3600).await;
    let err = f
        .sign_in("demo", "wrong")
        .await
        .expect_err("a wrong password must not sign in");
    // The UI translates by code; "unauthorized" reads "wrong username or password".
    assert_eq!(err.code(), ErrorCode::Unauthorized);
    assert!(
        mdesk_core::session::current(&f.store).unwrap().is_none(),
        "no session may be recorded"
    );
}

#[tokio::test]
async fn tokens_go_to_the_secret_store_not_the_database() {
    let f = Fixture::new(1, 3600).await;
    let session = f.sign_in("demo", "demo123").await.unwrap();
    assert!(
        mdesk_core::session::has_tokens(f.secrets.as_ref(), &session).unwrap(),
        "tokens must be in the keychain"
    );
    let leaked: i64 = f
        .store
        .read(|c| {
            Ok(c.query_row(
            "SELECT COUNT(*) FROM sync_state WHERE value LIKE 'at\\_%' ESCAPE '\\' OR value LIKE 'rt\\_%' ESCAPE '\\'",
            [],
            |r| r.get(0),
        )?)
        })
        .unwrap();
    assert_eq!(leaked, 0, "no token may be written to SQLite");
}

#[tokio::test]
async fn an_expired_access_token_is_refreshed_transparently() {
    // Access tokens live 1 s here; the pull after they lapse must refresh, not fail.
    let f = Fixture::new(1, 1).await;
    let session = f.sign_in("demo", "demo123").await.unwrap();
    tokio::time::sleep(std::time::Duration::from_millis(1500)).await;
    let client = mdesk_core::PlatformClient::new(&f.sim.url()).unwrap();
    let report = mdesk_core::sync::pull(&f.store, &client, f.secrets.as_ref(), &session, |_| {}).await;
    assert!(report.is_ok(), "pull after expiry must succeed via refresh: {report:?}");
}

#[tokio::test]
async fn a_stopped_platform_reads_as_offline_not_as_a_failure() {
    let f = Fixture::new(1, 3600).await;
    let session = f.sign_in("demo", "demo123").await.unwrap();
    let crate::Fixture {
        sim, store, secrets, ..
    } = f;
    let url = sim.url();
    std::sync::Arc::try_unwrap(sim)
        .ok()
        .expect("the simulator is not shared")
        .stop()
        .await;
    let client = mdesk_core::PlatformClient::new(&url).unwrap();
    let err = mdesk_core::sync::pull(&store, &client, secrets.as_ref(), &session, |_| {})
        .await
        .expect_err("nothing answers");
    assert!(matches!(err, CoreError::Offline(_)), "expected Offline, got {err:?}");
    assert!(
        err.is_transient(),
        "offline is retried later, never a permanent failure"
    );
}
