//! The data side in the real window, in both languages, online and then offline: the Works
//! list with a filter, a Chinese search and a sort by a metric; a work's chart and comments;
//! the dashboard's totals against the platform's own; exports read back; covers offline.

use std::path::Path;
use std::time::Duration;

use anyhow::{anyhow, Context, Result};
use fantoccini::{Client, Locator};
use mdesk_tests::eventually;
use mdesk_tests::window::{click, screenshot, set_language, sign_in, text_of, Display, Driver, WAIT};
use platform_sim::{RunningSim, Seed, SimConfig};
use rusqlite::{Connection, OpenFlags};
use serde_json::Value;

const METRICS: [(&str, &str); 6] = [
    ("exposure", "exposure"),
    ("views", "views"),
    ("interactions", "interactions"),
    ("shop_traffic", "shop_traffic"),
    ("orders", "orders"),
    ("amount", "amount_cents"),
];

/// The app's database, read-only beside the running app (for choosing what to look at).
fn app_db(dir: &Path) -> Result<Connection> {
    Ok(Connection::open_with_flags(
        dir.join("matrix-desk.sqlite3"),
        OpenFlags::SQLITE_OPEN_READ_ONLY,
    )?)
}

async fn attrs(client: &Client, css: &str, attr: &str) -> Result<Vec<String>> {
    let mut out = Vec::new();
    for el in client.find_all(Locator::Css(css)).await? {
        out.push(el.attr(attr).await?.unwrap_or_default());
    }
    Ok(out)
}

/// Scrolls the element matching `css` into view (for a screenshot of the lower part of a page).
async fn scroll_to(client: &Client, css: &str) -> Result<()> {
    client
        .execute(
            "document.querySelector(arguments[0]).scrollIntoView({block: 'start'});",
            vec![Value::String(css.to_owned())],
        )
        .await?;
    tokio::time::sleep(Duration::from_millis(300)).await;
    Ok(())
}

async fn select(client: &Client, css: &str, value: &str) -> Result<()> {
    client
        .wait()
        .at_most(WAIT)
        .for_element(Locator::Css(css))
        .await
        .with_context(|| format!("waiting for {css}"))?
        .select_by_value(value)
        .await?;
    Ok(())
}

/// The rows' ids once the list has settled on something that satisfies `ok`.
async fn rows_when(client: &Client, what: &str, ok: impl Fn(&[String]) -> bool) -> Result<Vec<String>> {
    eventually(what, WAIT, || async {
        let ids = attrs(client, "[data-testid=works-row]", "data-id").await?;
        Ok(ok(&ids).then_some(ids))
    })
    .await
}

/// The dashboard's six totals as the KPI cards carry them.
async fn dashboard_totals(client: &Client) -> Result<Vec<i64>> {
    let mut out = Vec::new();
    for (m, _) in METRICS {
        let el = client
            .wait()
            .at_most(WAIT)
            .for_element(Locator::Css(&format!("[data-testid=dash-total-{m}]")))
            .await?;
        let v = el
            .attr("data-value")
            .await?
            .ok_or_else(|| anyhow!("{m} has no value"))?;
        out.push(v.parse()?);
    }
    Ok(out)
}

async fn platform_totals(url: &str, from: &str, to: &str) -> Result<Vec<i64>> {
    let all: Value = reqwest::get(format!("{url}/sim/admin/totals?from={from}&to={to}"))
        .await?
        .json()
        .await?;
    let demo = all
        .as_array()
        .and_then(|a| a.iter().find(|m| m["merchant_id"] == "m-demo"))
        .ok_or_else(|| anyhow!("no demo merchant in {all}"))?;
    METRICS
        .iter()
        .map(|(_, key)| demo[key].as_i64().ok_or_else(|| anyhow!("no {key}")))
        .collect()
}

