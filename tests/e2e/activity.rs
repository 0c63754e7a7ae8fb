//! Offline work in the real window: a shop-card switch made while the platform is down
//! queues, shows as pending, and becomes applied when the platform returns.

use std::time::Duration;

use anyhow::{Context, Result};
use fantoccini::{Client, Locator};
use mdesk_tests::eventually;
use mdesk_tests::window::{click, named_by_platform, screenshot, sign_in, text_of, Display, Driver, WAIT};
use platform_sim::{RunningSim, Seed, SimConfig};

async fn action_states(client: &Client) -> Result<Vec<String>> {
    let mut states = Vec::new();
    for row in client.find_all(Locator::Css("[data-testid=action-row]")).await? {
        states.push(row.attr("data-state").await?.unwrap_or_default());
    }
    Ok(states)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_offline_change_queues_and_syncs_when_the_platform_returns() -> Result<()> {
    let data = tempfile::tempdir()?;
    let platform_db = data.path().join("platform.db").to_string_lossy().into_owned();
    let config = SimConfig {
        seed: Seed::Demo,
        seed_value: 21,
        db: platform_db,
        ..SimConfig::default()
    };
    let sim = RunningSim::start(config.clone()).await?;
    let (addr, url) = (sim.addr(), sim.url());

    let display = Display::start()?;
    let app_data = data.path().join("app");
    let env = [
        ("MDESK_DATA_DIR", app_data.to_string_lossy().into_owned()),
        ("MDESK_PLATFORM_URL", url.clone()),
    ];
    let driver = Driver::start(&display, &env).await?;
    let client = driver.launch().await?;

    // Sign in, and say who is at the desk (every delegated action is recorded under it).
    sign_in(&client, "demo", "demo123").await?;
    client
        .wait()
        .at_most(WAIT)
        .for_element(Locator::Css("[data-testid=account-row]"))
        .await?;
    named_by_platform(&client, "青禾生活").await?;

    // The platform goes away; the staff member keeps working.
    sim.stop().await;
    click(&client, "[data-testid=nav-accounts]").await?;
    let row = client
        .wait()
        .at_most(WAIT)
        .for_element(Locator::Css("[data-testid=account-row][data-binding=bound]"))
        .await?;
    let gg = row.attr("data-gg").await?.context("row without data-gg")?;
    let toggle = row.find(Locator::Css("[data-testid=shop-card-toggle]")).await?;
    let before = toggle.attr("data-on").await?.unwrap_or_default();
    toggle.click().await?;
    let row_css = format!("[data-testid=account-row][data-gg={gg}]");
    eventually("the row to show the change as pending", WAIT, || async {
        let row = client.find(Locator::Css(&row_css)).await?;
        let on = row
            .find(Locator::Css("[data-testid=shop-card-toggle]"))
            .await?
            .attr("data-on")
            .await?;
        let pending = row.find_all(Locator::Css("[data-testid=account-pending]")).await?.len();
        Ok((on.as_deref() != Some(before.as_str()) && pending == 1).then_some(()))
    })
    .await?;
    eventually("the status line to count it", WAIT, || async {
        Ok(text_of(&client, "[data-testid=status-activity]")
            .await?
            .contains("待同步 1")
            .then_some(()))
    })
    .await?;
    click(&client, "[data-testid=nav-activity]").await?;
    let states = eventually("the action in Activity", WAIT, || async {
        let s = action_states(&client).await?;
        Ok((s.len() == 1).then_some(s))
    })
    .await?;
    assert_ne!(
        states[0], "applied",
        "nothing can be applied while the platform is down"
    );
    screenshot(&client, "activity-offline-zh.png").await?;

    // The platform returns on its address; the queued change is delivered.
    let sim = RunningSim::start(SimConfig { addr, ..config }).await?;
    click(&client, "[data-testid=sync-now]").await?;
    eventually("the action to be applied", Duration::from_secs(60), || async {
        let s = action_states(&client).await?;
        Ok((s == ["applied"]).then_some(()))
    })
    .await?;
    let row = client.find(Locator::Css("[data-testid=action-row]")).await?;
    assert_eq!(row.attr("data-kind").await?.as_deref(), Some("set_shop_card"));
    assert_eq!(text_of(&client, "[data-testid=action-summary]").await?, "店铺橱窗开关");
    screenshot(&client, "activity-applied-zh.png").await?;
    client.close().await?;
    sim.stop().await;
    Ok(())
}
