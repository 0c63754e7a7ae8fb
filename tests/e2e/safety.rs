//! Publishing safely in the real window, Chinese first, then English: a brand account's own
//! word added in Settings → 内容检查; an absolute term marked in the title as it is typed; a
//! warning accepted with a tick; the dry run refusing only the account whose word it is and
//! warning that the picture goes to two accounts at once; the Materials screen listing the
//! picture with its use; the health screen with the accounts that need attention.

use anyhow::{ensure, Result};
use fantoccini::{Client, Locator};
use mdesk_platform_api::{Account, BindingState, GrantState};
use mdesk_tests::eventually;
use mdesk_tests::platform::Platform;
use mdesk_tests::window::{click, screenshot, set_language, sign_in, text_of, type_into, Display, Driver, WAIT};
use platform_sim::{RunningSim, Seed, SimConfig};

use crate::publish::{attr, attrs, check_account, pngs, press, shown, will_pick};

const SYNC_WAIT: std::time::Duration = std::time::Duration::from_secs(60);

/// Two bound accounts that granted publishing: (id, nickname) each.
fn two_publishers(accounts: &[Account]) -> Result<[(String, String); 2]> {
    let granted: Vec<&Account> = accounts
        .iter()
        .filter(|a| a.binding_state == BindingState::Bound && a.grants.publish.state == GrantState::Granted)
        .collect();
    ensure!(granted.len() >= 2, "two accounts that granted publishing");
    Ok([
        (granted[0].id.clone(), granted[0].nickname.clone()),
        (granted[1].id.clone(), granted[1].nickname.clone()),
    ])
}

/// Scrolls the card `testid` to the top of the screen and lets it settle, for a screenshot.
async fn to_start(client: &Client, testid: &str) -> Result<()> {
    client
        .execute(
            &format!("document.querySelector('[data-testid={testid}]').scrollIntoView({{block: 'start'}});"),
            vec![],
        )
        .await?;
    pause().await;
    Ok(())
}

