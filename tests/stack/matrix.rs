//! The matrix lifecycle in the core against the simulator over HTTP: invitations (with the
//! platform's verdicts), permission history and notices, product pool dry runs, tags,
//! groups, unbinding, and the audit trail with its exports.

use mdesk_ipc::{ActionState, BindingState, GrantState, InvitationStatus, Scope, Tag};
use std::time::Duration;

use mdesk_core::session::Session;
use mdesk_core::{accounts, audit, invitations, matrix, notices, outbox, pool, CoreError, SecretStore};
use mdesk_ipc::{AccountFilter, AuditFilter};
use reqwest::Method;
use serde_json::{json, Value};

use crate::outbox::{admin, deliver, signed_in_and_synced, STAFF};
use crate::Fixture;

const DEADLINE: Duration = Duration::from_secs(20);

async fn ready(seed: u64) -> (Fixture, Session) {
    let f = Fixture::new(seed, 3600).await;
    let session = signed_in_and_synced(&f).await;
    mdesk_core::settings::set_staff_name(&f.store, STAFF).unwrap();
    (f, session)
}

/// A creator bound to nobody: (Guangguang ID, registered phone).
async fn free_creator(f: &Fixture) -> (String, String) {
    let all = admin(f, Method::GET, "/sim/admin/creators", Value::Null).await;
    let c = all
        .as_array()
        .unwrap()
        .iter()
        .rev()
        .find(|c| c["bound_to"].is_null())
        .unwrap()
        .clone();
    (
        c["guangguang_id"].as_str().unwrap().to_owned(),
        c["phone"].as_str().unwrap().to_owned(),
    )
}

/// The creator answers the first open item of `what` (`invitations` | `grant_requests`).
async fn answer(f: &Fixture, gg: &str, what: &str, answer: &str) {
    let inbox = admin(f, Method::GET, &format!("/sim/creators/{gg}/inbox"), Value::Null).await;
    let id = inbox[what][0]["id"].as_str().unwrap();
    let path = format!("/sim/creators/{gg}/{}/{id}/{answer}", what.replace('_', "-"));
    admin(f, Method::POST, &path, json!({})).await;
}

fn bound(f: &Fixture) -> Vec<mdesk_ipc::AccountRow> {
    accounts::list(&f.store)
        .unwrap()
        .into_iter()
        .filter(|a| a.binding_state == BindingState::Bound)
        .collect()
}

fn rule_of(e: CoreError) -> &'static str {
    match e {
        CoreError::Rule { rule, .. } => rule,
        other => panic!("expected a broken rule, got {other}"),
    }
}

