//! Four-eyes approval in two real windows (two data folders, one platform), Chinese first and
//! then English: an operator's publish is a submission; the reviewer returns it with a reason;
//! the operator revises it; the reviewer sees the change beside the previous version and
//! approves it; the work goes out once per account and shows on both desks. Then the owner's
//! Settings → Team in the second window.

use std::time::Duration;

use anyhow::{bail, Context, Result};
use fantoccini::{Client, Locator};
use mdesk_platform_api::{BindingState, GrantState};
use mdesk_tests::eventually;
use mdesk_tests::platform::Platform;
use mdesk_tests::window::{click, screenshot, set_language, sign_in, text_of, type_into, Display, Driver, WAIT};
use platform_sim::{RunningSim, Seed, SimConfig};
use serde_json::json;

/// Long enough for the other desk's action to reach the platform and come back by sync.
const ROUND_TRIP: Duration = Duration::from_secs(90);

async fn count(client: &Client, css: &str) -> Result<usize> {
    Ok(client.find_all(Locator::Css(css)).await?.len())
}

async fn attr(client: &Client, css: &str, name: &str) -> Result<String> {
    let el = client
        .wait()
        .at_most(WAIT)
        .for_element(Locator::Css(css))
        .await
        .with_context(|| css.to_owned())?;
    Ok(el.attr(name).await?.unwrap_or_default())
}

/// Waits for `css`, asking for a sync now and then as a person waiting for a colleague would.
async fn arrives(client: &Client, what: &str, css: &str) -> Result<()> {
    let mut tries = 0u32;
    eventually(what, ROUND_TRIP, || {
        tries += 1;
        let ask = tries.is_multiple_of(10);
        async move {
            if ask {
                let _ = click(client, "[data-testid=sync-now]").await;
            }
            Ok((count(client, css).await? > 0).then_some(()))
        }
    })
    .await
}

