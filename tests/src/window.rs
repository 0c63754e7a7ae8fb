//! The real Matrix Desk window under Xvfb, driven over WebDriver (tauri-driver → WebKitWebDriver).

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

use anyhow::{bail, Context, Result};
use fantoccini::{Client, ClientBuilder, Locator};

use crate::{eventually, free_port, target_dir, Proc};

/// A virtual X display.
pub struct Display {
    pub name: String,
    _xvfb: Proc,
}

impl Display {
    pub fn start() -> Result<Self> {
        let number = (90..200)
            .find(|n| {
                !Path::new(&format!("/tmp/.X11-unix/X{n}")).exists() && !Path::new(&format!("/tmp/.X{n}-lock")).exists()
            })
            .context("no free X display number")?;
        let name = format!(":{number}");
        let mut cmd = Command::new("Xvfb");
        cmd.args([name.as_str(), "-screen", "0", "1280x800x24", "-nolisten", "tcp"]);
        let mut xvfb = Proc::spawn("Xvfb", cmd)?;
        let socket = format!("/tmp/.X11-unix/X{number}");
        for _ in 0..100 {
            if Path::new(&socket).exists() {
                return Ok(Self { name, _xvfb: xvfb });
            }
            xvfb.ensure_running()?;
            std::thread::sleep(Duration::from_millis(50));
        }
        bail!("Xvfb did not open {socket}")
    }
}

/// tauri-driver, which starts the app for each WebDriver session with this environment.
pub struct Driver {
    port: u16,
    proc: Proc,
}

impl Driver {
    pub async fn start(display: &Display, env: &[(&str, String)]) -> Result<Self> {
        let port = free_port()?;
        let native = free_port()?;
        let mut cmd = Command::new("tauri-driver");
        cmd.args(["--port", &port.to_string(), "--native-port", &native.to_string()])
            .args(["--native-driver", "/usr/bin/WebKitWebDriver"])
            .env("DISPLAY", &display.name)
            .env("MDESK_LOG", "info");
        for (k, v) in env {
            cmd.env(k, v);
        }
        let proc = Proc::spawn("tauri-driver", cmd)?;
        let mut driver = Self { port, proc };
        // tauri-driver listens at once but starts WebKitWebDriver in the background; a session
        // asked for before that one listens too is refused. Wait for both.
        eventually(
            "tauri-driver and WebKitWebDriver to listen",
            Duration::from_secs(30),
            || {
                let up = std::net::TcpStream::connect(("127.0.0.1", port)).is_ok()
                    && std::net::TcpStream::connect(("127.0.0.1", native)).is_ok();
                let alive = driver.proc.ensure_running();
                async move {
                    alive?;
                    Ok(up.then_some(()))
                }
            },
        )
        .await?;
        Ok(driver)
    }

    /// Launches the app in a new WebDriver session.
    pub async fn launch(&self) -> Result<Client> {
        self.launch_binary(&app_binary()?).await
    }

    /// Launches another build of the app (the release build, for the memory benchmark).
    pub async fn launch_binary(&self, app: &Path) -> Result<Client> {
        let mut caps = serde_json::Map::new();
        caps.insert("browserName".into(), "wry".into());
        caps.insert("tauri:options".into(), serde_json::json!({ "application": app }));
        // WebDriver is plain HTTP on loopback: no TLS.
        let http = hyper_util::client::legacy::connect::HttpConnector::new();
        let client = ClientBuilder::new(http)
            .capabilities(caps)
            .connect(&format!("http://127.0.0.1:{}", self.port))
            .await
            .context("starting a WebDriver session with the app")?;
        Ok(client)
    }
}

/// The debug build of the app (`cargo xtask test` builds it first).
pub fn app_binary() -> Result<PathBuf> {
    let path = target_dir().join("debug").join("matrix-desk");
    if !path.exists() {
        bail!(
            "{} is missing: build it with `cargo build -p matrix-desk` (cargo xtask test does)",
            path.display()
        );
    }
    Ok(path)
}

