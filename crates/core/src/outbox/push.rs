//! Delivering the outbox: per-entity FIFO, independent entities concurrently, every send
//! under the action's own Idempotency-Key so a retry can never apply twice.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::Duration;

use chrono::Utc;
use mdesk_ipc::ActionState;
use mdesk_platform_api::ErrorCode;
use rand::Rng;
use rusqlite::params;

use super::kinds::Intention;
use super::media;
use super::{audit, now_rfc3339, phone_key, AuditEntry, OPEN_STATES, SENDABLE_STATES};
use crate::error::{CoreError, CoreResult};
use crate::platform::{AccessTokens, PlatformClient};
use crate::secret::{Secret, SecretStore};
use crate::store::Store;

/// How hard to retry. Tests shorten the delays.
#[derive(Debug, Clone, Copy)]
pub struct Backoff {
    pub base: Duration,
    pub cap: Duration,
}

impl Default for Backoff {
    fn default() -> Self {
        Self {
            base: Duration::from_millis(500),
            cap: Duration::from_secs(60),
        }
    }
}

impl Backoff {
    /// Exponential in the attempt count, capped, with jitter so many desktops don't retry in step.
    fn delay(&self, attempts: u32, retry_after_secs: Option<u64>) -> Duration {
        if let Some(secs) = retry_after_secs {
            return Duration::from_secs(secs);
        }
        let exp = self.base.saturating_mul(1u32 << attempts.min(16)).min(self.cap);
        exp.mul_f64(rand::thread_rng().gen_range(0.5..1.0))
    }
}

#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct PushReport {
    pub sent: u32,
    pub applied: u32,
    pub rejected: u32,
    /// Transient failures and unknown outcomes, to be retried with the same key.
    pub retry_later: u32,
}

/// Actions caught mid-send by a crash: their outcome is unknown, so they are retried with the
/// same key (the platform replays the first answer if it had applied them).
/// Files staged for a work that was never queued (a crash between the copy and the queueing)
/// are tidied away at the same time.
pub fn recover_after_crash(store: &Store) -> CoreResult<usize> {
    let caught = store.write(|tx| {
        Ok(tx.execute(
            "UPDATE action SET state = ?1, updated_at = ?2 WHERE state = ?3",
            params![ActionState::Reconciling, now_rfc3339(), ActionState::Sending],
        )?)
    })?;
    media::sweep(store)?;
    Ok(caught)
}

struct Ready {
    id: String,
    intention: Intention,
    attempts: u32,
    staff: String,
    /// The staff name is the platform's identity, not a typed one.
    verified: bool,
    account_id: Option<String>,
}

/// Claims the head action of every entity that is due, marking them `sending`.
fn claim(store: &Store, limit: u32) -> CoreResult<Vec<Ready>> {
    store.write(|tx| {
        let sql = format!(
            "SELECT a.id, a.payload, a.attempts, a.staff_name, a.account_id, a.verified FROM action a \
             WHERE a.state IN {sendable} AND COALESCE(a.next_attempt_at, '') <= ?1 \
             AND NOT EXISTS (SELECT 1 FROM action b WHERE b.entity_kind = a.entity_kind AND b.entity_id = a.entity_id \
                             AND b.state IN {open} AND b.rowid < a.rowid) \
             ORDER BY a.rowid LIMIT ?2",
            sendable = *SENDABLE_STATES,
            open = *OPEN_STATES,
        );
        let rows = tx
            .prepare_cached(&sql)?
            .query_map(params![now_rfc3339(), limit], |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, u32>(2)?,
                    r.get(3)?,
                    r.get(4)?,
                    r.get(5)?,
                ))
            })?
            .collect::<Result<Vec<_>, _>>()?;
        let mut ready = Vec::with_capacity(rows.len());
        for (id, payload, attempts, staff, account_id, verified) in rows {
            let intention: Intention = serde_json::from_str(&payload).map_err(|e| CoreError::Corrupt(e.to_string()))?;
            tx.prepare_cached("UPDATE action SET state = ?1, attempts = attempts + 1, updated_at = ?2 WHERE id = ?3")?
                .execute(params![ActionState::Sending, now_rfc3339(), id])?;
            ready.push(Ready {
                id,
                intention,
                attempts: attempts + 1,
                staff,
                verified,
                account_id,
            });
        }
        Ok(ready)
    })
}

enum Outcome {
    /// With the id of what it created, when the platform answered one (a new work).
    Applied(Option<String>),
    Rejected {
        code: String,
        message: String,
    },
    /// Not applied for sure (429), or outcome unknown (network, 5xx): same key next time.
    Later {
        state: ActionState,
        delay: Duration,
        code: String,
        message: String,
    },
    NeedsSignIn,
}

