//! A damaged database in the real window: found by the check at idle after the first screen,
//! repaired with the desk's own data saved, and told above every screen in both languages
//! until dismissed.

use std::sync::Arc;

use anyhow::Result;
use fantoccini::Locator;
use mdesk_core::outbox::kinds;
use mdesk_core::outbox::{self, Backoff, Intention};
use mdesk_core::session::Platform;
use mdesk_core::store::damage::inject::noise_over;
use mdesk_core::{MemorySecretStore, PlatformClient, Secret, Store};
use mdesk_tests::window::{click, screenshot, set_language, text_of, wait_gone, Display, Driver, WAIT};
use platform_sim::{RunningSim, Seed, SimConfig};

/// A synced desk with three actions queued (not delivered), then a dozen pages of its daily
/// numbers turned to noise while the app was closed.
async fn damaged_desk(sim: &RunningSim, app_dir: &std::path::Path) -> Result<()> {
    std::fs::create_dir_all(app_dir)?;
    let db = app_dir.join("matrix-desk.sqlite3");
    {
        let store = Store::open(&db)?;
        let secrets = Arc::new(MemorySecretStore::default());
        let platform = Platform::remote(&sim.url())?;
        let session =
            mdesk_core::session::sign_in(&store, secrets.as_ref(), &platform, "demo", &Secret::new("demo123")).await?;
        let client = PlatformClient::new(&sim.url())?;
        mdesk_core::sync::sync_once(&store, &client, secrets.as_ref(), &session, Backoff::default(), |_| {}).await?;
        let publishers = mdesk_tests::publishers(&store);
        for i in 0..3 {
            let intention = Intention::SetShopCard(kinds::SetShopCard {
                account_id: publishers[i % publishers.len()].clone(),
                enabled: i % 2 == 0,
            });
            outbox::enqueue(&store, secrets.as_ref(), "小王", intention, None)?;
        }
    }
    noise_over(&db, "work_metric_daily", 12, 5)?;
    Ok(())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_damaged_database_is_repaired_and_told_in_both_languages() -> Result<()> {
    let data = tempfile::tempdir()?;
    let sim = RunningSim::start(SimConfig {
        seed: Seed::Demo,
        seed_value: 31,
        db: data.path().join("platform.db").to_string_lossy().into_owned(),
        ..SimConfig::default()
    })
    .await?;
    let app_dir = data.path().join("app");
    damaged_desk(&sim, &app_dir).await?;

    let display = Display::start()?;
    let env = [
        ("MDESK_DATA_DIR", app_dir.to_string_lossy().into_owned()),
        ("MDESK_PLATFORM_URL", sim.url()),
    ];
    let driver = Driver::start(&display, &env).await?;
    let client = driver.launch().await?;

    // The check at idle finds the damage; the notice says what was saved and where the copy is.
    let notice = client
        .wait()
        .at_most(WAIT * 2)
        .for_element(Locator::Css("[data-testid=recovery-notice]"))
        .await?;
    let zh = notice.text().await?;
    assert!(zh.contains("本地数据库已损坏,已修复"), "{zh}");
    assert!(zh.contains("已保存:3 个待同步操作、0 份草稿"), "{zh}");
    assert!(zh.contains("本机自有的数据全部读出,没有丢失"), "{zh}");
    assert!(zh.contains("matrix-desk.damaged-"), "{zh}");
    assert!(zh.contains("重新下载矩阵数据"), "{zh}");
    let damaged: Vec<_> = std::fs::read_dir(&app_dir)?
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with("matrix-desk.damaged-") && n.ends_with(".sqlite3"))
        .collect();
    assert_eq!(
        damaged.len(),
        1,
        "the damaged file was kept beside the new one: {damaged:?}"
    );
    tokio::time::sleep(std::time::Duration::from_millis(500)).await;
    screenshot(&client, "recovery-zh.png").await?;

    // The same in English, above every screen.
    set_language(&client, "en", "Settings").await?;
    let en = text_of(&client, "[data-testid=recovery-notice]").await?;
    assert!(
        en.contains("The local database was damaged and has been repaired"),
        "{en}"
    );
    assert!(en.contains("Saved: 3 queued actions, 0 drafts"), "{en}");
    assert!(en.contains("nothing was lost"), "{en}");
    click(&client, "[data-testid=nav-accounts]").await?;
    tokio::time::sleep(std::time::Duration::from_millis(500)).await;
    screenshot(&client, "recovery-en.png").await?;

    // Dismissed, it is gone, and stays gone after the next status.
    click(&client, "[data-testid=recovery-dismiss]").await?;
    wait_gone(&client, "[data-testid=recovery-notice]", "the notice to go", WAIT).await?;
    let reopened = Store::open(&app_dir.join("matrix-desk.sqlite3"))?;
    assert_eq!(
        reopened.read(mdesk_core::store::kv::recovery_report)?,
        None,
        "dismissed for good"
    );
    client.close().await?;
    Ok(())
}