/// Clicks an export button and answers the written file once the bar says it is done.
async fn export(client: &Client, button: &str) -> Result<String> {
    let before = attrs(client, "[data-testid=export-done]", "data-path").await?;
    click(client, button).await?;
    eventually("the export to finish", Duration::from_secs(60), || async {
        let paths = attrs(client, "[data-testid=export-done]", "data-path").await?;
        Ok(paths.into_iter().find(|p| !p.is_empty() && !before.contains(p)))
    })
    .await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn works_detail_dashboard_and_exports_online_then_offline() -> Result<()> {
    let data = tempfile::tempdir()?;
    let sim = RunningSim::start(SimConfig {
        seed: Seed::Demo,
        seed_value: 31,
        ..SimConfig::default()
    })
    .await?;
    let url = sim.url();
    let display = Display::start()?;
    let app_data = data.path().join("app");
    let exports = data.path().join("exports");
    let env = [
        ("MDESK_DATA_DIR", app_data.to_string_lossy().into_owned()),
        ("MDESK_PLATFORM_URL", url.clone()),
        ("MDESK_EXPORT_DIR", exports.to_string_lossy().into_owned()),
    ];
    let driver = Driver::start(&display, &env).await?;
    let client = driver.launch().await?;
    sign_in(&client, "demo", "demo123").await?;
    client
        .wait()
        .at_most(WAIT)
        .for_element(Locator::Css("[data-testid=account-row]"))
        .await?;

    // Works: every work of the matrix, newest first, a page at a time, covers cached.
    click(&client, "[data-testid=nav-works]").await?;
    let all: Value = reqwest::get(format!("{url}/sim/admin/totals")).await?.json().await?;
    let works = all
        .as_array()
        .and_then(|a| a.iter().find(|m| m["merchant_id"] == "m-demo"))
        .and_then(|m| m["works"].as_i64())
        .ok_or_else(|| anyhow!("no works count"))?;
    eventually("the count of all works", WAIT, || async {
        let text = text_of(&client, "[data-testid=works-total]").await?;
        Ok(text.replace(',', "").contains(&works.to_string()).then_some(()))
    })
    .await?;
    rows_when(&client, "a full first page", |ids| ids.len() == 50).await?;
    eventually("covers from the local cache", WAIT, || async {
        let srcs = attrs(&client, "[data-testid=work-cover]", "src").await?;
        Ok((srcs.len() == 50 && srcs.iter().all(|s| s.starts_with("data:image/png"))).then_some(()))
    })
    .await?;
    screenshot(&client, "works-zh.png").await?;

    // A filter: only rejected works, each showing why.
    select(&client, "[data-testid=works-filter-review]", "rejected").await?;
    eventually("only rejected works", WAIT, || async {
        let states = attrs(&client, "[data-testid=works-row]", "data-review").await?;
        let reasons = client
            .find_all(Locator::Css("[data-testid=work-review-reason]"))
            .await?;
        Ok(
            (!states.is_empty() && states.iter().all(|s| s == "rejected") && reasons.len() == states.len())
                .then_some(()),
        )
    })
    .await?;
    click(&client, "[data-testid=works-clear]").await?;
    rows_when(&client, "the filter cleared", |ids| ids.len() == 50).await?;

    // A search in Chinese: every title found holds it, highlighted.
    let search = client
        .wait()
        .at_most(WAIT)
        .for_element(Locator::Css("[data-testid=works-search]"))
        .await?;
    search.send_keys("开箱").await?;
    eventually("titles with 开箱, marked", WAIT, || async {
        let titles = client.find_all(Locator::Css("[data-testid=work-title]")).await?;
        let marks = client.find_all(Locator::Css("[data-testid=work-title] mark")).await?;
        let mut all_match = !titles.is_empty() && titles.len() < 50;
        for t in &titles {
            all_match &= t.text().await?.contains("开箱");
        }
        Ok((all_match && marks.len() >= titles.len()).then_some(()))
    })
    .await?;
    screenshot(&client, "works-search-zh.png").await?;
    click(&client, "[data-testid=works-clear]").await?;

    // Sorted by a metric: largest first.
    select(&client, "[data-testid=works-sort]", "views").await?;
    eventually("rows in order of views", WAIT, || async {
        let views = attrs(&client, "[data-testid=works-row] td[data-metric=views]", "data-value").await?;
        let n: Vec<i64> = views.iter().filter_map(|v| v.parse().ok()).collect();
        Ok((n.len() == 50 && n.windows(2).all(|w| w[0] >= w[1]) && n[0] > n[49]).then_some(()))
    })
    .await?;
    select(&client, "[data-testid=works-sort]", "").await?;

    // A work with comments, among the newest: its chart and its threads.
    let (work_id, comments): (String, i64) = app_db(&app_data)?.query_row(
        "SELECT w.id, (SELECT COUNT(*) FROM comment c WHERE c.work_id = w.id) AS n FROM \
         (SELECT id FROM work WHERE deleted = 0 ORDER BY COALESCE(published_at, scheduled_at) DESC, id DESC LIMIT 50) w \
         ORDER BY n DESC LIMIT 1",
        [],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    assert!(comments > 0, "the demo's newest works have comments");
    rows_when(&client, "the newest works again", |ids| ids.contains(&work_id)).await?;
    click(
        &client,
        &format!("[data-testid=works-row][data-id={work_id}] [data-testid=work-title]"),
    )
    .await?;
    client
        .wait()
        .at_most(WAIT)
        .for_element(Locator::Css("[data-testid=work-chart] canvas"))
        .await
        .context("the daily chart draws")?;
    eventually("every comment and reply", WAIT, || async {
        let shown = client.find_all(Locator::Css("[data-testid=comment]")).await?.len() as i64;
        Ok((shown == comments).then_some(()))
    })
    .await?;
    let history = client.find_all(Locator::Css("[data-testid=work-history-item]")).await?;
    assert!(!history.is_empty(), "the status history starts with the submission");
    screenshot(&client, "work-detail-zh.png").await?;
    scroll_to(&client, "[data-testid=work-history]").await?;
    screenshot(&client, "work-detail-comments-zh.png").await?;
    click(&client, "[data-testid=work-detail-back]").await?;

    // Dashboard: the totals are the platform's for the same days.
    click(&client, "[data-testid=nav-dashboard]").await?;
    select(&client, "[data-testid=dash-period]", "7").await?;
    let through: String =
        app_db(&app_data)?.query_row("SELECT MAX(date) FROM account_metric_daily", [], |r| r.get(0))?;
    let to = chrono::NaiveDate::parse_from_str(&through, "%Y-%m-%d")?;
    let from = (to - chrono::Duration::days(6)).format("%Y-%m-%d").to_string();
    let expected = platform_totals(&url, &from, &through).await?;
    eventually("the 7-day totals", WAIT, || async {
        Ok((dashboard_totals(&client).await? == expected).then_some(()))
    })
    .await?;
    client
        .wait()
        .at_most(WAIT)
        .for_element(Locator::Css("[data-testid=dash-trend-chart] canvas"))
        .await?;
    screenshot(&client, "dashboard-zh.png").await?;
    scroll_to(&client, "[data-testid=dash-leaderboard-card]").await?;
    screenshot(&client, "dashboard-leaderboard-zh.png").await?;

    // Exports, read back: the workbook's totals and the works CSV's rows.
    let xlsx = export(&client, "[data-testid=dash-export-xlsx]").await?;
    {
        use calamine::{open_workbook, Data, Reader, Xlsx};
        let mut book: Xlsx<_> = open_workbook(&xlsx)?;
        let names = book.sheet_names().to_owned();
        assert_eq!(names.first().map(String::as_str), Some("汇总"), "Chinese sheet names");
        let sheet = book.worksheet_range(&names[0])?;
        let column: Vec<f64> = sheet
            .rows()
            .skip(1)
            .take(6)
            .map(|r| match r.get(1) {
                Some(Data::Float(f)) => *f,
                Some(Data::Int(i)) => *i as f64,
                other => panic!("a number, not {other:?}"),
            })
            .collect();
        let mut want: Vec<f64> = expected.iter().map(|v| *v as f64).collect();
        want[5] /= 100.0;
        assert_eq!(column, want, "numbers as numbers, the amount in yuan");
    }
    click(&client, "[data-testid=nav-works]").await?;
    rows_when(&client, "the works list", |ids| ids.len() == 50).await?;
    let csv = export(&client, "[data-testid=works-export-csv]").await?;
    let text = std::fs::read_to_string(&csv)?;
    let mut lines = text.trim_start_matches('\u{feff}').lines();
    assert!(lines.next().is_some_and(|h| h.contains("标题")), "Chinese headers");
    assert_eq!(lines.count() as i64, works, "every work, not just the page");

    // English.
    set_language(&client, "en", "Settings").await?;
    click(&client, "[data-testid=nav-works]").await?;
    rows_when(&client, "the works list in English", |ids| ids.len() == 50).await?;
    screenshot(&client, "works-en.png").await?;
    click(
        &client,
        &format!("[data-testid=works-row][data-id={work_id}] [data-testid=work-title]"),
    )
    .await?;
    client
        .wait()
        .at_most(WAIT)
        .for_element(Locator::Css("[data-testid=work-chart] canvas"))
        .await?;
    screenshot(&client, "work-detail-en.png").await?;
    click(&client, "[data-testid=nav-dashboard]").await?;
    dashboard_totals(&client).await?;
    client
        .wait()
        .at_most(WAIT)
        .for_element(Locator::Css("[data-testid=dash-trend-chart] canvas"))
        .await?;
    screenshot(&client, "dashboard-en.png").await?;
    scroll_to(&client, "[data-testid=dash-top-works-card]").await?;
    screenshot(&client, "dashboard-top-works-en.png").await?;
    let online = dashboard_totals(&client).await?;

    // Offline: the platform is gone and the app starts again; everything is still there.
    client.close().await?;
    sim.stop().await;
    let client = driver.launch().await?;
    click(&client, "[data-testid=nav-works]").await?;
    rows_when(&client, "works offline", |ids| ids.len() == 50).await?;
    let srcs = attrs(&client, "[data-testid=work-cover]", "src").await?;
    assert!(
        srcs.len() == 50 && srcs.iter().all(|s| s.starts_with("data:image/png")),
        "covers offline"
    );
    screenshot(&client, "works-offline-en.png").await?;
    click(&client, "[data-testid=nav-dashboard]").await?;
    select(&client, "[data-testid=dash-period]", "7").await?;
    eventually("the same totals offline", WAIT, || async {
        Ok((dashboard_totals(&client).await? == online).then_some(()))
    })
    .await?;
    client.close().await?;
    Ok(())
}
