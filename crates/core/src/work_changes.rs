//! Changing existing works: pin, unpin, public, private, delete — one work or many at once,
//! with a dry run that says per work what would happen — and editing one work.
//!
//! Every change is an outbox action on the work; the Works screen and work detail show it at
//! once (the overlay), and a refusal by the platform reverts it and says why.

use mdesk_ipc::{IpcError, WorkChange, WorkChangePlan, WorkChangeRow, WorkEditForm};
use mdesk_platform_api::Privacy;
use rusqlite::{Connection, OptionalExtension};

use crate::error::{CoreError, CoreResult};
use crate::outbox::kinds;
use crate::outbox::{self, Intention};
use crate::store::Store;

/// A work as the change sees it: as it will be once its open actions are applied.
struct Now {
    title: String,
    nickname: String,
    pinned: bool,
    privacy: Privacy,
    deleted: bool,
}

fn now_of(conn: &Connection, work_id: &str) -> CoreResult<Option<Now>> {
    let found = conn
        .prepare_cached(
            "SELECT w.title, a.nickname, w.pinned, w.privacy, w.deleted FROM work w \
             JOIN matrix_account a ON a.id = w.account_id WHERE w.id = ?1",
        )?
        .query_row([work_id], |r| {
            Ok(Now {
                title: r.get(0)?,
                nickname: r.get(1)?,
                pinned: r.get(2)?,
                privacy: r.get(3)?,
                deleted: r.get(4)?,
            })
        })
        .optional()?;
    let Some(mut now) = found else {
        return Ok(None);
    };
    for (_, intention) in outbox::open_on_work(conn, work_id)? {
        match intention {
            Intention::Pin(kinds::Pin { .. }) => now.pinned = true,
            Intention::Unpin(kinds::Unpin { .. }) => now.pinned = false,
            Intention::SetPrivacy(kinds::SetPrivacy { privacy, .. }) => now.privacy = privacy,
            Intention::Delete(kinds::Delete { .. }) => now.deleted = true,
            _ => {}
        }
    }
    Ok(Some(now))
}

fn intention_for(change: WorkChange, work_id: &str) -> Intention {
    let work_id = work_id.to_owned();
    match change {
        WorkChange::Pin => Intention::Pin(kinds::Pin { work_id }),
        WorkChange::Unpin => Intention::Unpin(kinds::Unpin { work_id }),
        WorkChange::MakePublic => Intention::SetPrivacy(kinds::SetPrivacy {
            work_id,
            privacy: Privacy::Public,
        }),
        WorkChange::MakePrivate => Intention::SetPrivacy(kinds::SetPrivacy {
            work_id,
            privacy: Privacy::Private,
        }),
        WorkChange::Delete => Intention::Delete(kinds::Delete { work_id }),
    }
}

/// Whether the change would leave the work as it is (re-pinning a pinned work is not a pin).
fn unchanged(change: WorkChange, now: &Now) -> bool {
    match change {
        WorkChange::Pin => now.pinned,
        WorkChange::Unpin => !now.pinned,
        WorkChange::MakePublic => now.privacy == Privacy::Public,
        WorkChange::MakePrivate => now.privacy == Privacy::Private,
        WorkChange::Delete => now.deleted,
    }
}

/// Applies `change` to `work_ids` — or, with `dry_run`, only says what it would do. Works the
/// change would not change are skipped; each other work is checked with the ones before it
/// (three pins allowed per account, counting queued pins and unpins), and gets its own action.
pub fn apply(
    store: &Store,
    staff: &str,
    change: WorkChange,
    work_ids: &[String],
    dry_run: bool,
) -> CoreResult<WorkChangePlan> {
    let mut rows = Vec::with_capacity(work_ids.len());
    let mut intentions = Vec::new();
    store.read(|conn| {
        for id in work_ids {
            let now = now_of(conn, id)?;
            let refusal = match &now {
                None => Some(IpcError::from(CoreError::Rule {
                    rule: "work_unknown",
                    message: format!("no work {id} here"),
                })),
                Some(n) if n.deleted && change != WorkChange::Delete => Some(IpcError::from(CoreError::Rule {
                    rule: "work_deleted",
                    message: "the work is deleted".into(),
                })),
                _ => None,
            };
            let skip = refusal.is_none() && now.as_ref().is_some_and(|n| unchanged(change, n));
            if refusal.is_none() && !skip {
                intentions.push(intention_for(change, id));
            }
            rows.push(WorkChangeRow {
                work_id: id.clone(),
                title: now.as_ref().map(|n| n.title.clone()).unwrap_or_default(),
                nickname: now.as_ref().map(|n| n.nickname.clone()).unwrap_or_default(),
                refusal,
                unchanged: skip,
                action_id: None,
            });
        }
        Ok(())
    })?;
    let mut answers = outbox::enqueue_many(store, staff, &intentions, dry_run)?.into_iter();
    for row in rows.iter_mut().filter(|r| r.refusal.is_none() && !r.unchanged) {
        match answers.next() {
            Some(Ok(action_id)) => row.action_id = (!dry_run).then_some(action_id),
            Some(Err(e)) => row.refusal = Some(e.into()),
            None => return Err(CoreError::Corrupt("fewer answers than changes".into())),
        }
    }
    Ok(WorkChangePlan { change, rows })
}

