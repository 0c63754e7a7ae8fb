//! Changing works and interacting, in the real window against the simulator over HTTP: pins up
//! to the platform's three per account (a fourth refused by the dry run, an unpin making room),
//! bulk privacy, an edit that goes back to review, a delete with its explicit confirmation, a
//! change made while the platform is unreachable and delivered once it is back; in the inbox,
//! a comment liked and a comment on the work as the work's account, and an account without the
//! interact permission whose like is disabled with the reason. Chinese, then English. The
//! platform's side is read back through its own API.

use std::collections::BTreeSet;
use std::path::Path;
use std::time::Duration;

use anyhow::{anyhow, Context, Result};
use fantoccini::{Client, Locator};
use mdesk_platform_api::{Privacy, ReviewStatus, Work};
use mdesk_tests::eventually;
use mdesk_tests::platform::Platform;
use mdesk_tests::window::{
    click, named_by_platform, screenshot, set_language, sign_in, text_of, type_into, Display, Driver, WAIT,
};
use platform_sim::{RunningSim, Seed, SimConfig};
use rusqlite::{Connection, OpenFlags, OptionalExtension};
use serde_json::{json, Value};

/// How long a queued change may take to reach the platform and come back in the change feed.
const SYNCED: Duration = Duration::from_secs(90);

/// The app's database, read-only beside the running app (for choosing what to act on).
fn app_db(dir: &Path) -> Result<Connection> {
    Ok(Connection::open_with_flags(
        dir.join("matrix-desk.sqlite3"),
        OpenFlags::SQLITE_OPEN_READ_ONLY,
    )?)
}

/// One work of the account on the platform, if it is there and not deleted.
async fn platform_work(platform: &Platform, account_id: &str, work_id: &str) -> Result<Option<Work>> {
    Ok(platform
        .works(Some(account_id))
        .await?
        .into_iter()
        .find(|w| w.id == work_id))
}

/// One row of the Works table, as its data attributes say.
#[derive(Debug, Clone)]
struct Row {
    id: String,
    pinned: bool,
    privacy: String,
    pending: String,
}

async fn rows(client: &Client) -> Result<Vec<Row>> {
    let mut out = Vec::new();
    for el in client.find_all(Locator::Css("[data-testid=works-row]")).await? {
        out.push(Row {
            id: el.attr("data-id").await?.unwrap_or_default(),
            pinned: el.attr("data-pinned").await?.as_deref() == Some("true"),
            privacy: el.attr("data-privacy").await?.unwrap_or_default(),
            pending: el.attr("data-pending").await?.unwrap_or_default(),
        });
    }
    Ok(out)
}

/// The rows once they are exactly `ids` (the account's works) with nothing waiting to sync.
async fn settled_rows(client: &Client, what: &str, ids: &BTreeSet<String>) -> Result<Vec<Row>> {
    eventually(what, SYNCED, || async {
        let r = rows(client).await?;
        let shown: BTreeSet<String> = r.iter().map(|r| r.id.clone()).collect();
        Ok((shown == *ids && r.iter().all(|r| r.pending.is_empty())).then_some(r))
    })
    .await
}

fn row_css(id: &str) -> String {
    format!("[data-testid=works-row][data-id='{id}']")
}

/// Ticks the boxes of these works (and no others).
async fn pick(client: &Client, ids: &[String]) -> Result<()> {
    let count = client.find_all(Locator::Css("[data-testid=works-bulk-bar]")).await?;
    if let Some(bar) = count.first() {
        if bar.attr("data-count").await?.as_deref() != Some("0") {
            click(client, "[data-testid=works-bulk-clear]").await?;
        }
    }
    for id in ids {
        click(client, &format!("{} [data-testid=works-select]", row_css(id))).await?;
    }
    let want = ids.len().to_string();
    eventually("the picked works counted", WAIT, || async {
        let bar = client.find(Locator::Css("[data-testid=works-bulk-bar]")).await?;
        match bar.attr("data-count").await? {
            Some(n) if n == want => Ok(Some(())),
            other => Err(anyhow!("{other:?} picked, not {want}")),
        }
    })
    .await
}

