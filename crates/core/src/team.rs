//! The team: the staff list and approval switch (Settings → Team), and the Reviews screen's
//! submissions with what each changes. Every change is an outbox intention like any other.

use mdesk_ipc::{
    ActionKind, DiffLine, FieldDiff, ReviewsQuery, StaffRow, SubmissionDetail, SubmissionKind, SubmissionRow, TeamView,
    Whoami,
};
use mdesk_platform_api::{resolve_url, Permission, Proposal, Role, Submission, SubmissionState, WorkEdit};
use rusqlite::{params, Connection, OptionalExtension};

use crate::error::{CoreError, CoreResult};
use crate::identity;
use crate::outbox::kinds;
use crate::outbox::{self, Intention, OPEN_STATES};
use crate::secret::SecretStore;
use crate::session;
use crate::store::Store;

fn signed_in(conn: &Connection) -> CoreResult<Whoami> {
    identity::whoami(conn)?.ok_or(CoreError::NotSignedIn)
}

/// Settings → Team.
pub fn view(store: &Store) -> CoreResult<TeamView> {
    store.read(|conn| {
        let whoami = signed_in(conn)?;
        let merchant = session::current_in(conn)?.ok_or(CoreError::NotSignedIn)?.merchant_id;
        let mut staff: Vec<StaffRow> = conn
            .prepare_cached(
                "SELECT login, name, role, disabled, created_at FROM staff_member WHERE merchant_id = ?1 \
                 ORDER BY created_at, login",
            )?
            .query_map([&merchant], |r| {
                Ok(StaffRow {
                    login: r.get(0)?,
                    name: r.get(1)?,
                    role: r.get(2)?,
                    disabled: r.get(3)?,
                    created_at: r.get(4)?,
                    pending: 0,
                })
            })?
            .collect::<Result<_, _>>()?;
        // What is queued shows at once: the row as it will be, and that it is on its way.
        let mut approval_required = whoami.approval_required;
        for intention in open_team_intentions(conn)? {
            match &intention {
                Intention::SetApproval(kinds::SetApproval { required }) => approval_required = *required,
                Intention::SetStaffRole(kinds::SetStaffRole { login, role }) => {
                    if let Some(row) = staff.iter_mut().find(|s| same_login(&s.login, login)) {
                        row.role = *role;
                        row.pending += 1;
                    }
                }
                Intention::SetStaffDisabled(kinds::SetStaffDisabled { login, disabled }) => {
                    if let Some(row) = staff.iter_mut().find(|s| same_login(&s.login, login)) {
                        row.disabled = *disabled;
                        row.pending += 1;
                    }
                }
                Intention::ResetStaffPassword(kinds::ResetStaffPassword { login }) => {
                    if let Some(row) = staff.iter_mut().find(|s| same_login(&s.login, login)) {
                        row.pending += 1;
                    }
                }
                Intention::AddStaff(kinds::AddStaff {
                    name,
                    display_name,
                    role,
                }) => staff.push(StaffRow {
                    login: format!("{}:{name}", whoami.login.split(':').next().unwrap_or_default()),
                    name: display_name.clone().unwrap_or_else(|| name.clone()),
                    role: *role,
                    disabled: false,
                    created_at: String::new(),
                    pending: 1,
                }),
                _ => {}
            }
        }
        Ok(TeamView {
            whoami,
            staff,
            approval_required,
        })
    })
}

/// `demo:xiaoli` and `xiaoli` name the same person.
fn same_login(full: &str, given: &str) -> bool {
    full == given || full.rsplit(':').next() == Some(given)
}

fn open_team_intentions(conn: &Connection) -> CoreResult<Vec<Intention>> {
    let sql = format!(
        "SELECT payload FROM action WHERE kind IN ('add_staff', 'set_staff_role', 'reset_staff_password', \
         'set_staff_disabled', 'set_approval') AND state IN {} ORDER BY rowid",
        *OPEN_STATES
    );
    let payloads = conn
        .prepare_cached(&sql)?
        .query_map([], |r| r.get::<_, String>(0))?
        .collect::<Result<Vec<_>, _>>()?;
    payloads
        .iter()
        .map(|p| serde_json::from_str(p).map_err(|e| CoreError::Corrupt(e.to_string())))
        .collect()
}

