//! The outbox against the simulator: faults, revocation races, offline, two desktops.
//! The proofs of docs/sync.md: nothing lost, nothing applied twice, local equals platform.

use mdesk_ipc::{ActionState, BindingState, GrantState};
use std::collections::{HashMap, HashSet};
use std::time::{Duration, Instant};

use mdesk_core::outbox::{self, Backoff, Intention};
use mdesk_core::session::Session;
use mdesk_core::sync::pull;
use mdesk_core::{CoreError, PlatformClient};
use mdesk_platform_api::Privacy;
use serde_json::{json, Value};

use crate::Fixture;
use mdesk_core::outbox::kinds;

pub(crate) const STAFF: &str = "测试员小王";

fn fast() -> Backoff {
    Backoff {
        base: Duration::from_millis(5),
        cap: Duration::from_millis(100),
    }
}

/// Pushes until nothing is open, pulling after each round like the worker does.
pub(crate) async fn deliver(f: &Fixture, session: &Session, deadline: Duration) {
    let client = PlatformClient::new(&session.platform.endpoint).unwrap();
    let started = Instant::now();
    loop {
        let _ = mdesk_core::sync::push(&f.store, &client, f.secrets.as_ref(), session, fast()).await;
        let open = f.store.read(outbox::counts).unwrap().0;
        // Under injected faults a pull may fail too; the worker would simply try again.
        if open == 0
            && pull(&f.store, &client, f.secrets.as_ref(), session, |_| {})
                .await
                .is_ok()
        {
            return;
        }
        assert!(
            started.elapsed() < deadline,
            "{open} actions still open after {deadline:?}"
        );
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

pub(crate) async fn admin(f: &Fixture, method: reqwest::Method, path: &str, body: Value) -> Value {
    reqwest::Client::new()
        .request(method, format!("{}{path}", f.sim.url()))
        .json(&body)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap_or(Value::Null)
}

pub(crate) async fn signed_in_and_synced(f: &Fixture) -> Session {
    let session = f.sign_in("demo", "demo123").await.unwrap();
    let client = PlatformClient::new(&f.sim.url()).unwrap();
    pull(&f.store, &client, f.secrets.as_ref(), &session, |_| {})
        .await
        .unwrap();
    session
}

/// Local ids of bound accounts with the given grants.
pub(crate) fn accounts_with(f: &Fixture, publish: GrantState, interact: GrantState) -> Vec<String> {
    mdesk_core::accounts::list(&f.store)
        .unwrap()
        .into_iter()
        .filter(|a| a.binding_state == BindingState::Bound && a.publish == publish && a.interact == interact)
        .map(|a| a.id)
        .collect()
}

fn works_of(f: &Fixture, account: &str) -> Vec<String> {
    f.store
        .read(|c| {
            let mut stmt = c.prepare("SELECT id FROM work WHERE account_id = ?1 AND deleted = 0 ORDER BY id")?;
            let rows = stmt.query_map([account], |r| r.get(0))?;
            Ok(rows.collect::<Result<_, _>>()?)
        })
        .unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn fault_soak_every_action_lands_exactly_once() {
    let f = Fixture::new(5, 3600).await;
    let session = signed_in_and_synced(&f).await;
    let both = accounts_with(&f, GrantState::Granted, GrantState::Granted);
    assert!(!both.is_empty());
    let actor = &both[0];
    let works = works_of(&f, actor);

    admin(
        &f,
        reqwest::Method::PUT,
        "/sim/admin/faults",
        json!({"error_5xx_rate": 0.2, "apply_then_drop_rate": 0.05, "rate_limit_rate": 0.05, "retry_after_secs": 0,
               "latency_ms": 1, "reset_rate": 0.02}),
    )
    .await;

    // 2,000 mixed intentions across accounts and works.
    let mut queued = 0usize;
    let mut publishes = HashSet::new();
    for i in 0..2000usize {
        let work = works[i % works.len()].clone();
        let intention = match i % 6 {
            0 => {
                let title = format!("压测{i}");
                publishes.insert(title.clone());
                mdesk_tests::image_post(&f.store, actor, &title)
            }
            1 => Intention::SetShopCard(kinds::SetShopCard {
                account_id: both[i % both.len()].clone(),
                enabled: i % 4 == 1,
            }),
            2 => Intention::Comment(kinds::Comment {
                work_id: work,
                account_id: None,
                text: format!("评论{i}"),
                parent_id: None,
            }),
            3 => Intention::Like(kinds::Like {
                work_id: work,
                account_id: None,
            }),
            4 => Intention::Unlike(kinds::Unlike {
                work_id: work,
                account_id: None,
            }),
            _ => Intention::SetPrivacy(kinds::SetPrivacy {
                work_id: work,
                privacy: if i % 4 == 1 { Privacy::Private } else { Privacy::Public },
            }),
        };
        outbox::enqueue(&f.store, f.secrets.as_ref(), STAFF, intention, None).expect("valid intentions queue");
        queued += 1;
    }
    assert_eq!(queued, 2000);
    deliver(&f, &session, Duration::from_secs(240)).await;
    admin(&f, reqwest::Method::PUT, "/sim/admin/faults", json!({})).await;

    // Every local action ended applied (or rejected with a reason), and the platform's ledger
    // holds each applied one exactly once, under its own key.
    let actions = outbox::list(&f.store).unwrap();
    assert_eq!(actions.len(), 2000);
    let ledger = admin(&f, reqwest::Method::GET, "/sim/admin/ledger", Value::Null).await;
    let mut hits: HashMap<String, usize> = HashMap::new();
    for e in ledger.as_array().unwrap() {
        *hits
            .entry(e["idempotency_key"].as_str().unwrap().to_owned())
            .or_default() += 1;
    }
    for a in &actions {
        match a.state.as_str() {
            "applied" => assert_eq!(hits.get(&a.id), Some(&1), "{} {} applied exactly once", a.kind, a.id),
            "rejected" => assert!(a.error_code.is_some(), "a rejection carries its reason"),
            other => panic!("action {} ended {other}", a.id),
        }
    }
    assert!(hits.values().all(|n| *n == 1), "no key in the ledger twice");

    // Local state equals the platform's: every soak publish exists once, shop cards agree.
    let client = PlatformClient::new(&f.sim.url()).unwrap();
    pull(&f.store, &client, f.secrets.as_ref(), &session, |_| {})
        .await
        .unwrap();
    let platform_accounts = f.platform_accounts("demo", "demo123").await;
    let local = mdesk_core::accounts::list(&f.store).unwrap();
    for p in &platform_accounts {
        let l = local.iter().find(|l| l.id == p.id).unwrap();
        assert_eq!(l.shop_card, p.shop_card, "shop card of {}", p.id);
    }
    let titles: HashMap<String, i64> = f
        .store
        .read(|c| {
            let mut stmt = c.prepare("SELECT title, COUNT(*) FROM work WHERE title LIKE '压测%' GROUP BY title")?;
            let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
            Ok(rows.collect::<Result<_, _>>()?)
        })
        .unwrap();
    assert_eq!(titles.len(), publishes.len(), "every publish arrived");
    assert!(
        titles.values().all(|n| *n == 1),
        "and none twice: a duplicate post is the worst bug"
    );
}

#[tokio::test]
async fn a_revoked_grant_rejects_queued_actions_and_the_queue_moves_on() {
    let f = Fixture::new(6, 3600).await;
    let session = signed_in_and_synced(&f).await;
    let both = accounts_with(&f, GrantState::Granted, GrantState::Granted);
    let (victim, other) = (&both[0], &both[1]);
    let publish = |account: &str, title: &str| mdesk_tests::image_post(&f.store, account, title);
    let doomed = outbox::enqueue(&f.store, f.secrets.as_ref(), STAFF, publish(victim, "撤权之后"), None).unwrap();
    let fine = outbox::enqueue(&f.store, f.secrets.as_ref(), STAFF, publish(other, "照常发布"), None).unwrap();
    let leaving = accounts_with(&f, GrantState::Granted, GrantState::Declined)[0].clone();
    let orphan = outbox::enqueue(&f.store, f.secrets.as_ref(), STAFF, publish(&leaving, "解绑之后"), None).unwrap();
    // Meanwhile, on the platform, the merchant (another desktop) revokes the victim's grant
    // and unbinds another account.
    let token = f.platform_token("demo", "demo123").await;
    let unbound = reqwest::Client::new()
        .delete(format!("{}/v1/accounts/{leaving}", f.sim.url()))
        .bearer_auth(&token)
        .header("Idempotency-Key", "unbind-race")
        .send()
        .await
        .unwrap();
    assert!(unbound.status().is_success());
    let resp = reqwest::Client::new()
        .delete(format!("{}/v1/accounts/{victim}/grants/publish", f.sim.url()))
        .bearer_auth(token)
        .header("Idempotency-Key", "revoke-race")
        .send()
        .await
        .unwrap();
    assert!(resp.status().is_success());
    deliver(&f, &session, Duration::from_secs(30)).await;
    let actions = outbox::list(&f.store).unwrap();
    let state = |id: &str| actions.iter().find(|a| a.id == id).unwrap().clone();
    assert_eq!(state(&doomed).state, ActionState::Rejected);
    assert_eq!(state(&doomed).error_code.as_deref(), Some("permission_required"));
    assert_eq!(state(&orphan).state, ActionState::Rejected);
    assert_eq!(
        state(&orphan).error_code.as_deref(),
        Some("not_bound"),
        "the account was unbound meanwhile"
    );
    assert_eq!(
        state(&fine).state,
        ActionState::Applied,
        "a rejection never blocks other actions"
    );
    let trail = outbox::audit_trail(&f.store).unwrap();
    assert!(trail.iter().any(|e| e.action_id.as_deref() == Some(&doomed)
        && e.outcome == ActionState::Rejected
        && e.error_code.as_deref() == Some("permission_required")));
    assert!(
        trail.iter().all(|e| e.staff_name == crate::OWNER && e.verified),
        "R2: every step under the name the platform signed in, not a typed one"
    );
}

#[tokio::test]
async fn locally_invalid_intentions_are_refused_and_nothing_is_queued() {
    let f = Fixture::new(6, 3600).await;
    signed_in_and_synced(&f).await;
    let declined = accounts_with(&f, GrantState::Declined, GrantState::Granted);
    let refused = outbox::enqueue(
        &f.store,
        f.secrets.as_ref(),
        STAFF,
        mdesk_tests::image_post(&f.store, &declined[0], "不该发"),
        None,
    );
    assert!(
        matches!(&refused, Err(CoreError::Platform { code, .. }) if code.as_str() == "permission_required"),
        "{refused:?}"
    );
    let bad_phone = outbox::enqueue(
        &f.store,
        f.secrets.as_ref(),
        STAFF,
        Intention::Invite(kinds::Invite {
            guangguang_id: "gg99999999".into(),
            phone_masked: String::new(),
            tag: mdesk_platform_api::Tag::Staff,
        }),
        Some("1234"),
    );
    assert!(
        matches!(
            &bad_phone,
            Err(CoreError::Rule {
                rule: "phone_format",
                ..
            })
        ),
        "the broken rule is named: {bad_phone:?}"
    );
    // Signed in as themselves (the platform has teams), nobody has to type a staff name: the
    // platform's identity names them (a dry run, so nothing is queued).
    let no_typed_name = outbox::enqueue_many(
        &f.store,
        " ",
        &[Intention::Unbind(kinds::Unbind {
            account_id: declined[0].clone(),
        })],
        true,
    )
    .unwrap();
    assert!(no_typed_name[0].is_ok(), "{no_typed_name:?}");
    assert!(outbox::list(&f.store).unwrap().is_empty(), "nothing was queued");
    assert!(outbox::audit_trail(&f.store).unwrap().is_empty());
}

#[tokio::test]
async fn offline_intentions_queue_and_deliver_when_the_platform_returns() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("platform.db").to_string_lossy().into_owned();
    let config = platform_sim::SimConfig {
        db: db.clone(),
        seed_value: 8,
        ..platform_sim::SimConfig::default()
    };
    let f = Fixture::with_config(config.clone()).await;
    let session = signed_in_and_synced(&f).await;
    let both = accounts_with(&f, GrantState::Granted, GrantState::Granted);
    let addr = f.sim.addr();
    let Fixture {
        sim,
        store,
        secrets,
        dir,
    } = f;
    std::sync::Arc::try_unwrap(sim)
        .ok()
        .expect("the simulator is not shared")
        .stop()
        .await;

    let card = outbox::enqueue(
        &store,
        secrets.as_ref(),
        STAFF,
        Intention::SetShopCard(kinds::SetShopCard {
            account_id: both[0].clone(),
            enabled: false,
        }),
        None,
    )
    .unwrap();
    let client = PlatformClient::new(&session.platform.endpoint).unwrap();
    let err = mdesk_core::sync::push(&store, &client, secrets.as_ref(), &session, fast()).await;
    assert!(
        err.is_ok(),
        "an unreachable platform leaves actions for later, it is not an error of the push"
    );
    assert_eq!(store.read(outbox::counts).unwrap().0, 1, "still queued");
    assert!(
        mdesk_core::accounts::list(&store)
            .unwrap()
            .iter()
            .any(|a| a.id == both[0]),
        "reading works offline"
    );

    // The platform comes back on the same address with its data.
    let sim = platform_sim::RunningSim::start(platform_sim::SimConfig { addr, ..config })
        .await
        .unwrap();
    let f = Fixture {
        sim: std::sync::Arc::new(sim),
        store,
        secrets,
        dir,
    };
    deliver(&f, &session, Duration::from_secs(30)).await;
    let actions = outbox::list(&f.store).unwrap();
    assert_eq!(
        actions.iter().find(|a| a.id == card).unwrap().state,
        ActionState::Applied
    );
    let platform = f.platform_accounts("demo", "demo123").await;
    assert!(
        !platform.iter().find(|a| a.id == both[0]).unwrap().shop_card,
        "delivered after the outage"
    );
}

#[tokio::test]
async fn two_desktops_converge_on_the_platform_state() {
    let a = Fixture::new(9, 3600).await;
    let session_a = signed_in_and_synced(&a).await;
    // The second desktop: its own database and keychain, the same platform and merchant.
    let b = Fixture::sharing(&a);
    let session_b = signed_in_and_synced(&b).await;
    let both = accounts_with(&a, GrantState::Granted, GrantState::Granted);
    for (i, account) in both.iter().enumerate() {
        outbox::enqueue(
            &a.store,
            a.secrets.as_ref(),
            "甲",
            Intention::SetShopCard(kinds::SetShopCard {
                account_id: account.clone(),
                enabled: i % 2 == 0,
            }),
            None,
        )
        .unwrap();
        outbox::enqueue(
            &b.store,
            b.secrets.as_ref(),
            "乙",
            Intention::SetShopCard(kinds::SetShopCard {
                account_id: account.clone(),
                enabled: i % 2 == 1,
            }),
            None,
        )
        .unwrap();
    }
    tokio::join!(
        deliver(&a, &session_a, Duration::from_secs(30)),
        deliver(&b, &session_b, Duration::from_secs(30))
    );
    // One more pull each, so each sees the other's last writes.
    for (f, s) in [(&a, &session_a), (&b, &session_b)] {
        let client = PlatformClient::new(&f.sim_url()).unwrap();
        pull(&f.store, &client, f.secrets.as_ref(), s, |_| {}).await.unwrap();
    }
    let platform = a.platform_accounts("demo", "demo123").await;
    let la = mdesk_core::accounts::list(&a.store).unwrap();
    let lb = mdesk_core::accounts::list(&b.store).unwrap();
    for p in &platform {
        let x = la.iter().find(|l| l.id == p.id).unwrap();
        let y = lb.iter().find(|l| l.id == p.id).unwrap();
        assert_eq!(
            (x.shop_card, y.shop_card),
            (p.shop_card, p.shop_card),
            "both desktops agree with the platform on {}",
            p.id
        );
    }
}
