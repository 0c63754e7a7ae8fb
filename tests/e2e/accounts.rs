use std::collections::BTreeMap;
use std::time::Duration;

use anyhow::{Context, Result};
use fantoccini::{Client, Locator};
use mdesk_platform_api::{Account, GrantState};
use mdesk_tests::eventually;
use mdesk_tests::window::{click, screenshot, set_language, sign_in, text_of, Display, Driver};
use platform_sim::{RunningSim, Seed, SimConfig};

const WAIT: Duration = Duration::from_secs(30);
const KEYCHAIN_SERVICE: &str = "com.matrixdesk.desktop";

fn zh_binding(state: &str) -> &'static str {
    match state {
        "bound" => "已绑定",
        "invited" => "已邀请",
        "unbind_requested" => "账号已申请解绑(邮件)",
        _ => "已解绑",
    }
}

fn zh_grant(state: GrantState) -> &'static str {
    match state {
        GrantState::None => "未申请",
        GrantState::Requested => "待同意",
        GrantState::Granted => "已授权",
        GrantState::Declined => "已拒绝",
        GrantState::Revoked => "已回收",
    }
}

fn en_grant(state: GrantState) -> &'static str {
    match state {
        GrantState::None => "Not requested",
        GrantState::Requested => "Requested",
        GrantState::Granted => "Granted",
        GrantState::Declined => "Declined",
        GrantState::Revoked => "Revoked",
    }
}

async fn platform_accounts(url: &str) -> Result<Vec<Account>> {
    let http = reqwest::Client::new();
    let token: mdesk_platform_api::TokenResponse = http
        .post(format!("{url}/oauth/token"))
        .json(&serde_json::json!({"grant_type": "password", "username": "demo", "password": "demo123"}))
        .send()
        .await?
        .json()
        .await?;
    Ok(http
        .get(format!("{url}/v1/accounts"))
        .bearer_auth(token.access_token)
        .send()
        .await?
        .json()
        .await?)
}

/// Rows of the accounts table as (Guangguang ID → cell texts and data attributes).
async fn table(client: &Client) -> Result<BTreeMap<String, BTreeMap<&'static str, String>>> {
    let mut out = BTreeMap::new();
    for row in client.find_all(Locator::Css("[data-testid=account-row]")).await? {
        let gg = row.attr("data-gg").await?.context("row without data-gg")?;
        let mut cells = BTreeMap::new();
        for (name, css) in [
            ("nickname", "[data-testid=account-nickname]"),
            ("tag", "[data-testid=account-tag]"),
            ("binding", "[data-testid=account-binding]"),
            ("publish", "[data-testid=account-publish]"),
            ("interact", "[data-testid=account-interact]"),
        ] {
            cells.insert(name, row.find(Locator::Css(css)).await?.text().await?);
        }
        cells.insert("publish-state", row.attr("data-publish").await?.unwrap_or_default());
        cells.insert("interact-state", row.attr("data-interact").await?.unwrap_or_default());
        out.insert(gg, cells);
    }
    Ok(out)
}

async fn wait_for_rows(client: &Client, n: usize) -> Result<BTreeMap<String, BTreeMap<&'static str, String>>> {
    let found = eventually(&format!("{n} account rows"), WAIT, || async {
        let rows = table(client).await?;
        Ok((rows.len() == n).then_some(rows))
    })
    .await;
    if found.is_err() {
        // Keep what the user would have seen, to tell why.
        let _ = screenshot(client, "failure-accounts.png").await;
    }
    found
}

/// Starts the app on a fresh data folder pointed at the platform at `url`, and waits for the
/// sign-in form. The display and the driver live as long as the test holds them.
async fn launch_signed_out(data: &tempfile::TempDir, url: &str) -> Result<(Display, Driver, Client)> {
    let display = Display::start()?;
    let env = [
        ("MDESK_DATA_DIR", data.path().to_string_lossy().into_owned()),
        ("MDESK_PLATFORM_URL", url.to_owned()),
    ];
    let driver = Driver::start(&display, &env).await?;
    let client = driver.launch().await?;
    client
        .wait()
        .at_most(WAIT)
        .for_element(Locator::Css("[data-testid=signin-url]"))
        .await?;
    Ok((display, driver, client))
}