/// Queues an edit of one work with the fields that differ from what it has (or will have);
/// the work goes back to review. Answers the action id.
pub fn edit(store: &Store, staff: &str, work_id: &str, form: &WorkEditForm) -> CoreResult<String> {
    // Compared with the work as its queued edits will leave it, not as last synced.
    let (title, text, products, topic) = store.read(|conn| match outbox::edited_work(conn, work_id) {
        Err(CoreError::Platform { .. }) => Err(CoreError::Rule {
            rule: "work_unknown",
            message: format!("no work {work_id} here"),
        }),
        other => other,
    })?;
    let differs = |new: &str, old: &str| (new.trim() != old.trim()).then(|| new.to_owned());
    let (title, text, product_ids, topic) = (
        differs(&form.title, &title),
        (form.text != text).then(|| form.text.clone()),
        (form.product_ids != products).then(|| form.product_ids.clone()),
        differs(&form.topic, topic.as_deref().unwrap_or_default()),
    );
    // What goes out anew, checked as the work's account; a blocked word is the outbox's.
    let account_id: String = store.read(|conn| {
        Ok(conn
            .prepare_cached("SELECT account_id FROM work WHERE id = ?1")?
            .query_row([work_id], |r| r.get(0))?)
    })?;
    let check = crate::content::check(
        store,
        &mdesk_ipc::CheckedText::work(
            title.as_deref().unwrap_or_default(),
            text.as_deref().unwrap_or_default(),
            topic.as_deref().unwrap_or_default(),
        ),
        &[account_id],
    )?;
    if !check.blocked() {
        crate::content::verdict(&check, form.accept_warnings)?;
    }
    let by_submission = store
        .read(crate::identity::whoami)?
        .is_some_and(|w| w.publishes_by_submission);
    // An operator's edit of a live work goes to review while the merchant requires approval.
    let intention = if by_submission {
        Intention::SubmitEdit(kinds::SubmitEdit {
            submission_id: None,
            work_id: work_id.to_owned(),
            title,
            text,
            product_ids,
            topic,
        })
    } else {
        Intention::Edit(kinds::Edit {
            work_id: work_id.to_owned(),
            title,
            text,
            product_ids,
            topic,
        })
    };
    let mut answers = outbox::enqueue_many(store, staff, std::slice::from_ref(&intention), false)?;
    answers
        .pop()
        .unwrap_or_else(|| Err(CoreError::Corrupt("no answer for the edit".into())))
}

#[cfg(test)]
mod tests {
    use mdesk_ipc::{ActionKind, ErrorCode, WorkChange, WorkEditForm};

    use super::*;
    use crate::outbox::tests::store;

    const STAFF: &str = "小王";

    fn ids(ids: &[&str]) -> Vec<String> {
        ids.iter().map(|s| (*s).to_owned()).collect()
    }

