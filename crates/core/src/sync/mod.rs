//! Sync with the platform: deliver the outbox, then pull the change feed into the store.
//!
//! Each page and its cursor are written in one transaction, so a crash between pages
//! resumes exactly where it stopped and never applies a page twice.

mod snapshot;
mod worker;

use chrono::Utc;
use mdesk_ipc::SyncProgress;
use mdesk_platform_api::{ChangeData, ChangePage};

use crate::error::{CoreError, CoreResult};
use crate::outbox::{Backoff, PushReport};
use crate::platform::{AccessTokens, PlatformClient};
use crate::secret::SecretStore;
use crate::session::{Session, SessionTokens};
use crate::store::{apply_change, grams, kv, rollup, Store};

pub use worker::{SyncCommand, SyncHandle, SyncWorker};

/// Entries per change-feed page.
/// Changes per page: the most the platform gives at once.
pub const PAGE_SIZE: u32 = mdesk_platform_api::MAX_PAGE_LIMIT;

/// What one pull did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PullReport {
    pub pages: u32,
    pub changes: u64,
    pub cursor: i64,
}

/// Pulls every change since the stored cursor. `progress` is called after each page.
pub async fn pull(
    store: &Store,
    client: &PlatformClient,
    secrets: &dyn SecretStore,
    session: &Session,
    progress: impl FnMut(SyncProgress),
) -> CoreResult<PullReport> {
    let tokens = SessionTokens {
        client,
        secrets,
        session,
    };
    pull_with(store, client, &tokens, &session.merchant_id, progress).await
}

/// Delivers the outbox with the session's tokens.
pub async fn push(
    store: &Store,
    client: &PlatformClient,
    secrets: &dyn SecretStore,
    session: &Session,
    backoff: Backoff,
) -> CoreResult<PushReport> {
    let tokens = SessionTokens {
        client,
        secrets,
        session,
    };
    crate::outbox::push(store, client, secrets, &tokens, backoff).await
}

/// Pulls every change since the stored cursor into `merchant_id`'s rows, with tokens from
/// `tokens`.
async fn pull_with(
    store: &Store,
    client: &PlatformClient,
    tokens: &impl AccessTokens,
    merchant_id: &str,
    mut progress: impl FnMut(SyncProgress),
) -> CoreResult<PullReport> {
    let mut start = store.read(kv::cursor)?;
    let mut access = tokens.access().await?;
    if start == 0 {
        first_screen(store, client, &access, merchant_id).await;
        if let Some(seq) = snapshot::download(store, client, tokens, &mut access, merchant_id, &mut progress).await? {
            start = seq;
        }
    }
    let mut cursor = start;
    let mut report = PullReport {
        pages: 0,
        changes: 0,
        cursor,
    };
    // The next page downloads (and decodes) while this one is written.
    let mut ahead: Option<Ahead<ChangePage>> = None;
    loop {
        let fetched = match ahead.take() {
            Some(a) => a.page().await,
            None => client.changes(&access, cursor, PAGE_SIZE).await,
        };
        let page = match fetched {
            Err(CoreError::Platform {
                code: mdesk_platform_api::ErrorCode::Unauthorized,
                ..
            }) => {
                access = tokens.renew().await?;
                client.changes(&access, cursor, PAGE_SIZE).await?
            }
            other => other?,
        };
        if page.has_more && page.next_cursor >= cursor {
            let (client, access, since) = (client.clone(), access.clone(), page.next_cursor);
            ahead = Some(Ahead::spawn(
                async move { client.changes(&access, since, PAGE_SIZE).await },
            ));
        }
        let next = page.next_cursor;
        if next < cursor {
            return Err(CoreError::Protocol(format!(
                "change feed went backwards: {cursor} → {next}"
            )));
        }
        // The platform's data: downloaded again if lost, so not worth a sync to disk per page.
        store.write_replaceable(|tx| {
            let mut touched = rollup::Touched::default();
            let mut works = Vec::new();
            grams::defer(tx)?;
            for change in &page.changes {
                apply_change(tx, merchant_id, &change.data)?;
                match &change.data {
                    ChangeData::Work(w) => {
                        touched.work(&w.id);
                        works.push(w.id.as_str());
                    }
                    ChangeData::WorkMetric(m) => touched.metric(&m.work_id, m.date),
                    _ => {}
                }
            }
            grams::reindex(tx, &works)?;
            rollup::after_page(tx, &touched, !page.has_more)?;
            kv::set_cursor(tx, next)?;
            if !page.has_more {
                kv::set_last_sync_at(tx, &now_rfc3339())?;
                kv::apply_salvaged_unread(tx)?;
            }
            Ok(())
        })?;
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
        // A page downloaded ahead is often ready at once: let the runtime's other tasks (and a
        // request to stop) in between pages.
        tokio::task::yield_now().await;
    }
}

