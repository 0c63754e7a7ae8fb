//! Updates of the app itself, through `tauri-plugin-updater`: check on request, and on the
//! user's click download, verify the signature (the plugin does, against the public key in
//! tauri.conf.json), install and restart. Nothing is ever installed unasked.
//!
//! Debug builds only: `MDESK_UPDATE_ENDPOINT` and `MDESK_UPDATE_PUBKEY` replace the configured
//! endpoint and public key, so the end-to-end tests can serve a release signed with a key made
//! for the test. A release build ignores both: whoever could set the environment of a release
//! build would then choose which key its updates must be signed with, so could sign and push
//! any program as an update. Debug builds never install an update either (see `can_install`).

use std::sync::Mutex;
use std::time::Duration;

use mdesk_ipc::{ErrorCode, IpcError, UpdateInfo, UpdateProgress, UPDATE_PROGRESS_EVENT};
use tauri::{AppHandle, Emitter, Manager};
use tauri_plugin_updater::{Error, Update, Updater, UpdaterExt};

/// How long a check may wait for the update server (the download itself has no limit).
const CHECK_TIMEOUT: Duration = Duration::from_secs(20);

/// The update the last check found: "Install" installs exactly what the user was shown.
#[derive(Default)]
pub struct Pending(Mutex<Option<Update>>);

impl Pending {
    fn set(&self, update: Option<Update>) {
        *self.0.lock().unwrap_or_else(std::sync::PoisonError::into_inner) = update;
    }

    fn get(&self) -> Option<Update> {
        self.0.lock().unwrap_or_else(std::sync::PoisonError::into_inner).clone()
    }
}

/// Asks the update server; remembers what it offers.
pub async fn check(app: &AppHandle) -> Result<Option<UpdateInfo>, IpcError> {
    let found = updater(app)?.check().await.map_err(to_ipc)?;
    let info = found.as_ref().map(|u| UpdateInfo {
        version: u.version.clone(),
        current_version: u.current_version.clone(),
        date: u.raw_json.get("pub_date").and_then(|d| d.as_str()).map(str::to_owned),
        notes: u.body.clone(),
    });
    match &info {
        Some(i) => tracing::info!(version = %i.version, "an update is available"),
        None => tracing::info!("no update: this is the latest version"),
    }
    app.state::<Pending>().set(found);
    Ok(info)
}

/// Downloads the update the last check found (checking again if there was none), verifies
/// it, installs it and restarts. Returns only when one of those steps failed; the running app
/// is then unchanged.
pub async fn install(app: &AppHandle) -> Result<(), IpcError> {
    let update = match app.state::<Pending>().get() {
        Some(update) => update,
        None => {
            check(app).await?;
            app.state::<Pending>()
                .get()
                .ok_or_else(|| IpcError::new(ErrorCode::UpdateFailed, "there is no newer version to install"))?
        }
    };
    tracing::info!(version = %update.version, "downloading the update");
    let mut progress = Progress::new(app);
    // `download` verifies the signature before it answers: a tampered package ends here.
    let bytes = update
        .download(|chunk, total| progress.add(chunk, total), || {})
        .await
        .map_err(to_ipc)?;
    progress.finish();
    tracing::info!(version = %update.version, bytes = bytes.len(), "the update's signature is valid");
    if let Some(why) = cannot_install() {
        return Err(IpcError::new(ErrorCode::UpdateUnsupported, why));
    }
    // Windows: the installer takes over and the app exits inside `install`. Linux (.deb,
    // AppImage) and macOS replace the installed files, then the app starts again.
    let installing = update.clone();
    tauri::async_runtime::spawn_blocking(move || installing.install(&bytes))
        .await
        .map_err(|e| IpcError::new(ErrorCode::UpdateFailed, e.to_string()))?
        .map_err(to_ipc)?;
    tracing::info!(version = %update.version, "update installed; restarting");
    app.restart()
}

