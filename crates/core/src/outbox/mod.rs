//! The outbox: every user intention is an action row, written in one transaction with its
//! audit entry; the sync worker delivers it with the action id as Idempotency-Key.
//!
//! States: queued → sending → applied | rejected (with the platform's code) | queued again
//! after a transient failure (backoff) | reconciling (outcome unknown: retried only with the
//! same key) | needs_sign_in (waits for a sign-in). Cancelled is the user's choice.

mod intention;
mod overlay;
mod push;
mod validate;

use chrono::{DateTime, Utc};
use mdesk_platform_api::rules::mask_mobile;
use rusqlite::{params, Connection, OptionalExtension, Transaction};
use serde::{Deserialize, Serialize};

pub use intention::Intention;
pub use mdesk_ipc::ActionRow;
pub use overlay::{open_intentions, overlay_accounts};
pub use push::{push, recover_after_crash, Backoff, PushReport};

use crate::error::{CoreError, CoreResult};
use crate::secret::{Secret, SecretStore};
use crate::session::lock;
use crate::store::Store;

/// States in which an action still has to reach the platform.
pub const OPEN_STATES: &str = "('queued', 'sending', 'reconciling', 'needs_sign_in')";

pub(crate) fn phone_key(action_id: &str) -> String {
    format!("invite-phone:{action_id}")
}

pub(crate) fn now_rfc3339() -> String {
    Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Millis, true)
}

/// One audit entry (R2: who did what, on whose behalf, when, with what outcome).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditRow {
    pub seq: i64,
    pub at: String,
    pub staff_name: String,
    pub account_id: Option<String>,
    pub action_id: Option<String>,
    pub what: String,
    pub outcome: String,
}

