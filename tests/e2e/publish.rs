//! The composer in the real window, in a merchant's time zone (Asia/Shanghai): a video work
//! with a cover image, a topic and two pool products for three accounts, one without the
//! publish permission — the dry run refuses that one and says why, confirming queues two,
//! and the platform gets exactly one work per granted account, reviewed a day later. Then an
//! image-text work scheduled for tomorrow, local time: held on the platform until its time.
//! Then a draft that survives a restart. Chinese first, then English.

use std::path::Path;
use std::time::Duration;

use anyhow::{anyhow, bail, ensure, Context, Result};
use chrono::{DateTime, Duration as Days, FixedOffset, NaiveTime, TimeZone, Utc};
use fantoccini::{Client, Locator};
use mdesk_platform_api::{Account, GrantState};
use mdesk_tests::eventually;
use mdesk_tests::platform::Platform;
use mdesk_tests::window::{
    click, named_by_platform, screenshot, set_language, sign_in, type_into, wait_gone, Display, Driver, WAIT,
};
use platform_sim::{RunningSim, Seed, SimConfig};
use serde_json::{json, Value};

/// The app runs where the merchant is; the test knows that zone's offset (no summer time).
const ZONE: &str = "Asia/Shanghai";
const ZONE_OFFSET_SECS: i32 = 8 * 3600;
/// Long enough for a sync round with uploads.
const SYNC_WAIT: Duration = Duration::from_secs(60);

/// How many works were created through the API for this account (the ledger of applied
/// mutations, not the works list: an owner posting from their phone is not in it).
async fn publishes(platform: &Platform, account_id: &str) -> Result<usize> {
    platform
        .applied(Some("POST"), &format!("/v1/accounts/{account_id}/works"))
        .await
}

/// Real PNG files: covers the platform drew for some of its works.
pub(crate) async fn pngs(platform: &Platform, n: usize) -> Result<Vec<Vec<u8>>> {
    let mut out = Vec::new();
    for w in platform
        .works(None)
        .await?
        .into_iter()
        .filter(|w| w.cover_url.is_some())
        .take(n)
    {
        out.push(platform.bytes(&w.cover_url.unwrap_or_default()).await?);
    }
    Ok(out)
}

/// Two accounts with the publish permission whose pools share two products, and one bound
/// account without the permission.
fn pick_accounts(accounts: &[Account]) -> Result<Chosen> {
    let bound: Vec<&Account> = accounts
        .iter()
        .filter(|a| a.binding_state == mdesk_platform_api::BindingState::Bound)
        .collect();
    let granted: Vec<&&Account> = bound
        .iter()
        .filter(|a| a.grants.publish.state == GrantState::Granted)
        .collect();
    let without = bound
        .iter()
        .find(|a| a.grants.publish.state != GrantState::Granted)
        .ok_or_else(|| anyhow!("no bound account without the publish permission"))?;
    for (i, a) in granted.iter().enumerate() {
        for b in &granted[i + 1..] {
            let shared: Vec<String> = a
                .product_pool
                .iter()
                .filter(|p| b.product_pool.contains(p))
                .cloned()
                .collect();
            if let [p, q, ..] = shared.as_slice() {
                return Ok(Chosen {
                    a: a.id.clone(),
                    b: b.id.clone(),
                    refused: without.id.clone(),
                    products: [p.clone(), q.clone()],
                });
            }
        }
    }
    bail!("no two granted accounts whose pools share two products")
}

/// Tomorrow in the merchant's zone, as the `datetime-local` input takes it, and the same
/// moment in UTC. Late in the evening, the day after at noon, so that the platform's clock
/// (one day ahead after a tick) has not reached it yet.
fn tomorrow_local() -> (String, DateTime<Utc>) {
    let zone = FixedOffset::east_opt(ZONE_OFFSET_SECS).expect("a valid offset");
    let now = Utc::now().with_timezone(&zone);
    let late = now.time() >= NaiveTime::from_hms_opt(22, 0, 0).expect("a time");
    let (days, at) = if late { (2, (12, 0)) } else { (1, (23, 59)) };
    let day = now.date_naive() + Days::days(days);
    let local = day.and_hms_opt(at.0, at.1, 0).expect("a time");
    let utc = zone
        .from_local_datetime(&local)
        .single()
        .expect("a fixed offset is never ambiguous")
        .with_timezone(&Utc);
    (local.format("%Y-%m-%dT%H:%M").to_string(), utc)
}

