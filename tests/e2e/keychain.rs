//! No keychain, in the real window: a session bus with no Secret Service on it. The window
//! says so plainly in both languages, Retry asks again, and the file store is used only after
//! the person ticks its warning and chooses it; the choice is remembered for the data folder.

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};

use anyhow::{Context, Result};
use fantoccini::{Client, Locator};
use mdesk_tests::eventually;
use mdesk_tests::window::{click, screenshot, set_language, text_of, wait_gone, Display, Driver, WAIT};
use mdesk_tests::Proc;

/// A private session bus like a desktop's, but with no Secret Service: it can start every
/// service the machine offers (the accessibility bus, dconf …) except the keyring's.
fn bare_session_bus(dir: &std::path::Path) -> Result<(Proc, String)> {
    let services = dir.join("services");
    std::fs::create_dir_all(&services)?;
    for entry in std::fs::read_dir("/usr/share/dbus-1/services")? {
        let entry = entry?;
        let name = entry.file_name().to_string_lossy().into_owned();
        let keyring = name.contains("secrets") || name.contains("Secret") || name.contains("keyring");
        if !keyring {
            std::fs::copy(entry.path(), services.join(&name))?;
        }
    }
    let config = dir.join("bus.conf");
    std::fs::write(
        &config,
        format!(
            "<!DOCTYPE busconfig PUBLIC \"-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN\" \
             \"http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd\">\
             <busconfig><type>session</type><listen>unix:dir={}</listen><auth>EXTERNAL</auth>\
             <servicedir>{}</servicedir>\
             <policy context=\"default\"><allow send_destination=\"*\" eavesdrop=\"true\"/>\
             <allow eavesdrop=\"true\"/><allow own=\"*\"/></policy></busconfig>",
            dir.display(),
            services.display()
        ),
    )?;
    let mut cmd = Command::new("dbus-daemon");
    cmd.arg(format!("--config-file={}", config.display()))
        .args(["--nofork", "--print-address=1"])
        .stdout(Stdio::piped());
    let mut proc = Proc::spawn("dbus-daemon", cmd)?;
    let stdout = proc.take_stdout().context("the bus prints its address")?;
    let mut address = String::new();
    BufReader::new(stdout).read_line(&mut address)?;
    Ok((proc, address.trim().to_owned()))
}

async fn keychain_text(client: &Client) -> Result<String> {
    text_of(client, "[data-testid=keychain-screen]").await
}

async fn keychain_screen_gone(client: &Client) -> Result<()> {
    wait_gone(
        client,
        "[data-testid=keychain-screen]",
        "the keychain screen to go",
        WAIT,
    )
    .await
}

/// The app on the embedded demo platform, on a session bus with no Secret Service: once the
/// sign-in has a place to live, it signs in by itself.
struct NoKeychain {
    client: Client,
    app_dir: std::path::PathBuf,
    address: String,
    _driver: Driver,
    _display: Display,
    _bus: Proc,
}

