//! The comments inbox: every comment on the signed-in merchant's works, newest first, with
//! what the staff member needs to act on it — read or not, answered or not (or an answer on
//! its way in the outbox), and whether the work's account may reply at all.
//!
//! Reading state is local to this computer (`comment.read`, migration 0007). Replies and likes
//! are intentions (`Intention::Comment` with a `parent_id`, `Intention::Like`) like any other.

use mdesk_ipc::{CommentsQuery, InboxComment, Scope};
use mdesk_platform_api::{rules, BindingState, GrantState};
use rusqlite::types::Value;
use rusqlite::{params_from_iter, Connection, OptionalExtension};

use crate::error::CoreResult;
use crate::matrix;
use crate::outbox::kinds;
use crate::outbox::{Intention, OPEN_STATES};
use crate::secret::SecretStore;
use crate::session;
use crate::store::Store;

/// Comments per page at most.
pub const MAX_PAGE: u32 = 500;

/// A matrix account has answered the comment `c`.
const ANSWERED: &str = "EXISTS (SELECT 1 FROM comment r WHERE r.parent_id = c.id AND r.author_account_id IS NOT NULL)";

fn reply_pending() -> String {
    format!(
        "EXISTS (SELECT 1 FROM action x WHERE x.kind = 'comment' AND x.state IN {} \
         AND json_extract(x.payload, '$.parent_id') = c.id)",
        *OPEN_STATES
    )
}

/// One page of the inbox.
pub fn list(store: &Store, q: &CommentsQuery) -> CoreResult<Vec<InboxComment>> {
    store.read(|conn| list_in(conn, q))
}

fn list_in(conn: &Connection, q: &CommentsQuery) -> CoreResult<Vec<InboxComment>> {
    let Some(session) = session::current_in(conn)? else {
        return Ok(Vec::new());
    };
    let pending = reply_pending();
    let like_pending = format!(
        "(SELECT x.kind FROM action x WHERE x.entity_kind = 'comment' AND x.entity_id = c.id \
         AND x.state IN {} ORDER BY x.rowid DESC LIMIT 1)",
        *crate::outbox::OPEN_STATES
    );
    let mut sql = format!(
        "SELECT c.id, c.work_id, w.title, w.account_id, a.nickname, a.tag, c.parent_id, p.text, c.author_name, \
         c.author_account_id IS NOT NULL, c.text, c.like_count, c.created_at, c.read, {ANSWERED}, {pending}, \
         a.binding_state, COALESCE(g.state, 'none'), \
         EXISTS (SELECT 1 FROM json_each(c.liked_by) WHERE value = w.account_id), {like_pending} \
         FROM comment c JOIN work w ON w.id = c.work_id JOIN matrix_account a ON a.id = w.account_id \
         LEFT JOIN comment p ON p.id = c.parent_id \
         LEFT JOIN account_grant g ON g.account_id = a.id AND g.scope = 'interact' \
         WHERE a.merchant_id = ? AND w.deleted = 0"
    );
    let mut args = vec![Value::Text(session.merchant_id)];
    if let Some(account) = q.account_id.as_ref().filter(|s| !s.is_empty()) {
        sql.push_str(" AND w.account_id = ?");
        args.push(Value::Text(account.clone()));
    }
    if let Some(work) = q.work_id.as_ref().filter(|s| !s.is_empty()) {
        sql.push_str(" AND c.work_id = ?");
        args.push(Value::Text(work.clone()));
    }
    if q.unread {
        sql.push_str(" AND c.read = 0");
    }
    if q.unanswered {
        sql.push_str(&format!(
            " AND c.author_account_id IS NULL AND NOT {ANSWERED} AND NOT {pending}"
        ));
    }
    sql.push_str(" ORDER BY c.created_at DESC, c.id DESC LIMIT ? OFFSET ?");
    args.push(Value::Integer(i64::from(q.limit.clamp(1, MAX_PAGE))));
    args.push(Value::Integer(i64::from(q.offset)));
    let rows = conn
        .prepare_cached(&sql)?
        .query_map(params_from_iter(args.iter()), |r| {
            let account_id: String = r.get(3)?;
            let binding: BindingState = r.get(16)?;
            let interact: GrantState = r.get(17)?;
            let liked_here: bool = r.get(18)?;
            let pending_like: Option<String> = r.get(19)?;
            // The latest like or unlike on its way decides what the staff member sees.
            let liked = match pending_like.as_deref() {
                Some("like_comment") => true,
                Some("unlike_comment") => false,
                _ => liked_here,
            };
            let like_count: i64 = r.get(11)?;
            Ok(InboxComment {
                id: r.get(0)?,
                work_id: r.get(1)?,
                work_title: r.get(2)?,
                can_reply: rules::require_scope(&account_id, binding, Scope::Interact, interact).is_ok(),
                account_id,
                nickname: r.get(4)?,
                tag: r.get(5)?,
                parent_id: r.get(6)?,
                parent_text: r.get(7)?,
                author_name: r.get(8)?,
                from_matrix: r.get(9)?,
                text: r.get(10)?,
                like_count: (like_count + i64::from(liked) - i64::from(liked_here)).max(0),
                liked,
                like_pending: pending_like.is_some(),
                created_at: r.get(12)?,
                read: r.get(13)?,
                answered: r.get(14)?,
                reply_pending: r.get(15)?,
            })
        })?
        .collect::<Result<Vec<_>, _>>()?;
    Ok(rows)
}

