//! `platform-sim serve`: the reference platform as a process.

use std::io::Write;
use std::net::SocketAddr;

use clap::{Parser, Subcommand};
use platform_sim::{FeedOrder, RunningSim, Seed, SimConfig};

#[derive(Parser)]
#[command(
    name = "platform-sim",
    version,
    about = "Reference server of the Matrix Desk platform API v1"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Serve the platform API (and the /sim/ routes) until interrupted.
    Serve {
        #[arg(long, default_value = "127.0.0.1:0")]
        addr: SocketAddr,
        /// SQLite database path, or :memory:
        #[arg(long, default_value = ":memory:")]
        db: String,
        #[arg(long, value_enum, default_value = "demo")]
        seed: Seed,
        #[arg(long, default_value_t = 1)]
        seed_value: u64,
        /// In which order the change feed carries the seeded data.
        #[arg(long, value_enum, default_value = "interleaved")]
        feed_order: FeedOrder,
        /// Answer 404 at /v1/snapshot, as a platform from before it.
        #[arg(long)]
        no_snapshot: bool,
        /// Access token lifetime in seconds.
        #[arg(long, default_value_t = 3600)]
        token_ttl: u64,
        /// Run the platform's life (reviews, metrics, comments) every this many seconds.
        #[arg(long)]
        tick_every: Option<u64>,
    },
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    tracing_subscriber::fmt()
        .with_env_filter(tracing_subscriber::EnvFilter::try_from_default_env().unwrap_or_else(|_| "warn".into()))
        .with_writer(std::io::stderr)
        .init();
    let Command::Serve {
        addr,
        db,
        seed,
        seed_value,
        feed_order,
        no_snapshot,
        token_ttl,
        tick_every,
    } = Cli::parse().command;
    let sim = RunningSim::start(SimConfig {
        addr,
        db,
        seed,
        seed_value,
        feed_order,
        snapshot: !no_snapshot,
        access_token_ttl_secs: token_ttl,
        tick_every: tick_every.map(std::time::Duration::from_secs),
        admin_token: None,
    })
    .await?;
    // The first stdout line is a contract: scripts and tests read the port from it.
    let mut out = std::io::stdout().lock();
    writeln!(out, "listening on {}", sim.url())?;
    out.flush()?;
    drop(out);
    shutdown_signal().await?;
    sim.stop().await;
    Ok(())
}

/// Ctrl-C, or SIGTERM (how test harnesses and service managers stop a process).
async fn shutdown_signal() -> std::io::Result<()> {
    #[cfg(unix)]
    {
        let mut term = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())?;
        tokio::select! {
            r = tokio::signal::ctrl_c() => r,
            _ = term.recv() => Ok(()),
        }
    }
    #[cfg(not(unix))]
    {
        tokio::signal::ctrl_c().await
    }
}