#[tokio::test]
async fn invitations_show_the_platforms_verdict_and_never_keep_the_phone() {
    let (f, session) = ready(31).await;
    let secrets = f.secrets.as_ref();
    let (gg, phone) = free_creator(&f).await;

    // Locally refused, with the exact rule: nothing is queued.
    let e = invitations::invite(&f.store, secrets, "", &phone, Tag::Staff).unwrap_err();
    assert_eq!(rule_of(e), "gg_id_empty");
    let e = invitations::invite(&f.store, secrets, &gg, "1380013", Tag::Staff).unwrap_err();
    assert_eq!(rule_of(e), "phone_format");
    assert!(
        outbox::list(&f.store).unwrap().is_empty(),
        "a refused invite queues nothing"
    );

    // The platform's verdict lands on that invitation.
    let wrong = "19999999999";
    let refused = invitations::invite(&f.store, secrets, &gg, wrong, Tag::Store).unwrap();
    deliver(&f, &session, DEADLINE).await;
    let rows = invitations::list(&f.store).unwrap();
    let row = rows
        .iter()
        .find(|r| r.id == refused)
        .expect("the refused invite is listed");
    assert_eq!(
        (row.state.as_str(), row.error_code.as_deref(), row.phone_masked.as_str()),
        ("refused", Some("phone_mismatch"), "199****9999")
    );
    assert!(
        secrets.get(&format!("invite-phone:{refused}")).unwrap().is_none(),
        "the phone leaves the keychain once the platform has answered"
    );

    // The right phone: pending; the creator accepts; bound after sync, with a notice.
    let sent = invitations::invite(&f.store, secrets, &gg, &phone, Tag::Store).unwrap();
    deliver(&f, &session, DEADLINE).await;
    let rows = invitations::list(&f.store).unwrap();
    assert!(
        rows.iter().all(|r| r.id != sent),
        "the applied action gives way to the platform's invitation"
    );
    let pending = rows
        .iter()
        .find(|r| r.guangguang_id == gg && r.state == InvitationStatus::Pending)
        .expect("the platform's pending invitation");
    assert!(pending.can_cancel);
    assert_eq!(
        pending.staff_name.as_deref(),
        Some(crate::OWNER),
        "who sent it, as the platform signed them in"
    );
    answer(&f, &gg, "invitations", "accept").await;
    deliver(&f, &session, DEADLINE).await;
    let account = accounts::list(&f.store)
        .unwrap()
        .into_iter()
        .find(|a| a.guangguang_id == gg)
        .expect("the new matrix account");
    assert_eq!(
        (account.binding_state.as_str(), account.tag.as_str()),
        ("bound", "store")
    );
    let kinds: Vec<String> = notices::take_undelivered(&f.store)
        .unwrap()
        .into_iter()
        .map(|n| n.kind.as_str().to_owned())
        .collect();
    assert_eq!(kinds, ["action_rejected", "invitation_accepted"]);
    assert!(
        notices::take_undelivered(&f.store).unwrap().is_empty(),
        "a notice is delivered once"
    );
    assert_eq!(notices::unread(&f.store).unwrap(), 2);

    // Nowhere in the database is the full number.
    for (table, cols) in [
        ("action", "payload || COALESCE(error_message, '')"),
        ("invitation", "phone_masked"),
        ("audit_entry", "what || detail"),
    ] {
        let hits: i64 = f
            .store
            .read(|c| {
                Ok(c.query_row(
                    &format!("SELECT COUNT(*) FROM {table} WHERE instr({cols}, ?1) > 0 OR instr({cols}, ?2) > 0"),
                    [&phone, wrong],
                    |r| r.get(0),
                )?)
            })
            .unwrap();
        assert_eq!(hits, 0, "a full phone number in {table}");
    }
}

#[tokio::test]
async fn a_pending_invitation_can_be_cancelled_and_an_unsent_one_is_simply_dropped() {
    let (f, session) = ready(32).await;
    let secrets = f.secrets.as_ref();
    let (gg, phone) = free_creator(&f).await;
    // Not sent yet: cancelling drops the action (and the phone in the keychain).
    let unsent = invitations::invite(&f.store, secrets, &gg, &phone, Tag::Staff).unwrap();
    assert_eq!(invitations::cancel(&f.store, secrets, &unsent).unwrap(), None);
    assert!(secrets.get(&format!("invite-phone:{unsent}")).unwrap().is_none());
    deliver(&f, &session, DEADLINE).await;
    assert!(invitations::list(&f.store)
        .unwrap()
        .iter()
        .all(|r| r.guangguang_id != gg));
    // Sent and pending: cancelling is an action; the platform's state follows.
    invitations::invite(&f.store, secrets, &gg, &phone, Tag::Staff).unwrap();
    deliver(&f, &session, DEADLINE).await;
    let id = invitations::list(&f.store)
        .unwrap()
        .into_iter()
        .find(|r| r.guangguang_id == gg && r.state == InvitationStatus::Pending)
        .unwrap()
        .id;
    assert!(invitations::cancel(&f.store, secrets, &id).unwrap().is_some());
    let row = invitations::list(&f.store)
        .unwrap()
        .into_iter()
        .find(|r| r.id == id)
        .unwrap();
    assert_eq!(
        row.state,
        InvitationStatus::Cancelled,
        "shown cancelled while the cancel is on its way"
    );
    deliver(&f, &session, DEADLINE).await;
    let row = invitations::list(&f.store)
        .unwrap()
        .into_iter()
        .find(|r| r.id == id)
        .unwrap();
    assert_eq!((row.state.as_str(), row.can_cancel), ("cancelled", false));
    // Invited again, the owner declines: a notice, and the account is not bound.
    notices::take_undelivered(&f.store).unwrap();
    invitations::invite(&f.store, secrets, &gg, &phone, Tag::Staff).unwrap();
    deliver(&f, &session, DEADLINE).await;
    answer(&f, &gg, "invitations", "decline").await;
    deliver(&f, &session, DEADLINE).await;
    let kinds: Vec<String> = notices::take_undelivered(&f.store)
        .unwrap()
        .into_iter()
        .map(|n| n.kind.as_str().to_owned())
        .collect();
    assert_eq!(kinds, ["invitation_declined"]);
    assert!(accounts::list(&f.store).unwrap().iter().all(|a| a.guangguang_id != gg));
}