async fn pause() {
    tokio::time::sleep(std::time::Duration::from_millis(400)).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn content_check_materials_and_health_in_both_languages() -> Result<()> {
    let data = tempfile::tempdir()?;
    let sim = RunningSim::start(SimConfig {
        seed: Seed::Demo,
        seed_value: 57,
        ..SimConfig::default()
    })
    .await?;
    let url = sim.url();
    let platform = Platform::sign_in(&url).await?;
    let [a, b] = two_publishers(&platform.accounts().await?)?;
    let files = data.path().join("files");
    std::fs::create_dir_all(&files)?;
    let picture = files.join("春茶海报.png");
    std::fs::write(&picture, &pngs(&platform, 1).await?[0])?;
    let pick_list = data.path().join("pick.txt");

    let display = Display::start()?;
    let env = [
        ("MDESK_DATA_DIR", data.path().join("app").to_string_lossy().into_owned()),
        ("MDESK_PLATFORM_URL", url.clone()),
        ("MDESK_PICK_FILES_FROM", pick_list.to_string_lossy().into_owned()),
    ];
    let driver = Driver::start(&display, &env).await?;
    let client = driver.launch().await?;
    let run = walk(&client, &platform, &a, &b, &picture, &pick_list).await;
    if run.is_err() {
        let _ = screenshot(&client, "failure-safety.png").await;
    }
    run?;
    client.close().await?;
    Ok(())
}

async fn walk(
    client: &Client,
    platform: &Platform,
    (a, a_name): &(String, String),
    (b, b_name): &(String, String),
    picture: &std::path::Path,
    pick_list: &std::path::Path,
) -> Result<()> {
    sign_in(client, "demo", "demo123").await?;
    shown(client, "the accounts", "[data-testid=account-row]").await?;

    // Settings → 内容检查: the brand account's own word.
    click(client, "[data-testid=nav-settings]").await?;
    shown(client, "the content check card", "[data-testid=words-settings]").await?;
    type_into(client, "[data-testid=words-add-word]", "隔壁店").await?;
    client
        .find(Locator::Css("[data-testid=words-add-account]"))
        .await?
        .select_by_value(b)
        .await?;
    type_into(client, "[data-testid=words-add-reason]", "品牌号不提竞品").await?;
    press(client, "[data-testid=words-add-submit]").await?;
    shown(
        client,
        "the word listed",
        "[data-testid=words-own-row][data-word='隔壁店']",
    )
    .await?;
    let row = text_of(client, "[data-testid=words-own-row][data-word='隔壁店']").await?;
    ensure!(
        row.contains(b_name.as_str()) && row.contains("禁止"),
        "for the brand account only: {row}"
    );
    to_start(client, "words-settings").await?;
    screenshot(client, "safety-words-zh.png").await?;

    // The composer: an absolute term marked as it is typed, with why and what instead.
    click(client, "[data-testid=nav-publish]").await?;
    shown(client, "the composer", "[data-testid=publish-screen]").await?;
    click(client, "[data-testid=publish-kind-image_text]").await?;
    will_pick(pick_list, &[picture])?;
    click(client, "[data-testid=publish-add-media]").await?;
    shown(client, "the picture listed", "[data-testid=publish-media-item]").await?;
    check_account(client, a).await?;
    check_account(client, b).await?;
    type_into(client, "[data-testid=publish-title-input]", "国家级好茶").await?;
    shown(
        client,
        "国家级 marked in the title",
        "[data-testid=content-check][data-field=title] [data-testid=content-mark]",
    )
    .await?;
    let hit = text_of(client, "[data-testid=content-hit][data-word='国家级']").await?;
    ensure!(
        hit.contains("广告法") || hit.contains("绝对化"),
        "the reason in plain words: {hit}"
    );
    shown(client, "the block note", "[data-testid=content-blocked]").await?;
    to_start(client, "publish-words").await?;
    screenshot(client, "safety-marks-zh.png").await?;

    // A warned word and the brand's own word: the tick accepts the warning.
    type_into(client, "[data-testid=publish-title-input]", "顶级好茶 比隔壁店香").await?;
    shown(
        client,
        "顶级 marked",
        "[data-testid=content-hit][data-word='顶级'][data-severity=warn]",
    )
    .await?;
    shown(
        client,
        "the brand's word shown",
        "[data-testid=content-hit][data-word='隔壁店']",
    )
    .await?;
    press(client, "[data-testid=content-accept-input]").await?;
    eventually("no problem left with the draft", WAIT, || async {
        let n = attr(client, "[data-testid=publish-problem-count]", "data-count")
            .await
            .unwrap_or_default();
        Ok((n == "0" || n.is_empty()).then_some(()))
    })
    .await?;

    // The dry run: the brand account refused by its own word, a duplicate note.
    click(client, "[data-testid=publish-review]").await?;
    shown(client, "the dry run", "[data-testid=publish-plan]").await?;
    let sendable = attrs(client, "[data-testid=publish-plan-row]", "data-sendable").await?;
    ensure!(sendable == vec!["true", "false"], "{sendable:?}");
    ensure!(
        attr(
            client,
            &format!("[data-testid=publish-plan-row][data-id='{b}']"),
            "data-refused"
        )
        .await?
            == "content_blocked",
        "refused by its own word"
    );
    shown(
        client,
        "the own word in the row",
        "[data-testid=publish-plan-own-word][data-word='隔壁店']",
    )
    .await?;
    shown(
        client,
        "the warned word",
        "[data-testid=publish-plan-content-check] [data-testid=content-hit][data-word='顶级']",
    )
    .await?;
    let dup = text_of(client, "[data-testid=publish-plan-duplicate]").await?;
    ensure!(
        dup.contains("春茶海报.png") && dup.contains('2'),
        "goes to two accounts at once: {dup}"
    );
    screenshot(client, "safety-dry-run-zh.png").await?;
    click(client, "[data-testid=publish-confirm]").await?;
    shown(
        client,
        "one queued, one refused",
        "[data-testid=publish-result][data-queued='1'][data-refused='1']",
    )
    .await?;
    click(client, "[data-testid=sync-now]").await?;
    eventually("the work on the platform", SYNC_WAIT, || async {
        let works = platform.titled("顶级好茶 比隔壁店香").await?;
        Ok((works.len() == 1 && works[0].account_id == *a).then_some(()))
    })
    .await?;

    // Materials: the picture, with its use by the first account.
    click(client, "[data-testid=nav-materials]").await?;
    shown(
        client,
        "the picture in the library",
        "[data-testid=material][data-name='春茶海报.png'][data-uses='1']",
    )
    .await?;
    let use_line = text_of(client, "[data-testid=material-use]").await?;
    ensure!(use_line.contains(a_name.as_str()), "names the account: {use_line}");
    shown(client, "the thumbnail", "[data-testid=material] img.material-thumb").await?;
    pause().await;
    screenshot(client, "safety-materials-zh.png").await?;
    // Into a new work without picking it again; the composer warns it was published before.
    press(client, "[data-testid=material-reuse]").await?;
    shown(
        client,
        "the picture in the composer",
        "[data-testid=publish-media-item]",
    )
    .await?;
    check_account(client, b).await?;
    eventually("the composer names the account that used it", WAIT, || async {
        let uses = attrs(client, "[data-testid=publish-plan-duplicate-use]", "data-account").await?;
        Ok(uses.contains(a).then_some(()))
    })
    .await?;

    // Account health: the demo matrix has declined permissions; each line leads to its fix.
    let count = attr(client, "[data-testid=health-count]", "data-count").await?;
    click(client, "[data-testid=nav-health]").await?;
    shown(client, "accounts that need attention", "[data-testid=health-row]").await?;
    let rows = attrs(client, "[data-testid=health-row]", "data-id").await?;
    ensure!(
        rows.len().to_string() == count,
        "the nav counts the rows: {count} vs {}",
        rows.len()
    );
    shown(
        client,
        "a declined permission",
        "[data-testid=health-finding][data-reason=grant_declined]",
    )
    .await?;
    pause().await;
    screenshot(client, "safety-health-zh.png").await?;
    press(
        client,
        "[data-testid=health-finding][data-reason=grant_declined] [data-testid=health-fix]",
    )
    .await?;
    shown(client, "the account opened", "[data-testid=account-detail]").await?;

    // The reply box: what is found is marked as the reply is typed.
    click(client, "[data-testid=nav-comments]").await?;
    shown(
        client,
        "a comment to answer",
        "[data-testid=inbox-comment] [data-testid=inbox-reply]",
    )
    .await?;
    press(client, "[data-testid=inbox-comment] [data-testid=inbox-reply]").await?;
    type_into(client, "[data-testid=inbox-reply-text]", "私信我，加微信发你优惠").await?;
    shown(
        client,
        "加微 marked in the reply",
        "[data-testid=content-check][data-field=comment] [data-testid=content-hit][data-word='加微']",
    )
    .await?;
    shown(
        client,
        "the block note under the reply",
        "[data-testid=content-blocked]",
    )
    .await?;
    to_start(client, "inbox-reply-box").await?;
    screenshot(client, "safety-reply-zh.png").await?;
    click(client, "[data-testid=inbox-reply-cancel]").await?;

    // English.
    set_language(client, "en", "Settings").await?;
    to_start(client, "words-settings").await?;
    screenshot(client, "safety-words-en.png").await?;
    click(client, "[data-testid=nav-health]").await?;
    shown(client, "the health screen", "[data-testid=health-row]").await?;
    eventually("the health screen in English", WAIT, || async {
        Ok((text_of(client, "[data-testid=page-title]").await? == "Account health").then_some(()))
    })
    .await?;
    pause().await;
    screenshot(client, "safety-health-en.png").await?;
    click(client, "[data-testid=nav-materials]").await?;
    shown(client, "the library", "[data-testid=material]").await?;
    pause().await;
    screenshot(client, "safety-materials-en.png").await?;
    click(client, "[data-testid=nav-publish]").await?;
    type_into(client, "[data-testid=publish-title-input]", "全网最低价 加VX").await?;
    eventually("the reasons in English", WAIT, || async {
        let hit = text_of(client, "[data-testid=content-hit]").await?;
        Ok(hit.contains("Instead").then_some(()))
    })
    .await?;
    to_start(client, "publish-words").await?;
    screenshot(client, "safety-marks-en.png").await?;
    click(client, "[data-testid=publish-review]").await?;
    shown(client, "the dry run in English", "[data-testid=publish-plan]").await?;
    shown(
        client,
        "the blocked words listed",
        "[data-testid=publish-plan-content-check] [data-testid=content-hit][data-severity=block]",
    )
    .await?;
    pause().await;
    screenshot(client, "safety-dry-run-en.png").await?;
    click(client, "[data-testid=publish-plan-close]").await?;
    Ok(())
}
