//! The About screen in the real window: opened from Settings, it shows the app's version and
//! the third-party licences generated with the UI (dist/licenses.json), which a search narrows.

use anyhow::{Context, Result};
use fantoccini::{Client, Locator};
use mdesk_tests::eventually;
use mdesk_tests::window::{click, screenshot, set_language, text_of, type_into, Display, Driver, WAIT};
use platform_sim::{RunningSim, Seed, SimConfig};

/// The app's version: every crate of the workspace shares it, this one included.
const VERSION: &str = env!("CARGO_PKG_VERSION");

/// (data-count, data-shown) of the component count, once the list has loaded.
async fn counts(client: &Client) -> Result<(u32, u32)> {
    let el = client
        .wait()
        .at_most(WAIT)
        .for_element(Locator::Css("[data-testid=about-count]"))
        .await
        .context("the licence list to load")?;
    let number = |v: Option<String>| v.unwrap_or_default().parse::<u32>().context("a count");
    Ok((
        number(el.attr("data-count").await?)?,
        number(el.attr("data-shown").await?)?,
    ))
}

/// (name, text) of every component listed; the text holds its version, licence and repository.
async fn listed(client: &Client) -> Result<Vec<(String, String)>> {
    let mut rows = Vec::new();
    for row in client.find_all(Locator::Css("[data-testid=about-component]")).await? {
        rows.push((row.attr("data-name").await?.unwrap_or_default(), row.text().await?));
    }
    Ok(rows)
}

async fn open_about(client: &Client) -> Result<()> {
    click(client, "[data-testid=nav-settings]").await?;
    click(client, "[data-testid=settings-about]").await?;
    client
        .wait()
        .at_most(WAIT)
        .for_element(Locator::Css("[data-testid=about-page]"))
        .await?;
    Ok(())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn about_shows_the_version_and_the_licences_of_what_ships() -> Result<()> {
    let data = tempfile::tempdir()?;
    let sim = RunningSim::start(SimConfig {
        seed: Seed::Demo,
        seed_value: 5,
        db: data.path().join("platform.db").to_string_lossy().into_owned(),
        ..SimConfig::default()
    })
    .await?;
    let display = Display::start()?;
    let env = [
        ("MDESK_DATA_DIR", data.path().join("app").to_string_lossy().into_owned()),
        ("MDESK_PLATFORM_URL", sim.url()),
    ];
    let driver = Driver::start(&display, &env).await?;
    let client = driver.launch().await?;

    // Settings → About, in Chinese (the default language). Nothing here needs a sign-in.
    click(&client, "[data-testid=nav-settings]").await?;
    assert_eq!(
        text_of(&client, "[data-testid=settings-about]").await?,
        "关于矩阵工作台"
    );
    assert_eq!(text_of(&client, "[data-testid=page-title]").await?, "设置");
    // The first screen of a fresh start is still being painted when the DOM is ready; the
    // picture waits a moment so it shows Settings, not the screen before it.
    tokio::time::sleep(std::time::Duration::from_millis(500)).await;
    screenshot(&client, "settings-about-link-zh.png").await?;
    open_about(&client).await?;
    assert_eq!(text_of(&client, "[data-testid=page-title]").await?, "关于");
    assert_eq!(
        text_of(&client, "[data-testid=about-product]").await?,
        "矩阵工作台 · Matrix Desk"
    );
    assert_eq!(
        text_of(&client, "[data-testid=about-version]").await?,
        format!("版本 {VERSION}"),
        "the version shown is the workspace's, the one the app was built as"
    );
    let (total, shown) = counts(&client).await?;
    assert!(
        total > 100,
        "a Tauri app with a wasm UI is built from hundreds of crates, not {total}"
    );
    assert_eq!(shown, total, "no search yet: every component is listed");
    assert_eq!(
        text_of(&client, "[data-testid=about-count]").await?,
        format!("共 {total} 个组件")
    );
    assert_eq!(listed(&client).await?.len() as u32, total);

    // Tauri is there with its licence, and its licence text opens.
    let tauri = client
        .find(Locator::Css("[data-testid=about-component][data-name=tauri]"))
        .await
        .context("tauri is listed")?;
    let license = tauri.attr("data-license").await?.unwrap_or_default();
    assert!(
        license.contains("MIT") && license.contains("Apache-2.0"),
        "tauri is MIT or Apache-2.0, got {license:?}"
    );
    assert_eq!(
        tauri
            .find(Locator::Css("[data-testid=about-component-license]"))
            .await?
            .text()
            .await?,
        license,
        "the row shows the licence it is grouped under"
    );
    // Dev-only crates (the WebDriver client driving this very test) are not part of the app.
    assert!(
        client
            .find_all(Locator::Css("[data-testid=about-component][data-name=fantoccini]"))
            .await?
            .is_empty(),
        "fantoccini is a test dependency and does not ship"
    );
    screenshot(&client, "about-zh.png").await?;

    // A search narrows the list to what matches, and a licence text opens on demand.
    type_into(&client, "[data-testid=about-search]", "tauri-plugin").await?;
    let narrowed = eventually("the search to narrow the list", WAIT, || async {
        let (total_now, shown) = counts(&client).await?;
        let rows = listed(&client).await?;
        Ok((shown < total_now && rows.len() as u32 == shown).then_some(rows))
    })
    .await?;
    // The search looks at names, licences and repositories (a plugin may live in a repository
    // named after it, like window-vibrancy in tauri-plugin-vibrancy).
    assert!(
        narrowed.iter().all(|(_, text)| text.contains("tauri-plugin")),
        "only matching components stay: {narrowed:?}"
    );
    assert!(
        narrowed.iter().any(|(name, _)| name == "tauri-plugin-notification"),
        "desktop notifications ship: {narrowed:?}"
    );
    click(
        &client,
        "[data-testid=about-component][data-name=tauri-plugin-notification] [data-file=LICENSE_MIT]",
    )
    .await?;
    let text = text_of(&client, "[data-testid=about-text]").await?;
    assert!(
        text.contains("Apache License") || text.contains("Permission is hereby granted"),
        "the licence file's own words are shown: {}",
        text.chars().take(200).collect::<String>()
    );
    screenshot(&client, "about-search-zh.png").await?;

    // In English.
    set_language(&client, "en", "Settings").await?;
    open_about(&client).await?;
    assert_eq!(text_of(&client, "[data-testid=page-title]").await?, "About");
    assert_eq!(
        text_of(&client, "[data-testid=about-version]").await?,
        format!("Version {VERSION}")
    );
    let (total_en, _) = counts(&client).await?;
    assert_eq!(total_en, total, "the same list whatever the language");
    assert_eq!(
        text_of(&client, "[data-testid=about-count]").await?,
        format!("{total} components")
    );
    screenshot(&client, "about-en.png").await?;
    type_into(&client, "[data-testid=about-search]", "sycamore").await?;
    eventually("the search to find the UI framework", WAIT, || async {
        let rows = listed(&client).await?;
        Ok((!rows.is_empty() && rows.iter().all(|(name, _)| name.starts_with("sycamore"))).then_some(()))
    })
    .await?;
    assert!(
        text_of(&client, "[data-testid=about-count]")
            .await?
            .ends_with(&format!("of {total} components")),
        "the count says the list is narrowed"
    );
    screenshot(&client, "about-search-en.png").await?;
    set_language(&client, "zh-CN", "设置").await?;

    client.close().await?;
    sim.stop().await;
    Ok(())
}
