//! The outbox: every user intention is an action row, written in one transaction with its
//! audit entry; the sync worker delivers it with the action id as Idempotency-Key.
//!
//! The states and what may be done in each are [`ActionState`]'s (in `mdesk-ipc`, shared with
//! the UI and CLI). Rows and their audit entries are written here and in `push`; nothing else
//! writes the `action` table.

pub mod kinds;
mod local;
pub mod media;
mod overlay;
mod push;
mod team;

use std::sync::LazyLock;

use chrono::{DateTime, Utc};
use mdesk_ipc::ActionState;
use mdesk_platform_api::rules::{check_guangguang_id, check_mobile, mask_mobile};
use rusqlite::{params, Connection, OptionalExtension, Transaction};

pub use kinds::{Intention, Kind, Request};
pub use local::{check_publish_account, edited_work};
pub use mdesk_ipc::ActionRow;
pub use overlay::{open_intentions, open_on_work, overlay_accounts, overlay_works};
pub(crate) use push::park_for_sign_in;
pub use push::{push, recover_after_crash, Backoff, PushReport};

use crate::error::{CoreError, CoreResult};
use crate::identity::Actor;
use crate::secret::{Secret, SecretStore};
use crate::store::Store;

/// `('queued', 'sending', …)`: the open states, as SQL.
pub static OPEN_STATES: LazyLock<String> = LazyLock::new(|| ActionState::sql_list(ActionState::is_open));
/// The states the worker may send from, as SQL.
static SENDABLE_STATES: LazyLock<String> = LazyLock::new(|| ActionState::sql_list(ActionState::is_sendable));

/// The keychain entry of an action's secret (an invite's phone, a staff password), named for the
/// first kind that had one.
pub(crate) fn phone_key(action_id: &str) -> String {
    format!("invite-phone:{action_id}")
}

pub(crate) fn now_rfc3339() -> String {
    Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Millis, true)
}

/// One audit entry (R2: who did what, on whose behalf, when, with what outcome).
pub(crate) struct AuditEntry<'a> {
    pub staff: &'a str,
    /// `staff` is the platform's identity (else a name typed into Settings: self-declared).
    pub verified: bool,
    pub account_id: Option<&'a str>,
    pub action_id: &'a str,
    pub what: &'a str,
    pub outcome: ActionState,
    /// The platform's code, for a rejection.
    pub error_code: Option<&'a str>,
}

pub(crate) fn audit(tx: &Transaction<'_>, e: &AuditEntry<'_>) -> CoreResult<()> {
    tx.prepare_cached(
        "INSERT INTO audit_entry (at, staff_name, account_id, action_id, what, outcome, error_code, verified) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    )?
    .execute(params![
        now_rfc3339(),
        e.staff,
        e.account_id,
        e.action_id,
        e.what,
        e.outcome,
        e.error_code,
        e.verified
    ])?;
    Ok(())
}

/// The matrix account an intention concerns (a work's own account for work intentions).
fn account_of(conn: &Connection, intention: &Intention) -> CoreResult<Option<String>> {
    if let Some(a) = intention.account_id() {
        return Ok(Some(a.to_owned()));
    }
    let (kind, id) = intention.entity("");
    if kind == "work" {
        return Ok(conn
            .prepare_cached("SELECT account_id FROM work WHERE id = ?1")?
            .query_row([&id], |r| r.get(0))
            .optional()?);
    }
    Ok(None)
}

/// One audit entry as stored (R2: who did what, on whose behalf, when, with what outcome).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct AuditRow {
    pub seq: i64,
    pub at: String,
    pub staff_name: String,
    pub account_id: Option<String>,
    pub action_id: Option<String>,
    pub what: String,
    pub outcome: ActionState,
    /// The platform's code, for a rejection.
    pub error_code: Option<String>,
    /// The platform's identity; false: a name typed into Settings (self-declared).
    pub verified: bool,
}

