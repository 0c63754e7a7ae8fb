//! The data side at merchant scale L: 1,000 accounts, 100,000 works, 90 days of daily numbers,
//! synced from the simulator over loopback HTTP into a real database file, then read the way
//! the Works screen, the search box and the dashboard read it. Every figure is a ratio to a
//! baseline measured in the same run. Run with
//! `cargo bench -p mdesk-tests --bench works_l` (about 5 minutes); the table is printed and
//! written to `target/bench/works_l.md` (docs/benchmarks.md records a run). The simulator's feed
//! is interleaved (each work followed by its numbers and comments, the newest works anywhere);
//! `MDESK_FEED_ORDER=works-first` runs it with every work first.

mod search;

use std::path::Path;
use std::sync::Arc;
use std::time::{Duration, Instant};

use mdesk_core::session::{self, Platform};
use mdesk_core::store::rollup;
use mdesk_core::sync::pull;
use mdesk_core::{accounts, dashboard, works, MemorySecretStore, PlatformClient, Secret, Store};
use mdesk_ipc::{DashboardQuery, Metric, Period, Tag, WorksQuery};
use platform_sim::{FeedOrder, RunningSim, Seed, SimConfig};
use rusqlite::Connection;

type Result<T> = std::result::Result<T, Box<dyn std::error::Error>>;

/// Median wall time of `runs` calls, and what the last call answered.
fn median<T>(runs: usize, mut f: impl FnMut() -> Result<T>) -> Result<(Duration, T)> {
    let mut times = Vec::with_capacity(runs);
    let mut last = None;
    for _ in 0..runs {
        let started = Instant::now();
        last = Some(f()?);
        times.push(started.elapsed());
    }
    times.sort();
    Ok((times[runs / 2], last.ok_or("no runs")?))
}

fn ratio(t: Duration, base: Duration) -> f64 {
    t.as_secs_f64() / base.as_secs_f64().max(1e-9)
}

fn page_query() -> WorksQuery {
    WorksQuery {
        tag: Some(Tag::Store),
        sort: Some(Metric::Views),
        period: Period::Last { days: 30 },
        limit: 50,
        ..WorksQuery::default()
    }
}

/// The first page of the Works screen as it opens: newest first.
fn first_page(store: &Store) -> Result<Vec<String>> {
    Ok(works::list(
        store,
        &WorksQuery {
            limit: 50,
            ..WorksQuery::default()
        },
    )?
    .rows
    .into_iter()
    .map(|w| w.id)
    .collect())
}

/// Copies the synced rows into a fresh file with the app's own tables, their indexes and the
/// search index (its table, keys and triggers), in one transaction with prepared statements:
/// what SQLite needs to store the same rows the way the app keeps them, with nothing of sync's
/// own work (HTTP, JSON, upserts, rollups, history).
fn raw_insert(from: &Path, to: &Path) -> Result<(Duration, usize)> {
    let src = Connection::open(from)?;
    let tables = ["matrix_account", "work", "work_metric_daily", "comment"];
    let mut data: Vec<(String, Vec<Vec<rusqlite::types::Value>>)> = Vec::new();
    for t in tables {
        let mut stmt = src.prepare(&format!("SELECT * FROM {t}"))?;
        let cols = stmt.column_count();
        let rows = stmt
            .query_map([], |r| {
                (0..cols).map(|i| r.get::<_, rusqlite::types::Value>(i)).collect()
            })?
            .collect::<std::result::Result<Vec<Vec<_>>, _>>()?;
        data.push((t.to_owned(), rows));
    }
    let mut dst = Connection::open(to)?;
    mdesk_core::store::grams::register(&dst)?;
    dst.execute_batch("PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA cache_size = -32768;")?;
    let schema: Vec<String> = src
        .prepare(
            "SELECT sql FROM sqlite_master WHERE sql IS NOT NULL AND ((type IN ('table', 'index') AND tbl_name IN \
             ('matrix_account', 'work', 'work_metric_daily', 'comment', 'work_search_key', 'sync_state')) \
             OR name IN ('work_gram', 'work_gram_ai')) \
             ORDER BY CASE type WHEN 'table' THEN 0 WHEN 'index' THEN 1 ELSE 2 END, rowid",
        )?
        .query_map([], |r| r.get(0))?
        .collect::<std::result::Result<_, _>>()?;
    for sql in &schema {
        if !sql.starts_with("CREATE TABLE work_gram_") {
            dst.execute_batch(sql)?;
        }
    }
    let started = Instant::now();
    let tx = dst.transaction()?;
    let mut n = 0;
    for (t, rows) in &data {
        let Some(width) = rows.first().map(Vec::len) else {
            continue;
        };
        let marks = vec!["?"; width].join(", ");
        let mut insert = tx.prepare(&format!("INSERT INTO {t} VALUES ({marks})"))?;
        for row in rows {
            insert.execute(rusqlite::params_from_iter(row.iter()))?;
            n += 1;
        }
    }
    tx.commit()?;
    Ok((started.elapsed(), n))
}

