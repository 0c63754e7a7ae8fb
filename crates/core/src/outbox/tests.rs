//! The outbox's rules without HTTP: every local check, pin counting, the overlay, what may be
//! cancelled or retried, and how actions are described on the audit trail.

use mdesk_ipc::{ActionState, BindingState, ErrorCode, GrantState, Privacy, Scope, Tag};

use super::*;
use crate::outbox::kinds;
use crate::secret::MemorySecretStore;

const STAFF: &str = "小王";

/// A merchant with: `a-ok` bound with both grants, a pool of p1 and three works (w1 pinned);
/// `a-nopub` bound without publish; `a-gone` unbound; an open invitation `inv-1`.
pub(crate) fn store() -> Store {
    with_fixture(Store::open_in_memory().expect("store"))
}

/// Writes the fixture below into `store`.
pub(crate) fn with_fixture(store: Store) -> Store {
    crate::store::signed_in_with(store, FIXTURE)
}

const FIXTURE: &str = "INSERT INTO merchant (id, name, shop_name, whitelisted) VALUES ('m1', '青禾', '青禾小店', 1);
                 INSERT INTO matrix_account (id, merchant_id, guangguang_id, nickname, tag, binding_state, shop_card, updated_at) VALUES
                   ('a-ok', 'm1', 'gg_ok001', '门店甲', 'store', 'bound', 0, '2026-01-01T00:00:00Z'),
                   ('a-nopub', 'm1', 'gg_nopub1', '员工乙', 'staff', 'bound', 0, '2026-01-01T00:00:00Z'),
                   ('a-gone', 'm1', 'gg_gone01', '旧号丙', 'other', 'unbound', 0, '2026-01-01T00:00:00Z');
                 INSERT INTO account_grant (account_id, scope, state) VALUES
                   ('a-ok', 'publish', 'granted'), ('a-ok', 'interact', 'granted'),
                   ('a-nopub', 'publish', 'declined'), ('a-nopub', 'interact', 'granted'),
                   ('a-gone', 'publish', 'granted'), ('a-gone', 'interact', 'revoked');
                 INSERT INTO product (id, merchant_id, title, price_cents) VALUES ('p1', 'm1', '春茶', 3900), ('p2', 'm1', '茶具', 12900);
                 INSERT INTO pool_entry (account_id, product_id) VALUES ('a-ok', 'p1');
                 INSERT INTO work (id, account_id, kind, title, text, privacy, pinned, review_status, inclusion_status, updated_at) VALUES
                   ('w1', 'a-ok', 'video', '春茶开箱', '正文', 'public', 1, 'approved', 'included', '2026-01-01T00:00:00Z'),
                   ('w2', 'a-ok', 'video', '茶具上新', '正文', 'public', 0, 'approved', 'included', '2026-01-01T00:00:00Z'),
                   ('w3', 'a-ok', 'image_text', '门店活动', '正文', 'public', 0, 'approved', 'included', '2026-01-01T00:00:00Z'),
                   ('w4', 'a-ok', 'image_text', '周末茶会', '正文', 'public', 0, 'approved', 'included', '2026-01-01T00:00:00Z'),
                   ('w5', 'a-ok', 'image_text', '新品预告', '正文', 'public', 0, 'approved', 'included', '2026-01-01T00:00:00Z'),
                   ('w-nopub', 'a-nopub', 'video', '员工日常', '正文', 'public', 0, 'approved', 'included', '2026-01-01T00:00:00Z');
                 INSERT INTO invitation (id, merchant_id, guangguang_id, phone_masked, tag, state, created_at, expires_at, updated_at) VALUES
                   ('inv-1', 'm1', 'gg_new001', '138****5678', 'staff', 'pending', '2026-01-01T00:00:00Z', '2026-01-08T00:00:00Z', '2026-01-01T00:00:00Z'),
                   ('inv-2', 'm1', 'gg_new002', '138****5678', 'staff', 'accepted', '2026-01-01T00:00:00Z', '2026-01-08T00:00:00Z', '2026-01-01T00:00:00Z');";

fn queue(store: &Store, intention: Intention) -> CoreResult<String> {
    enqueue(store, &MemorySecretStore::default(), STAFF, intention, None)
}

fn code(r: CoreResult<String>) -> ErrorCode {
    match r {
        Ok(id) => panic!("expected a refusal, got action {id}"),
        Err(e) => e.code(),
    }
}

fn rule(r: CoreResult<String>) -> &'static str {
    match r {
        Err(CoreError::Rule { rule, .. }) => rule,
        other => panic!("expected a broken field rule, got {other:?}"),
    }
}