/// Counts the merchant's unread comments. `CROSS JOIN` keeps SQLite's join order: starting
/// from the unread comments (the partial index `comment_unread`) costs what is unread, while
/// the order the planner prefers, from the accounts through every work, read 100,000 works and
/// their comments from disk (1.75 s cold at L) at every start of the app.
const UNREAD_SQL: &str = "SELECT COUNT(*) FROM comment c CROSS JOIN work w ON w.id = c.work_id \
     CROSS JOIN matrix_account a ON a.id = w.account_id \
     WHERE c.read = 0 AND w.deleted = 0 AND a.merchant_id = ?1";

/// How many comments on the merchant's works are unread.
pub fn unread(store: &Store) -> CoreResult<u32> {
    store.read(|conn| {
        let Some(session) = session::current_in(conn)? else {
            return Ok(0);
        };
        Ok(conn
            .prepare_cached(UNREAD_SQL)?
            .query_row([session.merchant_id], |r| r.get(0))?)
    })
}

/// The work a comment is on and the matrix account whose work it is.
pub fn work_and_account(store: &Store, comment_id: &str) -> CoreResult<(String, String)> {
    store.read(|conn| {
        let session = session::current_in(conn)?.ok_or(crate::CoreError::NotSignedIn)?;
        conn.prepare_cached(
            "SELECT c.work_id, w.account_id FROM comment c JOIN work w ON w.id = c.work_id \
             JOIN matrix_account a ON a.id = w.account_id WHERE c.id = ?1 AND a.merchant_id = ?2",
        )?
        .query_row([comment_id, session.merchant_id.as_str()], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })
        .optional()?
        .ok_or_else(|| crate::CoreError::Rule {
            rule: "comment_unknown",
            message: format!("no comment {comment_id} on this merchant's works here"),
        })
    })
}

/// The content check's warnings on a comment or reply as `account_id`, unless accepted (a
/// blocked word is the outbox's to refuse).
fn warnings_accepted(store: &Store, account_id: &str, text: &str, accept_warnings: bool) -> CoreResult<()> {
    let check = crate::content::check(store, &mdesk_ipc::CheckedText::comment(text), &[account_id.to_owned()])?;
    if check.blocked() {
        return Ok(());
    }
    crate::content::verdict(&check, accept_warnings)
}

/// Queues a reply to a comment, as the matrix account whose work it is (needs its interact
/// permission; refused locally otherwise). The content check's warnings need
/// `accept_warnings`. Answers the action id.
pub fn reply(
    store: &Store,
    secrets: &dyn SecretStore,
    comment_id: &str,
    text: &str,
    accept_warnings: bool,
) -> CoreResult<String> {
    let (work_id, account_id) = work_and_account(store, comment_id)?;
    warnings_accepted(store, &account_id, text, accept_warnings)?;
    let intention = Intention::Comment(kinds::Comment {
        work_id,
        account_id: Some(account_id),
        text: text.to_owned(),
        parent_id: Some(comment_id.to_owned()),
    });
    matrix::queue(store, secrets, intention, None)
}

/// Queues a like of the work a comment is on, as the work's own account. Answers the action id.
pub fn like_work(store: &Store, secrets: &dyn SecretStore, work_id: &str) -> CoreResult<String> {
    let account_id: String =
        store.read(|conn| Ok(conn.query_row("SELECT account_id FROM work WHERE id = ?1", [work_id], |r| r.get(0))?))?;
    let intention = Intention::Like(kinds::Like {
        work_id: work_id.to_owned(),
        account_id: Some(account_id),
    });
    matrix::queue(store, secrets, intention, None)
}

