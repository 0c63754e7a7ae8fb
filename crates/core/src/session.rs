//! Signing in and out, and handing out a fresh access token.
//!
//! Tokens live only in the [`SecretStore`]; the database keeps the session's identity
//! (endpoint, username, merchant) so an offline start still knows whose data it shows.

use chrono::{DateTime, Duration, Utc};
use mdesk_platform_api::{ErrorCode, TokenRequest, TokenResponse};
use serde::{Deserialize, Serialize};

use crate::error::{CoreError, CoreResult};
use crate::platform::{normalize_url, AccessTokens, PlatformClient};
use crate::secret::{Secret, SecretStore};
use crate::store::kv::{self, SessionRecord};
use crate::store::{apply_change, Store};

/// Which platform a session belongs to. The embedded demo platform changes port on every
/// start, so its identity is fixed (`demo`) while its endpoint moves.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Platform {
    /// Stable identity: the endpoint URL for a real platform, `demo` for the embedded one.
    pub id: String,
    /// Where to send requests now.
    pub endpoint: String,
}

impl Platform {
    pub const DEMO_ID: &'static str = "demo";

    pub fn remote(endpoint: &str) -> CoreResult<Self> {
        let endpoint = normalize_url(endpoint)?;
        Ok(Self {
            id: endpoint.clone(),
            endpoint,
        })
    }

    pub fn demo(endpoint: &str) -> CoreResult<Self> {
        Ok(Self {
            id: Self::DEMO_ID.to_owned(),
            endpoint: normalize_url(endpoint)?,
        })
    }

    pub fn is_demo(&self) -> bool {
        self.id == Self::DEMO_ID
    }
}

/// Who is signed in (no secrets).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Session {
    pub platform: Platform,
    pub username: String,
    pub merchant_id: String,
}

impl From<SessionRecord> for Session {
    fn from(r: SessionRecord) -> Self {
        Self {
            platform: Platform {
                id: r.platform_id,
                endpoint: r.endpoint,
            },
            username: r.username,
            merchant_id: r.merchant_id,
        }
    }
}

/// What the keychain holds for one session.
#[derive(Serialize, Deserialize)]
struct TokenSet {
    access: String,
    refresh: String,
    expires_at: DateTime<Utc>,
}

fn secret_key(platform_id: &str, username: &str) -> String {
    format!("{username}@{platform_id}")
}

/// The session recorded in the database, if any.
pub fn current(store: &Store) -> CoreResult<Option<Session>> {
    store.read(current_in)
}

/// The session, read together with other reads of one `Store::read`.
pub fn current_in(conn: &rusqlite::Connection) -> CoreResult<Option<Session>> {
    Ok(kv::session(conn)?.map(Session::from))
}

/// Points the current session at a new endpoint of the same platform (the demo's new port).
pub fn set_endpoint(store: &Store, endpoint: &str) -> CoreResult<()> {
    let endpoint = normalize_url(endpoint)?;
    store.write(|tx| kv::set_session_endpoint(tx, &endpoint))
}

/// Signs in with a password, stores the tokens in the keychain and records the session.
/// Signing in as a different merchant or to another platform starts from a clean cursor.
pub async fn sign_in(
    store: &Store,
    secrets: &dyn SecretStore,
    platform: &Platform,
    username: &str,
    password: &Secret,
) -> CoreResult<Session> {
    let username = username.trim();
    if username.is_empty() {
        return Err(CoreError::InvalidInput("username is empty".to_owned()));
    }
    let client = PlatformClient::new(&platform.endpoint)?;
    let tokens = client
        .token(&TokenRequest::Password {
            username: username.to_owned(),
            password: password.expose().to_owned(),
        })
        .await?;
    let access = Secret::new(tokens.access_token.clone());
    let who = client.me(&access).await?;
    save_tokens(secrets, &platform.id, username, &tokens)?;
    let me = who.merchant;
    let session = Session {
        platform: platform.clone(),
        username: username.to_owned(),
        merchant_id: me.merchant_id.clone(),
    };
    store.write(|tx| {
        let previous = current_in(tx)?;
        if previous
            .as_ref()
            .is_some_and(|p| p.platform.id != session.platform.id || p.merchant_id != session.merchant_id)
        {
            kv::clear_cursor(tx)?;
        }
        kv::set_session(
            tx,
            &SessionRecord {
                platform_id: session.platform.id.clone(),
                endpoint: session.platform.endpoint.clone(),
                username: session.username.clone(),
                merchant_id: session.merchant_id.clone(),
            },
        )?;
        crate::identity::remember(tx, who.you.as_ref())?;
        apply_change(tx, &session.merchant_id, &mdesk_platform_api::ChangeData::Merchant(me))
    })?;
    Ok(session)
}

/// Asks the platform who is signed in, when this desk does not know yet (signed in before
/// teams), and keeps the answer.
pub async fn learn_identity(store: &Store, client: &PlatformClient, tokens: &impl AccessTokens) -> CoreResult<()> {
    if store.read(crate::identity::known)? {
        return Ok(());
    }
    let access = tokens.access().await?;
    let who = match client.me(&access).await {
        Err(CoreError::Platform {
            code: ErrorCode::Unauthorized,
            ..
        }) => client.me(&tokens.renew().await?).await?,
        other => other?,
    };
    store.write(|tx| {
        let merchant_id = who.merchant.merchant_id.clone();
        crate::identity::remember(tx, who.you.as_ref())?;
        apply_change(
            tx,
            &merchant_id,
            &mdesk_platform_api::ChangeData::Merchant(who.merchant),
        )
    })
}

