//! What every command can reach: the store, the keychain, the sync worker, the demo platform.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use mdesk_core::sync::{SyncHandle, SyncWorker};
use mdesk_core::{DeskSecretStore, SecretStore, Store};
use mdesk_ipc::{IpcError, PlatformKind};
use platform_sim::RunningSim;

/// The running core. Cheap to clone.
#[derive(Clone)]
pub struct Core {
    pub store: Arc<Store>,
    pub secrets: Arc<dyn SecretStore>,
    /// The same store, typed: the keychain or, by the person's choice, the file store.
    pub desk_secrets: Arc<DeskSecretStore>,
    pub sync: SyncHandle,
    pub data_dir: PathBuf,
    /// The embedded demo platform, while it runs.
    pub demo: Arc<tokio::sync::Mutex<Option<RunningSim>>>,
    /// Told once the window has drawn its first screen, when sync's first round may begin.
    pub first_screen: Arc<tokio::sync::Notify>,
}

/// Managed by Tauri. When the database cannot be opened (say, a newer schema), the window
/// still opens and every command answers with that error, so the user sees why.
pub struct AppState {
    core: Result<Core, IpcError>,
    /// Files exported in this run, the only ones "show in folder" reveals.
    exported: std::sync::Mutex<Vec<PathBuf>>,
}

impl AppState {
    pub fn open(data_dir: &Path, keychain_service: &str) -> Self {
        Self {
            core: Core::open(data_dir, keychain_service).map_err(IpcError::from),
            exported: std::sync::Mutex::default(),
        }
    }

    pub fn exported(&self) -> std::sync::MutexGuard<'_, Vec<PathBuf>> {
        self.exported.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    pub fn core(&self) -> Result<&Core, IpcError> {
        self.core.as_ref().map_err(Clone::clone)
    }
}

impl Core {
    fn open(data_dir: &Path, keychain_service: &str) -> mdesk_core::CoreResult<Self> {
        std::fs::create_dir_all(data_dir)?;
        let store = Arc::new(Store::open(&data_dir.join("matrix-desk.sqlite3"))?);
        let use_file = mdesk_core::settings::secret_store_is_file(&store)?;
        let desk_secrets = Arc::new(DeskSecretStore::new(keychain_service, data_dir, use_file));
        let secrets: Arc<dyn SecretStore> = desk_secrets.clone();
        // An endpoint from the environment (tests, power users) is saved like one typed in Settings.
        if let Some(url) = std::env::var_os("MDESK_PLATFORM_URL") {
            mdesk_core::settings::set_platform_url(&store, Some(&url.to_string_lossy()))?;
        }
        let settings = mdesk_core::settings::load(&store)?;
        let kind = if settings.platform_url.is_some() {
            PlatformKind::Remote
        } else {
            PlatformKind::Demo
        };
        let every = Duration::from_secs(u64::from(settings.sync_interval_secs));
        let sync = SyncWorker::spawn(store.clone(), secrets.clone(), kind, every);
        Ok(Self {
            store,
            secrets,
            desk_secrets,
            sync,
            data_dir: data_dir.to_owned(),
            demo: Arc::default(),
            first_screen: Arc::default(),
        })
    }
}