/// Queues a like (or, with `like` false, an unlike) of a comment as the account whose work it
/// is on. Answers the action id.
pub fn like_comment(store: &Store, secrets: &dyn SecretStore, comment_id: &str, like: bool) -> CoreResult<String> {
    let (work_id, account_id) = work_and_account(store, comment_id)?;
    let comment_id = comment_id.to_owned();
    let account_id = Some(account_id);
    let intention = if like {
        Intention::LikeComment(kinds::LikeComment {
            comment_id,
            work_id,
            account_id,
        })
    } else {
        Intention::UnlikeComment(kinds::UnlikeComment {
            comment_id,
            work_id,
            account_id,
        })
    };
    matrix::queue(store, secrets, intention, None)
}

/// Queues a comment on a work (not a reply) as the work's own account; the content check's
/// warnings need `accept_warnings`. Answers the action id.
pub fn comment_on_work(
    store: &Store,
    secrets: &dyn SecretStore,
    work_id: &str,
    text: &str,
    accept_warnings: bool,
) -> CoreResult<String> {
    let account_id: Option<String> = store.read(|conn| {
        Ok(conn
            .prepare_cached("SELECT account_id FROM work WHERE id = ?1 AND deleted = 0")?
            .query_row([work_id], |r| r.get(0))
            .optional()?)
    })?;
    let Some(account_id) = account_id else {
        return Err(crate::CoreError::Rule {
            rule: "work_unknown",
            message: format!("no work {work_id} here"),
        });
    };
    warnings_accepted(store, &account_id, text, accept_warnings)?;
    let intention = Intention::Comment(kinds::Comment {
        work_id: work_id.to_owned(),
        account_id: Some(account_id),
        text: text.to_owned(),
        parent_id: None,
    });
    matrix::queue(store, secrets, intention, None)
}