/// The audit trail as stored, oldest first (`mdesk audit`; the screens use `audit::query`).
pub fn audit_trail(store: &Store) -> CoreResult<Vec<AuditRow>> {
    store.read(|conn| {
        let mut stmt = conn.prepare_cached(
            "SELECT seq, at, staff_name, account_id, action_id, what, outcome, error_code, verified FROM audit_entry \
             ORDER BY seq",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok(AuditRow {
                seq: r.get(0)?,
                at: r.get(1)?,
                staff_name: r.get(2)?,
                account_id: r.get(3)?,
                action_id: r.get(4)?,
                what: r.get(5)?,
                outcome: r.get(6)?,
                error_code: r.get(7)?,
                verified: r.get(8)?,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    })
}

/// Checks `intention` against the local state and writes it as a queued action with its audit
/// entry, all in `tx`. Answers the new action's id.
fn insert(tx: &Transaction<'_>, staff: &Actor, id: &str, intention: &Intention, phone: Option<&str>) -> CoreResult<()> {
    crate::identity::require(tx, intention.needs())?;
    intention.check(tx, phone)?;
    refuse_blocked_copy(tx, intention)?;
    let payload = serde_json::to_string(intention).map_err(|e| CoreError::Corrupt(e.to_string()))?;
    let account_id = account_of(tx, intention)?;
    let (entity_kind, entity_id) = match (intention, &account_id) {
        // An account's pins, unpins and deletions go in the order they were queued: a pin that
        // counts on a queued unpin must not reach the platform before it.
        (Intention::Pin(_) | Intention::Unpin(_) | Intention::Delete(_), Some(account)) => {
            ("account_pins", account.clone())
        }
        _ => intention.entity(id),
    };
    let now = now_rfc3339();
    tx.prepare_cached(
        "INSERT INTO action (id, kind, entity_kind, entity_id, account_id, payload, state, attempts, staff_name, \
         created_at, updated_at, work_id, verified) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, 0, ?8, ?9, ?9, ?10, ?11)",
    )?
    .execute(params![
        id,
        intention.kind(),
        entity_kind,
        entity_id,
        account_id,
        payload,
        ActionState::Queued,
        staff.label,
        now,
        intention.work_id(),
        staff.verified
    ])?;
    media::insert_slots(tx, id, intention)?;
    audit(
        tx,
        &AuditEntry {
            staff: &staff.label,
            verified: staff.verified,
            account_id: account_id.as_deref(),
            action_id: id,
            what: &intention.summary(),
            outcome: ActionState::Queued,
            error_code: None,
        },
    )
}

/// Queues an intention. Invalid intentions are refused here with the platform's code and
/// leave nothing behind. `phone` is the invite's full number: it goes to the keychain only.
///
/// The keychain is written before the store's transaction and never while it is open.
pub fn enqueue(
    store: &Store,
    secrets: &dyn SecretStore,
    staff: &str,
    intention: Intention,
    phone: Option<&str>,
) -> CoreResult<String> {
    let staff = store.read(|conn| crate::identity::actor(conn, staff))?;
    let id = uuid::Uuid::now_v7().to_string();
    let intention = match intention {
        Intention::Invite(kinds::Invite { guangguang_id, tag, .. }) => {
            // Field rules first: a malformed number never reaches the keychain.
            check_guangguang_id(&guangguang_id)?;
            let phone = phone.unwrap_or_default();
            check_mobile(phone)?;
            secrets.set(&phone_key(&id), &Secret::new(phone))?;
            Intention::Invite(kinds::Invite {
                guangguang_id,
                phone_masked: mask_mobile(phone),
                tag,
            })
        }
        i @ (Intention::AddStaff(_) | Intention::ResetStaffPassword(_)) => {
            // The password is checked first and then waits in the keychain, never in the queue.
            let password = phone.unwrap_or_default();
            mdesk_platform_api::check_staff_password(password).map_err(|message| CoreError::Rule {
                rule: "staff_password",
                message,
            })?;
            secrets.set(&phone_key(&id), &Secret::new(password))?;
            i
        }
        other => other,
    };
    let written = store.write(|tx| insert(tx, &staff, &id, &intention, phone));
    if written.is_err() && intention.carries_secret() {
        // Nothing was queued, so the secret must not linger in the keychain either.
        let _ = secrets.delete(&phone_key(&id));
    }
    written.map(|()| id)
}

/// Queues many intentions at once, or only says what queueing them would do (`dry_run`):
/// each is checked against the local state *including the ones before it in the list* (a
/// fourth pin in one batch is refused like a fourth pin one by one), and each answers its own
/// action id or why it was refused. A refusal queues nothing for that one and does not stop
/// the others. Not for invitations (their phone goes to the keychain).
pub fn enqueue_many(
    store: &Store,
    staff: &str,
    intentions: &[Intention],
    dry_run: bool,
) -> CoreResult<Vec<CoreResult<String>>> {
    let staff = store.read(|conn| crate::identity::actor(conn, staff))?;
    if intentions.iter().any(Intention::carries_secret) {
        return Err(CoreError::InvalidInput(
            "invitations and passwords are queued one by one".into(),
        ));
    }
    let mut answers = Vec::with_capacity(intentions.len());
    let batch = store.write(|tx| {
        for intention in intentions {
            let id = uuid::Uuid::now_v7().to_string();
            tx.execute_batch("SAVEPOINT one_intention")?;
            match insert(tx, &staff, &id, intention, None) {
                Ok(()) => {
                    tx.execute_batch("RELEASE one_intention")?;
                    answers.push(Ok(id));
                }
                Err(e @ (CoreError::Db(_) | CoreError::Io(_) | CoreError::Corrupt(_))) => return Err(e),
                Err(refused) => {
                    tx.execute_batch("ROLLBACK TO one_intention; RELEASE one_intention")?;
                    answers.push(Err(refused));
                }
            }
        }
        if dry_run {
            // Nothing of a dry run may stay: leave by an error the caller never sees.
            return Err(CoreError::InvalidInput(DRY_RUN.into()));
        }
        Ok(())
    });
    match batch {
        Ok(()) => Ok(answers),
        Err(CoreError::InvalidInput(m)) if dry_run && m == DRY_RUN => Ok(answers),
        Err(e) => Err(e),
    }
}

const DRY_RUN: &str = "dry run: rolled back";

/// How one action row is read, with the intention it carries.
struct Stored {
    row: ActionRow,
    intention: Intention,
    /// The action that retried this one, if it was retried.
    retried_by: Option<String>,
}

fn stored(r: &rusqlite::Row<'_>) -> rusqlite::Result<(ActionRow, String, Option<String>)> {
    let state: ActionState = r.get(3)?;
    Ok((
        ActionRow {
            id: r.get(0)?,
            kind: r.get(1)?,
            summary: String::new(),
            account_id: r.get(2)?,
            state,
            can_cancel: false,
            can_retry: false,
            attempts: r.get(4)?,
            next_attempt_at: r.get(5)?,
            error_code: r.get(6)?,
            error_message: r.get(7)?,
            staff_name: r.get(8)?,
            created_at: r.get(9)?,
            updated_at: r.get(10)?,
        },
        r.get(11)?,
        r.get(12)?,
    ))
}

/// What the staff member may do with an action now. An invitation (or a staff password)
/// cannot be retried: its secret was not kept. A retried action is not retried twice.
fn flags(row: &mut ActionRow, intention: &Intention, retried_by: Option<&str>) {
    row.can_cancel = row.state.can_cancel();
    row.can_retry = row.state.can_retry() && retried_by.is_none() && !intention.carries_secret();
}

fn parse(payload: &str) -> CoreResult<Intention> {
    serde_json::from_str(payload).map_err(|e| CoreError::Corrupt(e.to_string()))
}

const ROW_COLS: &str =
    "id, kind, account_id, state, attempts, next_attempt_at, error_code, error_message, staff_name, \
                        created_at, updated_at, payload, retried_by";

fn list_stored(conn: &Connection) -> CoreResult<Vec<Stored>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {ROW_COLS} FROM action ORDER BY created_at DESC, id DESC"
    ))?;
    let rows = stmt.query_map([], stored)?.collect::<Result<Vec<_>, _>>()?;
    rows.into_iter()
        .map(|(mut row, payload, retried_by)| {
            let intention = parse(&payload)?;
            flags(&mut row, &intention, retried_by.as_deref());
            Ok(Stored {
                row,
                intention,
                retried_by,
            })
        })
        .collect()
}