fn actions(store: &Store) -> usize {
    list(store).expect("actions").len()
}

fn pin(w: &str) -> Intention {
    Intention::Pin(kinds::Pin { work_id: w.into() })
}

fn unpin(w: &str) -> Intention {
    Intention::Unpin(kinds::Unpin { work_id: w.into() })
}

fn image(name: &str) -> super::media::Outgoing {
    super::media::Outgoing {
        file: format!("{name}.png"),
        name: format!("{name}.png"),
        bytes: 1024,
        content_type: "image/png".into(),
    }
}

fn publish(account: &str, title: &str, products: &[&str]) -> Intention {
    Intention::Publish(kinds::Publish {
        account_id: account.into(),
        work_kind: mdesk_platform_api::WorkKind::ImageText,
        title: title.into(),
        text: "正文".into(),
        topic: None,
        product_ids: products.iter().map(|p| (*p).to_owned()).collect(),
        privacy: Privacy::Public,
        media: vec![image("p1")],
        cover: None,
        cover_frame_ms: None,
        scheduled_at: None,
    })
}

#[test]
fn acting_for_an_account_needs_it_bound_and_the_scope_granted() {
    // The platform's rule, checked here first so a doomed action never leaves the machine.
    let st = store();
    assert_eq!(
        code(queue(&st, publish("a-nopub", "标题", &[]))),
        ErrorCode::PermissionRequired
    );
    assert_eq!(
        code(queue(&st, publish("a-gone", "标题", &[]))),
        ErrorCode::NotBound,
        "an old grant counts for nothing"
    );
    assert_eq!(code(queue(&st, publish("nobody", "标题", &[]))), ErrorCode::NotFound);
    let like = Intention::Like(kinds::Like {
        work_id: "w-nopub".into(),
        account_id: None,
    });
    assert!(
        queue(&st, like).is_ok(),
        "a-nopub granted interact: liking its own work is fine"
    );
    let comment = Intention::Comment(kinds::Comment {
        work_id: "w1".into(),
        account_id: Some("a-nopub".into()),
        text: "好看".into(),
        parent_id: None,
    });
    assert!(
        queue(&st, comment).is_ok(),
        "commenting as a-nopub needs a-nopub's interact grant, which it has"
    );
    let set_tag = Intention::SetTag(kinds::SetTag {
        account_id: "a-gone".into(),
        tag: Tag::Staff,
    });
    assert_eq!(code(queue(&st, set_tag)), ErrorCode::NotBound);
    assert_eq!(actions(&st), 2, "refusals leave nothing queued");
}

#[test]
fn field_rules_name_what_to_fix() {
    let st = store();
    assert_eq!(rule(queue(&st, publish("a-ok", "", &[]))), "title_empty");
    assert_eq!(
        rule(queue(&st, publish("a-ok", &"标".repeat(31), &[]))),
        "title_too_long"
    );
    assert_eq!(
        rule(queue(&st, publish("a-ok", "标题", &["p1"; 7]))),
        "too_many_products"
    );
    assert_eq!(
        code(queue(&st, publish("a-ok", "标题", &["p2"]))),
        ErrorCode::NotInProductPool,
        "p2 is in the shop but not in this account's pool"
    );
    let comment = Intention::Comment(kinds::Comment {
        work_id: "w1".into(),
        account_id: None,
        text: "  ".into(),
        parent_id: None,
    });
    assert_eq!(rule(queue(&st, comment)), "comment_empty");
    assert!(queue(&st, publish("a-ok", "春茶", &["p1"])).is_ok());
    assert_eq!(actions(&st), 1);
}

#[test]
fn invites_are_checked_and_the_phone_stays_in_the_keychain() {
    let st = store();
    let secrets = MemorySecretStore::default();
    let invite = |gg: &str| {
        Intention::Invite(kinds::Invite {
            guangguang_id: gg.into(),
            phone_masked: String::new(),
            tag: Tag::Staff,
        })
    };
    let r = enqueue(&st, &secrets, STAFF, invite(""), Some("13812345678"));
    assert_eq!(rule(r), "gg_id_empty");
    let r = enqueue(&st, &secrets, STAFF, invite("gg_new003"), Some("1381234"));
    assert_eq!(rule(r), "phone_format");
    let r = enqueue(&st, &secrets, STAFF, invite("gg_ok001"), Some("13812345678"));
    assert_eq!(code(r), ErrorCode::AlreadyBound);
    let id = enqueue(&st, &secrets, STAFF, invite("gg_new003"), Some("13812345678")).expect("a good invite");
    assert_eq!(
        secrets
            .get(&phone_key(&id))
            .expect("keychain")
            .map(|s| s.expose().to_owned()),
        Some("13812345678".to_owned()),
        "the full number waits in the keychain"
    );
    let payload: String = st
        .read(|c| Ok(c.query_row("SELECT payload FROM action WHERE id = ?1", [&id], |r| r.get(0))?))
        .expect("payload");
    assert!(
        !payload.contains("13812345678") && payload.contains("138****5678"),
        "{payload}"
    );
}

