//! The background sync task: a ticker plus a command channel, publishing [`SyncStatus`].
//!
//! Missed ticks are skipped (a laptop waking up syncs once, not a burst). While the platform
//! is unreachable the task keeps its schedule and simply tries again: offline is normal.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use mdesk_ipc::{IpcError, PlatformKind, SyncStatus};
use rusqlite::OptionalExtension;
use tokio::sync::{mpsc, watch};
use tokio::time::MissedTickBehavior;

use crate::error::{CoreError, CoreResult};
use crate::outbox::Backoff;
use crate::platform::PlatformClient;
use crate::secret::SecretStore;
use crate::session;
use crate::store::kv::{self, Setting};
use crate::store::Store;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SyncCommand {
    /// Sync now (a user click, a sign-in, a settings change).
    SyncNow,
    SetInterval(Duration),
    Shutdown,
}

/// Talks to a running [`SyncWorker`].
#[derive(Clone)]
pub struct SyncHandle {
    tx: mpsc::UnboundedSender<SyncCommand>,
    status: watch::Receiver<SyncStatus>,
}

impl SyncHandle {
    /// Sends a command; false when the worker has stopped.
    pub fn send(&self, cmd: SyncCommand) -> bool {
        self.tx.send(cmd).is_ok()
    }

    pub fn status(&self) -> SyncStatus {
        self.status.borrow().clone()
    }

    /// A receiver that wakes on every status change.
    pub fn subscribe(&self) -> watch::Receiver<SyncStatus> {
        self.status.clone()
    }
}

pub struct SyncWorker {
    store: Arc<Store>,
    secrets: Arc<dyn SecretStore>,
    status: watch::Sender<SyncStatus>,
    /// The whole file was checked once in this run (`quick_check`, at idle after a round).
    checked: AtomicBool,
}

impl SyncWorker {
    /// Starts the worker on the current tokio runtime.
    pub fn spawn(
        store: Arc<Store>,
        secrets: Arc<dyn SecretStore>,
        platform: PlatformKind,
        interval: Duration,
    ) -> SyncHandle {
        let initial = SyncStatus {
            platform,
            platform_url: None,
            signed_in: false,
            merchant_name: None,
            whitelisted: None,
            online: None,
            syncing: false,
            progress: None,
            last_sync_at: None,
            queued: 0,
            failed: 0,
            last_error: None,
            recovery: None,
            whoami: None,
            reviews_waiting: 0,
        };
        let (status_tx, status_rx) = watch::channel(initial);
        let (tx, rx) = mpsc::unbounded_channel();
        // Whatever was mid-send when the app last stopped is retried with its own key.
        if let Err(e) = crate::outbox::recover_after_crash(&store) {
            tracing::warn!(error = %e, "could not recover in-flight actions");
        }
        let worker = SyncWorker {
            store,
            secrets,
            status: status_tx,
            checked: AtomicBool::new(false),
        };
        worker.refresh_local_status();
        tokio::spawn(worker.run(rx, interval));
        SyncHandle { tx, status: status_rx }
    }

    async fn run(self, mut rx: mpsc::UnboundedReceiver<SyncCommand>, interval: Duration) {
        // The first round is the app's to ask for (`SyncNow`), when its window has drawn the
        // local data: a round at start-up would compete with the first screen.
        let mut ticker = tokio::time::interval_at(tokio::time::Instant::now() + interval, interval);
        ticker.set_missed_tick_behavior(MissedTickBehavior::Skip);
        loop {
            tokio::select! {
                _ = ticker.tick() => self.sync_once().await,
                cmd = rx.recv() => match cmd {
                    Some(SyncCommand::SyncNow) => {
                        if let Err(e) = crate::outbox::make_due_now(&self.store) {
                            tracing::warn!(error = %e, "could not reschedule waiting actions");
                        }
                        self.sync_once().await
                    }
                    Some(SyncCommand::SetInterval(every)) => {
                        ticker = tokio::time::interval_at(tokio::time::Instant::now() + every, every);
                        ticker.set_missed_tick_behavior(MissedTickBehavior::Skip);
                    }
                    Some(SyncCommand::Shutdown) | None => return,
                },
            }
        }
    }

    /// Re-reads what the status line shows from the local database.
    fn refresh_local_status(&self) {
        match self.local_status() {
            Ok(update) => self.status.send_modify(update),
            Err(e) => tracing::warn!(error = %e, "could not read local sync status"),
        }
    }

    /// Everything the status line shows from the database is read under one lock; the
    /// keychain is asked afterwards, with the lock released.
    fn local_status(&self) -> CoreResult<impl FnOnce(&mut SyncStatus)> {
        let (session, merchant, (queued, failed), last_sync_at, configured_url, recovery, (whoami, reviews_waiting)) =
            self.store.read(|conn| {
                let session = session::current_in(conn)?;
                let merchant: Option<(String, bool)> = match &session {
                    Some(s) => conn
                        .prepare_cached("SELECT name, whitelisted FROM merchant WHERE id = ?1")?
                        .query_row([&s.merchant_id], |r| Ok((r.get(0)?, r.get(1)?)))
                        .optional()?,
                    None => None,
                };
                Ok((
                    session,
                    merchant,
                    crate::outbox::counts(conn)?,
                    kv::last_sync_at(conn)?,
                    kv::setting(conn, Setting::PlatformUrl)?,
                    kv::recovery_report(conn)?,
                    crate::identity::with_reviews_waiting(conn)?,
                ))
            })?;
        let signed_in = match &session {
            Some(s) => session::has_tokens(self.secrets.as_ref(), s)?,
            None => false,
        };
        let platform_url = match &session {
            Some(s) => Some(s.platform.endpoint.clone()),
            None => configured_url,
        };
        let platform_kind = session.map(|s| {
            if s.platform.is_demo() {
                PlatformKind::Demo
            } else {
                PlatformKind::Remote
            }
        });
        Ok(move |st: &mut SyncStatus| {
            st.platform_url = platform_url;
            if let Some(kind) = platform_kind {
                st.platform = kind;
            }
            st.signed_in = signed_in;
            st.merchant_name = merchant.as_ref().map(|m| m.0.clone());
            st.whitelisted = merchant.map(|m| m.1);
            st.queued = queued;
            st.failed = failed;
            st.last_sync_at = last_sync_at;
            st.recovery = recovery;
            st.whoami = whoami;
            st.reviews_waiting = reviews_waiting;
        })
    }