fn file_mb(path: &Path) -> f64 {
    std::fs::metadata(path).map(|m| m.len() as f64 / 1e6).unwrap_or(0.0)
}

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() -> Result<()> {
    let dir = tempfile::tempdir()?;
    let db = dir.path().join("l.sqlite3");
    let seeded = Instant::now();
    let feed_order = match std::env::var("MDESK_FEED_ORDER").as_deref() {
        Ok("works-first") => FeedOrder::WorksFirst,
        _ => FeedOrder::Interleaved,
    };
    let sim = RunningSim::start(SimConfig {
        seed: Seed::L,
        feed_order,
        ..SimConfig::default()
    })
    .await?;
    eprintln!("simulator seeded L in {:.1?}", seeded.elapsed());

    let store = Arc::new(Store::open(&db)?);
    let secrets = MemorySecretStore::default();
    let platform = Platform::remote(&sim.url())?;
    let session = session::sign_in(&store, &secrets, &platform, "demo", &Secret::new("demo123")).await?;
    let client = PlatformClient::new(&sim.url())?;
    // `MDESK_BENCH_ONLY=feed`: only download the whole feed, writing nothing (what the platform
    // and HTTP cost); `=sync`: stop after the first download.
    let only = std::env::var("MDESK_BENCH_ONLY").unwrap_or_default();
    if only == "feed" {
        let access = session::access_token(&client, &secrets, &session).await?;
        let started = Instant::now();
        let (mut cursor, mut changes) = (0, 0usize);
        loop {
            let page = client.changes(&access, cursor, mdesk_core::sync::PAGE_SIZE).await?;
            changes += page.changes.len();
            cursor = page.next_cursor;
            if !page.has_more {
                break;
            }
        }
        eprintln!(
            "downloaded {changes} changes without writing them in {:.1?}",
            started.elapsed()
        );
        return Ok(());
    }

    // Initial sync, watching the first screen as the staff member would see it.
    let started = Instant::now();
    let mut snapshots: Vec<(Duration, usize, Vec<String>)> = Vec::new();
    let mut last_look = Instant::now();
    let report = pull(&store, &client, &secrets, &session, |_| {
        if last_look.elapsed() >= Duration::from_millis(500) {
            last_look = Instant::now();
            let accounts = accounts::list(&store).map(|a| a.len()).unwrap_or(0);
            let page = first_page(&store).unwrap_or_default();
            snapshots.push((started.elapsed(), accounts, page));
        }
    })
    .await?;
    let synced = started.elapsed();
    let final_page = first_page(&store)?;
    let final_accounts = accounts::list(&store)?.len();
    // Usable: from this moment on, the Accounts screen and the first Works page were final.
    let mut usable = synced;
    for (at, accounts, page) in snapshots.iter().rev() {
        if *accounts == final_accounts && *page == final_page {
            usable = *at;
        } else {
            break;
        }
    }
    eprintln!(
        "synced {} changes in {synced:.1?}; first screen final at {usable:.1?}",
        report.changes
    );
    if only == "sync" {
        return Ok(());
    }

    let raw = Connection::open(&db)?;
    // The same page cache as the app's store, so the bare queries are a fair baseline.
    raw.execute_batch("PRAGMA wal_checkpoint(TRUNCATE); PRAGMA cache_size = -32768;")?;
    let db_mb = file_mb(&db);
    let (raw_ingest, raw_rows) = raw_insert(&db, &dir.path().join("raw.sqlite3"))?;
    let works_count: i64 = raw.query_row("SELECT COUNT(*) FROM work", [], |r| r.get(0))?;
    let metric_rows: i64 = raw.query_row("SELECT COUNT(*) FROM work_metric_daily", [], |r| r.get(0))?;
    assert!(
        store.read(rollup::fresh_through)?.is_some(),
        "the rollup is built after the pull"
    );

    let runs = 101;
    let mut table = String::new();
    table += &format!(
        "Seed L: {final_accounts} accounts, {works_count} works, {metric_rows} daily rows ({} changes, feed {feed_order:?}).\n\n",
        report.changes
    );
    table += "| what | median | ratio |\n|---|---|---|\n";

    // Works page: 50 rows, one filter, sorted by a 30-day metric.
    let merchant = session.merchant_id.clone();
    let (bare, bare_rows) = median(runs, || {
        let mut stmt = raw.prepare_cached(
            "SELECT w.id, w.account_id, a.guangguang_id, a.nickname, a.tag, w.kind, w.title, w.review_status, \
             w.review_reason, w.inclusion_status, w.topic, w.topic_status, w.privacy, w.pinned, w.published_at, \
             w.scheduled_at, w.like_count, w.comment_count, t.exposure, t.views, t.interactions, t.shop_traffic, \
             t.orders, t.amount_cents FROM work_period_total t JOIN work w ON w.id = t.work_id \
             JOIN matrix_account a ON a.id = w.account_id WHERE t.days = 30 AND a.tag = 'store' \
             AND w.deleted = 0 AND a.merchant_id = ?1 ORDER BY t.views DESC, t.work_id DESC LIMIT 50",
        )?;
        let rows = stmt
            .query_map([&merchant], |r| {
                (0..24)
                    .map(|i| r.get::<_, rusqlite::types::Value>(i))
                    .collect::<rusqlite::Result<Vec<_>>>()
            })?
            .collect::<std::result::Result<Vec<_>, _>>()?;
        Ok(rows.into_iter().map(|r| format!("{:?}", r[0])).collect::<Vec<_>>())
    })?;
    let q = page_query();
    // The screen's own path: `works::list` (the period, the rows, covers, the outbox overlay).
    let (page_t, ids) = median(runs, || {
        Ok(works::list(&store, &q)?
            .rows
            .into_iter()
            .map(|w| format!("{:?}", rusqlite::types::Value::Text(w.id)))
            .collect::<Vec<_>>())
    })?;
    assert_eq!(ids, bare_rows, "the page and the bare query return the same works");
    table += &format!(
        "| Works page through `works::list`: 50 rows, type = store, sorted by 30-day views | {page_t:.2?} | {:.1}× the bare SQL query for the same rows ({bare:.2?}) |\n",
        ratio(page_t, bare)
    );
    let (counted, total) = median(runs, || Ok(works::count(&store, &q)?))?;
    table += &format!(
        "| Count of all works of that filter ({total}), asked once per filter change | {counted:.2?} | {:.1}× |\n",
        ratio(counted, bare)
    );
    let (newest, _) = median(runs, || Ok(first_page(&store)?.len()))?;
    table += &format!(
        "| Works screen as it opens: newest 50 of all 100,000 | {newest:.2?} | {:.1}× |\n",
        ratio(newest, bare)
    );

    // Search for any query.
    let searched = Instant::now();
    table += &search::bench(&store, &raw, &merchant)?;
    eprintln!("search queries checked in {:.1?}", searched.elapsed());

    // Dashboard against the best query without a rollup: the same answers (totals of this and
    // the previous period, the daily trend, the leaderboard of accounts, the top works) summed
    // from the daily rows alone, in the raw copy with a covering index on the day added for it.
    let dq = DashboardQuery {
        period: Period::Last { days: 30 },
        ..DashboardQuery::default()
    };
    let (board_t, board) = median(runs, || Ok(dashboard::dashboard(&store, &dq)?))?;
    let bare_db = Connection::open(dir.path().join("raw.sqlite3"))?;
    bare_db.execute_batch(
        "PRAGMA cache_size = -32768;
         CREATE INDEX m_day ON work_metric_daily(date, work_id, exposure, views, interactions, shop_traffic, orders, amount_cents);
         ANALYZE;",
    )?;
    let (raw_sum, raw_views) = median(5, || {
        let mut views = 0i64;
        let mut trend = bare_db.prepare_cached(
            "SELECT date, SUM(exposure), SUM(views), SUM(interactions), SUM(shop_traffic), SUM(orders), \
             SUM(amount_cents) FROM work_metric_daily WHERE date >= ?1 AND date <= ?2 GROUP BY date",
        )?;
        for row in trend.query_map([&board.previous.from, &board.period.to], |r| {
            Ok((r.get::<_, String>(0)?, r.get::<_, i64>(2)?))
        })? {
            let (day, v) = row?;
            if day >= board.period.from {
                views += v;
            }
        }
        let mut leaders = bare_db.prepare_cached(
            "SELECT w.account_id, SUM(m.exposure), SUM(m.views), SUM(m.interactions), SUM(m.shop_traffic), \
             SUM(m.orders), SUM(m.amount_cents) FROM work_metric_daily m JOIN work w ON w.id = m.work_id \
             WHERE m.date >= ?1 AND m.date <= ?2 GROUP BY w.account_id",
        )?;
        let n = leaders
            .query_map([&board.period.from, &board.period.to], |r| r.get::<_, i64>(2))?
            .count();
        let mut top = bare_db.prepare_cached(
            "SELECT work_id, SUM(views) FROM work_metric_daily WHERE date >= ?1 AND date <= ?2 \
             GROUP BY work_id ORDER BY 2 DESC LIMIT 10",
        )?;
        let t = top
            .query_map([&board.period.from, &board.period.to], |r| r.get::<_, i64>(1))?
            .count();
        assert!(n > 0 && t > 0);
        Ok(views)
    })?;
    assert_eq!(
        raw_views, board.totals.views,
        "the dashboard equals the sum of the daily rows"
    );
    table += &format!(
        "| Dashboard, 30 days: totals, previous period, trend, leaderboard of {} accounts, top works | {board_t:.2?} | {:.0}× faster than the same answers from the daily rows alone, with a covering index on the day ({raw_sum:.0?}) |\n",
        board.leaderboard.len(),
        1.0 / ratio(board_t, raw_sum)
    );
    // What the rollups cost to keep: built once at the end of the first download, then kept
    // page by page.
    let through = store.read(rollup::newest_day)?.ok_or("no daily numbers")?;
    let (rebuild_t, _) = median(3, || Ok(store.write(|tx| rollup::rebuild(tx, &through))?))?;
    table += &format!(
        "| … upkeep: building every rollup at the end of the first download | {rebuild_t:.1?} | {:.1}% of the first download |\n",
        100.0 * ratio(rebuild_t, synced)
    );

    // The store's health at idle: the whole-file check after the first screen (once a run),
    // against SQLite's full integrity check of the same file; the daily backup of the desk's own data.
    let (check_t, sound) = median(3, || Ok(store.quick_check()?))?;
    assert!(sound, "the L database is sound");
    let (integrity_t, _) = median(3, || {
        Ok(raw.query_row("PRAGMA integrity_check", [], |r| r.get::<_, String>(0))?)
    })?;
    table += &format!(
        "| `quick_check` of the whole L file at idle (once a run, off the UI's lock) | {check_t:.0?} | {:.2}× a full `integrity_check` ({integrity_t:.0?}) |\n",
        ratio(check_t, integrity_t)
    );
    let (backup_t, backup) = median(3, || Ok(mdesk_core::store::backup::take(&db, chrono::Utc::now())?))?;
    table += &format!(
        "| Daily backup of the desk's own data (outbox, drafts, audit, settings) | {backup_t:.0?} | {:.2} MB file, {:.3}× the database |\n",
        file_mb(&backup),
        file_mb(&backup) / db_mb.max(1e-9)
    );

    // A day passes on the platform; the next pull brings its numbers and keeps the rollups.
    reqwest::Client::new()
        .post(format!("{}/sim/admin/tick", sim.url()))
        .json(&serde_json::json!({"days": 1}))
        .send()
        .await?
        .error_for_status()?;
    let started = Instant::now();
    let next = pull(&store, &client, &secrets, &session, |_| {}).await?;
    let next_t = started.elapsed();
    table += &format!(
        "| … upkeep: the next day's pull ({} changes, rollups kept page by page) | {next_t:.1?} | {:.0} µs per change |\n",
        next.changes,
        next_t.as_secs_f64() * 1e6 / next.changes.max(1) as f64
    );
    table += &format!(
        "| Search index (`work_gram` and its keys) | {:.0} MB | {:.0}% of the database file |\n",
        search::index_size_mb(&raw)?,
        100.0 * search::index_size_mb(&raw)? / db_mb.max(1e-9)
    );

    // Ingest and size.
    table += &format!(
        "| Initial sync of L over loopback (release) | {synced:.1?} | ingest at {:.0}% of a raw insert of the same {raw_rows} rows into the app's tables, indexes and search index ({raw_ingest:.1?}) |\n",
        100.0 * ratio(raw_ingest, synced)
    );
    table += &format!(
        "| … the Accounts screen and the first Works page final (usable) | {usable:.1?} | {:.0}% of the sync |\n",
        100.0 * ratio(usable, synced)
    );
    table += &format!(
        "| Database file for L | {db_mb:.0} MB | {:.2}× the raw copy ({:.0} MB) |\n",
        db_mb / file_mb(&dir.path().join("raw.sqlite3")).max(1e-9),
        file_mb(&dir.path().join("raw.sqlite3"))
    );
    println!("{table}");
    let out = Path::new(env!("CARGO_MANIFEST_DIR")).join("../target/bench");
    std::fs::create_dir_all(&out)?;
    std::fs::write(out.join("works_l.md"), &table)?;
    // The last run, kept with the sources (docs/benchmarks.md gives the context).
    let kept = Path::new(env!("CARGO_MANIFEST_DIR")).join("benches/results/works_l.md");
    std::fs::write(
        kept,
        format!(
            "Last run: {}\n\n{table}",
            chrono::Utc::now().format("%Y-%m-%d %H:%M UTC")
        ),
    )?;
    Ok(())
}