async fn status_state(client: &Client) -> Result<String> {
    let el = client.find(Locator::Css("[data-testid=status-online]")).await?;
    Ok(el.attr("data-state").await?.unwrap_or_default())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn accounts_screen_shows_the_platform_matrix_in_both_languages_and_offline() -> Result<()> {
    let data = tempfile::tempdir()?;
    let sim = RunningSim::start(SimConfig {
        seed: Seed::Demo,
        seed_value: 7,
        ..SimConfig::default()
    })
    .await?;
    let url = sim.url();
    let expected = platform_accounts(&url).await?;
    assert!(
        expected.len() >= 5,
        "the demo seed has a handful of accounts to compare"
    );

    // First start: a configured platform and no session → the sign-in form, prefilled.
    let (_display, driver, client) = launch_signed_out(&data, &url).await?;
    let url_field = client.find(Locator::Css("[data-testid=signin-url]")).await?;
    // The configured endpoint is prefilled (it arrives from Settings a moment after the form).
    eventually("the endpoint to be prefilled", WAIT, || async {
        Ok((url_field.prop("value").await?.as_deref() == Some(url.as_str())).then_some(()))
    })
    .await?;
    sign_in(&client, "demo", "demo123").await?;

    // Exactly the platform's accounts, each with its states, in Chinese.
    let rows = wait_for_rows(&client, expected.len()).await?;
    for a in &expected {
        let row = rows
            .get(&a.guangguang_id)
            .with_context(|| format!("{} missing from the table", a.guangguang_id))?;
        assert_eq!(row["nickname"], a.nickname);
        assert_eq!(row["binding"], zh_binding(a.binding_state.as_str()));
        assert_eq!(
            row["publish"],
            zh_grant(a.grants.publish.state),
            "publish of {}",
            a.guangguang_id
        );
        assert_eq!(
            row["interact"],
            zh_grant(a.grants.interact.state),
            "interact of {}",
            a.guangguang_id
        );
        assert_eq!(row["publish-state"], a.grants.publish.state.as_str());
    }
    assert_eq!(text_of(&client, "[data-testid=page-title]").await?, "矩阵账号");
    eventually("status line online", WAIT, || async {
        Ok((status_state(&client).await? == "status-online").then_some(()))
    })
    .await?;
    assert!(
        text_of(&client, "[data-testid=status-last-sync]")
            .await?
            .starts_with("上次同步"),
        "last sync time shown"
    );
    screenshot(&client, "accounts-zh.png").await?;

    // The token went through the OS keychain (Secret Service), not the database.
    let found = std::process::Command::new("secret-tool")
        .args(["search", "--all", "service", KEYCHAIN_SERVICE])
        .output()?;
    let listing = String::from_utf8_lossy(&found.stdout) + String::from_utf8_lossy(&found.stderr);
    assert!(
        listing.contains(KEYCHAIN_SERVICE),
        "a keychain item for the app must exist after sign-in"
    );
    let db = std::fs::read(data.path().join("matrix-desk.sqlite3"))?;
    let wal = std::fs::read(data.path().join("matrix-desk.sqlite3-wal")).unwrap_or_default();
    for bytes in [&db, &wal] {
        assert!(
            !bytes.windows(3).any(|w| w == b"at_" || w == b"rt_"),
            "no token may reach the database file"
        );
    }

    // Switch to English in Settings; the labels change everywhere.
    client
        .find(Locator::Css("[data-testid=nav-settings]"))
        .await?
        .click()
        .await?;
    let select = client
        .wait()
        .at_most(WAIT)
        .for_element(Locator::Css("[data-testid=settings-language]"))
        .await?;
    select.select_by_value("en").await?;
    eventually("English settings title", WAIT, || async {
        Ok((text_of(&client, "[data-testid=page-title]").await? == "Settings").then_some(()))
    })
    .await?;
    client
        .find(Locator::Css("[data-testid=nav-accounts]"))
        .await?
        .click()
        .await?;
    let rows = wait_for_rows(&client, expected.len()).await?;
    assert_eq!(text_of(&client, "[data-testid=page-title]").await?, "Matrix accounts");
    for a in &expected {
        assert_eq!(rows[&a.guangguang_id]["publish"], en_grant(a.grants.publish.state));
    }
    assert!(
        rows.values().any(|r| r["binding"] == "Bound"),
        "binding states are in English"
    );
    screenshot(&client, "accounts-en.png").await?;
    client.close().await?;

    // Second start with the platform stopped: the accounts are still there, read offline,
    // and the language choice survived the restart.
    sim.stop().await;
    let client = driver.launch().await?;
    let rows = wait_for_rows(&client, expected.len()).await?;
    assert!(
        expected.iter().all(|a| rows.contains_key(&a.guangguang_id)),
        "the same accounts, offline"
    );
    eventually("status line offline", WAIT, || async {
        Ok((status_state(&client).await? == "status-offline").then_some(()))
    })
    .await?;
    assert_eq!(text_of(&client, "[data-testid=status-online]").await?, "Offline");
    screenshot(&client, "accounts-offline-en.png").await?;
    client.close().await?;
    Ok(())
}

/// The text of the "show more" button, once it says `expected`.
async fn show_more_says(client: &Client, expected: &str) -> Result<()> {
    eventually(&format!("show-more to say {expected}"), WAIT, || async {
        let text = text_of(client, "[data-testid=accounts-show-more]").await?;
        Ok((text == expected).then_some(()))
    })
    .await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_hundred_accounts_come_fifty_at_a_time_and_select_all_takes_every_one() -> Result<()> {
    let data = tempfile::tempdir()?;
    let sim = RunningSim::start(SimConfig {
        seed: Seed::M,
        ..SimConfig::default()
    })
    .await?;
    let url = sim.url();
    let total = platform_accounts(&url).await?.len();
    assert_eq!(total, 100, "seed M has 100 matrix accounts");

    let (_display, _driver, client) = launch_signed_out(&data, &url).await?;
    sign_in(&client, "demo", "demo123").await?;

    // The first page: 50 rows, while the count and the button know all 100.
    eventually("all 100 accounts counted", Duration::from_secs(120), || async {
        let count = text_of(&client, "[data-testid=accounts-count]").await?;
        Ok((count == "共 100 个账号").then_some(()))
    })
    .await?;
    wait_for_rows(&client, 50).await?;
    show_more_says(&client, "再显示 50 个（已显示 50 / 共 100 个）").await?;
    screenshot(&client, "accounts-paged-zh.png").await?;

    // Select-all takes the accounts not drawn yet too.
    click(&client, "[data-testid=accounts-select-all]").await?;
    eventually("100 selected", WAIT, || async {
        let bar = text_of(&client, "[data-testid=selection-bar]").await?;
        Ok(bar.contains("已选 100 个账号").then_some(()))
    })
    .await?;

    // Show more: the other 50, and the button goes away.
    click(&client, "[data-testid=accounts-show-more]").await?;
    let rows = wait_for_rows(&client, 100).await?;
    assert_eq!(rows.len(), total, "every account once");
    assert!(
        client
            .find_all(Locator::Css("[data-testid=accounts-show-more]"))
            .await?
            .is_empty(),
        "nothing left to show"
    );
    let ticked = client
        .find_all(Locator::Css("[data-testid=account-select]:checked"))
        .await?
        .len();
    assert_eq!(ticked, 100, "the rows drawn later are ticked too");

    // In English, from a fresh screen.
    set_language(&client, "en", "Settings").await?;
    click(&client, "[data-testid=nav-accounts]").await?;
    wait_for_rows(&client, 50).await?;
    show_more_says(&client, "Show 50 more (50 of 100 shown)").await?;
    screenshot(&client, "accounts-paged-en.png").await?;
    client.close().await?;
    Ok(())
}