    /// One round, with the store's health around it: a database found damaged (by this round,
    /// by the window, or by the check at idle) is repaired and the round runs again, which
    /// downloads the platform's data from the start.
    async fn sync_once(&self) {
        if self.store.is_damaged() {
            self.repair().await;
        }
        self.round().await;
        if !self.store.is_damaged() {
            self.idle_care().await;
        }
        if self.store.is_damaged() {
            self.repair().await;
            self.round().await;
        }
    }

    /// Repairs the damaged database off the async threads; the status line says so meanwhile,
    /// and shows the report after.
    async fn repair(&self) {
        self.status.send_modify(|s| {
            s.syncing = true;
            s.last_error = Some(IpcError::new(mdesk_ipc::ErrorCode::DatabaseDamaged, "repairing"));
        });
        let store = self.store.clone();
        let result = tokio::task::spawn_blocking(move || store.repair()).await;
        self.status.send_modify(|s| {
            s.syncing = false;
            s.last_error = match &result {
                Ok(Ok(_)) => None,
                Ok(Err(e)) => Some(clone_err(e)),
                Err(e) => Some(IpcError::new(mdesk_ipc::ErrorCode::Internal, e.to_string())),
            };
        });
        match result {
            Ok(Ok(report)) => tracing::warn!(?report, "repaired the damaged local database"),
            Ok(Err(e)) => tracing::error!(error = %e, "could not repair the local database"),
            Err(e) => tracing::error!(error = %e, "the repair stopped"),
        }
        self.refresh_local_status();
    }

    /// At idle after a round: the whole file is checked once a run, and the desk's own data
    /// backed up when a day has passed. Both read through connections of their own, off the
    /// async threads, so the window keeps working.
    async fn idle_care(&self) {
        let check = !self.checked.swap(true, Ordering::Relaxed);
        let store = self.store.clone();
        let done = tokio::task::spawn_blocking(move || {
            if check {
                let started = Instant::now();
                let sound = store.quick_check();
                tracing::info!(
                    ms = started.elapsed().as_millis() as u64,
                    ?sound,
                    "quick_check of the local database"
                );
                if !matches!(sound, Ok(true)) {
                    return;
                }
            }
            if let Some(path) = store.path() {
                match crate::store::backup::take_if_due(path, chrono::Utc::now()) {
                    Ok(Some(file)) => tracing::info!(file = %file.display(), "backed up the desk's own data"),
                    Ok(None) => {}
                    Err(e) => tracing::warn!(error = %e, "no backup this time"),
                }
            }
        })
        .await;
        if let Err(e) = done {
            tracing::warn!(error = %e, "idle care stopped");
        }
    }

    async fn round(&self) {
        self.refresh_local_status();
        let session = match session::current(&self.store) {
            Ok(Some(s)) => s,
            Ok(None) => return,
            Err(e) => return self.finish(Err(e)),
        };
        let client = match PlatformClient::new(&session.platform.endpoint) {
            Ok(c) => c,
            Err(e) => return self.finish(Err(e)),
        };
        // Back from offline: whatever waited for the platform goes now, not after its backoff.
        if self.status.borrow().online == Some(false) {
            if let Err(e) = crate::outbox::make_due_now(&self.store) {
                tracing::warn!(error = %e, "could not reschedule waiting actions");
            }
        }
        self.status.send_modify(|s| s.syncing = true);
        let status = &self.status;
        let result = super::sync_once(
            &self.store,
            &client,
            self.secrets.as_ref(),
            &session,
            Backoff::default(),
            |p| {
                status.send_modify(|s| s.progress = Some(p));
            },
        )
        .await;
        self.finish(result.map(|_| ()));
    }

    fn finish(&self, result: CoreResult<()>) {
        self.status.send_modify(|s| {
            s.syncing = false;
            s.progress = None;
            match &result {
                Ok(()) => {
                    s.online = Some(true);
                    s.last_error = None;
                }
                Err(CoreError::Offline(_)) => s.online = Some(false),
                Err(CoreError::NotSignedIn)
                | Err(CoreError::Platform {
                    code: mdesk_platform_api::ErrorCode::StaffDisabled,
                    ..
                }) => {
                    s.online = Some(true);
                    s.signed_in = false;
                }
                Err(CoreError::Platform {
                    code: mdesk_platform_api::ErrorCode::NotWhitelisted,
                    ..
                }) => {
                    s.online = Some(true);
                    s.whitelisted = Some(false);
                }
                Err(_) => {}
            }
            if let Err(e) = &result {
                if !matches!(e, CoreError::Offline(_)) {
                    tracing::warn!(error = %e, "sync failed");
                }
                s.last_error = Some(clone_err(e));
            }
        });
        self.refresh_local_status();
    }
}

/// `CoreError` holds non-Clone sources; the status only needs code and text.
fn clone_err(e: &CoreError) -> IpcError {
    IpcError::new(e.code(), e.to_string())
}