#[test]
fn cancelling_an_invitation_needs_it_pending() {
    let st = store();
    let cancel = |id: &str| {
        Intention::CancelInvite(kinds::CancelInvite {
            invitation_id: id.into(),
        })
    };
    assert!(queue(&st, cancel("inv-1")).is_ok());
    assert_eq!(
        code(queue(&st, cancel("inv-2"))),
        ErrorCode::Conflict,
        "accepted already"
    );
    assert_eq!(code(queue(&st, cancel("inv-9"))), ErrorCode::NotFound);
}

#[test]
fn grants_are_requested_and_revoked_only_when_that_means_something() {
    let st = store();
    let request = |a: &str, scope| {
        Intention::RequestGrant(kinds::RequestGrant {
            account_id: a.into(),
            scope,
        })
    };
    let revoke = |a: &str, scope| {
        Intention::RevokeGrant(kinds::RevokeGrant {
            account_id: a.into(),
            scope,
        })
    };
    assert_eq!(
        code(queue(&st, request("a-ok", Scope::Publish))),
        ErrorCode::Conflict,
        "granted already"
    );
    assert!(
        queue(&st, request("a-nopub", Scope::Publish)).is_ok(),
        "declined may be asked again"
    );
    assert_eq!(
        code(queue(&st, revoke("a-gone", Scope::Interact))),
        ErrorCode::Conflict,
        "nothing to revoke"
    );
    assert!(queue(&st, revoke("a-ok", Scope::Interact)).is_ok());
    assert_eq!(
        code(queue(
            &st,
            Intention::Unbind(kinds::Unbind {
                account_id: "a-gone".into()
            })
        )),
        ErrorCode::NotBound
    );
}

#[test]
fn pins_count_queued_pins_and_queued_unpins() {
    // ≤ 3 pinned per account: w1 is pinned on the platform.
    let st = store();
    queue(&st, pin("w2")).expect("second pin");
    queue(&st, pin("w3")).expect("third pin");
    assert_eq!(
        code(queue(&st, pin("w4"))),
        ErrorCode::PinLimit,
        "w1 + two queued pins = 3"
    );
    assert!(
        queue(&st, pin("w2")).is_ok(),
        "re-pinning a work that will be pinned is not a new pin"
    );
    queue(&st, unpin("w1")).expect("unpin");
    assert!(queue(&st, pin("w4")).is_ok(), "a queued unpin frees a place");
    assert_eq!(code(queue(&st, pin("w5"))), ErrorCode::PinLimit, "w2, w3, w4");
}

#[test]
fn a_rejected_pin_no_longer_counts() {
    let st = store();
    let id = queue(&st, pin("w2")).expect("pin");
    queue(&st, pin("w3")).expect("pin");
    st.write(|tx| {
        tx.execute(
            "UPDATE action SET state = ?1 WHERE id = ?2",
            params![ActionState::Rejected, id],
        )?;
        Ok(())
    })
    .expect("reject");
    assert!(queue(&st, pin("w4")).is_ok(), "only open pins count");
}

#[test]
fn an_edit_must_change_something() {
    // An edit sends the work back to review; one that changes nothing only costs the account.
    let st = store();
    let edit = |title: Option<&str>, text: Option<&str>| {
        Intention::Edit(kinds::Edit {
            work_id: "w1".into(),
            title: title.map(str::to_owned),
            text: text.map(str::to_owned),
            product_ids: None,
            topic: None,
        })
    };
    assert_eq!(rule(queue(&st, edit(None, None))), "edit_unchanged");
    assert_eq!(
        rule(queue(&st, edit(Some("春茶开箱"), Some("正文")))),
        "edit_unchanged",
        "same title and text"
    );
    assert_eq!(rule(queue(&st, edit(Some(""), None))), "title_empty");
    assert!(queue(&st, edit(Some("春茶开箱（新）"), None)).is_ok());
    assert!(queue(&st, edit(None, Some("新正文"))).is_ok());
}