fn parse(body: &str) -> CoreResult<Submission> {
    serde_json::from_str(body).map_err(|e| CoreError::Corrupt(format!("submission: {e}")))
}

/// The nicknames of accounts, in order (an id stands in for an account not here).
fn nicknames(conn: &Connection, ids: &[String]) -> CoreResult<Vec<String>> {
    ids.iter()
        .map(|id| {
            Ok(conn
                .prepare_cached("SELECT nickname FROM matrix_account WHERE id = ?1")?
                .query_row([id], |r| r.get(0))
                .optional()?
                .unwrap_or_else(|| id.clone()))
        })
        .collect()
}

fn work_account(conn: &Connection, work_id: &str) -> CoreResult<Vec<String>> {
    Ok(conn
        .prepare_cached("SELECT account_id FROM work WHERE id = ?1")?
        .query_row([work_id], |r| r.get(0))
        .optional()?
        .into_iter()
        .collect())
}

fn row_of(conn: &Connection, who: &Whoami, title: String, sub: &Submission) -> CoreResult<SubmissionRow> {
    let mine = sub.submitted_by.login == who.login;
    let open = matches!(sub.state, SubmissionState::Pending | SubmissionState::Returned);
    let (kind, accounts) = match &sub.proposal {
        Proposal::Publish { account_ids, .. } => (SubmissionKind::Publish, nicknames(conn, account_ids)?),
        Proposal::Edit { work_id, .. } => (SubmissionKind::Edit, nicknames(conn, &work_account(conn, work_id)?)?),
    };
    let sql = format!(
        "SELECT kind FROM action WHERE state IN {} AND json_extract(payload, '$.submission_id') = ?1 ORDER BY rowid",
        *OPEN_STATES
    );
    let pending: Vec<ActionKind> = conn
        .prepare_cached(&sql)?
        .query_map([&sub.id], |r| r.get(0))?
        .collect::<Result<_, _>>()?;
    Ok(SubmissionRow {
        id: sub.id.clone(),
        version: sub.version,
        state: sub.state,
        kind,
        title,
        accounts,
        submitted_by: sub.submitted_by.clone(),
        submitted_at: sub.submitted_at.to_rfc3339(),
        reviewed_by: sub.reviewed_by.clone(),
        reason: sub.reason.clone(),
        mine,
        can_review: !mine && sub.state == SubmissionState::Pending && who.may(Permission::Review) && pending.is_empty(),
        can_change: mine && open && who.may(Permission::Submit) && pending.is_empty(),
        pending,
        results: sub.results.clone(),
    })
}