fn classify(result: CoreResult<serde_json::Value>, attempts: u32, backoff: &Backoff) -> Outcome {
    match result {
        Ok(answer) => Outcome::Applied(answer.get("id").and_then(|id| id.as_str()).map(str::to_owned)),
        Err(CoreError::NotSignedIn)
        | Err(CoreError::Platform {
            code: ErrorCode::Unauthorized | ErrorCode::StaffDisabled,
            ..
        }) => Outcome::NeedsSignIn,
        Err(CoreError::Platform {
            code: ErrorCode::RateLimited,
            message,
            retry_after_secs,
        }) => Outcome::Later {
            state: ActionState::Queued,
            delay: backoff.delay(attempts, retry_after_secs),
            code: "rate_limited".into(),
            message,
        },
        Err(CoreError::Platform {
            code: ErrorCode::Internal,
            message,
            ..
        }) => Outcome::Later {
            state: ActionState::Reconciling,
            delay: backoff.delay(attempts, None),
            code: "platform_fault".into(),
            message,
        },
        Err(CoreError::Platform { code, message, .. }) => Outcome::Rejected {
            code: code.as_str().to_owned(),
            message,
        },
        Err(e) => Outcome::Later {
            state: ActionState::Reconciling,
            delay: backoff.delay(attempts, None),
            code: e.code().message_key().trim_start_matches("error-").to_owned(),
            message: e.to_string(),
        },
    }
}

/// Sends everything that is due, round after round, until nothing is due now.
/// Returns `Err(NotSignedIn)` (after parking the queue as needs_sign_in) when there is no
/// usable session, and `Err(Offline)` when the platform does not answer at all.
pub async fn push(
    store: &Store,
    client: &PlatformClient,
    secrets: &dyn SecretStore,
    tokens: &impl AccessTokens,
    backoff: Backoff,
) -> CoreResult<PushReport> {
    let mut report = PushReport::default();
    let mut access = match tokens.access().await {
        Ok(a) => a,
        Err(CoreError::NotSignedIn) => {
            park_for_sign_in(store)?;
            return Err(CoreError::NotSignedIn);
        }
        Err(e) => return Err(e),
    };
    store.write(|tx| {
        tx.execute(
            "UPDATE action SET state = ?1, updated_at = ?2 WHERE state = ?3",
            params![ActionState::Queued, now_rfc3339(), ActionState::NeedsSignIn],
        )?;
        Ok(())
    })?;
    loop {
        let batch = claim(store, 8)?;
        if batch.is_empty() {
            return Ok(report);
        }
        let sends = batch.iter().map(|a| {
            let access = access.clone();
            async move {
                let phone = match &a.intention {
                    i if i.carries_secret() => match secrets.get(&phone_key(&a.id)) {
                        Ok(Some(p)) => Some(p),
                        Ok(None) => {
                            return Err(CoreError::Platform {
                                code: ErrorCode::Validation,
                                message: "the phone number or password for this action is no longer in the keychain"
                                    .into(),
                                retry_after_secs: None,
                            })
                        }
                        Err(e) => return Err(e),
                    },
                    _ => None,
                };
                let uploaded = upload_files(store, client, &access, a).await?;
                let req = a.intention.request(phone.as_ref().map(|p| p.expose()), &uploaded);
                client.mutate(&access, req.method, &req.path, &a.id, req.body).await
            }
        });
        let results = futures_util::future::join_all(sends).await;
        let mut signed_out = false;
        for (action, result) in batch.into_iter().zip(results) {
            report.sent += 1;
            let outcome = classify(result, action.attempts, &backoff);
            if matches!(outcome, Outcome::NeedsSignIn) {
                signed_out = true;
            }
            record(store, secrets, &action, outcome, &mut report)?;
        }
        if signed_out {
            match tokens.renew().await {
                Ok(fresh) => access = fresh,
                Err(CoreError::NotSignedIn) => {
                    park_for_sign_in(store)?;
                    return Err(CoreError::NotSignedIn);
                }
                Err(e) => return Err(e),
            }
        }
    }
}