#[tokio::test]
async fn permissions_keep_their_history_and_answers_become_notices() {
    let (f, session) = ready(33).await;
    let secrets = f.secrets.as_ref();
    let account = bound(&f)
        .into_iter()
        .find(|a| a.publish.can_request() && a.interact.can_request())
        .expect("a bound account with neither permission");
    let gg = account.guangguang_id.clone();
    notices::take_undelivered(&f.store).unwrap();

    matrix::request_grant(&f.store, secrets, &account.id, Scope::Publish).unwrap();
    let detail = accounts::detail(&f.store, &account.id).unwrap();
    let publish = &detail.grants[0];
    assert_eq!(
        (publish.state.as_str(), publish.pending, publish.can_request),
        ("requested", true, false),
        "the request shows at once, marked as on its way"
    );
    deliver(&f, &session, DEADLINE).await;
    answer(&f, &gg, "grant_requests", "approve").await;
    deliver(&f, &session, DEADLINE).await;
    let detail = accounts::detail(&f.store, &account.id).unwrap();
    let publish = &detail.grants[0];
    assert_eq!((publish.state.as_str(), publish.can_revoke), ("granted", true));
    assert!(publish.since.is_some(), "the time of the grant");
    let states: Vec<GrantState> = publish.history.iter().map(|e| e.state).collect();
    assert_eq!(
        &states[states.len() - 2..],
        [GrantState::Requested, GrantState::Granted]
    );
    let n = notices::take_undelivered(&f.store).unwrap();
    assert_eq!(n.len(), 1);
    assert_eq!(
        (n[0].kind.as_str(), n[0].scope, n[0].subject.as_str()),
        ("grant_granted", Some(Scope::Publish), account.nickname.as_str())
    );

    matrix::revoke_grant(&f.store, secrets, &account.id, Scope::Publish).unwrap();
    deliver(&f, &session, DEADLINE).await;
    let detail = accounts::detail(&f.store, &account.id).unwrap();
    assert_eq!(detail.grants[0].state, GrantState::Revoked);
    assert_eq!(detail.grants[0].history.last().unwrap().state, GrantState::Revoked);
    notices::take_undelivered(&f.store).unwrap();
    matrix::request_grant(&f.store, secrets, &account.id, Scope::Interact).unwrap();
    deliver(&f, &session, DEADLINE).await;
    answer(&f, &gg, "grant_requests", "decline").await;
    deliver(&f, &session, DEADLINE).await;
    let n = notices::take_undelivered(&f.store).unwrap();
    assert_eq!(
        n.iter().map(|n| (n.kind.as_str(), n.scope)).collect::<Vec<_>>(),
        [("grant_declined", Some(Scope::Interact))]
    );
    let e = matrix::parse_scope("everything").unwrap_err();
    assert!(matches!(e, CoreError::InvalidInput(_)), "{e}");
}