pub(crate) fn audit(
    tx: &Connection,
    staff: &str,
    account_id: Option<&str>,
    action_id: &str,
    what: &str,
    outcome: &str,
) -> CoreResult<()> {
    tx.prepare_cached(
        "INSERT INTO audit_entry (at, staff_name, account_id, action_id, what, outcome) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?
    .execute(params![now_rfc3339(), staff, account_id, action_id, what, outcome])?;
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

/// Queues an intention. Invalid intentions are refused here with the platform's code and
/// leave nothing behind. `phone` is the invite's full number: it goes to the keychain only.
pub fn enqueue(
    store: &std::sync::Mutex<Store>,
    secrets: &dyn SecretStore,
    staff: &str,
    intention: Intention,
    phone: Option<&str>,
) -> CoreResult<String> {
    let staff = staff.trim();
    if staff.is_empty() {
        return Err(CoreError::StaffNameMissing);
    }
    let mut store = lock(store);
    validate::validate(store.conn(), &intention, phone)?;
    let id = uuid::Uuid::now_v7().to_string();
    let intention = match intention {
        Intention::Invite { guangguang_id, tag, .. } => {
            let phone = phone.unwrap_or_default();
            secrets.set(&phone_key(&id), &Secret::new(phone))?;
            Intention::Invite {
                guangguang_id,
                phone_masked: mask_mobile(phone),
                tag,
            }
        }
        other => other,
    };
    let payload = serde_json::to_string(&intention).map_err(|e| CoreError::Corrupt(e.to_string()))?;
    let (entity_kind, entity_id) = intention.entity(&id);
    let summary = intention.summary();
    let written =
        store.write(|tx: &Transaction<'_>| {
            let account_id = account_of(tx, &intention)?;
            let now = now_rfc3339();
            tx.prepare_cached(
            "INSERT INTO action (id, kind, entity_kind, entity_id, account_id, payload, state, attempts, staff_name, \
             created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, 'queued', 0, ?7, ?8, ?8)",
        )?
        .execute(params![id, intention.kind(), entity_kind, entity_id, account_id, payload, staff, now])?;
            audit(tx, staff, account_id.as_deref(), &id, &summary, "queued")
        });
    if written.is_err() && matches!(intention, Intention::Invite { .. }) {
        // Nothing was queued, so the phone must not linger in the keychain either.
        let _ = secrets.delete(&phone_key(&id));
    }
    written.map(|()| id)
}

fn row(r: &rusqlite::Row<'_>) -> rusqlite::Result<(ActionRow, String)> {
    Ok((
        ActionRow {
            id: r.get(0)?,
            kind: r.get(1)?,
            summary: String::new(),
            account_id: r.get(2)?,
            state: r.get(3)?,
            attempts: r.get(4)?,
            next_attempt_at: r.get(5)?,
            error_code: r.get(6)?,
            error_message: r.get(7)?,
            staff_name: r.get(8)?,
            created_at: r.get(9)?,
            updated_at: r.get(10)?,
        },
        r.get(11)?,
    ))
}

/// Every action, newest first, each summarised in the platform's terms (`mdesk actions`).
pub fn list(store: &std::sync::Mutex<Store>) -> CoreResult<Vec<ActionRow>> {
    list_with(store, Intention::summary)
}

/// Every action, newest first, each described in `lang` (the Activity screen).
pub fn list_described(store: &std::sync::Mutex<Store>, lang: &str) -> CoreResult<Vec<ActionRow>> {
    list_with(store, |i| i.describe(lang))
}

fn list_with(store: &std::sync::Mutex<Store>, summary: impl Fn(&Intention) -> String) -> CoreResult<Vec<ActionRow>> {
    let store = lock(store);
    let mut stmt = store.conn().prepare_cached(
        "SELECT id, kind, account_id, state, attempts, next_attempt_at, error_code, error_message, staff_name, \
         created_at, updated_at, payload FROM action ORDER BY created_at DESC, id DESC",
    )?;
    let rows = stmt.query_map([], row)?.collect::<Result<Vec<_>, _>>()?;
    rows.into_iter()
        .map(|(mut a, payload)| {
            let intention: Intention = serde_json::from_str(&payload).map_err(|e| CoreError::Corrupt(e.to_string()))?;
            a.summary = summary(&intention);
            Ok(a)
        })
        .collect()
}

/// The audit trail, oldest first.
pub fn audit_trail(store: &std::sync::Mutex<Store>) -> CoreResult<Vec<AuditRow>> {
    let store = lock(store);
    let mut stmt = store.conn().prepare_cached(
        "SELECT seq, at, staff_name, account_id, action_id, what, outcome FROM audit_entry ORDER BY seq",
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
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// Cancels an action that has not left (queued, needs sign-in) or was rejected.
pub fn cancel(store: &std::sync::Mutex<Store>, secrets: &dyn SecretStore, staff: &str, id: &str) -> CoreResult<()> {
    let mut store = lock(store);
    store.write(|tx| {
        let (state, account_id): (String, Option<String>) = tx
            .prepare_cached("SELECT state, account_id FROM action WHERE id = ?1")?
            .query_row([id], |r| Ok((r.get(0)?, r.get(1)?)))
            .optional()?
            .ok_or_else(|| CoreError::InvalidInput(format!("no action {id}")))?;
        if !matches!(state.as_str(), "queued" | "needs_sign_in") {
            return Err(CoreError::InvalidInput(format!(
                "the action is {state}: only a queued action can be cancelled"
            )));
        }
        tx.prepare_cached("UPDATE action SET state = 'cancelled', updated_at = ?1 WHERE id = ?2")?
            .execute(params![now_rfc3339(), id])?;
        audit(tx, staff, account_id.as_deref(), id, "cancel", "cancelled")
    })?;
    secrets.delete(&phone_key(id))
}

/// Tries a rejected action again as a new action (a new key: the platform would replay the
/// rejection for the old one). The old one stays rejected, for the record.
pub fn retry(store: &std::sync::Mutex<Store>, secrets: &dyn SecretStore, staff: &str, id: &str) -> CoreResult<String> {
    let (state, payload): (String, String) = lock(store)
        .conn()
        .prepare_cached("SELECT state, payload FROM action WHERE id = ?1")?
        .query_row([id], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?
        .ok_or_else(|| CoreError::InvalidInput(format!("no action {id}")))?;
    if state != "rejected" {
        return Err(CoreError::InvalidInput(format!(
            "the action is {state}: only a rejected action can be retried"
        )));
    }
    let intention: Intention = serde_json::from_str(&payload).map_err(|e| CoreError::Corrupt(e.to_string()))?;
    if matches!(intention, Intention::Invite { .. }) {
        return Err(CoreError::InvalidInput(
            "invite again with the phone number: it was not kept".into(),
        ));
    }
    enqueue(store, secrets, staff, intention, None)
}

/// The local checks `enqueue` makes, without queueing anything (for dry runs).
pub fn check(store: &Store, intention: &Intention) -> CoreResult<()> {
    validate::validate(store.conn(), intention, None)
}

/// Counts for the status line: (open, rejected).
pub fn counts(conn: &Connection) -> CoreResult<(u32, u32)> {
    let sql =
        format!("SELECT COALESCE(SUM(state IN {OPEN_STATES}), 0), COALESCE(SUM(state = 'rejected'), 0) FROM action");
    Ok(conn.query_row(&sql, [], |r| Ok((r.get(0)?, r.get(1)?)))?)
}

/// When the next queued action may be tried, for the worker's sleep.
pub fn next_due(conn: &Connection) -> CoreResult<Option<DateTime<Utc>>> {
    let at: Option<String> = conn.query_row(
        "SELECT MIN(COALESCE(next_attempt_at, created_at)) FROM action WHERE state IN ('queued', 'reconciling')",
        [],
        |r| r.get(0),
    )?;
    Ok(at
        .and_then(|s| DateTime::parse_from_rfc3339(&s).ok())
        .map(|t| t.with_timezone(&Utc)))
}

/// Queues an intention under the staff name saved in Settings (what the app does).
pub fn queue(
    store: &std::sync::Mutex<Store>,
    secrets: &dyn SecretStore,
    intention: Intention,
    phone: Option<&str>,
) -> CoreResult<String> {
    let staff = crate::settings::load(store)?.staff_name;
    enqueue(store, secrets, &staff, intention, phone)
}

/// The staff name saved in Settings, for cancel and retry from the app.
pub fn configured_staff(store: &std::sync::Mutex<Store>) -> CoreResult<String> {
    let staff = crate::settings::load(store)?.staff_name;
    if staff.trim().is_empty() {
        return Err(CoreError::StaffNameMissing);
    }
    Ok(staff)
}

/// Makes every waiting action due now: the user asked to sync now, or the platform answers
/// again after being unreachable. Keys stay the same, so this can never duplicate anything.
pub fn make_due_now(store: &std::sync::Mutex<Store>) -> CoreResult<()> {
    lock(store).write(|tx| {
        tx.execute(
            "UPDATE action SET next_attempt_at = NULL WHERE state IN ('queued', 'reconciling') AND next_attempt_at IS NOT NULL",
            [],
        )?;
        Ok(())
    })
}
