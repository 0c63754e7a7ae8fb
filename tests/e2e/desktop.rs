//! The app as a desktop app: the log files hold no secrets, the window comes back where it
//! was left, a second start hands over to the first, the CLI works beside the running app,
//! and closing the window can leave sync running in the background.

use std::path::Path;
use std::process::Command;
use std::time::Duration;

use anyhow::{bail, Context, Result};
use fantoccini::{Client, Locator};
use mdesk_tests::window::{
    app_binary, click, screenshot, set_language, sign_in, text_of, type_into, Display, Driver, WAIT,
};
use mdesk_tests::{eventually, target_dir};
use platform_sim::{RunningSim, Seed, SimConfig};
use serde_json::Value;

const PASSWORD: &str = "demo123";

/// Every log file's text, joined.
fn logs(dir: &Path) -> Result<String> {
    let mut text = String::new();
    for entry in std::fs::read_dir(dir).with_context(|| format!("log folder {}", dir.display()))? {
        let path = entry?.path();
        text.push_str(&std::fs::read_to_string(&path).with_context(|| path.display().to_string())?);
    }
    Ok(text)
}

/// Tokens the platform has handed out (its own table: the test's view of what must not leak).
fn tokens(platform_db: &Path) -> Result<Vec<String>> {
    let db = rusqlite::Connection::open(platform_db)?;
    let mut stmt = db.prepare("SELECT token FROM token")?;
    let rows = stmt.query_map([], |r| r.get::<_, String>(0))?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// The `mdesk` CLI on the app's data folder and keychain.
fn mdesk(data: &Path, args: &[&str]) -> Result<std::process::Output> {
    let bin = target_dir().join("debug").join("mdesk");
    if !bin.exists() {
        bail!("{} is missing: `cargo build -p mdesk-cli`", bin.display());
    }
    Ok(Command::new(bin)
        .args(["--data-dir", &data.to_string_lossy(), "--staff", "夜班小李"])
        .args(args)
        .output()?)
}

async fn checked(client: &Client, css: &str) -> Result<bool> {
    let el = client.wait().at_most(WAIT).for_element(Locator::Css(css)).await?;
    Ok(el.prop("checked").await?.as_deref() == Some("true"))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_app_behaves_like_a_desktop_app() -> Result<()> {
    let data = tempfile::tempdir()?;
    let platform_db = data.path().join("platform.db");
    let sim = RunningSim::start(SimConfig {
        seed: Seed::Demo,
        seed_value: 9,
        db: platform_db.to_string_lossy().into_owned(),
        ..SimConfig::default()
    })
    .await?;
    let app_dir = data.path().join("app");
    let log_dir = app_dir.join("logs");
    let display = Display::start()?;
    let env = [
        ("MDESK_DATA_DIR", app_dir.to_string_lossy().into_owned()),
        ("MDESK_PLATFORM_URL", sim.url()),
        // As talkative as it gets: whatever the app could leak, it would leak here.
        ("MDESK_LOG", "debug,tao=warn,wry=warn".to_owned()),
    ];
    let driver = Driver::start(&display, &env).await?;
    let client = driver.launch().await?;

    eprintln!("desktop: step 1");
    // 1. Sign in and invite: a password, a token and a full phone pass through the app.
    sign_in(&client, "demo", PASSWORD).await?;
    client
        .wait()
        .at_most(WAIT)
        .for_element(Locator::Css("[data-testid=account-row]"))
        .await?;
    mdesk_tests::window::named_by_platform(&client, "青禾生活").await?;
    let (gg, phone) = mdesk_tests::platform::free_creator(&sim.url()).await?;
    click(&client, "[data-testid=nav-invitations]").await?;
    type_into(&client, "[data-testid=invite-gg]", &gg).await?;
    type_into(&client, "[data-testid=invite-phone]", &phone).await?;
    click(&client, "[data-testid=invite-submit]").await?;
    client
        .wait()
        .at_most(Duration::from_secs(60))
        .for_element(Locator::Css(&format!(
            "[data-testid=invitation-row][data-gg={gg}][data-state=pending]"
        )))
        .await
        .context("the invitation reaching the platform")?;

    eprintln!("desktop: step 2");
    // 2. Settings shows the log folder; the files exist and hold none of the secrets.
    click(&client, "[data-testid=nav-settings]").await?;
    eventually("the log folder to show", WAIT, || async {
        let shown = text_of(&client, "[data-testid=settings-log-folder]").await?;
        Ok((!shown.is_empty()).then_some(shown))
    })
    .await
    .map(|shown| assert_eq!(Path::new(&shown), log_dir))?;
    assert!(
        !checked(&client, "[data-testid=settings-keep-syncing]").await?,
        "off by default"
    );
    let into_view = "document.querySelector('[data-testid=settings-desktop]').scrollIntoView()";
    client.execute(into_view, vec![]).await?;
    screenshot(&client, "settings-desktop-zh.png").await?;
    set_language(&client, "en", "Settings").await?;
    client.execute(into_view, vec![]).await?;
    screenshot(&client, "settings-desktop-en.png").await?;
    set_language(&client, "zh-CN", "设置").await?;
    let text = logs(&log_dir)?;
    assert!(text.contains("Matrix Desk started"), "the log files are written");
    assert!(
        text.lines().count() > 20,
        "debug logging is on: {} lines",
        text.lines().count()
    );
    let tokens = tokens(&platform_db)?;
    assert!(!tokens.is_empty(), "the platform handed out tokens");
    for secret in tokens.iter().map(String::as_str).chain([PASSWORD, phone.as_str()]) {
        assert_eq!(text.matches(secret).count(), 0, "a secret reached the log files");
    }

    eprintln!("desktop: step 3");
    // 3. The CLI works on the same data folder while the app runs and syncs (busy timeout).
    click(&client, "[data-testid=sync-now]").await?;
    for _ in 0..3 {
        let out = mdesk(&app_dir, &["sync"])?;
        assert!(
            out.status.success(),
            "mdesk sync beside the app: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    let out = mdesk(&app_dir, &["--json", "invitations"])?;
    assert!(
        out.status.success() && String::from_utf8_lossy(&out.stdout).contains(&gg),
        "the CLI reads what the app wrote: {}",
        String::from_utf8_lossy(&out.stderr)
    );

    eprintln!("desktop: step 4");
    // 4. A second start with the same data folder hands over to this window and exits.
    let second = Command::new(app_binary()?)
        .envs(env.iter().map(|(k, v)| (*k, v.as_str())))
        .env("DISPLAY", &display.name)
        .output()?;
    assert!(second.status.success(), "the second start exits cleanly");
    assert!(logs(&log_dir)?.contains("a second start brought the running window forward"));
    assert_eq!(
        text_of(&client, "[data-testid=page-title]").await?,
        "设置",
        "the first window carries on"
    );

    // 5. The window's size is remembered across a restart.
    client.set_window_rect(40, 30, 1024, 700).await?;
    let before = client.get_window_rect().await?;
    let state_file = app_dir.join("window-state.json");
    eventually("the window's size to be written down", WAIT, || async {
        let text = std::fs::read_to_string(&state_file).unwrap_or_default();
        let saved: Value = serde_json::from_str(&text).unwrap_or_default();
        Ok((saved["main"]["width"] == before.2 && saved["main"]["height"] == before.3).then_some(()))
    })
    .await?;
    client.close().await?;
    let client = driver.launch().await?;
    client
        .wait()
        .at_most(WAIT)
        .for_element(Locator::Css("[data-testid=account-row]"))
        .await?;
    let after = client.get_window_rect().await?;
    assert_eq!(
        (after.2, after.3),
        (before.2, before.3),
        "the size the window was left at"
    );

    // 6. With keep-syncing on, closing the window hides it; a second start brings it back.
    click(&client, "[data-testid=nav-settings]").await?;
    click(&client, "[data-testid=settings-keep-syncing]").await?;
    eventually("the setting to save", WAIT, || async {
        Ok(checked(&client, "[data-testid=settings-keep-syncing]")
            .await?
            .then_some(()))
    })
    .await?;
    let stopped = logs(&log_dir)?.matches("Matrix Desk stopped").count();
    mdesk_tests::x11::close_window(&display.name, "Matrix Desk")?;
    eventually("the window to hide rather than quit", WAIT, || async {
        Ok(logs(&log_dir)?
            .contains("window hidden; syncing goes on in the background")
            .then_some(()))
    })
    .await?;
    let again = Command::new(app_binary()?)
        .envs(env.iter().map(|(k, v)| (*k, v.as_str())))
        .env("DISPLAY", &display.name)
        .output()?;
    assert!(
        again.status.success(),
        "the second start hands over rather than opening a second app"
    );
    let text = logs(&log_dir)?;
    assert_eq!(text.matches("Matrix Desk stopped").count(), stopped, "hidden, not quit");
    assert_eq!(
        text.matches("a second start brought the running window forward")
            .count(),
        2
    );
    assert_eq!(
        text_of(&client, "[data-testid=page-title]").await?,
        "设置",
        "the window is back"
    );
    screenshot(&client, "settings-keep-syncing-zh.png").await?;

    // 7. With it off again, closing the window quits the app.
    click(&client, "[data-testid=settings-keep-syncing]").await?;
    eventually("the setting to save", WAIT, || async {
        Ok((!checked(&client, "[data-testid=settings-keep-syncing]").await?).then_some(()))
    })
    .await?;
    // Right after the window came back from the tray, on a busy machine, one close message was
    // seen to go unanswered (a clean-clone CI run); like a person clicking the close button
    // again, the test sends it again until the app logs the request.
    let requested = logs(&log_dir)?.matches("window close requested").count();
    eventually("the close request to arrive", WAIT, || async {
        mdesk_tests::x11::close_window(&display.name, "Matrix Desk")?;
        tokio::time::sleep(std::time::Duration::from_secs(2)).await;
        Ok((logs(&log_dir)?.matches("window close requested").count() > requested).then_some(()))
    })
    .await?;
    eventually("the app to quit when its window closes", WAIT, || async {
        Ok((logs(&log_dir)?.matches("Matrix Desk stopped").count() > stopped).then_some(()))
    })
    .await?;
    client.close().await.ok();
    Ok(())
}