pub(crate) async fn attrs(client: &Client, css: &str, attr: &str) -> Result<Vec<String>> {
    let mut out = Vec::new();
    for el in client.find_all(Locator::Css(css)).await? {
        out.push(el.attr(attr).await?.unwrap_or_default());
    }
    Ok(out)
}

pub(crate) async fn attr(client: &Client, css: &str, name: &str) -> Result<String> {
    let el = client
        .wait()
        .at_most(WAIT)
        .for_element(Locator::Css(css))
        .await
        .with_context(|| format!("waiting for {css}"))?;
    Ok(el.attr(name).await?.unwrap_or_default())
}

/// Waits until an element matching `css` exists.
pub(crate) async fn shown(client: &Client, what: &str, css: &str) -> Result<()> {
    eventually(what, WAIT, || async {
        Ok((!client.find_all(Locator::Css(css)).await?.is_empty()).then_some(()))
    })
    .await
    .with_context(|| css.to_owned())
}

/// The next "open file" dialog answers with these files.
pub(crate) fn will_pick(list: &Path, files: &[&Path]) -> Result<()> {
    let lines: Vec<String> = files.iter().map(|f| f.display().to_string()).collect();
    std::fs::write(list, lines.join("\n") + "\n")?;
    Ok(())
}

async fn input_value(client: &Client, css: &str) -> Result<String> {
    let el = client.wait().at_most(WAIT).for_element(Locator::Css(css)).await?;
    Ok(el.prop("value").await?.unwrap_or_default())
}

/// Clicks the element matching `css` once it is scrolled to the middle of its scroll area, as
/// a person would before clicking (at the edge, the sticky action bar may cover it).
pub(crate) async fn press(client: &Client, css: &str) -> Result<()> {
    client
        .wait()
        .at_most(WAIT)
        .for_element(Locator::Css(css))
        .await
        .with_context(|| format!("waiting for {css}"))?;
    client
        .execute(
            "document.querySelector(arguments[0]).scrollIntoView({block: 'center'});",
            vec![Value::String(css.to_owned())],
        )
        .await?;
    click(client, css).await
}

/// Scrolls the composer back to its top, for a screenshot of what a person sees first.
pub(crate) async fn to_top(client: &Client) -> Result<()> {
    client
        .execute(
            "document.querySelector('[data-testid=publish-screen]').parentElement.scrollTop = 0;",
            vec![],
        )
        .await?;
    tokio::time::sleep(Duration::from_millis(300)).await;
    Ok(())
}

