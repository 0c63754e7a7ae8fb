//! Starting the simulator: as a library on any listener, stoppable, for tests and the demo.

use std::net::SocketAddr;
use std::sync::{Arc, Mutex};

use chrono::{DateTime, Utc};
use tokio::sync::oneshot;
use tokio::task::JoinHandle;

use crate::faults::Faults;
use crate::seed::{seed, FeedOrder, Seed};
use crate::{db, routes};

/// How to start a simulator.
#[derive(Debug, Clone)]
pub struct SimConfig {
    /// Address to bind; port 0 picks a free one.
    pub addr: SocketAddr,
    /// SQLite path, or `:memory:`.
    pub db: String,
    pub seed: Seed,
    pub seed_value: u64,
    /// In which order the change feed carries the seeded data.
    pub feed_order: FeedOrder,
    /// Offer `GET /v1/snapshot`; without it the simulator answers 404 there, as a platform from
    /// before the snapshot would (clients then download the whole change feed).
    pub snapshot: bool,
    /// Lifetime of access tokens, in seconds.
    pub access_token_ttl_secs: u64,
    /// Run the platform's life (reviews, metrics, comments) on its own every so often.
    pub tick_every: Option<std::time::Duration>,
    /// When set, `/sim/admin/*` answers only requests carrying it in [`ADMIN_TOKEN_HEADER`]
    /// (the app's embedded demo platform sets a random one per run: nothing on the machine
    /// can let its days pass, read its ledger or inject faults).
    pub admin_token: Option<String>,
}

/// The header that carries the admin token.
pub const ADMIN_TOKEN_HEADER: &str = "x-sim-admin-token";

impl Default for SimConfig {
    fn default() -> Self {
        Self {
            addr: SocketAddr::from(([127, 0, 0, 1], 0)),
            db: ":memory:".to_owned(),
            seed: Seed::Demo,
            seed_value: 1,
            feed_order: FeedOrder::default(),
            snapshot: true,
            access_token_ttl_secs: 3600,
            tick_every: None,
            admin_token: None,
        }
    }
}

/// Shared state of a running simulator.
pub(crate) struct Sim {
    pub db: Mutex<rusqlite::Connection>,
    /// See [`SimConfig::snapshot`].
    pub snapshot: bool,
    pub faults: Mutex<Faults>,
    pub admin_token: Option<String>,
}

impl Sim {
    /// The platform's clock: real time plus however far `/sim/admin/tick` has advanced it.
    pub fn now(&self, conn: &rusqlite::Connection) -> crate::error::SimResult<DateTime<Utc>> {
        db::clock(conn)
    }

    pub fn faults(&self) -> Faults {
        self.faults.lock().unwrap_or_else(|p| p.into_inner()).clone()
    }

    pub fn set_faults(&self, faults: Faults) {
        *self.faults.lock().unwrap_or_else(|p| p.into_inner()) = faults;
    }

    /// Runs `f` with the database. A poisoned lock means a handler panicked mid-write;
    /// SQLite rolled that transaction back, so the connection itself is still sound.
    pub fn with_db<T>(&self, f: impl FnOnce(&mut rusqlite::Connection) -> T) -> T {
        let mut guard = self.db.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        f(&mut guard)
    }
}

/// A simulator serving in the background of the current tokio runtime. Dropping it stops it.
pub struct RunningSim {
    addr: SocketAddr,
    shutdown: Option<oneshot::Sender<()>>,
    task: Option<JoinHandle<()>>,
}

impl RunningSim {
    /// Opens (and seeds, when empty) the database, binds, and starts serving.
    pub async fn start(config: SimConfig) -> anyhow::Result<Self> {
        let mut conn = db::open(&config.db)?;
        seed(&mut conn, config.seed, config.seed_value, config.feed_order, Utc::now())?;
        let faults = Faults {
            access_token_ttl_secs: config.access_token_ttl_secs,
            ..Faults::default()
        };
        let sim = Arc::new(Sim {
            db: Mutex::new(conn),
            snapshot: config.snapshot,
            faults: Mutex::new(faults),
            admin_token: config.admin_token.clone(),
        });
        let listener = tokio::net::TcpListener::bind(config.addr).await?;
        let addr = listener.local_addr()?;
        let (tx, rx) = oneshot::channel::<()>();
        let ticker = config
            .tick_every
            .map(|every| tokio::spawn(crate::tick::run_every(sim.clone(), every)));
        let app = routes::router(sim);
        let task = tokio::spawn(async move {
            let served = axum::serve(listener, app)
                .with_graceful_shutdown(async {
                    let _ = rx.await;
                })
                .await;
            if let Some(ticker) = ticker {
                ticker.abort();
            }
            if let Err(e) = served {
                tracing::error!(error = %e, "simulator stopped with an error");
            }
        });
        Ok(Self {
            addr,
            shutdown: Some(tx),
            task: Some(task),
        })
    }

    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// Base URL, e.g. `http://127.0.0.1:4123`.
    pub fn url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// Stops serving and waits until the listener is closed.
    pub async fn stop(mut self) {
        self.signal_stop();
        if let Some(task) = self.task.take() {
            let _ = task.await;
        }
    }

    fn signal_stop(&mut self) {
        if let Some(tx) = self.shutdown.take() {
            let _ = tx.send(());
        }
    }
}

impl Drop for RunningSim {
    fn drop(&mut self) {
        self.signal_stop();
        if let Some(task) = self.task.take() {
            task.abort();
        }
    }
}