#[test]
fn work_actions_need_the_work_here() {
    let st = store();
    assert_eq!(
        code(queue(&st, Intention::Delete(kinds::Delete { work_id: "w-x".into() }))),
        ErrorCode::NotFound
    );
    let privacy = Intention::SetPrivacy(kinds::SetPrivacy {
        work_id: "w-nopub".into(),
        privacy: Privacy::Private,
    });
    assert_eq!(code(queue(&st, privacy)), ErrorCode::PermissionRequired);
}

#[test]
fn the_overlay_shows_what_open_actions_will_do() {
    let st = store();
    queue(
        &st,
        Intention::RequestGrant(kinds::RequestGrant {
            account_id: "a-nopub".into(),
            scope: Scope::Publish,
        }),
    )
    .expect("request");
    queue(
        &st,
        Intention::SetTag(kinds::SetTag {
            account_id: "a-nopub".into(),
            tag: Tag::BrandPersona,
        }),
    )
    .expect("tag");
    queue(
        &st,
        Intention::SetShopCard(kinds::SetShopCard {
            account_id: "a-ok".into(),
            enabled: true,
        }),
    )
    .expect("card");
    queue(
        &st,
        Intention::SetPool(kinds::SetPool {
            account_id: "a-ok".into(),
            product_ids: vec!["p1".into(), "p2".into()],
        }),
    )
    .expect("pool");
    let rows = overlaid(&st).expect("rows");
    let row = |id: &str| rows.iter().find(|r| r.id == id).cloned().expect("row");
    let nopub = row("a-nopub");
    assert_eq!(
        (nopub.publish, nopub.tag, nopub.pending),
        (GrantState::Requested, Tag::BrandPersona, 2)
    );
    let ok = row("a-ok");
    assert_eq!((ok.shop_card, ok.pool_size, ok.pending), (true, 2, 2));
    queue(
        &st,
        Intention::Unbind(kinds::Unbind {
            account_id: "a-ok".into(),
        }),
    )
    .expect("unbind");
    let ok = overlaid(&st)
        .expect("rows")
        .into_iter()
        .find(|r| r.id == "a-ok")
        .expect("row");
    assert_eq!(
        (ok.binding_state, ok.publish, ok.interact, ok.pool_size, ok.shop_card),
        (
            BindingState::Unbound,
            GrantState::Revoked,
            GrantState::Revoked,
            0,
            false
        ),
        "an unbind on its way shows everything it takes away"
    );
    st.write(|tx| {
        tx.execute(
            "UPDATE action SET state = ?1 WHERE kind = 'unbind'",
            [ActionState::Rejected],
        )?;
        Ok(())
    })
    .expect("reject");
    let ok = overlaid(&st)
        .expect("rows")
        .into_iter()
        .find(|r| r.id == "a-ok")
        .expect("row");
    assert_eq!(
        ok.binding_state,
        BindingState::Bound,
        "a rejected action drops out of the overlay"
    );
}

/// The merchant's accounts as the screens show them: platform state plus the overlay.
fn overlaid(st: &Store) -> CoreResult<Vec<mdesk_ipc::AccountRow>> {
    st.read(|c| {
        let mut rows = crate::store::list_accounts(c, "m1")?;
        overlay_accounts(c, &mut rows)?;
        Ok(rows)
    })
}

fn set_state(st: &Store, id: &str, state: ActionState) {
    st.write(|tx| {
        tx.execute("UPDATE action SET state = ?1 WHERE id = ?2", params![state, id])?;
        Ok(())
    })
    .expect("state");
}

fn row(st: &Store, id: &str) -> ActionRow {
    list(st).expect("list").into_iter().find(|a| a.id == id).expect("row")
}

#[test]
fn the_core_says_what_may_be_cancelled_or_retried() {
    let st = store();
    let secrets = MemorySecretStore::default();
    let id = queue(&st, pin("w2")).expect("pin");
    for state in ActionState::ALL {
        set_state(&st, &id, *state);
        let r = row(&st, &id);
        assert_eq!(r.can_cancel, state.can_cancel(), "{state}");
        assert_eq!(r.can_retry, state.can_retry(), "{state}");
        if !r.can_cancel {
            assert!(cancel(&st, &secrets, STAFF, &id).is_err(), "{state}: cancel refused");
        }
    }
    set_state(&st, &id, ActionState::Queued);
    cancel(&st, &secrets, STAFF, &id).expect("a queued action can be cancelled");
    assert_eq!(row(&st, &id).state, ActionState::Cancelled);
}

