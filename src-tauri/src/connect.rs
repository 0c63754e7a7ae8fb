//! Which platform the app talks to at start-up, and the embedded demo platform.
//!
//! A configured endpoint (Settings, or `MDESK_PLATFORM_URL`, saved at start-up) is used with
//! its saved session; without one, the simulator runs in-process as the demo platform and signs in to it.

use mdesk_core::session::{self, Platform};
use mdesk_core::sync::SyncCommand;
use mdesk_core::{CoreResult, Secret};
use platform_sim::{RunningSim, Seed, SimConfig, DEMO_PASSWORD, DEMO_TEAM, DEMO_USERNAME};

use crate::state::Core;

/// How often the embedded demo platform moves on.
const DEMO_TICK_SECS: u64 = 60;

/// How long sync waits for the first screen before its first round regardless (a window that
/// never reports, say one whose UI failed to load, must not stop sync).
const FIRST_SCREEN_GRACE: std::time::Duration = std::time::Duration::from_secs(5);

/// Connects and runs sync's first round once the window shows the local data: the platform
/// (and the embedded demo platform's start) waits for the first screen, not the other way round.
pub async fn at_startup(core: &Core) {
    if tokio::time::timeout(FIRST_SCREEN_GRACE, core.first_screen.notified())
        .await
        .is_err()
    {
        tracing::info!("no first screen after {FIRST_SCREEN_GRACE:?}: syncing anyway");
    }
    if let Err(e) = connect(core).await {
        tracing::warn!(error = %e, "could not connect to the platform at start-up");
    }
    core.sync.send(SyncCommand::SyncNow);
}

/// Connects again and syncs, once the sign-in has somewhere to live (the keychain answered
/// on Retry, or the person chose the file store).
pub async fn reconnect(core: &Core) {
    if let Err(e) = connect(core).await {
        tracing::warn!(error = %e, "could not connect to the platform");
    }
    core.sync.send(SyncCommand::SyncNow);
}

async fn connect(core: &Core) -> CoreResult<()> {
    match mdesk_core::settings::platform_url(&core.store)? {
        // A configured platform: the saved session (if any) is used as is.
        Some(_) => Ok(()),
        None => use_demo(core).await,
    }
}

/// Starts the embedded demo platform (once) and signs in to it with the demo merchant.
pub async fn use_demo(core: &Core) -> CoreResult<()> {
    let endpoint = demo_endpoint(core).await?;
    mdesk_core::settings::set_platform_url(&core.store, None)?;
    let platform = Platform::demo(&endpoint)?;
    let existing = session::current(&core.store)?;
    if let Some(s) = existing.filter(|s| s.platform.is_demo()) {
        session::set_endpoint(&core.store, &endpoint)?;
        if session::has_tokens(core.secrets.as_ref(), &s)? {
            return Ok(());
        }
    }
    session::sign_in(
        &core.store,
        core.secrets.as_ref(),
        &platform,
        DEMO_USERNAME,
        &Secret::new(DEMO_PASSWORD),
    )
    .await?;
    Ok(())
}

/// Signs in to the embedded demo platform as one of the demo merchant's team, to try a role.
pub async fn use_demo_as(core: &Core, login: &str) -> CoreResult<()> {
    let password = DEMO_TEAM
        .iter()
        .find(|(l, _)| *l == login)
        .map(|(_, p)| *p)
        .ok_or_else(|| mdesk_core::CoreError::InvalidInput(format!("{login} is not in the demo team")))?;
    let endpoint = demo_endpoint(core).await?;
    mdesk_core::settings::set_platform_url(&core.store, None)?;
    session::sign_in(
        &core.store,
        core.secrets.as_ref(),
        &Platform::demo(&endpoint)?,
        login,
        &Secret::new(password),
    )
    .await?;
    Ok(())
}

/// The embedded demo platform's address, started once.
async fn demo_endpoint(core: &Core) -> CoreResult<String> {
    Ok({
        let mut demo = core.demo.lock().await;
        if demo.is_none() {
            let config = SimConfig {
                db: core
                    .data_dir
                    .join("demo-platform.sqlite3")
                    .to_string_lossy()
                    .into_owned(),
                seed: Seed::Demo,
                seed_value: 1,
                // The demo platform lives: reviews finish, numbers grow, fans comment.
                tick_every: Some(std::time::Duration::from_secs(DEMO_TICK_SECS)),
                // Nothing else on the machine may drive the demo platform's admin routes.
                admin_token: Some(uuid::Uuid::new_v4().to_string()),
                ..SimConfig::default()
            };
            let sim = RunningSim::start(config)
                .await
                .map_err(|e| mdesk_core::CoreError::Offline(format!("demo platform did not start: {e}")))?;
            tracing::info!(url = %sim.url(), "demo platform started");
            *demo = Some(sim);
        }
        demo.as_ref().map(RunningSim::url).unwrap_or_default()
    })
}