/// Two bound accounts with the publish permission.
async fn two_publishers(platform: &Platform) -> Result<[String; 2]> {
    let ids: Vec<String> = platform
        .accounts()
        .await?
        .into_iter()
        .filter(|a| a.binding_state == BindingState::Bound && a.grants.publish.state == GrantState::Granted)
        .map(|a| a.id)
        .take(2)
        .collect();
    match ids.as_slice() {
        [a, b] => Ok([a.clone(), b.clone()]),
        _ => bail!("the demo seed has two accounts that may publish"),
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_operator_submits_a_reviewer_returns_then_approves_in_two_windows() -> Result<()> {
    let data = tempfile::tempdir()?;
    let sim = RunningSim::start(SimConfig {
        seed: Seed::Demo,
        seed_value: 71,
        ..SimConfig::default()
    })
    .await?;
    let url = sim.url();
    let platform = Platform::sign_in(&url).await?;
    let [a, b] = two_publishers(&platform).await?;
    // The merchant requires approval (its owner's switch, through the platform).
    let owner = reqwest::Client::new();
    let token: serde_json::Value = owner
        .post(format!("{url}/oauth/token"))
        .json(&json!({"grant_type": "password", "username": "demo", "password": "demo123"}))
        .send()
        .await?
        .json()
        .await?;
    owner
        .put(format!("{url}/v1/settings/approval"))
        .bearer_auth(token["access_token"].as_str().unwrap_or_default())
        .header("Idempotency-Key", "e2e-approval-on")
        .json(&json!({"required": true}))
        .send()
        .await?
        .error_for_status()?;

    let video = data.path().join("新品开箱.mp4");
    std::fs::write(&video, (0..64 * 1024).map(|i| (i * 7 % 251) as u8).collect::<Vec<u8>>())?;
    let pick_list = data.path().join("pick.txt");
    std::fs::write(&pick_list, format!("{}\n", video.display()))?;

    let display = Display::start()?;
    let operator_env = [
        (
            "MDESK_DATA_DIR",
            data.path().join("operator").to_string_lossy().into_owned(),
        ),
        ("MDESK_PLATFORM_URL", url.clone()),
        ("MDESK_PICK_FILES_FROM", pick_list.to_string_lossy().into_owned()),
    ];
    let reviewer_env = [
        (
            "MDESK_DATA_DIR",
            data.path().join("reviewer").to_string_lossy().into_owned(),
        ),
        ("MDESK_PLATFORM_URL", url.clone()),
    ];
    let operator_driver = Driver::start(&display, &operator_env).await?;
    let reviewer_driver = Driver::start(&display, &reviewer_env).await?;
    let operator = operator_driver.launch().await?;
    let reviewer = reviewer_driver.launch().await?;
    let result = journey(&operator, &reviewer, &platform, &[a, b]).await;
    if result.is_err() {
        let _ = screenshot(&operator, "failure-team-operator.png").await;
        let _ = screenshot(&reviewer, "failure-team-reviewer.png").await;
    }
    result?;
    operator.close().await?;
    reviewer.close().await?;
    Ok(())
}

async fn journey(operator: &Client, reviewer: &Client, platform: &Platform, accounts: &[String; 2]) -> Result<()> {
    sign_in(operator, "demo:xiaoli", "xiaoli123").await?;
    sign_in(reviewer, "demo:laowang", "laowang123").await?;
    for (client, who) in [(operator, "operator"), (reviewer, "reviewer")] {
        client
            .wait()
            .at_most(ROUND_TRIP)
            .for_element(Locator::Css("[data-testid=account-row]"))
            .await?;
        eventually("the status line to say who is signed in", WAIT, || async {
            Ok((attr(client, "[data-testid=status-whoami]", "data-role").await? == who).then_some(()))
        })
        .await?;
    }
    let whoami = text_of(operator, "[data-testid=status-whoami]").await?;
    assert!(
        whoami.contains("小李") && whoami.contains("运营"),
        "who and which role: {whoami}"
    );

    // 1. The operator writes the work; the composer says it goes to review first.
    let title = "春季新品开箱";
    click(operator, "[data-testid=nav-publish]").await?;
    operator
        .wait()
        .at_most(WAIT)
        .for_element(Locator::Css("[data-testid=publish-by-submission]"))
        .await?;
    type_into(operator, "[data-testid=publish-title-input]", title).await?;
    type_into(operator, "[data-testid=publish-text-input]", "今天开箱春季新品。").await?;
    click(operator, "[data-testid=publish-add-media]").await?;
    operator
        .wait()
        .at_most(WAIT)
        .for_element(Locator::Css("[data-testid=publish-media-item]"))
        .await?;
    for id in accounts {
        let check = format!("[data-testid=publish-account][data-id='{id}'] [data-testid=publish-account-check]");
        operator
            .execute(
                "document.querySelector(arguments[0]).scrollIntoView({block: 'center'});",
                vec![check.clone().into()],
            )
            .await?;
        click(operator, &check).await?;
    }
    click(operator, "[data-testid=publish-review]").await?;
    let confirm = text_of(operator, "[data-testid=publish-confirm]").await?;
    assert!(
        confirm.contains("提交审核"),
        "the button says where the work goes: {confirm}"
    );
    screenshot(operator, "team-submit-zh.png").await?;
    click(operator, "[data-testid=publish-confirm]").await?;
    operator
        .wait()
        .at_most(WAIT)
        .for_element(Locator::Css("[data-testid=publish-result][data-submitted=true]"))
        .await?;

    // 2. The reviewer finds it waiting, and returns it with a reason.
    click(reviewer, "[data-testid=nav-reviews]").await?;
    let row = "[data-testid=review-row][data-state=pending][data-can-review=true]";
    arrives(reviewer, "the submission in the reviewer's queue", row).await?;
    click(reviewer, &format!("{row} [data-testid=review-open]")).await?;
    reviewer
        .wait()
        .at_most(WAIT)
        .for_element(Locator::Css("[data-testid=review-panel]"))
        .await?;
    screenshot(reviewer, "reviews-zh.png").await?;
    click(reviewer, "[data-testid=review-return]").await?;
    type_into(reviewer, "[data-testid=review-reason-input]", "标题太短，请写清卖点").await?;
    click(reviewer, "[data-testid=review-return-confirm]").await?;

    // 3. The operator sees why, and revises the title.
    click(operator, "[data-testid=nav-reviews]").await?;
    click(operator, "[data-testid=reviews-filter-returned]").await?;
    let returned = "[data-testid=review-row][data-state=returned][data-mine=true]";
    arrives(operator, "the return on the operator's desk", returned).await?;
    click(operator, &format!("{returned} [data-testid=review-open]")).await?;
    let reason = text_of(operator, "[data-testid=review-reason]").await?;
    assert!(
        reason.contains("标题太短"),
        "the reason travels with the return: {reason}"
    );
    click(operator, "[data-testid=review-revise]").await?;
    let new_title = "春季新品开箱｜三分钟上手";
    type_into(operator, "[data-testid=revise-title]", new_title).await?;
    click(operator, "[data-testid=revise-confirm]").await?;

    // 4. The reviewer sees version 2 beside version 1, and approves it.
    click(reviewer, "[data-testid=reviews-filter-pending]").await?;
    let v2 = "[data-testid=review-panel][data-version='2']";
    let pending = "[data-testid=review-row][data-state=pending][data-can-review=true]";
    arrives(reviewer, "version 2 in the queue", pending).await?;
    click(reviewer, &format!("{pending} [data-testid=review-open]")).await?;
    arrives(reviewer, "version 2 open", v2).await?;
    let after = text_of(
        reviewer,
        "[data-testid=diff-field][data-field=title] [data-testid=diff-after]",
    )
    .await?;
    let before = text_of(
        reviewer,
        "[data-testid=diff-field][data-field=title] [data-testid=diff-before]",
    )
    .await?;
    assert_eq!(
        (before.as_str(), after.as_str()),
        (title, new_title),
        "the title beside the previous one"
    );
    screenshot(reviewer, "reviews-diff-zh.png").await?;
    click(reviewer, "[data-testid=review-approve]").await?;

    // 5. Once per account on the platform, and on both desks.
    eventually("the works on the platform", ROUND_TRIP, || async {
        let works = platform.titled(new_title).await?;
        Ok((works.len() == 2).then_some(works))
    })
    .await
    .map(|works| {
        let mut on: Vec<String> = works.into_iter().map(|w| w.account_id).collect();
        on.sort();
        let mut want = accounts.to_vec();
        want.sort();
        assert_eq!(on, want, "one work per target account");
    })?;
    tokio::time::sleep(Duration::from_secs(2)).await;
    assert!(
        platform.titled(title).await?.is_empty(),
        "the returned version never went out"
    );
    for client in [operator, reviewer] {
        click(client, "[data-testid=nav-works]").await?;
        type_into(client, "[data-testid=works-search]", "三分钟上手").await?;
        arrives(client, "the approved work on this desk", "[data-testid=works-row]").await?;
    }
    click(operator, "[data-testid=nav-reviews]").await?;
    click(operator, "[data-testid=reviews-filter-approved]").await?;
    arrives(
        operator,
        "the approval on the operator's desk",
        "[data-testid=review-row][data-state=approved]",
    )
    .await?;
    screenshot(operator, "reviews-approved-zh.png").await?;

    // 6. The same screens in English.
    set_language(reviewer, "en", "Settings").await?;
    click(reviewer, "[data-testid=nav-reviews]").await?;
    click(reviewer, "[data-testid=reviews-filter-all]").await?;
    arrives(reviewer, "the list in English", "[data-testid=review-row]").await?;
    click(reviewer, "[data-testid=review-row] [data-testid=review-open]").await?;
    reviewer
        .wait()
        .at_most(WAIT)
        .for_element(Locator::Css("[data-testid=review-panel]"))
        .await?;
    screenshot(reviewer, "reviews-en.png").await?;
    set_language(operator, "en", "Settings").await?;
    click(operator, "[data-testid=nav-publish]").await?;
    operator
        .wait()
        .at_most(WAIT)
        .for_element(Locator::Css("[data-testid=publish-by-submission]"))
        .await?;
    screenshot(operator, "team-publish-en.png").await?;

    // 7. A reviewer may not manage the matrix: the control is off and says why.
    click(reviewer, "[data-testid=nav-accounts]").await?;
    let invite = reviewer
        .wait()
        .at_most(WAIT)
        .for_element(Locator::Css("[data-testid=accounts-invite]"))
        .await?;
    assert!(!invite.is_enabled().await?, "a reviewer cannot invite");
    let note = text_of(reviewer, "[data-testid=role-note]").await?;
    assert!(note.contains("Reviewer"), "the reason names the role: {note}");
    screenshot(reviewer, "team-role-note-en.png").await?;

    // 8. The owner, in the reviewer's window: Settings → Team.
    click(reviewer, "[data-testid=nav-settings]").await?;
    click(reviewer, "[data-testid=settings-sign-out]").await?;
    click(reviewer, "[data-testid=nav-accounts]").await?;
    type_into(reviewer, "[data-testid=signin-username]", "demo").await?;
    type_into(reviewer, "[data-testid=signin-password]", "demo123").await?;
    click(reviewer, "[data-testid=signin-submit]").await?;
    eventually("the owner signed in", ROUND_TRIP, || async {
        Ok((attr(reviewer, "[data-testid=status-whoami]", "data-role").await? == "owner").then_some(()))
    })
    .await?;
    click(reviewer, "[data-testid=nav-settings]").await?;
    arrives(
        reviewer,
        "the team's staff",
        "[data-testid=team-row][data-login='demo:xiaoli']",
    )
    .await?;
    reviewer
        .execute(
            "document.querySelector('[data-testid=team-card]').scrollIntoView({block: 'start'});",
            vec![],
        )
        .await?;
    tokio::time::sleep(Duration::from_millis(300)).await;
    screenshot(reviewer, "team-en.png").await?;
    set_language(reviewer, "zh-CN", "设置").await?;
    eventually("the team card in Chinese", WAIT, || async {
        Ok(text_of(reviewer, "[data-testid=team-card] h2")
            .await?
            .contains("团队")
            .then_some(()))
    })
    .await?;
    reviewer
        .execute(
            "document.querySelector('[data-testid=team-card]').scrollIntoView({block: 'start'});",
            vec![],
        )
        .await?;
    tokio::time::sleep(Duration::from_millis(300)).await;
    screenshot(reviewer, "team-zh.png").await?;
    Ok(())
}
