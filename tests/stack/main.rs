//! Core ↔ platform-sim over real HTTP on 127.0.0.1: sign-in, pull, refresh, offline.
// Test harness: a failed set-up step should stop the test right there.
#![allow(clippy::unwrap_used)]

mod crash;
mod damage;
mod data;
mod disk_full;
mod hostile;
mod matrix;
mod migrate_crash;
mod outbox;
mod publish;
mod pull;
mod safety;
mod session;
mod team;

use std::sync::Arc;

use mdesk_core::session::Platform;
use mdesk_core::{MemorySecretStore, Secret, Store};
use platform_sim::{RunningSim, Seed, SimConfig};

/// How the audit trail names the demo merchant's owner: the platform's identity (its name and
/// sign-in), whatever staff name was typed.
pub const OWNER: &str = "青禾生活 (demo)";

/// A simulator plus an empty local store (in a data folder, as the app's) and in-memory
/// keychain: one desktop.
pub struct Fixture {
    pub sim: Arc<RunningSim>,
    pub store: Store,
    pub secrets: Arc<MemorySecretStore>,
    /// The data folder: the database and the staged media.
    pub dir: Arc<tempfile::TempDir>,
}

fn data_folder() -> (Arc<tempfile::TempDir>, Store) {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&dir.path().join("matrix-desk.sqlite3")).unwrap();
    (Arc::new(dir), store)
}

impl Fixture {
    pub async fn new(seed_value: u64, token_ttl: u64) -> Fixture {
        Self::with_config(SimConfig {
            seed: Seed::Demo,
            seed_value,
            access_token_ttl_secs: token_ttl,
            ..SimConfig::default()
        })
        .await
    }

    pub async fn with_config(config: SimConfig) -> Fixture {
        let sim = RunningSim::start(config)
            .await
            .expect("simulator starts on a free port");
        let (dir, store) = data_folder();
        Fixture {
            sim: Arc::new(sim),
            store,
            secrets: Arc::default(),
            dir,
        }
    }

    /// Another desktop on the same platform: its own database and keychain.
    pub fn sharing(other: &Fixture) -> Fixture {
        let (dir, store) = data_folder();
        Fixture {
            sim: other.sim.clone(),
            store,
            secrets: Arc::default(),
            dir,
        }
    }

    pub fn sim_url(&self) -> String {
        self.sim.url()
    }

    pub fn platform(&self) -> Platform {
        Platform::remote(&self.sim.url()).unwrap()
    }

    pub async fn sign_in(&self, user: &str, password: &str) -> mdesk_core::CoreResult<mdesk_core::session::Session> {
        mdesk_core::session::sign_in(
            &self.store,
            self.secrets.as_ref(),
            &self.platform(),
            user,
            &Secret::new(password),
        )
        .await
    }

    /// A fresh access token straight from the platform (another client of the same merchant).
    pub async fn platform_token(&self, user: &str, password: &str) -> String {
        let token: mdesk_platform_api::TokenResponse = reqwest::Client::new()
            .post(format!("{}/oauth/token", self.sim.url()))
            .json(&serde_json::json!({"grant_type": "password", "username": user, "password": password}))
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        token.access_token
    }

    /// The platform's own view of the merchant's accounts, fetched with a fresh token.
    pub async fn platform_accounts(&self, user: &str, password: &str) -> Vec<mdesk_platform_api::Account> {
        let http = reqwest::Client::new();
        let token: mdesk_platform_api::TokenResponse = http
            .post(format!("{}/oauth/token", self.sim.url()))
            .json(&serde_json::json!({"grant_type": "password", "username": user, "password": password}))
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        http.get(format!("{}/v1/accounts", self.sim.url()))
            .bearer_auth(token.access_token)
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap()
    }
}