/// One row of the dry run: (work id, verdict, reason key).
async fn plan(client: &Client) -> Result<Vec<(String, String, String)>> {
    client
        .wait()
        .at_most(WAIT)
        .for_element(Locator::Css("[data-testid=work-change-dialog][data-ready=true]"))
        .await
        .context("the dry run to answer")?;
    let mut out = Vec::new();
    for el in client.find_all(Locator::Css("[data-testid=work-change-row]")).await? {
        out.push((
            el.attr("data-id").await?.unwrap_or_default(),
            el.attr("data-verdict").await?.unwrap_or_default(),
            el.attr("data-reason").await?.unwrap_or_default(),
        ));
    }
    Ok(out)
}

fn verdict_of<'a>(plan: &'a [(String, String, String)], id: &str) -> Option<&'a str> {
    plan.iter().find(|(i, _, _)| i == id).map(|(_, v, _)| v.as_str())
}

/// Opens the dry run of a bulk change on the picked works.
async fn bulk(client: &Client, change: &str) -> Result<Vec<(String, String, String)>> {
    click(client, &format!("[data-testid=works-bulk-{change}]")).await?;
    plan(client).await
}

/// Confirms the open dry run; answers how many works were queued.
async fn apply(client: &Client) -> Result<usize> {
    click(client, "[data-testid=work-change-apply]").await?;
    let done = client
        .wait()
        .at_most(WAIT)
        .for_element(Locator::Css("[data-testid=work-change-done]"))
        .await?;
    let n = done.attr("data-count").await?.unwrap_or_default().parse()?;
    click(client, "[data-testid=work-change-close]").await?;
    gone(client, "[data-testid=work-change-dialog]").await?;
    Ok(n)
}

async fn cancel(client: &Client) -> Result<()> {
    click(client, "[data-testid=work-change-cancel]").await?;
    gone(client, "[data-testid=work-change-dialog]").await
}

async fn gone(client: &Client, css: &str) -> Result<()> {
    eventually(&format!("{css} to go"), WAIT, || async {
        Ok(client.find_all(Locator::Css(css)).await?.is_empty().then_some(()))
    })
    .await
}

async fn select(client: &Client, css: &str, value: &str) -> Result<()> {
    // The options arrive (and are drawn again) with the accounts list, and the select then shows
    // the screen's filter again: pick until the choice has stuck for two looks in a row.
    let stuck = std::cell::Cell::new(false);
    eventually(&format!("{value} in {css}"), WAIT, || async {
        let el = client.find(Locator::Css(css)).await?;
        if el.prop("value").await?.as_deref() == Some(value) {
            if stuck.replace(true) {
                return Ok(Some(()));
            }
        } else {
            stuck.set(false);
            let _ = el.select_by_value(value).await;
        }
        tokio::time::sleep(Duration::from_millis(300)).await;
        Ok(None)
    })
    .await
}