#[tokio::test]
async fn a_pool_dry_run_sends_nothing_and_refuses_what_the_platform_would() {
    let (f, session) = ready(34).await;
    let secrets = f.secrets.as_ref();
    let targets: Vec<String> = bound(&f).into_iter().take(2).map(|a| a.id).collect();
    let unbound = bound(&f).into_iter().nth(2).expect("a third bound account");
    matrix::unbind(&f.store, secrets, &unbound.id).unwrap();
    deliver(&f, &session, DEADLINE).await;
    let products: Vec<String> = pool::products(&f.store)
        .unwrap()
        .into_iter()
        .take(3)
        .map(|p| p.id)
        .collect();
    let mut picked = targets.clone();
    picked.push(unbound.id.clone());

    let actions_before = outbox::list(&f.store).unwrap().len();
    let plan = pool::plan(&f.store, &picked, &products).unwrap();
    assert_eq!(plan.len(), 3);
    assert_eq!(plan[2].refused.as_deref(), Some("not_bound"));
    for row in &plan[..2] {
        assert_eq!(row.refused, None);
        assert_eq!(row.after, row.before + row.added);
    }
    assert_eq!(
        outbox::list(&f.store).unwrap().len(),
        actions_before,
        "a dry run queues nothing"
    );
    let e = pool::plan(&f.store, &[], &products).unwrap_err();
    assert_eq!(rule_of(e), "pool_pick_both");

    let queued = pool::apply(&f.store, secrets, &picked, &products).unwrap();
    assert_eq!(queued.len(), 2, "one action per account that can take the products");
    deliver(&f, &session, DEADLINE).await;
    let platform = f.platform_accounts("demo", "demo123").await;
    for (id, row) in targets.iter().zip(&plan) {
        let on_platform = platform.iter().find(|a| &a.id == id).unwrap();
        assert_eq!(on_platform.product_pool.len() as u32, row.after, "{id}");
        assert!(products.iter().all(|p| on_platform.product_pool.contains(p)));
    }
}

#[tokio::test]
async fn tags_groups_and_unbinding_take_effect_locally_and_on_the_platform() {
    let (f, session) = ready(35).await;
    let secrets = f.secrets.as_ref();
    let a = bound(&f).into_iter().next().unwrap();

    matrix::set_tag(&f.store, secrets, &a.id, Tag::BrandPersona).unwrap();
    accounts::set_group(&f.store, &a.id, "杭州门店").unwrap();
    let in_group = AccountFilter {
        tag: Some(Tag::BrandPersona),
        group: Some("杭州门店".into()),
        ..AccountFilter::default()
    };
    let filtered = accounts::list_filtered(&f.store, &in_group).unwrap();
    assert_eq!(filtered.len(), 1, "the queued tag already filters");
    // The Accounts screen's page: the first rows in the list's order, the count and every id.
    let all = accounts::list(&f.store).unwrap();
    let page = accounts::page(&f.store, &AccountFilter::default(), 2).unwrap();
    assert_eq!(page.rows, all[..2]);
    assert_eq!(page.total as usize, all.len());
    assert_eq!(page.ids, all.iter().map(|r| r.id.clone()).collect::<Vec<_>>());
    let one = accounts::page(&f.store, &in_group, 100).unwrap();
    assert_eq!((one.rows.len(), one.total, one.ids), (1, 1, vec![a.id.clone()]));
    assert_eq!(accounts::groups(&f.store).unwrap(), ["杭州门店"]);
    let e = accounts::set_group(&f.store, &a.id, &"长".repeat(21)).unwrap_err();
    assert_eq!(rule_of(e), "group_too_long");

    matrix::set_shop_card(&f.store, secrets, &a.id, true).unwrap();
    pool::set(&f.store, secrets, &a.id, &["p-0001".to_owned()]).unwrap();
    deliver(&f, &session, DEADLINE).await;
    let preview = accounts::unbind_preview(&f.store, &a.id).unwrap();
    assert_eq!(
        (preview.pool_size, preview.shop_card, preview.queued_actions),
        (1, true, 0)
    );
    matrix::unbind(&f.store, secrets, &a.id).unwrap();
    deliver(&f, &session, DEADLINE).await;
    let after = accounts::detail(&f.store, &a.id).unwrap();
    assert_eq!(after.account.binding_state, BindingState::Unbound);
    assert!(after
        .grants
        .iter()
        .all(|g| matches!(g.state.as_str(), "none" | "revoked" | "declined")));
    assert_eq!((after.account.pool_size, after.account.shop_card), (0, false));
    assert!(!after.manageable);
    assert_eq!(
        after.account.group.as_deref(),
        Some("杭州门店"),
        "the group is the staff's own"
    );
    let platform = f.platform_accounts("demo", "demo123").await;
    let on_platform = platform.iter().find(|p| p.id == a.id).unwrap();
    assert_eq!(on_platform.tag, Tag::BrandPersona);
    assert!(on_platform.product_pool.is_empty() && !on_platform.shop_card);
}

