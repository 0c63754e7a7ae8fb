//! Updates of the app in the real window, against a local update server whose release is
//! signed with a key made for this test (as the Tauri CLI signs: minisign, prehashed, the
//! version in the trusted comment). The debug build takes the endpoint and the public key from
//! `MDESK_UPDATE_ENDPOINT` / `MDESK_UPDATE_PUBKEY`; a release build ignores both.
//!
//! The check finds 9.9.9 and shows its notes; a tampered package is refused for its signature;
//! a genuine one downloads and verifies, and then this debug build declines to install it; with
//! the server gone the check says it could not reach it. The app keeps running throughout.

use std::io::Cursor;
use std::path::Path;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::SystemTime;

use anyhow::{Context, Result};
use axum::extract::State;
use axum::routing::get;
use axum::{Json, Router};
use base64::Engine as _;
use fantoccini::{Client, Locator};
use mdesk_tests::eventually;
use mdesk_tests::window::{app_binary, click, screenshot, set_language, text_of, Display, Driver, WAIT};
use platform_sim::{RunningSim, Seed, SimConfig};
use serde_json::{json, Value};

/// This build's version (the workspace's, shared by every crate).
const VERSION: &str = env!("CARGO_PKG_VERSION");
const NEW_VERSION: &str = "9.9.9";
const NOTES: &str = "更快的作品同步 · Faster works sync\nFixes the comments inbox badge.";
/// The updater looks for `{os}-{arch}-{bundle type}`, then `{os}-{arch}`; a development build
/// has no bundle type, so on this machine it is `linux-x86_64`.
const PLATFORM: &str = "linux-x86_64";
const FILE: &str = "matrix-desk_9.9.9_amd64.AppImage";

/// What the local update server serves; the test swaps the package between cases.
struct Release {
    latest: Value,
    package: Mutex<Vec<u8>>,
}

/// The test's release key and a signature in the form the updater plugin reads: base64 of the
/// minisign text files (`.pub`, `.sig`), as `tauri signer` writes them.
struct Signer(minisign::KeyPair);

impl Signer {
    fn new() -> Result<Self> {
        Ok(Self(minisign::KeyPair::generate_unencrypted_keypair()?))
    }

    fn pubkey(&self) -> Result<String> {
        let text = self.0.pk.to_box()?.into_string();
        Ok(base64::engine::general_purpose::STANDARD.encode(text))
    }

    fn sign(&self, bytes: &[u8]) -> Result<String> {
        let now = SystemTime::now().duration_since(SystemTime::UNIX_EPOCH)?.as_secs();
        let trusted = format!("timestamp:{now}\tfile:{FILE}\tversion:{NEW_VERSION}");
        let signature = minisign::sign(
            Some(&self.0.pk),
            &self.0.sk,
            Cursor::new(bytes),
            Some(&trusted),
            Some("signature from tauri secret key"),
        )?;
        Ok(base64::engine::general_purpose::STANDARD.encode(signature.into_string()))
    }
}

/// Serves `/latest.json` and the package; dropping the handle stops it.
struct Server {
    task: tokio::task::JoinHandle<()>,
}

impl Drop for Server {
    fn drop(&mut self) {
        self.task.abort();
    }
}

fn serve(listener: tokio::net::TcpListener, release: Arc<Release>) -> Server {
    let app = Router::new()
        .route(
            "/latest.json",
            get(|State(r): State<Arc<Release>>| async move { Json(r.latest.clone()) }),
        )
        .route(
            &format!("/download/{FILE}"),
            get(|State(r): State<Arc<Release>>| async move {
                r.package.lock().unwrap_or_else(PoisonError::into_inner).clone()
            }),
        )
        .with_state(release);
    let task = tokio::spawn(async move {
        let _ = axum::serve(listener, app).await;
    });
    Server { task }
}