/// The merchant disabled this staff member: the desk forgets the tokens (signed out), and
/// what is queued waits for a sign-in, as after any sign-out.
pub fn signed_out_by_merchant(secrets: &dyn SecretStore, session: &Session) -> CoreResult<()> {
    secrets.delete(&secret_key(&session.platform.id, &session.username))
}

/// Forgets the tokens. The session's identity stays, so local data remains readable offline
/// and queued actions wait for the next sign-in.
pub fn sign_out(store: &Store, secrets: &dyn SecretStore) -> CoreResult<()> {
    match current(store)? {
        Some(s) => secrets.delete(&secret_key(&s.platform.id, &s.username)),
        None => Ok(()),
    }
}

/// Whether the keychain holds tokens for `session`.
pub fn has_tokens(secrets: &dyn SecretStore, session: &Session) -> CoreResult<bool> {
    Ok(secrets
        .get(&secret_key(&session.platform.id, &session.username))?
        .is_some())
}

fn save_tokens(secrets: &dyn SecretStore, platform_id: &str, username: &str, t: &TokenResponse) -> CoreResult<()> {
    let set = TokenSet {
        access: t.access_token.clone(),
        refresh: t.refresh_token.clone(),
        // Renew a little early so a request never leaves with a token about to lapse.
        expires_at: Utc::now() + Duration::seconds(t.expires_in as i64) - Duration::seconds(30),
    };
    let json = serde_json::to_string(&set).map_err(|e| CoreError::Keychain(e.to_string()))?;
    secrets.set(&secret_key(platform_id, username), &Secret::new(json))
}

/// The session's tokens, as the push and pull paths ask for them.
pub struct SessionTokens<'a> {
    pub client: &'a PlatformClient,
    pub secrets: &'a dyn SecretStore,
    pub session: &'a Session,
}

impl AccessTokens for SessionTokens<'_> {
    async fn access(&self) -> CoreResult<Secret> {
        access_token(self.client, self.secrets, self.session).await
    }

    async fn renew(&self) -> CoreResult<Secret> {
        renew(self.client, self.secrets, self.session).await
    }
}

/// A usable access token for `session`: the stored one, or a refreshed one.
/// A refused refresh means the user must sign in again ([`CoreError::NotSignedIn`]).
pub async fn access_token(client: &PlatformClient, secrets: &dyn SecretStore, session: &Session) -> CoreResult<Secret> {
    let key = secret_key(&session.platform.id, &session.username);
    let stored = secrets.get(&key)?.ok_or(CoreError::NotSignedIn)?;
    let set: TokenSet = serde_json::from_str(stored.expose()).map_err(|_| CoreError::NotSignedIn)?;
    if set.expires_at > Utc::now() {
        return Ok(Secret::new(set.access));
    }
    refresh(client, secrets, session, &set.refresh).await
}

/// Forces a refresh (after the platform said the access token is no longer valid).
pub async fn renew(client: &PlatformClient, secrets: &dyn SecretStore, session: &Session) -> CoreResult<Secret> {
    let key = secret_key(&session.platform.id, &session.username);
    let stored = secrets.get(&key)?.ok_or(CoreError::NotSignedIn)?;
    let set: TokenSet = serde_json::from_str(stored.expose()).map_err(|_| CoreError::NotSignedIn)?;
    refresh(client, secrets, session, &set.refresh).await
}

async fn refresh(
    client: &PlatformClient,
    secrets: &dyn SecretStore,
    session: &Session,
    refresh: &str,
) -> CoreResult<Secret> {
    match client
        .token(&TokenRequest::RefreshToken {
            refresh_token: refresh.to_owned(),
        })
        .await
    {
        Ok(tokens) => {
            save_tokens(secrets, &session.platform.id, &session.username, &tokens)?;
            Ok(Secret::new(tokens.access_token))
        }
        Err(CoreError::Platform {
            code: ErrorCode::Unauthorized,
            ..
        }) => {
            // The refresh token is spent or revoked: keeping it would only fail again.
            secrets.delete(&secret_key(&session.platform.id, &session.username))?;
            Err(CoreError::NotSignedIn)
        }
        Err(
            e @ CoreError::Platform {
                code: ErrorCode::StaffDisabled,
                ..
            },
        ) => {
            // Disabled by the merchant: signed out, and the person hears why.
            secrets.delete(&secret_key(&session.platform.id, &session.username))?;
            Err(e)
        }
        Err(e) => Err(e),
    }
}

/// Whether the keychain answers now, and what the data folder chose (asks the keychain: may
/// wait while the OS asks to unlock it; call it off the UI's thread).
pub fn keychain_state(secrets: &crate::secret_file::DeskSecretStore) -> mdesk_ipc::KeychainState {
    let probe = secrets.probe_keychain();
    mdesk_ipc::KeychainState {
        available: probe.is_ok(),
        file_chosen: secrets.uses_file(),
        detail: probe.err().map(|d| crate::redact::redact(&d).into_owned()),
        file_path: secrets.file_path().display().to_string(),
    }
}

/// The person chose the file store for this data folder: remembered in its settings, used
/// from the next token on.
pub fn choose_file_store(
    store: &Store,
    secrets: &crate::secret_file::DeskSecretStore,
) -> CoreResult<mdesk_ipc::KeychainState> {
    crate::settings::set_secret_store_file(store, true)?;
    secrets.set_use_file(true);
    tracing::warn!(file = %secrets.file_path().display(), "the sign-in is kept in a file, as the person chose");
    Ok(keychain_state(secrets))
}