pub(crate) async fn check_account(client: &Client, id: &str) -> Result<()> {
    press(
        client,
        &format!("[data-testid=publish-account][data-id='{id}'] [data-testid=publish-account-check]"),
    )
    .await?;
    shown(
        client,
        "the account chosen",
        &format!("[data-testid=publish-account][data-id='{id}'][data-on=true]"),
    )
    .await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn publish_a_video_to_three_accounts_schedule_one_and_keep_a_draft() -> Result<()> {
    let data = tempfile::tempdir()?;
    let sim = RunningSim::start(SimConfig {
        seed: Seed::Demo,
        seed_value: 53,
        ..SimConfig::default()
    })
    .await?;
    let url = sim.url();
    let platform = Platform::sign_in(&url).await?;
    let chosen = pick_accounts(&platform.accounts().await?)?;

    // Files on this computer: a video (the platform goes by the type, so any bytes do) and
    // real PNG images for the cover and an image-text work.
    let files = data.path().join("files");
    std::fs::create_dir_all(&files)?;
    let video = files.join("春季新品-开箱.mp4");
    std::fs::write(
        &video,
        (0..256 * 1024).map(|i| (i * 31 % 251) as u8).collect::<Vec<u8>>(),
    )?;
    let pngs = pngs(&platform, 3).await?;
    let [cover, first, second] = ["封面.png", "图一.png", "图二.png"].map(|n| files.join(n));
    for (path, bytes) in [&cover, &first, &second].into_iter().zip(&pngs) {
        std::fs::write(path, bytes)?;
    }
    let pick_list = data.path().join("pick.txt");
    let files = Files {
        video,
        cover,
        first,
        second,
        pick_list: pick_list.clone(),
    };

    let display = Display::start()?;
    let env = [
        ("MDESK_DATA_DIR", data.path().join("app").to_string_lossy().into_owned()),
        ("MDESK_PLATFORM_URL", url.clone()),
        ("MDESK_PICK_FILES_FROM", pick_list.to_string_lossy().into_owned()),
        ("TZ", ZONE.to_owned()),
    ];
    let driver = Driver::start(&display, &env).await?;
    let client = driver.launch().await?;
    let composed = compose_and_publish(&client, &platform, &chosen, &files).await;
    if composed.is_err() {
        // What the user would have seen, to tell why.
        let _ = screenshot(&client, "failure-publish.png").await;
    }
    let draft = composed?;
    client.close().await?;

    // A draft survives a restart.
    let client = driver.launch().await?;
    let reopened = reopen_draft(&client, &draft).await;
    if reopened.is_err() {
        let _ = screenshot(&client, "failure-publish-restart.png").await;
    }
    reopened?;
    client.close().await?;
    Ok(())
}

/// The files the dialog will answer with, and the list it reads them from.
struct Files {
    video: std::path::PathBuf,
    cover: std::path::PathBuf,
    first: std::path::PathBuf,
    second: std::path::PathBuf,
    pick_list: std::path::PathBuf,
}

/// Two accounts with the publish permission, one without, and two products both granted
/// accounts' pools hold.
struct Chosen {
    a: String,
    b: String,
    refused: String,
    products: [String; 2],
}

/// Publishes the video to three accounts and the scheduled image-text work, then leaves a
/// draft; answers the draft's id and title.
async fn compose_and_publish(
    client: &Client,
    platform: &Platform,
    chosen: &Chosen,
    files: &Files,
) -> Result<(String, String)> {
    let Chosen {
        a,
        b,
        refused,
        products: [p1, p2],
    } = chosen;
    let Files {
        video,
        cover,
        first,
        second,
        pick_list,
    } = files;
    sign_in(client, "demo", "demo123").await?;
    client
        .wait()
        .at_most(WAIT)
        .for_element(Locator::Css("[data-testid=account-row]"))
        .await?;
    named_by_platform(client, "青禾生活").await?;

    // An empty composer, checked: each problem stands next to its field.
    click(client, "[data-testid=nav-publish]").await?;
    shown(client, "the composer", "[data-testid=publish-screen]").await?;
    click(client, "[data-testid=publish-check]").await?;
    for (field, rule) in [
        ("title", "title_empty"),
        ("media", "video_needs_one_video"),
        ("accounts", "no_accounts"),
    ] {
        shown(
            client,
            &format!("{rule} beside the {field}"),
            &format!("[data-testid=publish-problem][data-field={field}][data-rule={rule}]"),
        )
        .await?;
    }

    // The title counts as it is typed, and says when it is too long.
    type_into(client, "[data-testid=publish-title-input]", &"长".repeat(31)).await?;
    eventually("the counter over the limit", WAIT, || async {
        let over = attr(client, "[data-testid=publish-title-count]", "data-over").await?;
        let problem = client
            .find_all(Locator::Css("[data-testid=publish-problem][data-rule=title_too_long]"))
            .await?;
        Ok((over == "true" && !problem.is_empty()).then_some(()))
    })
    .await?;
    let title = "春季新品矩阵同发";
    type_into(client, "[data-testid=publish-title-input]", title).await?;
    type_into(
        client,
        "[data-testid=publish-text-input]",
        "今天开箱春季新品，链接在橱窗，矩阵账号同步发布。",
    )
    .await?;
    type_into(client, "[data-testid=publish-topic-input]", "#好物分享").await?;
    assert_eq!(
        attr(client, "[data-testid=publish-title-count]", "data-count").await?,
        title.chars().count().to_string(),
        "the counter counts characters, not bytes"
    );

    // The video, and a cover image with its thumbnail.
    will_pick(pick_list, &[video])?;
    click(client, "[data-testid=publish-add-media]").await?;
    shown(
        client,
        "the video listed",
        "[data-testid=publish-media-item] [data-testid=publish-media-size]",
    )
    .await?;
    will_pick(pick_list, &[cover])?;
    click(client, "[data-testid=publish-cover-image]").await?;
    shown(
        client,
        "the cover's thumbnail",
        "[data-testid=publish-cover-file] img[data-testid=publish-media-thumb]",
    )
    .await?;

    // Three accounts; then the two products both granted accounts' pools hold.
    for id in [&a, &b, &refused] {
        check_account(client, id).await?;
    }
    for p in [&p1, &p2] {
        shown(
            client,
            "the product in two of the three pools",
            &format!("[data-testid=publish-product][data-id='{p}'][data-pooled='2']"),
        )
        .await?;
        press(
            client,
            &format!("[data-testid=publish-product][data-id='{p}'] [data-testid=publish-product-check]"),
        )
        .await?;
    }
    // The live check already says which account will be refused, and why.
    shown(
        client,
        "the pre-check refusing the account without the permission",
        &format!("[data-testid=publish-account][data-id='{refused}'][data-refused=permission_required]"),
    )
    .await?;
    eventually("no problem left with the draft", WAIT, || async {
        let n = attr(client, "[data-testid=publish-problem-count]", "data-count").await?;
        Ok((n == "0").then_some(()))
    })
    .await?;
    let draft_id = eventually("the draft saved as it was typed", WAIT, || async {
        let id = attr(client, "[data-testid=publish-saved]", "data-id").await?;
        Ok((!id.is_empty()).then_some(id))
    })
    .await?;
    to_top(client).await?;
    screenshot(client, "publish-zh.png").await?;

    client
        .execute(
            "document.querySelector('[data-testid=publish-products]').scrollIntoView({block: 'start'});",
            vec![],
        )
        .await?;
    screenshot(client, "publish-products-zh.png").await?;

    // The dry run: two to be sent, one refused with its reason; nothing is queued yet.
    let ledger_before = publishes(platform, a).await? + publishes(platform, b).await?;
    click(client, "[data-testid=publish-review]").await?;
    shown(client, "the dry run", "[data-testid=publish-plan]").await?;
    let rows = attrs(client, "[data-testid=publish-plan-row]", "data-id").await?;
    assert_eq!(
        rows,
        vec![a.clone(), b.clone(), refused.clone()],
        "one row per chosen account, in order"
    );
    let sendable = attrs(client, "[data-testid=publish-plan-row]", "data-sendable").await?;
    assert_eq!(sendable, vec!["true", "true", "false"]);
    let refused_row = client
        .find(Locator::Css(&format!(
            "[data-testid=publish-plan-row][data-id='{refused}']"
        )))
        .await?;
    assert_eq!(
        refused_row.attr("data-refused").await?.as_deref(),
        Some("permission_required")
    );
    let reason = refused_row.text().await?;
    assert!(
        reason.contains("权限") && !reason.contains("error-"),
        "the refusal reads as a sentence: {reason}"
    );
    assert_eq!(attr(client, "[data-testid=publish-confirm]", "data-count").await?, "2");
    to_top(client).await?;
    screenshot(client, "publish-dry-run-zh.png").await?;
    assert_eq!(
        publishes(platform, a).await? + publishes(platform, b).await?,
        ledger_before,
        "the dry run sends nothing"
    );

    // Confirmed: two queued, one refused, and the composer starts afresh without the draft.
    click(client, "[data-testid=publish-confirm]").await?;
    shown(
        client,
        "two works queued, one account refused",
        "[data-testid=publish-result][data-queued='2'][data-refused='1']",
    )
    .await?;
    to_top(client).await?;
    screenshot(client, "publish-result-zh.png").await?;
    assert_eq!(
        attrs(client, "[data-testid=publish-result-refused]", "data-id").await?,
        vec![refused.clone()]
    );
    assert_eq!(input_value(client, "[data-testid=publish-title-input]").await?, "");
    eventually("the published draft gone from the list", WAIT, || async {
        let ids = attrs(client, "[data-testid=publish-draft]", "data-id").await?;
        Ok((!ids.contains(&draft_id)).then_some(()))
    })
    .await?;

    // Synced: exactly one new work per granted account, none for the refused one.
    click(client, "[data-testid=sync-now]").await?;
    let works = eventually("one work per granted account on the platform", SYNC_WAIT, || async {
        let works = platform.titled(title).await?;
        Ok((works.len() == 2).then_some(works))
    })
    .await?;
    let mut owners: Vec<&str> = works.iter().map(|w| w.account_id.as_str()).collect();
    owners.sort_unstable();
    let mut granted = vec![a.as_str(), b.as_str()];
    granted.sort_unstable();
    assert_eq!(owners, granted, "one work for each granted account");
    assert_eq!(publishes(platform, a).await?, 1, "published once for {a}");
    assert_eq!(publishes(platform, b).await?, 1, "published once for {b}");
    assert_eq!(publishes(platform, refused).await?, 0, "nothing sent for {refused}");
    for w in &works {
        assert_eq!(w.topic.as_deref(), Some("#好物分享"));
        assert_eq!(w.product_ids, vec![p1.clone(), p2.clone()], "the two pool products");
        assert!(
            w.cover_url.as_deref().is_some_and(|c| c.starts_with("/cdn/media/")),
            "the uploaded cover image, not a drawn one: {:?}",
            w.cover_url
        );
        assert!(w.published_at.is_some(), "published now");
    }

    // A day later the platform has reviewed them; the Works screen says so.
    platform.tick(1).await?;
    click(client, "[data-testid=sync-now]").await?;
    click(client, "[data-testid=nav-works]").await?;
    type_into(client, "[data-testid=works-search]", "矩阵同发").await?;
    eventually("both works reviewed on the Works screen", SYNC_WAIT, || async {
        let reviews = attrs(client, "[data-testid=works-row]", "data-review").await?;
        let done = reviews.len() == 2 && reviews.iter().all(|r| r == "approved" || r == "rejected");
        if !done {
            // A sync may have started before the tick; ask for another.
            let _ = click(client, "[data-testid=sync-now]").await;
        }
        Ok(done.then_some(()))
    })
    .await?;
    client
        .find(Locator::Css("[data-testid=works-search]"))
        .await?
        .clear()
        .await?;

    // English: an image-text work, scheduled for tomorrow in the merchant's zone.
    set_language(client, "en", "Settings").await?;
    click(client, "[data-testid=nav-publish]").await?;
    shown(client, "the composer", "[data-testid=publish-screen]").await?;
    click(client, "[data-testid=publish-kind-image_text]").await?;
    will_pick(pick_list, &[first, second])?;
    click(client, "[data-testid=publish-add-media]").await?;
    eventually("two images with thumbnails", WAIT, || async {
        let thumbs = client
            .find_all(Locator::Css(
                "[data-testid=publish-media-item] img[data-testid=publish-media-thumb]",
            ))
            .await?;
        Ok((thumbs.len() == 2).then_some(()))
    })
    .await?;
    // The second image first: order is the staff member's.
    click(
        client,
        "[data-testid=publish-media-item][data-index='1'] [data-testid=publish-media-up]",
    )
    .await?;
    let second_path = second.display().to_string();
    eventually("the images in the new order", WAIT, || async {
        let order = attrs(client, "[data-testid=publish-media-item]", "data-path").await?;
        Ok((order.first() == Some(&second_path)).then_some(()))
    })
    .await?;
    let later_title = "Weekend picks, scheduled";
    type_into(client, "[data-testid=publish-title-input]", later_title).await?;
    type_into(client, "[data-testid=publish-topic-input]", "#居家生活").await?;
    click(client, "[data-testid=publish-when-later]").await?;
    let (local, at_utc) = tomorrow_local();
    let schedule = client
        .wait()
        .at_most(WAIT)
        .for_element(Locator::Css("[data-testid=publish-schedule]"))
        .await?;
    client
        .execute(
            "const el = arguments[0]; el.value = arguments[1]; \
             el.dispatchEvent(new Event('input', {bubbles: true})); \
             el.dispatchEvent(new Event('change', {bubbles: true}));",
            vec![serde_json::to_value(&schedule)?, Value::String(local.clone())],
        )
        .await?;
    let zone = client
        .find(Locator::Css("[data-testid=publish-zone]"))
        .await?
        .text()
        .await?;
    assert!(
        zone.contains("UTC+08:00"),
        "the input is in the merchant's local time: {zone}"
    );
    for id in [&a, &refused] {
        check_account(client, id).await?;
    }
    eventually("no problem left with the scheduled draft", WAIT, || async {
        click(client, "[data-testid=publish-check]").await?;
        let n = attr(client, "[data-testid=publish-problem-count]", "data-count").await?;
        Ok((n == "0").then_some(()))
    })
    .await?;
    to_top(client).await?;
    screenshot(client, "publish-en.png").await?;
    click(client, "[data-testid=publish-review]").await?;
    shown(client, "the dry run", "[data-testid=publish-plan]").await?;
    assert_eq!(
        attrs(client, "[data-testid=publish-plan-row]", "data-sendable").await?,
        vec!["true", "false"]
    );
    let reason = client
        .find(Locator::Css(&format!(
            "[data-testid=publish-plan-row][data-id='{refused}']"
        )))
        .await?
        .text()
        .await?;
    assert!(
        reason.to_lowercase().contains("permission"),
        "the refusal in English: {reason}"
    );
    screenshot(client, "publish-dry-run-en.png").await?;
    // On a slow network the uploads can be watched, one bar per file.
    platform.faults(json!({"latency_ms": 1500})).await?;
    click(client, "[data-testid=publish-confirm]").await?;
    shown(
        client,
        "one work queued",
        "[data-testid=publish-result][data-queued='1'][data-refused='1']",
    )
    .await?;
    let uploading = eventually("the two images on their way", WAIT, || async {
        let bars = attrs(client, "[data-testid=publish-upload]", "data-bytes").await?;
        Ok((bars.len() == 2).then_some(bars))
    })
    .await?;
    assert!(
        uploading.iter().all(|b| b.parse::<u64>().is_ok_and(|n| n > 0)),
        "each bar knows its file's size: {uploading:?}"
    );
    to_top(client).await?;
    screenshot(client, "publish-uploading-en.png").await?;
    platform.faults(json!({})).await?;
    wait_gone(
        client,
        "[data-testid=publish-uploads]",
        "the uploads done and the section gone",
        SYNC_WAIT,
    )
    .await?;

    // On the platform it is held (not published) for the chosen moment…
    click(client, "[data-testid=sync-now]").await?;
    let held = eventually("the scheduled work on the platform", SYNC_WAIT, || async {
        Ok(platform.titled(later_title).await?.into_iter().next())
    })
    .await?;
    assert_eq!(&held.account_id, a);
    assert_eq!(held.scheduled_at, Some(at_utc), "{local} in {ZONE} is {at_utc}");
    assert!(held.published_at.is_none(), "held until its time: {held:?}");
    assert_eq!(platform.titled(later_title).await?.len(), 1, "one work, one account");
    // …and published once the platform's clock passes it.
    platform.tick(1).await?;
    let released = platform
        .titled(later_title)
        .await?
        .into_iter()
        .next()
        .ok_or_else(|| anyhow!("the scheduled work vanished"))?;
    assert_eq!(released.published_at, Some(at_utc), "published at its scheduled time");

    // A draft, left unsent.
    let draft_title = "Draft: autumn launch";
    type_into(client, "[data-testid=publish-title-input]", draft_title).await?;
    let saved = eventually("the draft saved", WAIT, || async {
        let id = attr(client, "[data-testid=publish-saved]", "data-id").await?;
        Ok((!id.is_empty()).then_some(id))
    })
    .await?;
    shown(
        client,
        "the draft in the list",
        &format!("[data-testid=publish-draft][data-id='{saved}']"),
    )
    .await?;
    Ok((saved, draft_title.to_owned()))
}

/// After a restart, the draft is in the list with its title, and opens again.
async fn reopen_draft(client: &Client, (saved, draft_title): &(String, String)) -> Result<()> {
    click(client, "[data-testid=nav-publish]").await?;
    let titles = eventually("the draft after the restart", WAIT, || async {
        let mut titles = Vec::new();
        for el in client
            .find_all(Locator::Css(
                "[data-testid=publish-draft] [data-testid=publish-draft-title]",
            ))
            .await?
        {
            // The list is below the fold: its text, whether on screen or not.
            titles.push(el.prop("textContent").await?.unwrap_or_default());
        }
        Ok((!titles.is_empty()).then_some(titles))
    })
    .await?;
    ensure!(titles.len() == 1, "only the unsent draft is kept: {titles:?}");
    ensure!(
        titles[0].contains(draft_title.as_str()),
        "the draft's title: {titles:?}"
    );
    press(
        client,
        &format!("[data-testid=publish-draft][data-id='{saved}'] [data-testid=publish-draft-open]"),
    )
    .await?;
    eventually("the draft open again", WAIT, || async {
        Ok((input_value(client, "[data-testid=publish-title-input]").await? == *draft_title).then_some(()))
    })
    .await?;
    client
        .execute(
            "document.querySelector('[data-testid=publish-drafts]').scrollIntoView({block: 'end'});",
            vec![],
        )
        .await?;
    screenshot(client, "publish-drafts-en.png").await?;
    Ok(())
}