/// The platform's pinned works of an account.
async fn platform_pinned(platform: &Platform, account_id: &str) -> Result<BTreeSet<String>> {
    Ok(platform
        .works(Some(account_id))
        .await?
        .into_iter()
        .filter(|w| w.pinned)
        .map(|w| w.id)
        .collect())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn works_change_in_bulk_and_one_by_one_and_comments_are_liked_as_the_account() -> Result<()> {
    let data = tempfile::tempdir()?;
    let sim = RunningSim::start(SimConfig {
        seed: Seed::Demo,
        seed_value: 53,
        ..SimConfig::default()
    })
    .await?;
    let url = sim.url();
    let platform = Platform::sign_in(&url).await?;
    let display = Display::start()?;
    let app_data = data.path().join("app");
    let env = [
        ("MDESK_DATA_DIR", app_data.to_string_lossy().into_owned()),
        ("MDESK_PLATFORM_URL", url.clone()),
    ];
    let driver = Driver::start(&display, &env).await?;
    let client = driver.launch().await?;
    let outcome = journey(&client, &platform, &app_data).await;
    if outcome.is_err() {
        // What the window showed when it went wrong.
        let _ = client
            .execute("document.querySelector('.content').scrollTo(0, 0);", vec![])
            .await;
        let _ = screenshot(&client, "work-actions-failed.png").await;
        if let Ok(db) = app_db(&app_data) {
            let recent = db
                .prepare("SELECT kind, state, error_code, payload FROM action ORDER BY rowid DESC LIMIT 6")
                .and_then(|mut s| {
                    s.query_map([], |r| {
                        Ok(format!(
                            "{}|{}|{:?}|{}",
                            r.get::<_, String>(0)?,
                            r.get::<_, String>(1)?,
                            r.get::<_, Option<String>>(2)?,
                            r.get::<_, String>(3)?
                        ))
                    })?
                    .collect::<Result<Vec<_>, _>>()
                });
            eprintln!("latest actions: {recent:#?}");
        }
    }
    client.close().await?;
    outcome
}

async fn journey(client: &Client, platform: &Platform, app_data: &Path) -> Result<()> {
    let client = client.clone();
    let app_data = app_data.to_path_buf();
    sign_in(&client, "demo", "demo123").await?;
    client
        .wait()
        .at_most(WAIT)
        .for_element(Locator::Css("[data-testid=account-row]"))
        .await?;
    named_by_platform(&client, "青禾生活").await?;

    // An account that granted both permissions, with its works as this computer has them.
    let (account, ids): (String, BTreeSet<String>) = {
        let db = app_db(&app_data)?;
        let account: String = db.query_row(
            "SELECT a.id FROM matrix_account a \
             JOIN account_grant p ON p.account_id = a.id AND p.scope = 'publish' AND p.state = 'granted' \
             JOIN account_grant i ON i.account_id = a.id AND i.scope = 'interact' AND i.state = 'granted' \
             WHERE a.binding_state = 'bound' ORDER BY a.id LIMIT 1",
            [],
            |r| r.get(0),
        )?;
        let ids = db
            .prepare("SELECT id FROM work WHERE account_id = ?1 AND deleted = 0")?
            .query_map([&account], |r| r.get(0))?
            .collect::<Result<BTreeSet<String>, _>>()?;
        (account, ids)
    };
    assert!(
        ids.len() >= 12 && ids.len() <= 50,
        "the demo gives each account a page of works: {}",
        ids.len()
    );

    click(&client, "[data-testid=nav-works]").await?;
    select(&client, "[data-testid=works-filter-account]", &account).await?;
    let shown = settled_rows(&client, "the account's works", &ids).await?;

    // "Select all on this page" picks every work shown, and unpicks them again.
    click(&client, "[data-testid=works-select-all]").await?;
    let all = ids.len().to_string();
    eventually("every work of the page picked", WAIT, || async {
        let bar = client.find(Locator::Css("[data-testid=works-bulk-bar]")).await?;
        Ok((bar.attr("data-count").await?.as_deref() == Some(all.as_str())).then_some(()))
    })
    .await?;
    click(&client, "[data-testid=works-select-all]").await?;
    eventually("nothing picked", WAIT, || async {
        let bar = client.find(Locator::Css("[data-testid=works-bulk-bar]")).await?;
        Ok((bar.attr("data-count").await?.as_deref() == Some("0")).then_some(()))
    })
    .await?;

    // Pins: up to three per account, counting what is pinned already. One batch with a pinned
    // work (skipped), the pins that fill the three, and one more (refused by the dry run).
    let pinned: Vec<String> = shown.iter().filter(|r| r.pinned).map(|r| r.id.clone()).collect();
    assert!(pinned.len() < 3, "the demo pins at most two works per account");
    let need = 3 - pinned.len();
    let unpinned: Vec<String> = shown.iter().filter(|r| !r.pinned).map(|r| r.id.clone()).collect();
    let fill: Vec<String> = unpinned[..need].to_vec();
    let fourth = unpinned[need].clone();
    let mut batch: Vec<String> = pinned.iter().take(1).cloned().collect();
    batch.extend(fill.iter().cloned());
    batch.push(fourth.clone());
    pick(&client, &batch).await?;
    let dry = bulk(&client, "pin").await?;
    for id in &pinned[..pinned.len().min(1)] {
        assert_eq!(
            verdict_of(&dry, id),
            Some("unchanged"),
            "a pinned work is skipped: {dry:?}"
        );
    }
    for id in &fill {
        assert_eq!(verdict_of(&dry, id), Some("send"), "room for {need} more pins: {dry:?}");
    }
    assert!(
        dry.iter()
            .any(|(id, v, reason)| *id == fourth && v == "refused" && reason == "error-pin_limit"),
        "the fourth pin is refused with the pin limit: {dry:?}"
    );
    let summary = text_of(&client, "[data-testid=work-change-summary]").await?;
    assert!(
        summary.contains("1 个不会执行"),
        "the summary counts the refusal: {summary}"
    );
    let reason = text_of(
        &client,
        &format!("[data-testid=work-change-row][data-id='{fourth}'] [data-testid=work-change-verdict]"),
    )
    .await?;
    assert!(reason.contains("最多置顶 3 个"), "the reason in words: {reason}");
    let confirm = text_of(&client, "[data-testid=work-change-apply]").await?;
    assert_eq!(
        confirm,
        format!("确认 {need} 个作品"),
        "only what will change is confirmed"
    );
    screenshot(&client, "work-actions-zh.png").await?;
    assert_eq!(
        apply(&client).await?,
        need,
        "the pins that fit are queued, the fourth is not"
    );

    // Three pinned now (queued pins count at once); a fourth alone is refused as well.
    eventually("three pinned in the list", WAIT, || async {
        let r = rows(&client).await?;
        Ok((r.iter().filter(|r| r.pinned).count() == 3).then_some(()))
    })
    .await?;
    pick(&client, std::slice::from_ref(&fourth)).await?;
    let dry = bulk(&client, "pin").await?;
    assert_eq!(verdict_of(&dry, &fourth), Some("refused"), "{dry:?}");
    assert!(
        client
            .find(Locator::Css("[data-testid=work-change-apply]"))
            .await?
            .attr("disabled")
            .await?
            .is_some(),
        "nothing to confirm"
    );
    cancel(&client).await?;

    // Unpin one; once that has reached the platform, the fourth pin fits.
    let settled = settled_rows(&client, "the pins synced", &ids).await?;
    let unpin = settled
        .iter()
        .find(|r| r.pinned)
        .map(|r| r.id.clone())
        .ok_or_else(|| anyhow!("no pinned work"))?;
    pick(&client, std::slice::from_ref(&unpin)).await?;
    let dry = bulk(&client, "unpin").await?;
    assert_eq!(verdict_of(&dry, &unpin), Some("send"), "{dry:?}");
    assert_eq!(apply(&client).await?, 1);
    settled_rows(&client, "the unpin synced", &ids).await?;
    pick(&client, std::slice::from_ref(&fourth)).await?;
    let dry = bulk(&client, "pin").await?;
    assert_eq!(verdict_of(&dry, &fourth), Some("send"), "an unpin made room: {dry:?}");
    assert_eq!(apply(&client).await?, 1);
    let settled = settled_rows(&client, "the fourth pin synced", &ids).await?;
    let want: BTreeSet<String> = settled.iter().filter(|r| r.pinned).map(|r| r.id.clone()).collect();
    assert_eq!(want.len(), 3);
    assert!(want.contains(&fourth) && !want.contains(&unpin));
    let on_platform = eventually("the platform's three pins", SYNCED, || async {
        let p = platform_pinned(platform, &account).await?;
        Ok((p == want).then_some(p))
    })
    .await?;
    assert_eq!(on_platform.len(), 3, "exactly three pinned on the platform");

    // Bulk privacy: five works made private; those private already are skipped.
    let five: Vec<Row> = settled.iter().take(5).cloned().collect();
    let five_ids: Vec<String> = five.iter().map(|r| r.id.clone()).collect();
    pick(&client, &five_ids).await?;
    let dry = bulk(&client, "make_private").await?;
    assert_eq!(dry.len(), 5, "one row per picked work: {dry:?}");
    for r in &five {
        let expected = if r.privacy == "private" { "unchanged" } else { "send" };
        assert_eq!(
            verdict_of(&dry, &r.id),
            Some(expected),
            "{} is {}: {dry:?}",
            r.id,
            r.privacy
        );
    }
    let sending = five.iter().filter(|r| r.privacy == "public").count();
    assert_eq!(apply(&client).await?, sending);
    eventually("the five shown private at once", WAIT, || async {
        let r = rows(&client).await?;
        Ok(five_ids
            .iter()
            .all(|id| r.iter().any(|x| x.id == *id && x.privacy == "private"))
            .then_some(()))
    })
    .await?;
    settled_rows(&client, "the privacy changes synced", &ids).await?;
    eventually("the five private on the platform", SYNCED, || async {
        let works = platform.works(Some(&account)).await?;
        Ok(five_ids
            .iter()
            .all(|id| works.iter().any(|w| w.id == *id && w.privacy == Privacy::Private))
            .then_some(()))
    })
    .await?;

    // Edit a work's title: a field refusal keeps what was typed; a good edit shows at once, in review.
    let edited = settled
        .iter()
        .find(|r| !five_ids.contains(&r.id) && r.id != fourth)
        .map(|r| r.id.clone())
        .ok_or_else(|| anyhow!("no work to edit"))?;
    click(&client, &format!("{} [data-testid=work-title]", row_css(&edited))).await?;
    click(&client, "[data-testid=work-action-edit]").await?;
    click(&client, "[data-testid=work-edit-save]").await?;
    client
        .wait()
        .at_most(WAIT)
        .for_element(Locator::Css(
            "[data-testid=work-edit] [data-testid=error-note][data-code=rule-edit_unchanged]",
        ))
        .await
        .context("an edit that changes nothing is refused")?;
    let long = "春".repeat(31);
    type_into(&client, "[data-testid=work-edit-title]", &long).await?;
    eventually("the counter over the limit", WAIT, || async {
        let count = client.find(Locator::Css("[data-testid=work-edit-title-count]")).await?;
        Ok((count.attr("data-over").await?.as_deref() == Some("true")
            && count.attr("data-count").await?.as_deref() == Some("31"))
        .then_some(()))
    })
    .await?;
    click(&client, "[data-testid=work-edit-save]").await?;
    client
        .wait()
        .at_most(WAIT)
        .for_element(Locator::Css(
            "[data-testid=work-edit] [data-testid=error-note][data-code=rule-title_too_long]",
        ))
        .await
        .context("a title over 30 characters is refused beside the field")?;
    let kept = client
        .find(Locator::Css("[data-testid=work-edit-title]"))
        .await?
        .prop("value")
        .await?;
    assert_eq!(kept.as_deref(), Some(long.as_str()), "what was typed stays");
    let title = "春日开箱｜矩阵号实测（修订版）";
    type_into(&client, "[data-testid=work-edit-title]", title).await?;
    screenshot(&client, "work-edit-zh.png").await?;
    click(&client, "[data-testid=work-edit-save]").await?;
    gone(&client, "[data-testid=work-edit]").await?;
    eventually("the new title, in review", WAIT, || async {
        let shown = text_of(&client, "[data-testid=work-detail-title]").await?;
        let review = client
            .find(Locator::Css("[data-testid=work-detail-review]"))
            .await?
            .attr("data-state")
            .await?;
        if shown == title && review.as_deref() == Some("pending") {
            return Ok(Some(()));
        }
        Err(anyhow!("shown {shown:?}, review {review:?}"))
    })
    .await?;
    let review_text = text_of(&client, "[data-testid=work-detail-review]").await?;
    assert!(review_text.contains("审核中"), "{review_text}");
    eventually("the platform has the new title, in review", SYNCED, || async {
        Ok(platform_work(platform, &account, &edited)
            .await?
            .filter(|w| w.title == title && w.review_status == ReviewStatus::Pending)
            .map(|_| ()))
    })
    .await?;
    click(&client, "[data-testid=work-detail-back]").await?;

    // Delete a work: the dialog asks for an explicit confirmation; after sync it is gone.
    let doomed = settled
        .iter()
        .find(|r| !five_ids.contains(&r.id) && r.id != fourth && r.id != edited && !r.pinned)
        .map(|r| r.id.clone())
        .ok_or_else(|| anyhow!("no work to delete"))?;
    click(&client, &format!("{} [data-testid=work-title]", row_css(&doomed))).await?;
    click(&client, "[data-testid=work-action-delete]").await?;
    let dry = plan(&client).await?;
    assert_eq!(verdict_of(&dry, &doomed), Some("send"), "{dry:?}");
    let confirm = || async {
        let button = client.find(Locator::Css("[data-testid=work-change-apply]")).await?;
        Ok::<_, anyhow::Error>(button.is_enabled().await?)
    };
    assert!(!confirm().await?, "a delete waits for the explicit confirmation");
    let warning = text_of(&client, "[data-testid=work-change-delete-warning]").await?;
    assert!(warning.contains("无法恢复"), "{warning}");
    click(&client, "[data-testid=work-change-delete-confirm]").await?;
    eventually("the delete confirmable", WAIT, || async {
        Ok(confirm().await?.then_some(()))
    })
    .await?;
    assert_eq!(apply(&client).await?, 1);
    client
        .wait()
        .at_most(WAIT)
        .for_element(Locator::Css("[data-testid=works-screen]"))
        .await
        .context("back to the list after a delete")?;
    let mut left = ids.clone();
    left.remove(&doomed);
    settled_rows(&client, "the deleted work gone from the list", &left).await?;
    eventually("the work deleted on the platform", SYNCED, || async {
        Ok(platform_work(platform, &account, &doomed)
            .await?
            .is_none()
            .then_some(()))
    })
    .await?;
    let ids = left;

    // Offline: the platform unreachable, a change waits (shown as it will be), then goes out.
    platform.faults(json!({"reset_rate": 1.0})).await?;
    click(&client, "[data-testid=sync-now]").await?;
    eventually("the status line offline", SYNCED, || async {
        let state = client
            .find(Locator::Css("[data-testid=status-online]"))
            .await?
            .attr("data-state")
            .await?;
        Ok((state.as_deref() == Some("status-offline")).then_some(()))
    })
    .await?;
    let shown = rows(&client).await?;
    let public = shown
        .iter()
        .find(|r| r.privacy == "public" && r.id != edited)
        .map(|r| r.id.clone())
        .ok_or_else(|| anyhow!("no public work left"))?;
    pick(&client, std::slice::from_ref(&public)).await?;
    let dry = bulk(&client, "make_private").await?;
    assert_eq!(
        verdict_of(&dry, &public),
        Some("send"),
        "checked locally, offline: {dry:?}"
    );
    assert_eq!(apply(&client).await?, 1);
    let badge = format!("{} [data-testid=work-pending]", row_css(&public));
    let waiting = text_of(&client, &badge).await?;
    assert!(waiting.contains("待同步"), "{waiting}");
    let row = client.find(Locator::Css(&row_css(&public))).await?;
    assert_eq!(
        row.attr("data-privacy").await?.as_deref(),
        Some("private"),
        "shown as it will be"
    );
    client
        .execute(
            "document.querySelector(arguments[0]).scrollIntoView({block: 'center'});",
            vec![Value::String(row_css(&public))],
        )
        .await?;
    tokio::time::sleep(Duration::from_millis(300)).await;
    screenshot(&client, "work-actions-offline-zh.png").await?;
    let privacy_path = format!("/v1/works/{public}/privacy");
    tokio::time::sleep(Duration::from_secs(2)).await;
    assert_eq!(
        platform.applied(None, &privacy_path).await?,
        0,
        "nothing reached the platform while it was unreachable"
    );
    platform.faults(json!({})).await?;
    click(&client, "[data-testid=sync-now]").await?;
    settled_rows(&client, "the change delivered once online", &ids).await?;
    eventually("the offline change on the platform", SYNCED, || async {
        Ok(platform_work(platform, &account, &public)
            .await?
            .filter(|w| w.privacy == Privacy::Private)
            .map(|_| ()))
    })
    .await?;
    assert_eq!(
        platform.applied(None, &privacy_path).await?,
        1,
        "delivered once, retries and all"
    );

    // The inbox: like a comment on the account's works as that account.
    click(&client, "[data-testid=nav-comments]").await?;
    select(&client, "[data-testid=inbox-filter-account]", &account).await?;
    let liked_id = eventually("a comment to like", WAIT, || async {
        for el in client.find_all(Locator::Css("[data-testid=inbox-comment]")).await? {
            let ok = el.attr("data-can-reply").await?.as_deref() == Some("true")
                && el.attr("data-liked").await?.as_deref() == Some("false")
                && el.attr("data-matrix").await?.as_deref() == Some("false");
            if ok {
                return Ok(el.attr("data-id").await?);
            }
        }
        Ok(None)
    })
    .await?;
    let comment_css = format!("[data-testid=inbox-comment][data-id='{liked_id}']");
    let before: i64 = client
        .find(Locator::Css(&format!("{comment_css} [data-testid=inbox-likes]")))
        .await?
        .attr("data-count")
        .await?
        .unwrap_or_default()
        .parse()?;
    click(&client, &format!("{comment_css} [data-testid=inbox-like-comment]")).await?;
    eventually("the comment liked, one more like", WAIT, || async {
        let row = client.find(Locator::Css(&comment_css)).await?;
        let count = row
            .find(Locator::Css("[data-testid=inbox-likes]"))
            .await?
            .attr("data-count")
            .await?;
        Ok((row.attr("data-liked").await?.as_deref() == Some("true")
            && count.as_deref() == Some((before + 1).to_string().as_str()))
        .then_some(()))
    })
    .await?;
    let work_id: String =
        app_db(&app_data)?.query_row("SELECT work_id FROM comment WHERE id = ?1", [&liked_id], |r| r.get(0))?;
    eventually("the platform's comment liked by the account", SYNCED, || async {
        let comments = platform.comments(&work_id).await?;
        Ok(comments
            .iter()
            .any(|c| c.id == liked_id && c.liked_by.contains(&account))
            .then_some(()))
    })
    .await?;
    eventually("the like synced", SYNCED, || async {
        let row = client.find(Locator::Css(&comment_css)).await?;
        Ok((row.attr("data-like-pending").await?.as_deref() == Some("false")
            && row.attr("data-liked").await?.as_deref() == Some("true"))
        .then_some(()))
    })
    .await?;

    // A comment on the work itself, as its account.
    click(&client, &format!("{comment_css} [data-testid=inbox-comment-work]")).await?;
    let words = "新品已上架，欢迎来店里试吃~";
    client
        .wait()
        .at_most(WAIT)
        .for_element(Locator::Css(&format!(
            "{comment_css} [data-testid=inbox-work-comment-text]"
        )))
        .await?
        .send_keys(words)
        .await?;
    screenshot(&client, "inbox-like-zh.png").await?;
    click(&client, &format!("{comment_css} [data-testid=inbox-work-comment-send]")).await?;
    client
        .wait()
        .at_most(WAIT)
        .for_element(Locator::Css(&format!(
            "{comment_css} [data-testid=inbox-work-comment-queued]"
        )))
        .await
        .context("the comment queued")?;
    eventually("the comment on the platform, as the account", SYNCED, || async {
        let comments = platform.comments(&work_id).await?;
        Ok(comments
            .iter()
            .any(|c| {
                c.text == words && c.author_account_id.as_deref() == Some(account.as_str()) && c.parent_id.is_none()
            })
            .then_some(()))
    })
    .await?;

    // An account without the interact permission: the like is disabled, and the row says why.
    let silent: Option<String> = app_db(&app_data)?
        .query_row(
            "SELECT a.id FROM matrix_account a \
             LEFT JOIN account_grant g ON g.account_id = a.id AND g.scope = 'interact' \
             WHERE COALESCE(g.state, 'none') <> 'granted' AND EXISTS \
             (SELECT 1 FROM comment c JOIN work w ON w.id = c.work_id WHERE w.account_id = a.id AND w.deleted = 0) \
             ORDER BY a.id LIMIT 1",
            [],
            |r| r.get(0),
        )
        .optional()?;
    let silent = silent.ok_or_else(|| anyhow!("the demo has comments on an account without interact"))?;
    select(&client, "[data-testid=inbox-filter-account]", &silent).await?;
    let row = eventually("a comment that cannot be acted on", WAIT, || async {
        let rows = client.find_all(Locator::Css("[data-testid=inbox-comment]")).await?;
        match rows.first() {
            Some(r) if r.attr("data-can-reply").await?.as_deref() == Some("false") => Ok(Some(r.clone())),
            _ => Ok(None),
        }
    })
    .await?;
    let like = row.find(Locator::Css("[data-testid=inbox-like-comment]")).await?;
    assert!(!like.is_enabled().await?, "no like without the interact permission");
    let why = row
        .find(Locator::Css("[data-testid=inbox-no-permission]"))
        .await?
        .text()
        .await?;
    assert!(why.contains("代理互动"), "the reason is shown: {why}");
    assert!(
        row.find_all(Locator::Css("[data-testid=inbox-comment-work]"))
            .await?
            .is_empty(),
        "no comment box either"
    );

    // English: the dry run speaks it.
    set_language(&client, "en", "Settings").await?;
    click(&client, "[data-testid=nav-works]").await?;
    let shown = settled_rows(&client, "the works in English", &ids).await?;
    let private: Vec<String> = shown
        .iter()
        .filter(|r| r.privacy == "private")
        .take(3)
        .map(|r| r.id.clone())
        .collect();
    let mut mixed = private.clone();
    mixed.extend(
        shown
            .iter()
            .filter(|r| r.privacy == "public")
            .take(1)
            .map(|r| r.id.clone()),
    );
    pick(&client, &mixed).await?;
    let dry = bulk(&client, "make_public").await?;
    assert_eq!(
        dry.iter().filter(|(_, v, _)| v == "send").count(),
        private.len(),
        "{dry:?}"
    );
    let confirm = text_of(&client, "[data-testid=work-change-apply]").await?;
    assert_eq!(confirm, format!("Apply to {} works", private.len()));
    let skipped = text_of(&client, "[data-testid=work-change-row][data-verdict=unchanged]").await?;
    assert!(skipped.contains("Already public: skipped"), "{skipped}");
    screenshot(&client, "work-actions-en.png").await?;
    cancel(&client).await?;
    click(&client, "[data-testid=works-bulk-clear]").await?;
    Ok(())
}