    #[test]
    fn a_fourth_pin_is_refused_in_one_batch_as_one_by_one() {
        // w1 is pinned already: re-pinning it is no pin; w2 and w3 fill the three; w4 is one too many.
        let st = store();
        let plan = apply(&st, STAFF, WorkChange::Pin, &ids(&["w1", "w2", "w3", "w4"]), true).expect("dry run");
        assert!(plan.rows[0].unchanged, "already pinned");
        assert_eq!(plan.rows[1].refusal, None);
        assert_eq!(plan.rows[2].refusal, None);
        assert_eq!(plan.rows[3].refusal.as_ref().map(|e| e.code), Some(ErrorCode::PinLimit));
        assert_eq!(plan.sendable(), 2);
        assert!(
            crate::outbox::list(&st).expect("actions").is_empty(),
            "a dry run queues nothing"
        );

        let done = apply(&st, STAFF, WorkChange::Pin, &ids(&["w1", "w2", "w3", "w4"]), false).expect("apply");
        assert_eq!(done.rows.iter().filter(|r| r.action_id.is_some()).count(), 2);
        // Unpin one (queued), then the fourth fits.
        apply(&st, STAFF, WorkChange::Unpin, &ids(&["w2"]), false).expect("unpin");
        let again = apply(&st, STAFF, WorkChange::Pin, &ids(&["w4"]), false).expect("pin");
        assert!(
            again.rows[0].action_id.is_some(),
            "a queued unpin frees a place: {:?}",
            again.rows[0]
        );
    }

    #[test]
    fn bulk_privacy_skips_works_already_so_and_refuses_without_the_grant() {
        let st = store();
        apply(&st, STAFF, WorkChange::MakePrivate, &ids(&["w3"]), false).expect("one private");
        let plan = apply(
            &st,
            STAFF,
            WorkChange::MakePrivate,
            &ids(&["w2", "w3", "w-nopub", "w-none"]),
            false,
        )
        .expect("bulk");
        assert!(plan.rows[0].action_id.is_some());
        assert!(plan.rows[1].unchanged, "a queued change counts: w3 will be private");
        assert_eq!(
            plan.rows[2].refusal.as_ref().map(|e| e.code),
            Some(ErrorCode::PermissionRequired)
        );
        assert_eq!(
            plan.rows[3].refusal.as_ref().and_then(|e| e.rule.as_deref()),
            Some("work_unknown")
        );
        assert_eq!(plan.rows[2].nickname, "员工乙");
    }

    #[test]
    fn the_works_screen_shows_pending_changes_and_a_refusal_reverts_them() {
        let st = store();
        apply(&st, STAFF, WorkChange::MakePrivate, &ids(&["w2"]), false).expect("private");
        let action = apply(&st, STAFF, WorkChange::Pin, &ids(&["w2"]), false)
            .expect("pin")
            .rows[0]
            .action_id
            .clone()
            .expect("queued");
        let row = |st: &Store| {
            crate::works::list(st, &mdesk_ipc::WorksQuery::default())
                .expect("works")
                .rows
                .into_iter()
                .find(|r| r.id == "w2")
                .expect("w2")
        };
        let w2 = row(&st);
        assert!(w2.pinned && w2.privacy == Privacy::Private, "optimistic values");
        assert_eq!(w2.pending, vec![ActionKind::SetPrivacy, ActionKind::Pin]);
        assert_eq!(w2.rejection, None);
        st.write(|tx| {
            tx.execute(
                "UPDATE action SET state = 'rejected', error_code = 'pin_limit', error_message = 'full' WHERE id = ?1",
                [&action],
            )?;
            Ok(())
        })
        .expect("reject");
        let w2 = row(&st);
        assert!(!w2.pinned, "the refused pin drops out");
        assert_eq!(w2.privacy, Privacy::Private, "the other change still shows");
        let rejection = w2.rejection.expect("says why");
        assert_eq!(
            (rejection.kind.as_str(), rejection.error.code),
            ("pin", ErrorCode::PinLimit)
        );
    }