/// Every action, newest first, each summarised in the platform's terms (`mdesk actions`).
pub fn list(store: &Store) -> CoreResult<Vec<ActionRow>> {
    list_with(store, Intention::summary)
}

/// Every action, newest first, each described in `lang` (the Activity screen).
pub fn list_described(store: &Store, lang: &str) -> CoreResult<Vec<ActionRow>> {
    list_with(store, |i| i.describe(lang))
}

fn list_with(store: &Store, summary: impl Fn(&Intention) -> String) -> CoreResult<Vec<ActionRow>> {
    let rows = store.read(list_stored)?;
    Ok(rows
        .into_iter()
        .map(|Stored { mut row, intention, .. }| {
            row.summary = summary(&intention);
            row
        })
        .collect())
}

/// One action as stored, read inside a write so the decision and the change are one step.
fn one(tx: &Transaction<'_>, id: &str) -> CoreResult<Stored> {
    let (mut row, payload, retried_by) = tx
        .prepare_cached(&format!("SELECT {ROW_COLS} FROM action WHERE id = ?1"))?
        .query_row([id], stored)
        .optional()?
        .ok_or_else(|| CoreError::InvalidInput(format!("no action {id}")))?;
    let intention = parse(&payload)?;
    flags(&mut row, &intention, retried_by.as_deref());
    Ok(Stored {
        row,
        intention,
        retried_by,
    })
}

