//! An explicit opt-in secret store for headless machines without a keychain daemon: a JSON
//! file readable by its owner only (0600). Never chosen silently.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::Mutex;

use crate::error::{CoreError, CoreResult};
use crate::secret::{Secret, SecretStore};

pub struct FileSecretStore {
    path: PathBuf,
    lock: Mutex<()>,
}

impl FileSecretStore {
    pub fn new(path: PathBuf) -> Self {
        Self {
            path,
            lock: Mutex::new(()),
        }
    }

    fn read(&self) -> CoreResult<BTreeMap<String, String>> {
        match std::fs::read(&self.path) {
            Ok(bytes) => serde_json::from_slice(&bytes)
                .map_err(|e| CoreError::Keychain(format!("{} is not a secret file: {e}", self.path.display()))),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(BTreeMap::new()),
            Err(e) => Err(CoreError::Keychain(format!("{}: {e}", self.path.display()))),
        }
    }

    fn write(&self, map: &BTreeMap<String, String>) -> CoreResult<()> {
        let json = serde_json::to_vec(map).map_err(|e| CoreError::Keychain(e.to_string()))?;
        let tmp = self.path.with_extension("tmp");
        {
            let mut options = std::fs::OpenOptions::new();
            options.write(true).create(true).truncate(true);
            #[cfg(unix)]
            {
                use std::os::unix::fs::OpenOptionsExt;
                options.mode(0o600);
            }
            use std::io::Write;
            let mut file = options
                .open(&tmp)
                .map_err(|e| CoreError::Keychain(format!("{}: {e}", tmp.display())))?;
            // `mode` applies only to a file it creates: a leftover from before keeps its own,
            // so owner-only is set on every write.
            #[cfg(unix)]
            {
                use std::os::unix::fs::PermissionsExt;
                file.set_permissions(std::fs::Permissions::from_mode(0o600))
                    .map_err(|e| CoreError::Keychain(format!("{}: {e}", tmp.display())))?;
            }
            file.write_all(&json)
                .and_then(|()| file.sync_all())
                .map_err(|e| CoreError::Keychain(e.to_string()))?;
        }
        std::fs::rename(&tmp, &self.path).map_err(|e| CoreError::Keychain(e.to_string()))
    }
}

impl SecretStore for FileSecretStore {
    fn get(&self, key: &str) -> CoreResult<Option<Secret>> {
        let _guard = self.lock.lock().unwrap_or_else(|p| p.into_inner());
        Ok(self.read()?.get(key).map(|v| Secret::new(v.clone())))
    }

    fn set(&self, key: &str, value: &Secret) -> CoreResult<()> {
        let _guard = self.lock.lock().unwrap_or_else(|p| p.into_inner());
        let mut map = self.read()?;
        map.insert(key.to_owned(), value.expose().to_owned());
        self.write(&map)
    }

    fn delete(&self, key: &str) -> CoreResult<()> {
        let _guard = self.lock.lock().unwrap_or_else(|p| p.into_inner());
        let mut map = self.read()?;
        if map.remove(key).is_some() {
            self.write(&map)?;
        }
        Ok(())
    }
}

/// Where one data folder keeps its tokens: the OS keychain, or the file store in the folder
/// when, and only when, the person chose it because the keychain was unavailable (the choice
/// is remembered per data folder; see `settings::secret_store_is_file`). Switching applies to
/// the next read or write.
pub struct DeskSecretStore {
    keychain: crate::secret::KeyringSecretStore,
    file: FileSecretStore,
    use_file: std::sync::atomic::AtomicBool,
}

impl DeskSecretStore {
    /// The keychain under `service`, or the file `secrets.json` in `data_dir` if `use_file`.
    pub fn new(service: &str, data_dir: &std::path::Path, use_file: bool) -> Self {
        Self {
            keychain: crate::secret::KeyringSecretStore::new(service),
            file: FileSecretStore::new(data_dir.join("secrets.json")),
            use_file: std::sync::atomic::AtomicBool::new(use_file),
        }
    }

    pub fn uses_file(&self) -> bool {
        self.use_file.load(std::sync::atomic::Ordering::Relaxed)
    }

    pub fn set_use_file(&self, yes: bool) {
        self.use_file.store(yes, std::sync::atomic::Ordering::Relaxed);
    }

    pub fn file_path(&self) -> &std::path::Path {
        &self.file.path
    }

    /// Whether the OS keychain answers now (it may block while the OS asks to unlock it):
    /// `Err` with its words when it has no service, stays locked, or fails.
    pub fn probe_keychain(&self) -> Result<(), String> {
        match self.keychain.get("keychain-probe") {
            Ok(_) => Ok(()),
            Err(CoreError::Keychain(detail)) => Err(detail),
            Err(e) => Err(e.to_string()),
        }
    }

    fn current(&self) -> &dyn SecretStore {
        if self.uses_file() {
            &self.file
        } else {
            &self.keychain
        }
    }
}

impl SecretStore for DeskSecretStore {
    fn get(&self, key: &str) -> CoreResult<Option<Secret>> {
        self.current().get(key)
    }

    fn set(&self, key: &str, value: &Secret) -> CoreResult<()> {
        self.current().set(key, value)
    }

    fn delete(&self, key: &str) -> CoreResult<()> {
        self.current().delete(key)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_with_owner_only_permissions() {
        let dir = tempfile::tempdir().unwrap();
        let store = FileSecretStore::new(dir.path().join("secrets.json"));
        store.set("k", &Secret::new("v")).unwrap();
        assert_eq!(store.get("k").unwrap().map(|s| s.expose().to_owned()), Some("v".into()));
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(dir.path().join("secrets.json"))
                .unwrap()
                .permissions()
                .mode();
            assert_eq!(mode & 0o777, 0o600, "nobody but the owner may read tokens");
        }
        store.delete("k").unwrap();
        assert!(store.get("k").unwrap().is_none());
    }

    #[cfg(unix)]
    #[test]
    fn a_file_left_readable_by_others_is_owner_only_after_the_next_write() {
        // A copy restored from a backup, or a leftover temporary file, may carry 0644.
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("secrets.json");
        for leftover in [path.clone(), path.with_extension("tmp")] {
            std::fs::write(&leftover, b"{}").unwrap();
            std::fs::set_permissions(&leftover, std::fs::Permissions::from_mode(0o644)).unwrap();
        }
        FileSecretStore::new(path.clone()).set("k", &Secret::new("v")).unwrap();
        let mode = std::fs::metadata(&path).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600, "owner-only after every write");
    }
}