#[test]
fn a_double_click_on_retry_queues_one_retry() {
    let st = store();
    let id = queue(&st, pin("w2")).expect("pin");
    set_state(&st, &id, ActionState::Rejected);
    assert!(row(&st, &id).can_retry);
    let first = retry(&st, STAFF, &id).expect("retry");
    let second = retry(&st, STAFF, &id).expect("the second click answers the same retry");
    assert_eq!(first, second);
    assert_eq!(actions(&st), 2, "the rejected action and one retry");
    assert!(!row(&st, &id).can_retry, "a retried action offers no second retry");
    assert_eq!(row(&st, &first).state, ActionState::Queued);
}

#[test]
fn a_refused_invitation_is_not_offered_a_retry() {
    // Its phone number was not kept: the UI must not offer what the core would refuse.
    let st = store();
    let secrets = MemorySecretStore::default();
    let invite = Intention::Invite(kinds::Invite {
        guangguang_id: "gg_new003".into(),
        phone_masked: String::new(),
        tag: Tag::Staff,
    });
    let id = enqueue(&st, &secrets, STAFF, invite, Some("13812345678")).expect("invite");
    set_state(&st, &id, ActionState::Rejected);
    assert!(!row(&st, &id).can_retry);
    assert!(matches!(retry(&st, STAFF, &id), Err(CoreError::InvalidInput(_))));
}

#[test]
fn every_step_is_on_the_audit_trail_with_its_outcome() {
    let st = store();
    let secrets = MemorySecretStore::default();
    let id = queue(&st, pin("w2")).expect("pin");
    cancel(&st, &secrets, STAFF, &id).expect("cancel");
    let trail: Vec<(String, ActionState, Option<String>)> = st
        .read(|c| {
            let mut stmt = c.prepare("SELECT staff_name, outcome, error_code FROM audit_entry ORDER BY seq")?;
            let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
            Ok(rows.collect::<Result<_, _>>()?)
        })
        .expect("trail");
    assert_eq!(
        trail,
        vec![
            (STAFF.to_owned(), ActionState::Queued, None),
            (STAFF.to_owned(), ActionState::Cancelled, None)
        ]
    );
}

#[test]
fn actions_are_described_in_the_ui_language() {
    let grant = Intention::RequestGrant(kinds::RequestGrant {
        account_id: "a1".into(),
        scope: Scope::Publish,
    });
    let zh = grant.describe("zh-CN");
    let en = grant.describe("en");
    assert!(zh.contains("代理发布"), "{zh}");
    assert!(en.to_lowercase().contains("publish"), "{en}");
    for i in [
        grant,
        pin("w1"),
        Intention::SetTag(kinds::SetTag {
            account_id: "a1".into(),
            tag: Tag::BrandPersona,
        }),
        Intention::SetPrivacy(kinds::SetPrivacy {
            work_id: "w1".into(),
            privacy: Privacy::Private,
        }),
        Intention::LikeComment(kinds::LikeComment {
            comment_id: "c1".into(),
            work_id: "w1".into(),
            account_id: None,
        }),
        Intention::UnlikeComment(kinds::UnlikeComment {
            comment_id: "c1".into(),
            work_id: "w1".into(),
            account_id: None,
        }),
        publish("a-ok", "标题", &[]),
    ] {
        for lang in ["zh-CN", "en"] {
            let text = i.describe(lang);
            assert!(
                !text.contains("describe-") && !text.contains("scope-") && !text.contains("tag-"),
                "{lang}: {text}"
            );
        }
    }
}

#[test]
fn the_outbox_refuses_a_blocked_word_whichever_way_it_comes() {
    let store = store();
    let secrets = MemorySecretStore::default();
    let comment = Intention::Comment(kinds::Comment {
        work_id: "w1".into(),
        account_id: None,
        text: "加 vx 领券".into(),
        parent_id: None,
    });
    match enqueue(&store, &secrets, "小王", comment, None) {
        Err(CoreError::Rule { rule, .. }) => assert_eq!(rule, "content_blocked"),
        other => panic!("{other:?}"),
    }
    let edit = Intention::Edit(kinds::Edit {
        work_id: "w1".into(),
        title: Some("国家级春茶".into()),
        text: None,
        product_ids: None,
        topic: None,
    });
    match enqueue(&store, &secrets, "小王", edit, None) {
        Err(CoreError::Rule { rule, .. }) => assert_eq!(rule, "content_blocked"),
        other => panic!("{other:?}"),
    }
    assert!(list(&store).expect("actions").is_empty(), "nothing queued");
}