/// Cancels an action that has not left (queued, needs sign-in). Decided and written in one
/// transaction; an invite's phone leaves the keychain afterwards.
pub fn cancel(store: &Store, secrets: &dyn SecretStore, staff: &str, id: &str) -> CoreResult<()> {
    let staff = store.read(|conn| crate::identity::actor(conn, staff))?;
    store.write(|tx| {
        let Stored { row, .. } = one(tx, id)?;
        if !row.can_cancel {
            return Err(CoreError::InvalidInput(format!(
                "the action is {}: only a queued action can be cancelled",
                row.state
            )));
        }
        tx.prepare_cached("UPDATE action SET state = ?1, updated_at = ?2 WHERE id = ?3")?
            .execute(params![ActionState::Cancelled, now_rfc3339(), id])?;
        audit(
            tx,
            &AuditEntry {
                staff: &staff.label,
                verified: staff.verified,
                account_id: row.account_id.as_deref(),
                action_id: id,
                what: "cancel",
                outcome: ActionState::Cancelled,
                error_code: None,
            },
        )
    })?;
    secrets.delete(&phone_key(id))
}

/// Tries a rejected action again as a new action (a new key: the platform would replay the
/// rejection for the old one). The old one stays rejected, for the record, linked to its
/// retry; asking twice (a double click) answers the same retry instead of queueing another.
pub fn retry(store: &Store, staff: &str, id: &str) -> CoreResult<String> {
    let staff = store.read(|conn| crate::identity::actor(conn, staff))?;
    store.write(|tx| {
        let Stored {
            row,
            intention,
            retried_by,
        } = one(tx, id)?;
        if let Some(earlier) = retried_by {
            return Ok(earlier);
        }
        if intention.carries_secret() {
            return Err(CoreError::InvalidInput(
                "do it again with the phone number or password: it was not kept".into(),
            ));
        }
        if !row.can_retry {
            return Err(CoreError::InvalidInput(format!(
                "the action is {}: only a rejected action can be retried",
                row.state
            )));
        }
        let new_id = uuid::Uuid::now_v7().to_string();
        insert(tx, &staff, &new_id, &intention, None)?;
        tx.prepare_cached("UPDATE action SET retried_by = ?1 WHERE id = ?2")?
            .execute(params![new_id, id])?;
        Ok(new_id)
    })
}

