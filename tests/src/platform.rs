//! The platform as a test sees it: the merchant's API signed in as the demo merchant, and the
//! simulator's admin knobs (ledger, faults, clock). Used by the stack and end-to-end tests to
//! check what really arrived, never to act in the app's place.

use anyhow::{bail, Result};
use mdesk_platform_api::{Account, Comment, TokenResponse, Work, WorksPage};
use serde::de::DeserializeOwned;
use serde_json::{json, Value};

/// A creator bound to no merchant and not invited yet: (Guangguang ID, registered phone).
pub async fn free_creator(url: &str) -> Result<(String, String)> {
    let all: Value = reqwest::get(format!("{url}/sim/admin/creators")).await?.json().await?;
    let free = all
        .as_array()
        .and_then(|all| all.iter().rev().find(|c| c["bound_to"].is_null()));
    let (Some(gg), Some(phone)) = (
        free.and_then(|c| c["guangguang_id"].as_str()),
        free.and_then(|c| c["phone"].as_str()),
    ) else {
        bail!("the seed has no free creator: {all}");
    };
    Ok((gg.to_owned(), phone.to_owned()))
}

pub struct Platform {
    url: String,
    http: reqwest::Client,
    token: String,
}

impl Platform {
    /// Signs in as the demo merchant (`demo` / `demo123`).
    pub async fn sign_in(url: &str) -> Result<Self> {
        let http = reqwest::Client::new();
        let token: TokenResponse = http
            .post(format!("{url}/oauth/token"))
            .json(&json!({"grant_type": "password", "username": "demo", "password": "demo123"}))
            .send()
            .await?
            .error_for_status()?
            .json()
            .await?;
        Ok(Self {
            url: url.to_owned(),
            http,
            token: token.access_token,
        })
    }

    pub fn url(&self) -> &str {
        &self.url
    }

    async fn get<T: DeserializeOwned>(&self, path: &str) -> Result<T> {
        let resp = self
            .http
            .get(format!("{}{path}", self.url))
            .bearer_auth(&self.token)
            .send()
            .await?;
        let status = resp.status();
        if !status.is_success() {
            bail!("GET {path}: {status} {}", resp.text().await.unwrap_or_default());
        }
        Ok(resp.json().await?)
    }

    pub async fn accounts(&self) -> Result<Vec<Account>> {
        self.get("/v1/accounts").await
    }

    /// The merchant's works that are not deleted (one account's, or all), every page.
    pub async fn works(&self, account_id: Option<&str>) -> Result<Vec<Work>> {
        let mut all = Vec::new();
        let mut cursor: Option<String> = None;
        loop {
            let mut path = "/v1/works?limit=1000".to_owned();
            if let Some(a) = account_id {
                path.push_str(&format!("&account_id={a}"));
            }
            if let Some(c) = &cursor {
                path.push_str(&format!("&cursor={c}"));
            }
            let page: WorksPage = self.get(&path).await?;
            all.extend(page.works);
            match page.next_cursor {
                Some(c) => cursor = Some(c),
                None => return Ok(all),
            }
        }
    }

    /// The works with this title.
    pub async fn titled(&self, title: &str) -> Result<Vec<Work>> {
        Ok(self
            .works(None)
            .await?
            .into_iter()
            .filter(|w| w.title == title)
            .collect())
    }

    pub async fn comments(&self, work_id: &str) -> Result<Vec<Comment>> {
        self.get(&format!("/v1/works/{work_id}/comments")).await
    }

    /// The bytes at a URL the platform handed out (a cover), relative to its address.
    pub async fn bytes(&self, url: &str) -> Result<Vec<u8>> {
        let url = mdesk_platform_api::resolve_url(&self.url, url);
        Ok(self
            .http
            .get(url)
            .send()
            .await?
            .error_for_status()?
            .bytes()
            .await?
            .to_vec())
    }

    /// Every mutation the platform applied, once per idempotency key (not subject to faults).
    pub async fn ledger(&self) -> Result<Vec<Value>> {
        Ok(self
            .http
            .get(format!("{}/sim/admin/ledger", self.url))
            .send()
            .await?
            .error_for_status()?
            .json()
            .await?)
    }

    /// How many mutations of `method` (any, when none) on `path` the platform applied.
    pub async fn applied(&self, method: Option<&str>, path: &str) -> Result<usize> {
        Ok(self
            .ledger()
            .await?
            .iter()
            .filter(|e| e["path"] == path && method.is_none_or(|m| e["method"] == m))
            .count())
    }

    /// Sets the simulator's faults (`{}` clears them): latency, resets, 5xx …
    pub async fn faults(&self, faults: Value) -> Result<()> {
        self.http
            .put(format!("{}/sim/admin/faults", self.url))
            .json(&faults)
            .send()
            .await?
            .error_for_status()?;
        Ok(())
    }

    /// Lets `days` pass on the platform (reviews, scheduled works, fans' comments …).
    pub async fn tick(&self, days: u32) -> Result<()> {
        self.http
            .post(format!("{}/sim/admin/tick", self.url))
            .json(&json!({"days": days}))
            .send()
            .await?
            .error_for_status()?;
        Ok(())
    }
}

/// Lets `days` pass on the platform at `url` (new numbers for every work, reviews, comments).
pub async fn days_pass(url: &str, days: u32) -> Result<()> {
    Platform::sign_in(url).await?.tick(days).await
}