async fn without_keychain(data: &std::path::Path) -> Result<NoKeychain> {
    let (bus, address) = bare_session_bus(data)?;
    let app_dir = data.join("app");
    let display = Display::start()?;
    let env = [
        ("MDESK_DATA_DIR", app_dir.to_string_lossy().into_owned()),
        ("DBUS_SESSION_BUS_ADDRESS", address.clone()),
    ];
    let driver = Driver::start(&display, &env).await?;
    let client = driver.launch().await?;
    Ok(NoKeychain {
        client,
        app_dir,
        address,
        _driver: driver,
        _display: display,
        _bus: bus,
    })
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn without_a_keychain_the_window_says_so_and_the_file_store_is_only_a_choice() -> Result<()> {
    let data = tempfile::tempdir()?;
    let NoKeychain { client, app_dir, .. } = &without_keychain(data.path()).await?;

    let zh = keychain_text(client).await?;
    assert!(zh.contains("无法使用系统钥匙串"), "{zh}");
    assert!(zh.contains("本机已有的数据仍可查看"), "{zh}");
    assert!(zh.contains("钥匙串的回答"), "the keychain's own words: {zh}");
    assert!(zh.contains("安全性较弱"), "the file store's warning: {zh}");
    let use_file = client.find(Locator::Css("[data-testid=keychain-use-file]")).await?;
    assert_eq!(
        use_file.attr("disabled").await?.as_deref(),
        Some("true"),
        "not without the tick"
    );
    click(client, "[data-testid=keychain-retry]").await?;
    assert_eq!(
        text_of(client, "[data-testid=keychain-still]").await?,
        "钥匙串仍然没有响应。"
    );
    tokio::time::sleep(std::time::Duration::from_millis(500)).await;
    screenshot(client, "keychain-zh.png").await?;

    set_language(client, "en", "Settings").await?;
    click(client, "[data-testid=nav-accounts]").await?;
    let en = keychain_text(client).await?;
    assert!(en.contains("The system keychain is not available"), "{en}");
    assert!(en.contains("weaker protection"), "{en}");
    tokio::time::sleep(std::time::Duration::from_millis(500)).await;
    screenshot(client, "keychain-en.png").await?;
    assert!(
        !app_dir.join("secrets.json").exists(),
        "nothing written before the choice"
    );

    // The explicit choice: tick the warning, then choose. The app signs in to the demo
    // platform with the token in the owner-only file.
    click(client, "[data-testid=keychain-file-understood]").await?;
    click(client, "[data-testid=keychain-use-file]").await?;
    keychain_screen_gone(client).await?;
    let secrets = app_dir.join("secrets.json");
    eventually("the sign-in to be kept in the file", WAIT, || {
        let there = secrets.exists();
        async move { Ok(there.then_some(())) }
    })
    .await?;
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&secrets)?.permissions().mode();
        assert_eq!(mode & 0o777, 0o600, "readable by its owner only");
    }

    // The demo platform's team: one click signs in as the operator, to try that role.
    click(client, "[data-testid=nav-settings]").await?;
    click(client, "[data-testid=demo-as-xiaoli]").await?;
    eventually("the demo operator signed in", WAIT, || async {
        let role = client
            .find(Locator::Css("[data-testid=status-whoami]"))
            .await?
            .attr("data-role")
            .await?;
        Ok((role.as_deref() == Some("operator")).then_some(()))
    })
    .await?;
    client
        .execute(
            "document.querySelector('[data-testid=team-card]').scrollIntoView({block: 'start'});",
            vec![],
        )
        .await?;
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    screenshot(client, "team-demo-en.png").await?;
    client.clone().close().await?;
    let store = mdesk_core::Store::open(&app_dir.join("matrix-desk.sqlite3"))?;
    assert!(
        mdesk_core::settings::secret_store_is_file(&store)?,
        "the choice is remembered for this data folder"
    );
    Ok(())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_keychain_that_comes_back_is_used_on_retry_without_a_restart() -> Result<()> {
    let data = tempfile::tempdir()?;
    let NoKeychain {
        client,
        app_dir,
        address,
        ..
    } = &without_keychain(data.path()).await?;
    keychain_text(client).await?;

    // The person starts and unlocks the keychain (a Secret Service appears on the bus) …
    let home = data.path().join("keyring");
    let runtime = data.path().join("runtime");
    std::fs::create_dir_all(&home)?;
    std::fs::create_dir_all(&runtime)?;
    let started = Command::new("sh")
        .args([
            "-c",
            "printf 'matrix-desk' | gnome-keyring-daemon --unlock --components=secrets >/dev/null",
        ])
        .env("DBUS_SESSION_BUS_ADDRESS", address)
        .env("XDG_DATA_HOME", &home)
        // Its own control socket: the test run's keyring daemon must not take the unlock.
        .env("XDG_RUNTIME_DIR", &runtime)
        .status()?;
    assert!(started.success(), "gnome-keyring-daemon starts on the bare bus");
    // … and clicks Retry: the screen goes and the app signs in, the token in the keychain.
    click(client, "[data-testid=keychain-retry]").await?;
    keychain_screen_gone(client).await?;
    let signed_in = eventually("the demo sign-in", WAIT, || async {
        let line = text_of(client, "[data-testid=status-line]").await?;
        Ok((!line.contains("未登录")).then_some(()))
    })
    .await;
    if let Err(e) = signed_in {
        screenshot(client, "keychain-retry-failed.png").await?;
        let line = text_of(client, "[data-testid=status-line]").await?;
        anyhow::bail!("{e}: the status line reads {line:?}");
    }
    assert!(!app_dir.join("secrets.json").exists(), "the keychain, not a file");
    client.clone().close().await?;
    Ok(())
}