/// Uploads the files of a new work the platform does not have yet, recording each id as it
/// arrives (and the bytes sent so far, for the progress bars). Answers every slot's id.
async fn upload_files(
    store: &Store,
    client: &PlatformClient,
    access: &Secret,
    action: &Ready,
) -> CoreResult<Vec<String>> {
    let slots = media::slots_of(&action.intention);
    if slots.is_empty() {
        return Ok(Vec::new());
    }
    let recorded = store.read(|conn| media::uploaded(conn, &action.id))?;
    let mut ids = Vec::with_capacity(slots.len());
    for (slot, staged) in slots.into_iter().enumerate() {
        if let Some(Some(id)) = recorded.get(slot) {
            ids.push(id.clone());
            continue;
        }
        let path = media::path_of(store, staged)?;
        if !path.is_file() {
            // Nothing to send will ever come back: refuse the action, keep the rest.
            return Err(CoreError::Platform {
                code: ErrorCode::Validation,
                message: format!(
                    "the copy of {} kept for sending is gone from the data folder",
                    staged.name
                ),
                retry_after_secs: None,
            });
        }
        let sent = Arc::new(AtomicU64::new(0));
        let key = media::upload_key(&action.id, slot);
        let upload = client.upload(access, &key, &staged.content_type, &path, staged.bytes, sent.clone());
        tokio::pin!(upload);
        let mut progress = tokio::time::interval(Duration::from_millis(250));
        let answer = loop {
            tokio::select! {
                answer = &mut upload => break answer,
                _ = progress.tick() => media::record_sent(store, &action.id, slot, sent.load(Ordering::Relaxed))?,
            }
        };
        let uploaded = answer?;
        media::record_uploaded(store, &action.id, slot, &uploaded.id)?;
        ids.push(uploaded.id);
    }
    Ok(ids)
}

pub(crate) fn park_for_sign_in(store: &Store) -> CoreResult<()> {
    store.write(|tx| {
        tx.execute(
            &format!(
                "UPDATE action SET state = ?1, updated_at = ?2 WHERE state IN {}",
                *SENDABLE_STATES
            ),
            params![ActionState::NeedsSignIn, now_rfc3339()],
        )?;
        Ok(())
    })
}

fn entry<'a>(action: &'a Ready, what: &'a str, outcome: ActionState, error_code: Option<&'a str>) -> AuditEntry<'a> {
    AuditEntry {
        staff: &action.staff,
        verified: action.verified,
        account_id: action.account_id.as_deref(),
        action_id: &action.id,
        what,
        outcome,
        error_code,
    }
}

fn record(
    store: &Store,
    secrets: &dyn SecretStore,
    action: &Ready,
    outcome: Outcome,
    report: &mut PushReport,
) -> CoreResult<()> {
    let now = now_rfc3339();
    let what = action.intention.summary();
    let done = store.write(|tx| match &outcome {
        Outcome::Applied(created) => {
            // A new work's id is the work it is about from now on (the material library's
            // uses name it).
            let created = created.as_deref().filter(|_| action.intention.entity("").0 == "new_work");
            tx.prepare_cached(
                "UPDATE action SET state = ?1, error_code = NULL, error_message = NULL, next_attempt_at = NULL, \
                 updated_at = ?2, work_id = COALESCE(?4, work_id) WHERE id = ?3",
            )?
            .execute(params![ActionState::Applied, now, action.id, created])?;
            audit(tx, &entry(action, &what, ActionState::Applied, None))?;
            Ok(true)
        }
        Outcome::Rejected { code, message } => {
            tx.prepare_cached(
                "UPDATE action SET state = ?1, error_code = ?2, error_message = ?3, next_attempt_at = NULL, \
                 updated_at = ?4 WHERE id = ?5",
            )?
            .execute(params![ActionState::Rejected, code, message, now, action.id])?;
            audit(tx, &entry(action, &what, ActionState::Rejected, Some(code)))?;
            Ok(true)
        }
        Outcome::Later { state, delay, code, message } => {
            let at = Utc::now() + chrono::Duration::from_std(*delay).unwrap_or_default();
            tx.prepare_cached(
                "UPDATE action SET state = ?1, error_code = ?2, error_message = ?3, next_attempt_at = ?4, updated_at = ?5 \
                 WHERE id = ?6",
            )?
            .execute(params![state, code, message, at.to_rfc3339_opts(chrono::SecondsFormat::Millis, true), now, action.id])?;
            Ok(false)
        }
        Outcome::NeedsSignIn => {
            // Not a failure of the action: it goes again, same key, once signed in.
            tx.prepare_cached("UPDATE action SET state = ?1, attempts = attempts - 1, updated_at = ?2 WHERE id = ?3")?
                .execute(params![ActionState::Queued, now, action.id])?;
            Ok(false)
        }
    })?;
    match &outcome {
        Outcome::Applied(_) => report.applied += 1,
        Outcome::Rejected { .. } => report.rejected += 1,
        _ => report.retry_later += 1,
    }
    if done {
        secrets.delete(&phone_key(&action.id))?;
    }
    if matches!(outcome, Outcome::Applied(_)) && !media::slots_of(&action.intention).is_empty() {
        // The platform has the files: their staged copies may go (unless another work needs them).
        if let Err(e) = media::sweep(store) {
            tracing::warn!(error = %e, "could not tidy the staged media");
        }
    }
    Ok(())
}
