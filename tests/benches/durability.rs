//! What durable commits cost (docs/benchmarks.md, "Durability"): the desk's own writes wait
//! for the disk (`synchronous = FULL`), the platform's pages do not (`NORMAL`). Measured on a
//! real database file, each figure against the other choice in the same run:
//! queueing 300 intentions one by one (each its own commit, as the window queues them), and
//! the initial sync of seed M (10,000 works, 90 days) over loopback HTTP; each twice,
//! alternating, the faster kept.
//! `cargo bench -p mdesk-tests --bench durability`; the table is written to
//! `target/bench/durability.md`.

use std::path::Path;
use std::time::{Duration, Instant};

use mdesk_core::outbox::kinds;
use mdesk_core::outbox::{self, Intention};
use mdesk_core::session::{self, Platform};
use mdesk_core::store::Durability;
use mdesk_core::sync::pull;
use mdesk_core::{MemorySecretStore, PlatformClient, Secret, Store};
use platform_sim::{RunningSim, Seed, SimConfig};

type Result<T> = std::result::Result<T, Box<dyn std::error::Error>>;

const QUEUED: usize = 300;

/// A signed-in desk on `sim` in `dir`, synced, committing as `durability` says; how long the
/// initial sync took.
async fn synced_desk(
    sim: &RunningSim,
    dir: &Path,
    durability: Durability,
) -> Result<(Store, MemorySecretStore, Duration)> {
    let store = Store::open(&dir.join("matrix-desk.sqlite3"))?;
    store.set_durability(durability);
    let secrets = MemorySecretStore::default();
    let platform = Platform::remote(&sim.url())?;
    let s = session::sign_in(&store, &secrets, &platform, "demo", &Secret::new("demo123")).await?;
    let client = PlatformClient::new(&sim.url())?;
    let started = Instant::now();
    pull(&store, &client, &secrets, &s, |_| {}).await?;
    Ok((store, secrets, started.elapsed()))
}

/// Queues `QUEUED` shop-card intentions, one commit each; the time per intention.
fn queue(store: &Store, secrets: &MemorySecretStore) -> Result<Duration> {
    let publishers = mdesk_tests::publishers(store);
    let started = Instant::now();
    for i in 0..QUEUED {
        let intention = Intention::SetShopCard(kinds::SetShopCard {
            account_id: publishers[i % publishers.len()].clone(),
            enabled: i % 2 == 0,
        });
        outbox::enqueue(store, secrets, "小王", intention, None)?;
    }
    Ok(started.elapsed() / QUEUED as u32)
}

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() -> Result<()> {
    let sim = RunningSim::start(SimConfig {
        seed: Seed::M,
        ..SimConfig::default()
    })
    .await?;
    // Alternating, twice each, the faster of each kept: the simulator's own caches warm up
    // over the first sync, which must not count against whichever choice goes first.
    let mut sync_full = Duration::MAX;
    let mut sync_shipped = Duration::MAX;
    let mut kept = None;
    for _ in 0..2 {
        let full_dir = tempfile::tempdir()?;
        let (_, _, t) = synced_desk(&sim, full_dir.path(), Durability::AllFull).await?;
        sync_full = sync_full.min(t);
        let shipped_dir = tempfile::tempdir()?;
        let (store, secrets, t) = synced_desk(&sim, shipped_dir.path(), Durability::AsShipped).await?;
        sync_shipped = sync_shipped.min(t);
        kept = Some((store, secrets, shipped_dir));
    }
    let (shipped, secrets, _shipped_dir) = kept.ok_or("no run")?;

    let mut queue_full = Duration::MAX;
    let mut queue_normal = Duration::MAX;
    for _ in 0..2 {
        shipped.set_durability(Durability::AsShipped);
        queue_full = queue_full.min(queue(&shipped, &secrets)?);
        shipped.set_durability(Durability::AllNormal);
        queue_normal = queue_normal.min(queue(&shipped, &secrets)?);
    }

    let mut table = String::from("| what | as shipped | the other choice | cost of the choice |\n|---|---|---|---|\n");
    table += &format!(
        "| Queueing one intention (own commit, `FULL`) | {queue_full:.2?} | {queue_normal:.2?} with `NORMAL` | {:.1}× |\n",
        queue_full.as_secs_f64() / queue_normal.as_secs_f64().max(1e-9)
    );
    table += &format!(
        "| Initial sync of seed M (platform pages, `NORMAL`) | {sync_shipped:.2?} | {sync_full:.2?} with `FULL` | `FULL` would cost {:.2}× |\n",
        sync_full.as_secs_f64() / sync_shipped.as_secs_f64().max(1e-9)
    );
    println!("{table}");
    let out = Path::new(env!("CARGO_MANIFEST_DIR")).join("../target/bench");
    std::fs::create_dir_all(&out)?;
    std::fs::write(out.join("durability.md"), table)?;
    Ok(())
}