/// The update error shown in Settings: (its message key, its plain words, its detail).
async fn update_error(client: &Client) -> Result<(String, String, String)> {
    let note = client
        .wait()
        .at_most(WAIT)
        .for_element(Locator::Css("[data-testid=settings-update] [data-testid=error-note]"))
        .await
        .context("an update error to show")?;
    let code = note.attr("data-code").await?.unwrap_or_default();
    let words = note.find(Locator::Css(".error-text")).await?.text().await?;
    let detail = note.find(Locator::Css(".error-detail")).await?.text().await?;
    Ok((code, words, detail))
}

async fn into_view(client: &Client) -> Result<()> {
    let js = "document.querySelector('[data-testid=settings-update]').scrollIntoView({block: 'center'})";
    client.execute(js, vec![]).await?;
    // Let the screen paint before a picture is taken.
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    Ok(())
}

fn logs(dir: &Path) -> Result<String> {
    let mut text = String::new();
    for entry in std::fs::read_dir(dir).with_context(|| format!("log folder {}", dir.display()))? {
        text.push_str(&std::fs::read_to_string(entry?.path())?);
    }
    Ok(text)
}

/// The app binary's size and modification time: an install would change them.
fn binary_stamp() -> Result<(u64, SystemTime)> {
    let meta = std::fs::metadata(app_binary()?)?;
    Ok((meta.len(), meta.modified()?))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn updates_are_checked_verified_and_only_installed_on_request() -> Result<()> {
    let data = tempfile::tempdir()?;
    let sim = RunningSim::start(SimConfig {
        seed: Seed::Demo,
        seed_value: 11,
        db: data.path().join("platform.db").to_string_lossy().into_owned(),
        ..SimConfig::default()
    })
    .await?;

    // A package of 1 MiB (so the download reports progress), signed with the test key.
    let signer = Signer::new()?;
    let package: Vec<u8> = (0..1024 * 1024u32).map(|i| (i % 251) as u8).collect();
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
    let url = format!("http://{}", listener.local_addr()?);
    let release = Arc::new(Release {
        latest: json!({
            "version": NEW_VERSION,
            "notes": NOTES,
            "pub_date": "2026-12-01T08:00:00Z",
            "platforms": {
                PLATFORM: { "url": format!("{url}/download/{FILE}"), "signature": signer.sign(&package)? }
            }
        }),
        package: Mutex::new(package.clone()),
    });
    let server = serve(listener, release.clone());

    let app_dir = data.path().join("app");
    let display = Display::start()?;
    let env = [
        ("MDESK_DATA_DIR", app_dir.to_string_lossy().into_owned()),
        ("MDESK_PLATFORM_URL", sim.url()),
        ("MDESK_UPDATE_ENDPOINT", format!("{url}/latest.json")),
        ("MDESK_UPDATE_PUBKEY", signer.pubkey()?),
    ];
    let driver = Driver::start(&display, &env).await?;
    let client = driver.launch().await?;
    let stamp = binary_stamp()?;

    // Settings shows this version; nothing is checked, let alone installed, before a click.
    click(&client, "[data-testid=nav-settings]").await?;
    let current = client
        .wait()
        .at_most(WAIT)
        .for_element(Locator::Css("[data-testid=update-current]"))
        .await?;
    assert_eq!(current.attr("data-version").await?.as_deref(), Some(VERSION));
    assert!(current.text().await?.contains(VERSION), "the current version in words");
    assert!(
        client
            .find(Locator::Css("[data-testid=update-available]"))
            .await
            .is_err(),
        "no check before the user asks"
    );

    // (a) The check finds 9.9.9 and shows its notes.
    click(&client, "[data-testid=update-check]").await?;
    let available = client
        .wait()
        .at_most(WAIT)
        .for_element(Locator::Css("[data-testid=update-available]"))
        .await
        .context("the check to find 9.9.9")?;
    assert_eq!(available.attr("data-version").await?.as_deref(), Some(NEW_VERSION));
    assert!(available.text().await?.contains("有新版本 9.9.9 可用"));
    assert_eq!(
        text_of(&client, "[data-testid=update-notes]").await?,
        NOTES,
        "the release notes, as the server sent them"
    );
    into_view(&client).await?;
    screenshot(&client, "update-available-zh.png").await?;

    // (b) A package changed after signing is refused for its signature; nothing changes.
    let mut tampered = package.clone();
    tampered[4096] ^= 0xff;
    *release.package.lock().unwrap_or_else(PoisonError::into_inner) = tampered;
    click(&client, "[data-testid=update-install]").await?;
    let (code, words, _) = update_error(&client).await?;
    assert_eq!(code, "error-update_signature", "{words}");
    assert_eq!(
        words,
        "下载的更新签名不符，已拒绝，没有安装任何东西。矩阵工作台照常运行。"
    );
    into_view(&client).await?;
    screenshot(&client, "update-refused-zh.png").await?;
    assert_eq!(
        text_of(&client, "[data-testid=page-title]").await?,
        "设置",
        "still running"
    );
    assert_eq!(binary_stamp()?, stamp, "nothing was written over the app");

    // (c) The genuine package downloads and its signature verifies (the log says so, with its
    // size). Then this debug build declines to install it, by design: the updater plugin knows
    // an installed package by the bundle type the Tauri bundler writes into the binary, and a
    // `cargo build` binary has none, so on Linux the plugin would take it for an AppImage and
    // write the download over target/debug/matrix-desk (a debug build is also the one whose
    // endpoint and key the environment may change). The user sees "can't install updates
    // itself" with the detail that the signature was valid; the app keeps running unchanged.
    *release.package.lock().unwrap_or_else(PoisonError::into_inner) = package.clone();
    click(&client, "[data-testid=update-install]").await?;
    eventually("the genuine package to verify", WAIT, || async {
        let (code, _, detail) = update_error(&client).await?;
        Ok((code == "error-update_unsupported").then_some(detail))
    })
    .await
    .map(|detail| {
        assert!(
            detail.contains("the signature is valid, but a debug build does not install updates"),
            "{detail}"
        )
    })?;
    let (_, words, _) = update_error(&client).await?;
    assert!(words.starts_with("这份矩阵工作台无法自行安装更新"), "{words}");
    let log = logs(&app_dir.join("logs"))?;
    assert!(
        log.contains("the update's signature is valid") && log.contains(&format!("bytes={}", package.len())),
        "the whole package was downloaded and verified"
    );
    assert!(!log.contains("update installed"), "and not installed");
    assert_eq!(binary_stamp()?, stamp, "nothing was written over the app");
    into_view(&client).await?;
    screenshot(&client, "update-not-installable-zh.png").await?;

    // In English: the same check, the same words a user reads.
    set_language(&client, "en", "Settings").await?;
    click(&client, "[data-testid=update-check]").await?;
    let available = client
        .wait()
        .at_most(WAIT)
        .for_element(Locator::Css("[data-testid=update-available]"))
        .await?;
    assert!(available.text().await?.contains("Version 9.9.9 is available."));
    assert_eq!(
        text_of(&client, "[data-testid=update-install]").await?,
        "Install and restart"
    );
    into_view(&client).await?;
    screenshot(&client, "update-available-en.png").await?;

    // (d) With the server gone, the check says so plainly.
    drop(server);
    click(&client, "[data-testid=update-check]").await?;
    let (code, words, _) = update_error(&client).await?;
    assert_eq!(code, "error-update_unreachable");
    assert!(words.starts_with("Could not reach the update server."), "{words}");
    into_view(&client).await?;
    screenshot(&client, "update-unreachable-en.png").await?;
    assert_eq!(
        text_of(&client, "[data-testid=page-title]").await?,
        "Settings",
        "still running"
    );
    set_language(&client, "zh-CN", "设置").await?;
    client.close().await.ok();
    Ok(())
}
