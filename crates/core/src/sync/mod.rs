//! Sync with the platform: the pull side reads the change feed into the store.
//!
//! Each page and its cursor are written in one transaction, so a crash between pages
//! resumes exactly where it stopped and never applies a page twice.

mod worker;

use chrono::Utc;
use mdesk_ipc::SyncProgress;

use crate::error::{CoreError, CoreResult};
use crate::platform::PlatformClient;
use crate::secret::SecretStore;
use crate::session::{self, lock, Session};
use crate::store::{apply_change, get_sync_state, set_sync_state, Store};

pub use worker::{SyncCommand, SyncHandle, SyncWorker};

pub const KEY_CURSOR: &str = "pull.cursor";
pub const KEY_LAST_SYNC: &str = "pull.last_sync_at";
/// Entries per change-feed page.
pub const PAGE_SIZE: u32 = 500;

/// What one pull did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PullReport {
    pub pages: u32,
    pub changes: u64,
    pub cursor: i64,
}

/// Pulls every change since the stored cursor. `progress` is called after each page.
pub async fn pull(
    store: &std::sync::Mutex<Store>,
    client: &PlatformClient,
    secrets: &dyn SecretStore,
    session: &Session,
    mut progress: impl FnMut(SyncProgress),
) -> CoreResult<PullReport> {
    let start: i64 = {
        let store = lock(store);
        parse_cursor(get_sync_state(store.conn(), KEY_CURSOR)?)?
    };
    let mut access = session::access_token(client, secrets, session).await?;
    let mut cursor = start;
    let mut report = PullReport {
        pages: 0,
        changes: 0,
        cursor,
    };
    loop {
        let page = match client.changes(&access, cursor, PAGE_SIZE).await {
            Err(CoreError::Platform {
                code: mdesk_platform_api::ErrorCode::Unauthorized,
                ..
            }) => {
                access = session::renew(client, secrets, session).await?;
                client.changes(&access, cursor, PAGE_SIZE).await?
            }
            other => other?,
        };
        let next = page.next_cursor;
        if next < cursor {
            return Err(CoreError::Protocol(format!(
                "change feed went backwards: {cursor} → {next}"
            )));
        }
        {
            let mut store = lock(store);
            store.write(|tx| {
                for change in &page.changes {
                    apply_change(tx, &session.merchant_id, &change.data)?;
                }
                set_sync_state(tx, KEY_CURSOR, Some(&next.to_string()))?;
                if !page.has_more {
                    set_sync_state(tx, KEY_LAST_SYNC, Some(&now_rfc3339()))?;
                }
                Ok(())
            })?;
        }
        report.pages += 1;
        report.changes += page.changes.len() as u64;
        report.cursor = next;
        cursor = next;
        let span = (page.latest_seq - start).max(0) as u64;
        progress(SyncProgress {
            done: ((next - start).max(0) as u64).min(span),
            total: span,
        });
        if !page.has_more {
            return Ok(report);
        }
    }
}

fn parse_cursor(v: Option<String>) -> CoreResult<i64> {
    match v {
        None => Ok(0),
        Some(s) => s.parse().map_err(|_| CoreError::Corrupt(format!("sync cursor {s:?}"))),
    }
}

pub(crate) fn now_rfc3339() -> String {
    Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}

/// One sync round: deliver the outbox, then pull the change feed (which brings back the
/// platform's version of what was just delivered). The worker and `mdesk sync` both use it.
pub async fn sync_once(
    store: &std::sync::Mutex<Store>,
    client: &PlatformClient,
    secrets: &dyn SecretStore,
    session: &Session,
    backoff: crate::outbox::Backoff,
    progress: impl FnMut(SyncProgress),
) -> CoreResult<(crate::outbox::PushReport, PullReport)> {
    let pushed = crate::outbox::push(store, client, secrets, session, backoff).await?;
    let pulled = pull(store, client, secrets, session, progress).await?;
    Ok((pushed, pulled))
}
