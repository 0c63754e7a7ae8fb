//! What the simulator keeps and lets through: no plaintext password in its database, and
//! admin routes closed to anyone without the run's admin token when one is set.

use platform_sim::{RunningSim, SimConfig, ADMIN_TOKEN_HEADER};
use serde_json::json;

#[tokio::test]
async fn passwords_are_stored_hashed_and_still_sign_in() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("platform.db");
    let sim = RunningSim::start(SimConfig {
        db: db.to_string_lossy().into_owned(),
        ..SimConfig::default()
    })
    .await
    .unwrap();
    let conn = rusqlite::Connection::open(&db).unwrap();
    let stored: Vec<String> = conn
        .prepare("SELECT password FROM merchant")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert!(!stored.is_empty());
    for s in &stored {
        assert!(s.starts_with("sha256$") && !s.contains("demo123"), "{s}");
    }
    let http = reqwest::Client::new();
    let sign_in = |pw: &'static str| {
        http.post(format!("{}/oauth/token", sim.url()))
            .json(&json!({"grant_type": "password", "username": "demo", "password": pw}))
            .send()
    };
    assert_eq!(sign_in("demo123").await.unwrap().status(), 200);
    assert_eq!(sign_in("demo124").await.unwrap().status(), 401);
}

#[tokio::test]
async fn a_database_from_before_has_its_passwords_hashed_when_opened() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("platform.db");
    let path = db.to_string_lossy().into_owned();
    let config = || SimConfig {
        db: path.clone(),
        ..SimConfig::default()
    };
    drop(RunningSim::start(config()).await.unwrap());
    // As an older simulator left it: the password as typed.
    rusqlite::Connection::open(&db)
        .unwrap()
        .execute("UPDATE merchant SET password = 'demo123' WHERE username = 'demo'", [])
        .unwrap();
    let sim = RunningSim::start(config()).await.unwrap();
    let stored: String = rusqlite::Connection::open(&db)
        .unwrap()
        .query_row("SELECT password FROM merchant WHERE username = 'demo'", [], |r| {
            r.get(0)
        })
        .unwrap();
    assert!(stored.starts_with("sha256$"), "{stored}");
    let ok = reqwest::Client::new()
        .post(format!("{}/oauth/token", sim.url()))
        .json(&json!({"grant_type": "password", "username": "demo", "password": "demo123"}))
        .send()
        .await
        .unwrap();
    assert_eq!(ok.status(), 200, "the demo sign-in still works");
}

#[tokio::test]
async fn admin_routes_need_the_runs_token_when_it_has_one() {
    let sim = RunningSim::start(SimConfig {
        admin_token: Some("run-secret".into()),
        ..SimConfig::default()
    })
    .await
    .unwrap();
    let http = reqwest::Client::new();
    let ledger = format!("{}/sim/admin/ledger", sim.url());
    let tick = format!("{}/sim/admin/tick", sim.url());
    assert_eq!(http.get(&ledger).send().await.unwrap().status(), 403);
    assert_eq!(
        http.post(&tick)
            .json(&json!({"days": 1}))
            .send()
            .await
            .unwrap()
            .status(),
        403,
        "nobody else lets the platform's days pass"
    );
    let wrong = http
        .get(&ledger)
        .header(ADMIN_TOKEN_HEADER, "guess")
        .send()
        .await
        .unwrap();
    assert_eq!(wrong.status(), 403);
    let right = http
        .get(&ledger)
        .header(ADMIN_TOKEN_HEADER, "run-secret")
        .send()
        .await
        .unwrap();
    assert_eq!(right.status(), 200);
}