/// Screenshots go to `target/e2e/`.
pub async fn screenshot(client: &Client, name: &str) -> Result<PathBuf> {
    let dir = target_dir().join("e2e");
    std::fs::create_dir_all(&dir)?;
    let path = dir.join(name);
    let png = client.screenshot().await.context("taking a screenshot")?;
    std::fs::write(&path, png)?;
    Ok(path)
}

/// Text of the first element matching `css`, waiting for it to appear.
pub async fn text_of(client: &Client, css: &str) -> Result<String> {
    let el = client
        .wait()
        .at_most(Duration::from_secs(20))
        .for_element(Locator::Css(css))
        .await?;
    Ok(el.text().await?)
}

/// Fills and submits the sign-in form, as a user would.
pub async fn sign_in(client: &Client, username: &str, password: &str) -> Result<()> {
    let wait = Duration::from_secs(30);
    client
        .wait()
        .at_most(wait)
        .for_element(Locator::Css("[data-testid=signin-username]"))
        .await?
        .send_keys(username)
        .await?;
    client
        .find(Locator::Css("[data-testid=signin-password]"))
        .await?
        .send_keys(password)
        .await?;
    client
        .find(Locator::Css("[data-testid=signin-submit]"))
        .await?
        .click()
        .await?;
    Ok(())
}

/// How long a screen may take to show what the test waits for.
pub const WAIT: Duration = Duration::from_secs(30);

/// Clicks the first element matching `css`, waiting for it to appear.
pub async fn click(client: &Client, css: &str) -> Result<()> {
    // A sync landing between finding the element and clicking it can redraw it (a card whose
    // data changed); a person would click the new one, so the test finds it again.
    let deadline = std::time::Instant::now() + WAIT;
    loop {
        let element = client
            .wait()
            .at_most(WAIT)
            .for_element(Locator::Css(css))
            .await
            .with_context(|| format!("waiting for {css}"))?;
        match element.click().await {
            Ok(()) => return Ok(()),
            Err(e) if std::time::Instant::now() < deadline => {
                eprintln!("clicking {css} again after: {e}");
                tokio::time::sleep(Duration::from_millis(100)).await;
            }
            Err(e) => return Err(e).with_context(|| format!("clicking {css}")),
        }
    }
}

/// Types into the field matching `css` after clearing it.
pub async fn type_into(client: &Client, css: &str, text: &str) -> Result<()> {
    let field = client
        .wait()
        .at_most(WAIT)
        .for_element(Locator::Css(css))
        .await
        .with_context(|| format!("waiting for {css}"))?;
    field.clear().await?;
    field.send_keys(text).await?;
    Ok(())
}

/// Checks in Settings that the platform names the person signed in (`who` in the Team card)
/// and that no staff name needs typing: what someone starting a shift sees.
pub async fn named_by_platform(client: &Client, who: &str) -> Result<()> {
    click(client, "[data-testid=nav-settings]").await?;
    crate::eventually("the Team card to name the person", WAIT, || async {
        Ok(text_of(client, "[data-testid=team-you]")
            .await?
            .contains(who)
            .then_some(()))
    })
    .await?;
    if !client
        .find_all(Locator::Css("[data-testid=settings-staff-name]"))
        .await?
        .is_empty()
    {
        bail!("signed in as themselves, nobody should be asked to type a staff name");
    }
    Ok(())
}

/// Picks the UI language in Settings and waits until the screen speaks it.
pub async fn set_language(client: &Client, code: &str, settings_title: &str) -> Result<()> {
    click(client, "[data-testid=nav-settings]").await?;
    client
        .wait()
        .at_most(WAIT)
        .for_element(Locator::Css("[data-testid=settings-language]"))
        .await?
        .select_by_value(code)
        .await?;
    crate::eventually("the language to switch", WAIT, || async {
        Ok((text_of(client, "[data-testid=page-title]").await? == settings_title).then_some(()))
    })
    .await
}

/// Waits up to `wait` until nothing matches `css` (a notice dismissed, a section done).
pub async fn wait_gone(client: &Client, css: &str, what: &str, wait: Duration) -> Result<()> {
    crate::eventually(what, wait, || async {
        Ok(client.find_all(Locator::Css(css)).await?.is_empty().then_some(()))
    })
    .await
}