/// Marks these comments read; with no ids, every comment.
pub fn mark_read(store: &Store, ids: &[String]) -> CoreResult<()> {
    store.write(|tx| {
        if ids.is_empty() {
            tx.execute("UPDATE comment SET read = 1 WHERE read = 0", [])?;
        } else {
            let mut mark = tx.prepare_cached("UPDATE comment SET read = 1 WHERE id = ?1 AND read = 0")?;
            for id in ids {
                mark.execute([id])?;
            }
        }
        Ok(())
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::outbox;
    use crate::MemorySecretStore;

    /// A merchant with one granted and one declined account, a fan's comment on each work, an
    /// answer to one of them, and a history comment that arrived with the first download.
    fn store() -> Store {
        crate::store::signed_in_with(
            Store::open_in_memory().expect("store"),
            "INSERT INTO matrix_account (id, merchant_id, guangguang_id, nickname, tag, binding_state, shop_card, updated_at) VALUES
                       ('a1', 'm1', 'gg_a00001', '门店甲', 'store', 'bound', 0, 'x'),
                       ('a2', 'm1', 'gg_a00002', '店员乙', 'staff', 'bound', 0, 'x');
                     INSERT INTO account_grant (account_id, scope, state) VALUES ('a1', 'interact', 'granted'), ('a2', 'interact', 'declined');
                     INSERT INTO work (id, account_id, kind, title, text, privacy, pinned, review_status, inclusion_status, published_at, updated_at) VALUES
                       ('w1', 'a1', 'video', '春季新品', '', 'public', 0, 'approved', 'included', '2026-11-01T00:00:00Z', 'x'),
                       ('w2', 'a2', 'video', '周末探店', '', 'public', 0, 'approved', 'included', '2026-11-02T00:00:00Z', 'x');
                     INSERT INTO comment (id, work_id, parent_id, author_name, author_account_id, text, created_at) VALUES
                       ('c0', 'w1', NULL, '老粉', NULL, '很早的评论', '2026-11-01T01:00:00Z');
                     INSERT INTO sync_state (key, value) VALUES ('pull.last_sync_at', '2026-11-01T02:00:00Z');
                     INSERT INTO comment (id, work_id, parent_id, author_name, author_account_id, text, created_at) VALUES
                       ('c1', 'w1', NULL, '路人甲', NULL, '求链接', '2026-11-03T01:00:00Z'),
                       ('c2', 'w1', 'c1', '门店甲', 'a1', '在橱窗里', '2026-11-03T02:00:00Z'),
                       ('c3', 'w2', NULL, '路人乙', NULL, '几点开门?', '2026-11-03T03:00:00Z'),
                       ('c4', 'w1', NULL, '路人丙', NULL, '好看', '2026-11-03T04:00:00Z');",
        )
    }

    #[test]
    fn the_unread_count_starts_from_the_unread_comments() {
        let plan: Vec<String> = store()
            .read(|conn| {
                let mut stmt = conn.prepare(&format!("EXPLAIN QUERY PLAN {UNREAD_SQL}"))?;
                let rows = stmt.query_map(["m1"], |r| r.get::<_, String>(3))?;
                Ok(rows.collect::<Result<Vec<_>, _>>()?)
            })
            .expect("plan");
        assert!(plan[0].contains("USING INDEX comment_unread"), "{plan:?}");
    }

    fn ids(store: &Store, q: CommentsQuery) -> Vec<String> {
        list(store, &q).expect("list").into_iter().map(|c| c.id).collect()
    }

    #[test]
    fn the_inbox_is_newest_first_with_what_to_act_on() {
        let st = store();
        let all = list(&st, &CommentsQuery::default()).expect("list");
        let order: Vec<&str> = all.iter().map(|c| c.id.as_str()).collect();
        assert_eq!(order, ["c4", "c3", "c2", "c1", "c0"]);
        let c1 = &all[3];
        assert!(c1.answered && !c1.read && c1.can_reply);
        let c2 = &all[2];
        assert!(c2.from_matrix && c2.read, "our own reply counts as read");
        assert_eq!(c2.parent_text.as_deref(), Some("求链接"));
        assert!(all[4].read, "history from the first download is not news");
        assert!(!all[1].can_reply, "no interact permission on a2");
        assert_eq!(unread(&st).expect("unread"), 3);
    }

    #[test]
    fn filters_and_a_queued_reply_counts_as_an_answer() {
        let st = store();
        let unanswered = CommentsQuery {
            unanswered: true,
            ..CommentsQuery::default()
        };
        assert_eq!(ids(&st, unanswered.clone()), ["c4", "c3", "c0"]);
        assert_eq!(
            ids(
                &st,
                CommentsQuery {
                    account_id: Some("a2".into()),
                    ..CommentsQuery::default()
                }
            ),
            ["c3"]
        );
        let secrets = MemorySecretStore::default();
        outbox::enqueue(
            &st,
            &secrets,
            "小周",
            Intention::Comment(kinds::Comment {
                work_id: "w1".into(),
                account_id: Some("a1".into()),
                text: "谢谢喜欢".into(),
                parent_id: Some("c4".into()),
            }),
            None,
        )
        .expect("reply queued");
        let page = list(&st, &CommentsQuery::default()).expect("list");
        assert!(page[0].reply_pending, "the reply waits in the outbox");
        assert_eq!(ids(&st, unanswered), ["c3", "c0"], "and is no longer unanswered");
        mark_read(&st, &["c4".into()]).expect("read one");
        assert_eq!(
            ids(
                &st,
                CommentsQuery {
                    unread: true,
                    ..CommentsQuery::default()
                }
            ),
            ["c3", "c1"]
        );
        mark_read(&st, &[]).expect("read all");
        assert_eq!(unread(&st).expect("unread"), 0);
    }

    #[test]
    fn a_reply_goes_out_as_the_works_account_and_needs_its_permission() {
        let st = store();
        let secrets = MemorySecretStore::default();
        st.write(|tx| crate::store::kv::set_setting(tx, crate::store::kv::Setting::StaffName, Some("小周")))
            .expect("staff");
        reply(&st, &secrets, "c1", "已补货", false).expect("a1 may reply");
        let refused = reply(&st, &secrets, "c3", "十点开门", false);
        assert!(
            matches!(
                refused,
                Err(crate::CoreError::Platform {
                    code: mdesk_platform_api::ErrorCode::PermissionRequired,
                    ..
                })
            ),
            "refused locally: a2 has no interact permission: {refused:?}"
        );
        assert!(matches!(
            reply(&st, &secrets, "nope", "x", false),
            Err(crate::CoreError::Rule {
                rule: "comment_unknown",
                ..
            })
        ));
    }
}