/// The local checks `enqueue` makes, without queueing anything (for dry runs).
pub fn check(conn: &Connection, intention: &Intention) -> CoreResult<()> {
    crate::identity::require(conn, intention.needs())?;
    intention.check(conn, None)?;
    refuse_blocked_copy(conn, intention)
}

/// Nothing with a word the content check blocks is queued, whichever way it came (the
/// composer, an edit, a reply, the CLI, a retry).
fn refuse_blocked_copy(conn: &Connection, intention: &Intention) -> CoreResult<()> {
    match intention.copy(conn)? {
        Some((text, accounts)) => crate::content::refuse_blocked(conn, &text, &accounts),
        None => Ok(()),
    }
}

/// The content check of what `intention` would send out (none for kinds that send no copy),
/// in `lang`: for the CLI and the screens to show warnings before queueing.
pub fn content_check(store: &Store, lang: &str, intention: &Intention) -> CoreResult<Option<mdesk_ipc::ContentCheck>> {
    store.read(|conn| match intention.copy(conn)? {
        Some((text, accounts)) => Ok(Some(crate::content::check_in(conn, lang, &text, &accounts)?)),
        None => Ok(None),
    })
}

/// Counts for the status line: (open, rejected).
pub fn counts(conn: &Connection) -> CoreResult<(u32, u32)> {
    let sql = format!(
        "SELECT COALESCE(SUM(state IN {}), 0), COALESCE(SUM(state = ?1), 0) FROM action",
        *OPEN_STATES
    );
    Ok(conn
        .prepare_cached(&sql)?
        .query_row([ActionState::Rejected], |r| Ok((r.get(0)?, r.get(1)?)))?)
}

/// Open actions for one account (what unbinding would leave to be refused).
pub fn open_count(conn: &Connection, account_id: &str) -> CoreResult<u32> {
    let sql = format!(
        "SELECT COUNT(*) FROM action WHERE account_id = ?1 AND state IN {}",
        *OPEN_STATES
    );
    Ok(conn.prepare_cached(&sql)?.query_row([account_id], |r| r.get(0))?)
}

/// When the next queued action may be tried, for the worker's sleep.
pub fn next_due(conn: &Connection) -> CoreResult<Option<DateTime<Utc>>> {
    let sql = format!(
        "SELECT MIN(COALESCE(next_attempt_at, created_at)) FROM action WHERE state IN {}",
        *SENDABLE_STATES
    );
    let at: Option<String> = conn.prepare_cached(&sql)?.query_row([], |r| r.get(0))?;
    Ok(at
        .and_then(|s| DateTime::parse_from_rfc3339(&s).ok())
        .map(|t| t.with_timezone(&Utc)))
}

/// Makes every waiting action due now: the user asked to sync now, or the platform answers
/// again after being unreachable. Keys stay the same, so this can never duplicate anything.
pub fn make_due_now(store: &Store) -> CoreResult<()> {
    store.write(|tx| {
        tx.execute(
            &format!(
                "UPDATE action SET next_attempt_at = NULL WHERE state IN {} AND next_attempt_at IS NOT NULL",
                *SENDABLE_STATES
            ),
            [],
        )?;
        Ok(())
    })
}

#[cfg(test)]
pub(crate) mod tests;