/// Why this build must not install an update, if it must not.
///
/// A development build (`cargo build`, `cargo xtask run`) is no installed package: the plugin
/// knows it by the bundle type the Tauri bundler writes into packaged binaries, which it lacks.
/// On Linux the plugin would then treat the binary as an AppImage and write the update over
/// `target/debug/matrix-desk`. Debug builds are refused as well, on every OS (macOS reports
/// every binary as an `.app`): they are the builds whose endpoint and key the environment
/// may change.
fn cannot_install() -> Option<&'static str> {
    if cfg!(debug_assertions) {
        Some("the signature is valid, but a debug build does not install updates")
    } else if tauri::utils::platform::bundle_type().is_none() {
        Some("the signature is valid, but this binary was not installed from a package")
    } else {
        None
    }
}

/// The updater, with the debug-only test seam applied.
fn updater(app: &AppHandle) -> Result<Updater, IpcError> {
    let builder = app.updater_builder().timeout(CHECK_TIMEOUT);
    #[cfg(debug_assertions)]
    let builder = {
        let mut builder = builder;
        if let Ok(endpoint) = std::env::var("MDESK_UPDATE_ENDPOINT") {
            tracing::warn!(%endpoint, "debug build: update endpoint from MDESK_UPDATE_ENDPOINT");
            let url = endpoint
                .parse()
                .map_err(|e| IpcError::new(ErrorCode::UpdateUnsupported, format!("MDESK_UPDATE_ENDPOINT: {e}")))?;
            builder = builder.endpoints(vec![url]).map_err(to_ipc)?;
        }
        if let Ok(pubkey) = std::env::var("MDESK_UPDATE_PUBKEY") {
            tracing::warn!("debug build: update public key from MDESK_UPDATE_PUBKEY");
            builder = builder.pubkey(pubkey);
        }
        builder
    };
    builder.build().map_err(to_ipc)
}

/// The plugin's error as a code the UI words plainly; its text stays as the detail.
fn to_ipc(e: Error) -> IpcError {
    let code = match &e {
        Error::Reqwest(_) | Error::Network(_) | Error::ReleaseNotFound | Error::Serialization(_) => {
            ErrorCode::UpdateUnreachable
        }
        Error::Minisign(_)
        | Error::Base64(_)
        | Error::SignatureUtf8(_)
        | Error::SignedVersionMismatch { .. }
        | Error::MissingSignedVersion => ErrorCode::UpdateSignature,
        Error::TargetNotFound(_)
        | Error::TargetsNotFound(_)
        | Error::UnsupportedOs
        | Error::UnsupportedArch
        | Error::EmptyEndpoints
        | Error::InsecureTransportProtocol => ErrorCode::UpdateUnsupported,
        _ => ErrorCode::UpdateFailed,
    };
    tracing::warn!(error = %e, ?code, "update");
    IpcError::new(code, e.to_string())
}

/// Download progress as events, about once per percent (or 256 KiB when the size is unknown).
struct Progress<'a> {
    app: &'a AppHandle,
    downloaded: u64,
    total: Option<u64>,
    sent: u64,
}

impl<'a> Progress<'a> {
    fn new(app: &'a AppHandle) -> Self {
        let progress = Self {
            app,
            downloaded: 0,
            total: None,
            sent: 0,
        };
        progress.emit();
        progress
    }

    fn add(&mut self, chunk: usize, total: Option<u64>) {
        self.downloaded += chunk as u64;
        self.total = total;
        let step = total.map_or(256 * 1024, |t| (t / 100).max(1));
        if self.downloaded - self.sent >= step {
            self.sent = self.downloaded;
            self.emit();
        }
    }

    fn finish(&mut self) {
        self.total = Some(self.downloaded);
        self.emit();
    }

    fn emit(&self) {
        let p = UpdateProgress {
            downloaded: self.downloaded,
            total: self.total,
        };
        if let Err(e) = self.app.emit(UPDATE_PROGRESS_EVENT, p) {
            tracing::warn!(error = %e, "could not emit update progress");
        }
    }
}