/// The Reviews screen: submissions, those waiting first, then newest first.
pub fn reviews(store: &Store, query: &ReviewsQuery) -> CoreResult<Vec<SubmissionRow>> {
    store.read(|conn| {
        let who = signed_in(conn)?;
        let search = query.search.as_deref().map(str::trim).filter(|s| !s.is_empty());
        let rows: Vec<(String, String)> = conn
            .prepare_cached(
                "SELECT title, body FROM submission WHERE (?1 IS NULL OR state = ?1) AND (?2 IS NULL OR submitted_by = ?2) \
                 AND (?3 IS NULL OR instr(title, ?3) > 0) \
                 ORDER BY state <> 'pending', submitted_at DESC, id DESC",
            )?
            .query_map(params![query.state, query.submitted_by, search], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<Result<_, _>>()?;
        rows.into_iter()
            .map(|(title, body)| row_of(conn, &who, title, &parse(&body)?))
            .collect()
    })
}

fn stored(conn: &Connection, id: &str) -> CoreResult<(String, Submission)> {
    let (title, body): (String, String) = conn
        .prepare_cached("SELECT title, body FROM submission WHERE id = ?1")?
        .query_row([id], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?
        .ok_or_else(|| CoreError::InvalidInput(format!("no submission {id}")))?;
    Ok((title, parse(&body)?))
}

/// A line-by-line comparison of two texts.
fn lines(before: &str, after: &str) -> Vec<DiffLine> {
    similar::TextDiff::from_lines(before, after)
        .iter_all_changes()
        .map(|c| DiffLine {
            change: match c.tag() {
                similar::ChangeTag::Equal => "same",
                similar::ChangeTag::Insert => "added",
                similar::ChangeTag::Delete => "removed",
            }
            .to_owned(),
            text: c.value().trim_end_matches('\n').to_owned(),
        })
        .collect()
}

fn field(name: &str, before: Option<String>, after: Option<String>) -> Option<FieldDiff> {
    (before != after).then(|| FieldDiff {
        field: name.to_owned(),
        lines: if name == "text" {
            lines(
                before.as_deref().unwrap_or_default(),
                after.as_deref().unwrap_or_default(),
            )
        } else {
            Vec::new()
        },
        before,
        after,
    })
}

fn product_titles(conn: &Connection, ids: &[String]) -> CoreResult<String> {
    let titles = ids
        .iter()
        .map(|id| {
            Ok(conn
                .prepare_cached("SELECT title FROM product WHERE id = ?1")?
                .query_row([id], |r| r.get(0))
                .optional()?
                .unwrap_or_else(|| id.clone()))
        })
        .collect::<CoreResult<Vec<String>>>()?;
    Ok(titles.join("、"))
}

/// The fields of `after` that differ from `before` (a publish's previous version).
fn publish_fields(conn: &Connection, before: Option<&Proposal>, after: &Proposal) -> CoreResult<Vec<FieldDiff>> {
    let parts = |p: Option<&Proposal>| -> CoreResult<Option<[Option<String>; 7]>> {
        Ok(match p {
            Some(Proposal::Publish { account_ids, work }) => Some([
                Some(work.title.clone()),
                Some(work.text.clone()),
                work.topic.clone(),
                Some(product_titles(conn, &work.product_ids)?),
                Some(nicknames(conn, account_ids)?.join("、")),
                Some(work.media_ids.join(", ")),
                work.scheduled_at.map(|t| t.to_rfc3339()),
            ]),
            _ => None,
        })
    };
    let names = ["title", "text", "topic", "products", "accounts", "media", "schedule"];
    let after = parts(Some(after))?.unwrap_or_default();
    let before = parts(before)?;
    Ok(names
        .iter()
        .zip(after)
        .enumerate()
        .filter_map(|(i, (name, a))| {
            let b = before.as_ref().and_then(|b| b[i].clone());
            // A new submission shows every field it has.
            if before.is_none() {
                a.clone().map(|a| FieldDiff {
                    field: (*name).to_owned(),
                    lines: Vec::new(),
                    before: None,
                    after: Some(a),
                })
            } else {
                field(name, b, a)
            }
        })
        .collect())
}

/// An edit's fields beside the work as it is here.
fn edit_fields(conn: &Connection, work_id: &str, edit: &WorkEdit) -> CoreResult<Vec<FieldDiff>> {
    let (title, text, products, topic) = outbox::edited_work(conn, work_id).unwrap_or_default();
    let mut out = Vec::new();
    if let Some(t) = &edit.title {
        out.extend(field("title", Some(title), Some(t.clone())));
    }
    if let Some(t) = &edit.text {
        out.extend(field("text", Some(text), Some(t.clone())));
    }
    if let Some(t) = &edit.topic {
        out.extend(field("topic", topic, Some(t.clone())));
    }
    if let Some(p) = &edit.product_ids {
        out.extend(field(
            "products",
            Some(product_titles(conn, &products)?),
            Some(product_titles(conn, p)?),
        ));
    }
    Ok(out)
}

/// The content check of a proposal's copy, as the accounts it goes to (for an edit, the
/// work's own), in the desk's language.
fn submission_content(conn: &Connection, proposal: &Proposal) -> CoreResult<mdesk_ipc::ContentCheck> {
    let lang = crate::store::kv::setting(conn, crate::store::kv::Setting::Language)?
        .unwrap_or_else(|| mdesk_ipc::i18n::DEFAULT_LANGUAGE.to_owned());
    let (text, accounts) = match proposal {
        Proposal::Publish { work, account_ids } => (
            mdesk_ipc::CheckedText::work(&work.title, &work.text, work.topic.as_deref().unwrap_or_default()),
            account_ids.clone(),
        ),
        Proposal::Edit { work_id, edit } => {
            let account: Option<String> = conn
                .prepare_cached("SELECT account_id FROM work WHERE id = ?1")?
                .query_row([work_id], |r| r.get(0))
                .optional()?;
            (
                mdesk_ipc::CheckedText::work(
                    edit.title.as_deref().unwrap_or_default(),
                    edit.text.as_deref().unwrap_or_default(),
                    edit.topic.as_deref().unwrap_or_default(),
                ),
                account.into_iter().collect(),
            )
        }
    };
    crate::content::check_in(conn, &lang, &text, &accounts)
}

/// One submission beside its previous version (or, for an edit, the live work).
pub fn submission(store: &Store, id: &str) -> CoreResult<SubmissionDetail> {
    store.read(|conn| {
        let who = signed_in(conn)?;
        let endpoint = session::current_in(conn)?
            .map(|s| s.platform.endpoint)
            .unwrap_or_default();
        let (title, sub) = stored(conn, id)?;
        let row = row_of(conn, &who, title, &sub)?;
        let (compared_with, fields, media) = match &sub.proposal {
            Proposal::Publish { work, .. } => (
                sub.previous
                    .as_ref()
                    .map(|_| format!("v{}", sub.version.saturating_sub(1))),
                publish_fields(conn, sub.previous.as_ref(), &sub.proposal)?,
                work.media_ids.clone(),
            ),
            Proposal::Edit { work_id, edit } => (Some(work_id.clone()), edit_fields(conn, work_id, edit)?, Vec::new()),
        };
        let content = submission_content(conn, &sub.proposal)?;
        Ok(SubmissionDetail {
            row,
            proposal: sub.proposal.clone(),
            compared_with,
            fields,
            content,
            media_urls: media
                .iter()
                .map(|m| resolve_url(&endpoint, &format!("/cdn/media/{m}")))
                .collect(),
        })
    })
}

/// The version of each submission as it is here (what the reviewer saw).
fn versions(store: &Store, ids: &[String]) -> CoreResult<Vec<u32>> {
    store.read(|conn| {
        ids.iter()
            .map(|id| {
                conn.prepare_cached("SELECT version FROM submission WHERE id = ?1")?
                    .query_row([id], |r| r.get(0))
                    .optional()?
                    .ok_or_else(|| CoreError::InvalidInput(format!("no submission {id}")))
            })
            .collect()
    })
}

/// Approves each submission at the version shown here, or says (`dry_run`) what approving
/// them would do; one answer per submission.
pub fn approve(store: &Store, staff: &str, ids: &[String], dry_run: bool) -> CoreResult<Vec<CoreResult<String>>> {
    let intentions: Vec<Intention> = ids
        .iter()
        .zip(versions(store, ids)?)
        .map(|(id, version)| {
            Intention::Approve(kinds::Approve {
                submission_id: id.clone(),
                version,
            })
        })
        .collect();
    outbox::enqueue_many(store, staff, &intentions, dry_run)
}

/// Returns each submission with the reason, or says (`dry_run`) what returning would do.
pub fn send_back(
    store: &Store,
    staff: &str,
    ids: &[String],
    reason: &str,
    dry_run: bool,
) -> CoreResult<Vec<CoreResult<String>>> {
    let intentions: Vec<Intention> = ids
        .iter()
        .zip(versions(store, ids)?)
        .map(|(id, version)| {
            Intention::ReturnSubmission(kinds::ReturnSubmission {
                submission_id: id.clone(),
                version,
                reason: reason.trim().to_owned(),
            })
        })
        .collect();
    outbox::enqueue_many(store, staff, &intentions, dry_run)
}

fn one(store: &Store, staff: &str, intention: Intention) -> CoreResult<String> {
    outbox::enqueue_many(store, staff, std::slice::from_ref(&intention), false)?
        .pop()
        .unwrap_or_else(|| Err(CoreError::Corrupt("no answer".into())))
}

pub fn withdraw(store: &Store, staff: &str, id: &str) -> CoreResult<String> {
    one(
        store,
        staff,
        Intention::Withdraw(kinds::Withdraw {
            submission_id: id.to_owned(),
        }),
    )
}

/// Adds a staff member; the password goes to the keychain until sent.
pub fn add_staff(
    store: &Store,
    secrets: &dyn SecretStore,
    staff: &str,
    name: &str,
    display_name: Option<&str>,
    role: Role,
    password: &str,
) -> CoreResult<String> {
    let intention = Intention::AddStaff(kinds::AddStaff {
        name: name.trim().to_owned(),
        display_name: display_name.map(str::trim).filter(|d| !d.is_empty()).map(str::to_owned),
        role,
    });
    outbox::enqueue(store, secrets, staff, intention, Some(password))
}

pub fn set_role(store: &Store, staff: &str, login: &str, role: Role) -> CoreResult<String> {
    one(
        store,
        staff,
        Intention::SetStaffRole(kinds::SetStaffRole {
            login: login.to_owned(),
            role,
        }),
    )
}

pub fn reset_password(
    store: &Store,
    secrets: &dyn SecretStore,
    staff: &str,
    login: &str,
    password: &str,
) -> CoreResult<String> {
    let intention = Intention::ResetStaffPassword(kinds::ResetStaffPassword {
        login: login.to_owned(),
    });
    outbox::enqueue(store, secrets, staff, intention, Some(password))
}

pub fn set_disabled(store: &Store, staff: &str, login: &str, disabled: bool) -> CoreResult<String> {
    one(
        store,
        staff,
        Intention::SetStaffDisabled(kinds::SetStaffDisabled {
            login: login.to_owned(),
            disabled,
        }),
    )
}

pub fn set_approval(store: &Store, staff: &str, required: bool) -> CoreResult<String> {
    one(store, staff, Intention::SetApproval(kinds::SetApproval { required }))
}

#[cfg(test)]
mod tests {
    use mdesk_ipc::ErrorCode;
    use mdesk_platform_api::{Actor, Identity, NewWork, Privacy, WorkKind};

    use super::*;
    use crate::outbox::tests::store;
    use crate::store::apply_change;

    const TYPED: &str = "小王";

    /// Signs the fixture's desk in as `login` with `role` (the platform's answer to `/v1/me`),
    /// with approval `on` or off.
    fn as_person(store: &Store, login: &str, name: &str, role: Role, approval: bool) {
        store
            .write(|tx| {
                tx.execute(
                    "UPDATE sync_state SET value = ?1 WHERE key = 'session.username'",
                    [login],
                )?;
                tx.execute("UPDATE merchant SET approval_required = ?1", [approval])?;
                identity::remember(
                    tx,
                    Some(&Identity {
                        login: login.into(),
                        name: name.into(),
                        role,
                        permissions: role.permissions(approval),
                    }),
                )
            })
            .expect("signed in");
    }

    fn submitted(store: &Store, id: &str, by: &str, version: u32, state: SubmissionState) {
        let sub = Submission {
            id: id.into(),
            version,
            state,
            proposal: Proposal::Publish {
                account_ids: vec!["a-ok".into()],
                work: NewWork {
                    kind: WorkKind::Video,
                    title: "春茶上新".into(),
                    text: "第一行\n第二行".into(),
                    media_ids: vec!["m-1".into()],
                    cover_media_id: None,
                    cover_frame_ms: None,
                    product_ids: vec!["p1".into()],
                    privacy: Privacy::Public,
                    topic: None,
                    scheduled_at: None,
                },
            },
            previous: None,
            submitted_by: Actor {
                login: by.into(),
                name: by.into(),
            },
            submitted_at: chrono::Utc::now(),
            reviewed_by: None,
            reviewed_at: None,
            reason: None,
            results: Vec::new(),
            updated_at: chrono::Utc::now(),
        };
        store
            .write(|tx| {
                apply_change(
                    tx,
                    "m1",
                    &mdesk_platform_api::ChangeData::Submission(Box::new(sub.clone())),
                )
            })
            .expect("synced");
    }

    /// The submission `id` as the feed brings it again after `change`.
    fn synced_again(store: &Store, id: &str, change: impl FnOnce(&mut Submission)) {
        store
            .write(|tx| {
                let body: String = tx.query_row("SELECT body FROM submission WHERE id = ?1", [id], |r| r.get(0))?;
                let mut sub: Submission = serde_json::from_str(&body).map_err(|e| CoreError::Corrupt(e.to_string()))?;
                change(&mut sub);
                apply_change(tx, "m1", &mdesk_platform_api::ChangeData::Submission(Box::new(sub)))
            })
            .expect("synced again");
    }

    fn refused(r: CoreResult<String>) -> ErrorCode {
        match r {
            Ok(id) => panic!("expected a refusal, got action {id}"),
            Err(e) => e.code(),
        }
    }

    #[test]
    fn a_role_is_refused_what_it_lacks_before_anything_is_queued() {
        let store = store();
        as_person(&store, "m:xiaozhou", "小周", Role::Analyst, false);
        let pin = Intention::Pin(kinds::Pin { work_id: "w2".into() });
        let r = outbox::enqueue_many(&store, TYPED, std::slice::from_ref(&pin), false).expect("batch");
        assert!(
            matches!(r.as_slice(), [Err(e)] if e.code() == ErrorCode::RoleForbidden),
            "an analyst only reads: {r:?}"
        );
        assert!(refused(set_approval(&store, TYPED, true)) == ErrorCode::RoleForbidden);
        assert!(outbox::list(&store).expect("actions").is_empty(), "nothing was queued");

        // An operator pins while approval is off, not while it is on.
        as_person(&store, "m:xiaoli", "小李", Role::Operator, false);
        let ok = outbox::enqueue_many(&store, TYPED, std::slice::from_ref(&pin), false).expect("batch");
        assert!(ok[0].is_ok(), "{ok:?}");
        as_person(&store, "m:xiaoli", "小李", Role::Operator, true);
        let later = Intention::Pin(kinds::Pin { work_id: "w3".into() });
        let r = outbox::enqueue_many(&store, TYPED, &[later], false).expect("batch");
        assert!(
            matches!(r.as_slice(), [Err(e)] if e.code() == ErrorCode::RoleForbidden),
            "{r:?}"
        );
    }

    #[test]
    fn the_audit_trail_names_the_platforms_identity_not_the_typed_name() {
        let store = store();
        // Before teams (no identity from the platform): the typed name, self-declared.
        let pin = Intention::Pin(kinds::Pin { work_id: "w2".into() });
        outbox::enqueue_many(&store, TYPED, std::slice::from_ref(&pin), false).expect("queued");
        as_person(&store, "m:xiaoli", "小李", Role::Operator, false);
        let unpin = Intention::Unpin(kinds::Unpin { work_id: "w1".into() });
        outbox::enqueue_many(&store, TYPED, &[unpin], false).expect("queued");
        let trail: Vec<(String, bool)> = store
            .read(|c| {
                Ok(c.prepare("SELECT staff_name, verified FROM audit_entry ORDER BY seq")?
                    .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
                    .collect::<Result<_, _>>()?)
            })
            .expect("trail");
        assert_eq!(
            trail,
            vec![("小王".to_owned(), false), ("小李 (m:xiaoli)".to_owned(), true)],
            "the typed name is kept as self-declared; the platform's identity replaces it"
        );
    }

    #[test]
    fn four_eyes_the_submitter_cannot_review_and_a_stale_version_is_refused() {
        let store = store();
        submitted(&store, "sub-1", "m:xiaoli", 2, SubmissionState::Pending);
        as_person(&store, "m:xiaoli", "小李", Role::Admin, true);
        let own = approve(&store, TYPED, &["sub-1".into()], false).expect("batch");
        assert!(
            matches!(own.as_slice(), [Err(e)] if e.code() == ErrorCode::RoleForbidden),
            "nobody approves their own submission, whatever their role: {own:?}"
        );
        as_person(&store, "m:laowang", "老王", Role::Reviewer, true);
        let stale = Intention::Approve(kinds::Approve {
            submission_id: "sub-1".into(),
            version: 1,
        });
        let r = outbox::enqueue_many(&store, TYPED, &[stale], false).expect("batch");
        assert!(
            matches!(r.as_slice(), [Err(e)] if e.code() == ErrorCode::Conflict),
            "{r:?}"
        );
        let empty = send_back(&store, TYPED, &["sub-1".into()], "  ", false).expect("batch");
        assert!(
            matches!(
                empty.as_slice(),
                [Err(CoreError::Rule {
                    rule: "return_reason",
                    ..
                })]
            ),
            "{empty:?}"
        );
        let ok = approve(&store, TYPED, &["sub-1".into()], false).expect("batch");
        assert!(ok[0].is_ok(), "{ok:?}");
        let rows = reviews(&store, &ReviewsQuery::default()).expect("reviews");
        assert_eq!(rows[0].pending, vec![ActionKind::Approve], "the approval is on its way");
        assert!(!rows[0].can_review, "and cannot be given twice");
    }

    #[test]
    fn notices_go_to_the_reviewers_and_back_to_the_submitter() {
        let store = store();
        as_person(&store, "m:laowang", "老王", Role::Reviewer, true);
        store
            .write(|tx| {
                tx.execute(
                    "INSERT INTO sync_state (key, value) VALUES ('pull.last_sync_at', 'x')",
                    [],
                )?;
                Ok(())
            })
            .expect("synced once");
        submitted(&store, "sub-1", "m:xiaoli", 1, SubmissionState::Pending);
        submitted(&store, "sub-2", "m:laowang", 1, SubmissionState::Pending);
        submitted(&store, "sub-2", "m:laowang", 1, SubmissionState::Returned);
        let kinds: Vec<(String, Option<String>)> = store
            .read(|c| {
                Ok(c.prepare("SELECT kind, submission_id FROM notice ORDER BY seq")?
                    .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
                    .collect::<Result<_, _>>()?)
            })
            .expect("notices");
        assert_eq!(
            kinds,
            vec![
                ("submission_submitted".to_owned(), Some("sub-1".to_owned())),
                ("submission_returned".to_owned(), Some("sub-2".to_owned())),
            ],
            "someone else's submission waits for me; mine came back; my own submitting is no news"
        );
        let (_, waiting) = store.read(identity::with_reviews_waiting).expect("count");
        assert_eq!(waiting, 1, "one submission waits for this reviewer");
    }

    #[test]
    fn a_revision_is_compared_with_its_previous_version_line_by_line() {
        let store = store();
        as_person(&store, "m:laowang", "老王", Role::Reviewer, true);
        submitted(&store, "sub-1", "m:xiaoli", 1, SubmissionState::Pending);
        synced_again(&store, "sub-1", |sub| {
            sub.previous = Some(sub.proposal.clone());
            sub.version = 2;
            if let Proposal::Publish { work, .. } = &mut sub.proposal {
                work.text = "第一行\n改过的第二行".into();
            }
        });
        let detail = submission(&store, "sub-1").expect("detail");
        assert_eq!(detail.compared_with.as_deref(), Some("v1"));
        let fields: Vec<&str> = detail.fields.iter().map(|f| f.field.as_str()).collect();
        assert_eq!(fields, vec!["text"], "only the text changed: {:?}", detail.fields);
        let changes: Vec<(&str, &str)> = detail.fields[0]
            .lines
            .iter()
            .map(|l| (l.change.as_str(), l.text.as_str()))
            .collect();
        assert_eq!(
            changes,
            vec![("same", "第一行"), ("removed", "第二行"), ("added", "改过的第二行")]
        );
    }

    #[test]
    fn the_reviewer_sees_what_the_content_check_finds_in_a_submission() {
        let store = store();
        as_person(&store, "m:laowang", "老王", Role::Reviewer, true);
        submitted(&store, "sub-1", "m:xiaoli", 1, SubmissionState::Pending);
        synced_again(&store, "sub-1", |sub| {
            if let Proposal::Publish { work, .. } = &mut sub.proposal {
                work.title = "全网第一的春茶".into();
            }
        });
        let detail = submission(&store, "sub-1").expect("detail");
        let words: Vec<&str> = detail
            .content
            .in_field(mdesk_ipc::CheckedField::Title)
            .map(|h| h.word.as_str())
            .collect();
        assert_eq!(words, vec!["第一", "全网"], "blocks first: {:?}", detail.content);
    }
}