#[tokio::test]
async fn the_audit_trail_filters_and_exports_to_csv_and_xlsx() {
    let (f, session) = ready(36).await;
    let secrets = f.secrets.as_ref();
    let a = bound(&f).into_iter().next().unwrap();
    matrix::set_shop_card(&f.store, secrets, &a.id, !a.shop_card).unwrap();
    invitations::invite(&f.store, secrets, "nobody_here", "13800000000", Tag::Staff).unwrap();
    deliver(&f, &session, DEADLINE).await;

    let all = audit::query(&f.store, &AuditFilter::default(), "zh-CN").unwrap();
    assert_eq!(all.len(), 4, "queued and outcome of both actions: {all:?}");
    assert!(
        all.iter().all(|r| r.staff_name == crate::OWNER),
        "the platform's identity: {all:?}"
    );
    assert!(all.iter().any(|r| r.what.contains("店铺橱窗")), "described in Chinese");
    let rejected = audit::query(
        &f.store,
        &AuditFilter {
            outcome: Some(ActionState::Rejected),
            ..AuditFilter::default()
        },
        "en",
    )
    .unwrap();
    assert_eq!(rejected.len(), 1);
    assert_eq!(rejected[0].error_code.as_deref(), Some("unknown_account"));
    assert!(
        rejected[0].what.starts_with("Invite nobody_here"),
        "{}",
        rejected[0].what
    );
    let by_account = audit::query(
        &f.store,
        &AuditFilter {
            query: a.guangguang_id.clone(),
            ..AuditFilter::default()
        },
        "en",
    )
    .unwrap();
    assert_eq!(by_account.len(), 2);
    let none = audit::query(
        &f.store,
        &AuditFilter {
            from: Some("2000-01-01".into()),
            to: Some("2000-12-31".into()),
            ..AuditFilter::default()
        },
        "en",
    )
    .unwrap();
    assert!(none.is_empty(), "the date range filters");

    let dir = tempfile::tempdir().unwrap();
    let csv = audit::export_csv(
        &all,
        "zh-CN",
        &mdesk_core::export::path(dir.path(), "audit-trail", mdesk_ipc::ExportFormat::Csv),
    )
    .unwrap();
    let text = std::fs::read_to_string(&csv.path).unwrap();
    let mut lines = text.trim_start_matches('\u{feff}').lines();
    assert_eq!(lines.next().unwrap(), "时间,员工,代表账号,操作,结果,说明");
    assert_eq!(lines.count(), 4);
    let xlsx = audit::export_xlsx(
        &all,
        "en",
        &mdesk_core::export::path(dir.path(), "audit-trail", mdesk_ipc::ExportFormat::Xlsx),
    )
    .unwrap();
    use calamine::{open_workbook, Reader, Xlsx};
    let mut book: Xlsx<_> = open_workbook(&xlsx.path).unwrap();
    let sheet = book.worksheet_range("Audit trail").unwrap();
    let rows: Vec<Vec<String>> = sheet
        .rows()
        .map(|r| r.iter().map(|c| c.to_string()).collect())
        .collect();
    assert_eq!(rows.len(), 5);
    assert_eq!(rows[0][0], "Time");
    assert!(
        rows[1..].iter().all(|r| r[1] == crate::OWNER),
        "the platform's identity in the export"
    );
    assert_ne!(csv.path, xlsx.path);
    assert_ne!(
        mdesk_core::export::path(dir.path(), "audit-trail", mdesk_ipc::ExportFormat::Csv).to_string_lossy(),
        csv.path,
        "a second export never overwrites the first"
    );
}