/// A page on its way, fetched on its own task while the last one is written; dropped, the
/// download stops.
struct Ahead<T>(tokio::task::JoinHandle<CoreResult<T>>);

impl<T: Send + 'static> Ahead<T> {
    fn spawn(fetch: impl std::future::Future<Output = CoreResult<T>> + Send + 'static) -> Self {
        Self(tokio::spawn(fetch))
    }

    async fn page(mut self) -> CoreResult<T> {
        (&mut self.0)
            .await
            .map_err(|e| CoreError::Protocol(format!("the page download stopped: {e}")))?
    }
}

impl<T> Drop for Ahead<T> {
    fn drop(&mut self) {
        self.0.abort();
    }
}

/// Works a new desk shows before the feed has brought them all: the Works screen's first page.
pub const FIRST_SCREEN_WORKS: u32 = 50;

/// Before a desk's first download of the feed: the matrix accounts and the newest works, so the
/// Accounts and Works screens are right in seconds whatever order the feed brings the rest in.
/// Best effort: a platform without `order=newest`, or any failure here, leaves it to the feed,
/// which brings the same entities again (an upsert of the same state changes nothing).
async fn first_screen(store: &Store, client: &PlatformClient, access: &crate::secret::Secret, merchant_id: &str) {
    let fetched = async {
        let accounts = client.accounts(access).await?;
        let works = client.newest_works(access, FIRST_SCREEN_WORKS).await?.works;
        CoreResult::Ok((accounts, works))
    }
    .await;
    let (accounts, works) = match fetched {
        Ok(found) => found,
        Err(e) => {
            tracing::info!(error = %e, "first screen left to the change feed");
            return;
        }
    };
    let written = store.write_replaceable(|tx| {
        for a in accounts {
            apply_change(tx, merchant_id, &ChangeData::Account(a))?;
        }
        let mut touched = rollup::Touched::default();
        for w in works {
            touched.work(&w.id);
            apply_change(tx, merchant_id, &ChangeData::Work(w))?;
        }
        rollup::after_page(tx, &touched, false)
    });
    if let Err(e) = written {
        tracing::warn!(error = %e, "first screen not written; the change feed brings it");
    }
}

fn now_rfc3339() -> String {
    Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}

/// One sync round: deliver the outbox, then pull the change feed (which brings back the
/// platform's version of what was just delivered). The worker and `mdesk sync` both use it.
pub async fn sync_once(
    store: &Store,
    client: &PlatformClient,
    secrets: &dyn SecretStore,
    session: &Session,
    backoff: Backoff,
    progress: impl FnMut(SyncProgress),
) -> CoreResult<(PushReport, PullReport)> {
    let tokens = SessionTokens {
        client,
        secrets,
        session,
    };
    let round = async {
        let pushed = crate::outbox::push(store, client, secrets, &tokens, backoff).await?;
        crate::session::learn_identity(store, client, &tokens).await?;
        let pulled = pull_with(store, client, &tokens, &session.merchant_id, progress).await?;
        Ok::<_, CoreError>((pushed, pulled))
    };
    let (pushed, pulled) = match round.await {
        Err(
            e @ CoreError::Platform {
                code: mdesk_platform_api::ErrorCode::StaffDisabled,
                ..
            },
        ) => {
            crate::session::signed_out_by_merchant(secrets, session)?;
            crate::outbox::park_for_sign_in(store)?;
            return Err(e);
        }
        other => other?,
    };
    // Covers are for reading offline later; failing to fetch one is not a failed sync.
    match crate::covers::fetch_missing(store, client, &session.merchant_id, crate::covers::PER_ROUND).await {
        Ok(0) => {}
        Ok(n) => tracing::debug!(covers = n, "covers cached"),
        Err(e) => tracing::warn!(error = %e, "covers not cached this round"),
    }
    Ok((pushed, pulled))
}