    #[test]
    fn an_edit_sends_only_what_changed_and_goes_back_to_review() {
        let st = store();
        let form = WorkEditForm {
            title: "春茶开箱".into(),
            text: "正文".into(),
            product_ids: vec![],
            topic: String::new(),
            ..Default::default()
        };
        match edit(&st, STAFF, "w1", &form) {
            Err(CoreError::Rule { rule, .. }) => assert_eq!(rule, "edit_unchanged"),
            other => panic!("{other:?}"),
        }
        let form = WorkEditForm {
            title: "春茶开箱（新版）".into(),
            topic: "#新茶".into(),
            ..form
        };
        edit(&st, STAFF, "w1", &form).expect("edit");
        let detail = crate::works::detail(&st, "w1", &mdesk_ipc::Period::default()).expect("detail");
        assert_eq!(detail.work.title, "春茶开箱（新版）");
        assert_eq!(
            detail.work.review_status,
            mdesk_ipc::ReviewStatus::Pending,
            "back in review"
        );
        assert_eq!(detail.work.topic.as_deref(), Some("#新茶"));
        assert_eq!(detail.work.pending, vec![ActionKind::Edit]);
        let payload: String = st
            .read(|c| Ok(c.query_row("SELECT payload FROM action WHERE kind = 'edit'", [], |r| r.get(0))?))
            .expect("payload");
        assert!(
            !payload.contains("\"text\":\"正文\""),
            "the unchanged text is not sent: {payload}"
        );
    }

    #[test]
    fn an_accounts_pins_and_unpins_reach_the_platform_in_the_order_queued() {
        // A pin counting on a queued unpin must not overtake it: both wait in the account's line.
        let st = store();
        let ids = |ids: &[&str]| ids.iter().map(|s| (*s).to_owned()).collect::<Vec<_>>();
        apply(&st, STAFF, WorkChange::Pin, &ids(&["w2", "w3"]), false).expect("fill the three");
        apply(&st, STAFF, WorkChange::Unpin, &ids(&["w2"]), false).expect("unpin");
        apply(&st, STAFF, WorkChange::Pin, &ids(&["w4"]), false).expect("pin");
        apply(&st, STAFF, WorkChange::MakePrivate, &ids(&["w5"]), false).expect("privacy");
        let lines: Vec<(String, String, String)> = st
            .read(|c| {
                Ok(
                    c.prepare("SELECT kind, entity_kind, work_id FROM action ORDER BY rowid")?
                        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
                        .collect::<Result<_, _>>()?,
                )
            })
            .expect("actions");
        let line = |k: &str, w: &str| lines.iter().find(|l| l.0 == k && l.2 == w).map(|l| l.1.clone());
        assert_eq!(line("pin", "w2").as_deref(), Some("account_pins"));
        assert_eq!(line("unpin", "w2").as_deref(), Some("account_pins"));
        assert_eq!(
            line("pin", "w4").as_deref(),
            Some("account_pins"),
            "one line per account"
        );
        assert_eq!(
            line("set_privacy", "w5").as_deref(),
            Some("work"),
            "other changes stay per work"
        );
        let w4 = crate::works::list(&st, &mdesk_ipc::WorksQuery::default())
            .expect("works")
            .rows
            .into_iter()
            .find(|r| r.id == "w4")
            .expect("w4");
        assert!(
            w4.pinned && w4.pending == vec![ActionKind::Pin],
            "still shown pending: {w4:?}"
        );
    }

    #[test]
    fn a_second_edit_is_compared_with_the_first_one_not_yet_sent() {
        let st = store();
        let form = WorkEditForm {
            title: "新标题".into(),
            text: "正文".into(),
            product_ids: vec![],
            topic: String::new(),
            ..Default::default()
        };
        edit(&st, STAFF, "w1", &form).expect("first edit");
        match edit(&st, STAFF, "w1", &form) {
            Err(CoreError::Rule { rule, .. }) => {
                assert_eq!(rule, "edit_unchanged", "the same edit again changes nothing")
            }
            other => panic!("{other:?}"),
        }
        let back = WorkEditForm {
            title: "春茶开箱".into(),
            ..form.clone()
        };
        edit(&st, STAFF, "w1", &back).expect("going back to the synced title is a change");
        let long_topic = WorkEditForm {
            topic: "话".repeat(31),
            ..form
        };
        match edit(&st, STAFF, "w1", &long_topic) {
            Err(CoreError::Rule { rule, .. }) => assert_eq!(rule, "topic_too_long"),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn a_deleted_work_opens_as_deleted_not_as_live() {
        let st = store();
        st.write(|tx| {
            tx.execute("UPDATE work SET deleted = 1 WHERE id = 'w5'", [])?;
            Ok(())
        })
        .expect("deleted on the platform");
        match crate::works::detail(&st, "w5", &mdesk_ipc::Period::default()) {
            Err(CoreError::Rule { rule, .. }) => assert_eq!(rule, "work_deleted"),
            other => panic!("{other:?}"),
        }
    }
}
