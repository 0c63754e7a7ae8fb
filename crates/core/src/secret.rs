//! Secrets (tokens) live only in the OS keychain, behind one [`SecretStore`].

use std::collections::HashMap;
use std::sync::Mutex;

use crate::error::{CoreError, CoreResult};

/// A secret value whose `Debug` never prints it.
#[derive(Clone, PartialEq, Eq)]
pub struct Secret(String);

impl Secret {
    /// The value is also remembered by [`crate::redact`], so it never reaches a log.
    pub fn new(value: impl Into<String>) -> Self {
        let value = value.into();
        crate::redact::remember(&value);
        Self(value)
    }

    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Debug for Secret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("<redacted>")
    }
}

/// Where secrets are kept: the OS keychain in the app, memory in tests.
pub trait SecretStore: Send + Sync {
    fn get(&self, key: &str) -> CoreResult<Option<Secret>>;
    fn set(&self, key: &str, value: &Secret) -> CoreResult<()>;
    fn delete(&self, key: &str) -> CoreResult<()>;
}

/// The OS keychain: Secret Service on Linux, Credential Manager on Windows, Keychain on macOS.
pub struct KeyringSecretStore {
    service: String,
}

impl KeyringSecretStore {
    pub fn new(service: impl Into<String>) -> Self {
        Self {
            service: service.into(),
        }
    }

    fn entry(&self, key: &str) -> CoreResult<keyring_core::Entry> {
        native_store()?;
        keyring_core::Entry::new(&self.service, key).map_err(keychain_error)
    }
}

/// Sets the OS's credential store as keyring-core's default, the first time it can be reached.
/// A keychain that was missing (no Secret Service yet, a dismissed unlock) is tried again at
/// the next call, so Retry works without restarting the app.
fn native_store() -> CoreResult<()> {
    static SETTING_UP: Mutex<()> = Mutex::new(());
    if keyring_core::get_default_store().is_some() {
        return Ok(());
    }
    let _one_at_a_time = SETTING_UP.lock().unwrap_or_else(|p| p.into_inner());
    if keyring_core::get_default_store().is_some() {
        return Ok(());
    }
    #[cfg(target_os = "macos")]
    let store = apple_native_keyring_store::keychain::Store::new().map_err(keychain_error)?;
    #[cfg(target_os = "windows")]
    let store = windows_native_keyring_store::Store::new().map_err(keychain_error)?;
    #[cfg(all(unix, not(any(target_os = "macos", target_os = "ios", target_os = "android"))))]
    let store = zbus_secret_service_keyring_store::Store::new().map_err(keychain_error)?;
    keyring_core::set_default_store(store);
    Ok(())
}

fn keychain_error(e: keyring_core::Error) -> CoreError {
    CoreError::Keychain(e.to_string())
}

impl SecretStore for KeyringSecretStore {
    fn get(&self, key: &str) -> CoreResult<Option<Secret>> {
        match self.entry(key)?.get_password() {
            Ok(v) => Ok(Some(Secret::new(v))),
            Err(keyring_core::Error::NoEntry) => Ok(None),
            Err(e) => Err(keychain_error(e)),
        }
    }

    fn set(&self, key: &str, value: &Secret) -> CoreResult<()> {
        self.entry(key)?.set_password(value.expose()).map_err(keychain_error)
    }

    fn delete(&self, key: &str) -> CoreResult<()> {
        match self.entry(key)?.delete_credential() {
            Ok(()) | Err(keyring_core::Error::NoEntry) => Ok(()),
            Err(e) => Err(keychain_error(e)),
        }
    }
}

/// An in-memory store for tests and for headless runs that opt in explicitly.
#[derive(Default)]
pub struct MemorySecretStore {
    values: Mutex<HashMap<String, Secret>>,
}

impl MemorySecretStore {
    fn map(&self) -> std::sync::MutexGuard<'_, HashMap<String, Secret>> {
        // A panic while holding this lock cannot leave the map half-written.
        self.values.lock().unwrap_or_else(|p| p.into_inner())
    }
}

impl SecretStore for MemorySecretStore {
    fn get(&self, key: &str) -> CoreResult<Option<Secret>> {
        Ok(self.map().get(key).cloned())
    }

    fn set(&self, key: &str, value: &Secret) -> CoreResult<()> {
        self.map().insert(key.to_owned(), value.clone());
        Ok(())
    }

    fn delete(&self, key: &str) -> CoreResult<()> {
        self.map().remove(key);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_never_prints_the_secret() {
        // Tokens must not reach logs through a stray `{:?}`.
        let s = Secret::new("rt_very_secret");
        assert_eq!(format!("{s:?}"), "<redacted>");
    }

    #[test]
    fn memory_store_round_trips_and_deletes() {
        let store = MemorySecretStore::default();
        store.set("k", &Secret::new("v")).ok();
        assert_eq!(
            store.get("k").ok().flatten().map(|s| s.expose().to_owned()),
            Some("v".to_owned())
        );
        store.delete("k").ok();
        assert!(store.get("k").ok().flatten().is_none(), "deleted secret must be gone");
    }
}
