//! Start-up and memory at merchant scale L (1,000 accounts, 100,000 works), against a bare
//! Tauri window built the same way (`tests/minimal-window`), measured in the same run:
//!
//! - start: from spawning the release binary to its first screen drawn with data (the UI
//!   reports after the next frame; the app logs `first screen shown`), median of 5 each,
//!   alternating app and baseline;
//! - memory: proportional set size (PSS, shared pages split fairly) and RSS of the app and its
//!   web processes after opening every screen over WebDriver, against the baseline's at rest;
//! - sizes: the release binaries and, when built, the `.deb`.
//!
//! Needs the release builds (`cargo xtask bench-startup` builds them and runs this inside a
//! private D-Bus session with an unlocked keyring, as the e2e tests run). The table is printed
//! and written to `target/bench/startup.md`; docs/benchmarks.md records a run.

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::Arc;
use std::time::{Duration, Instant};

use fantoccini::{Client, Locator};
use mdesk_core::session::{self, Platform};
use mdesk_core::sync::pull;
use mdesk_core::{KeyringSecretStore, PlatformClient, Secret, Store};
use mdesk_tests::window::{click, Display, Driver};
use mdesk_tests::{target_dir, Proc};
use platform_sim::{RunningSim, Seed, SimConfig};

type Result<T> = std::result::Result<T, Box<dyn std::error::Error>>;

const RUNS: usize = 5;
const SCREENS: &[&str] = &[
    "nav-accounts",
    "nav-works",
    "nav-publish",
    "nav-dashboard",
    "nav-comments",
    "nav-invitations",
    "nav-activity",
    "nav-notices",
    "nav-settings",
];

fn release(name: &str) -> Result<PathBuf> {
    let path = target_dir().join("release").join(name);
    if !path.exists() {
        return Err(format!("{} is missing: run `cargo xtask bench-startup`", path.display()).into());
    }
    Ok(path)
}

/// Drops the page cache when allowed (root on a real machine), so a start is really cold.
fn drop_caches() -> bool {
    let _ = Command::new("sync").status();
    std::fs::write("/proc/sys/vm/drop_caches", "3").is_ok()
}

/// Spawns `bin`, waits for its `first screen shown` line; answers the wall time and the
/// still-running process.
fn start(bin: &Path, display: &str, env: &[(&str, String)]) -> Result<(Duration, Proc)> {
    let mut cmd = Command::new(bin);
    cmd.env("DISPLAY", display).stderr(Stdio::piped()).stdout(Stdio::null());
    for (k, v) in env {
        cmd.env(k, v);
    }
    let started = Instant::now();
    let mut proc = Proc::spawn("app", cmd)?;
    let stderr = proc.take_stderr().ok_or("no stderr")?;
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stderr).lines().map_while(std::result::Result::ok) {
            if line.contains("first screen shown") {
                let _ = tx.send(started.elapsed());
            }
        }
    });
    let took = rx
        .recv_timeout(Duration::from_secs(120))
        .map_err(|_| format!("{} drew no first screen in 120 s", bin.display()))?;
    Ok((took, proc))
}

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

/// PSS and RSS in MiB of a process tree, in total and per kind of process.
#[derive(Default)]
struct Memory {
    pss: f64,
    rss: f64,
    /// PSS per process name (the app, WebKitWebProcess, WebKitNetworkProcess, …).
    by_process: std::collections::BTreeMap<String, f64>,
}

impl Memory {
    /// "app 120, WebKitWebProcess 300, …" for the table.
    fn split(&self) -> String {
        self.by_process
            .iter()
            .map(|(name, mib)| format!("{name} {mib:.0}"))
            .collect::<Vec<_>>()
            .join(", ")
    }
}

/// The memory of `pid` and every process below it.
fn memory(pid: u32) -> Result<Memory> {
    let mut pids = vec![pid];
    let mut i = 0;
    while i < pids.len() {
        let children = format!("/proc/{0}/task/{0}/children", pids[i]);
        for c in std::fs::read_to_string(children).unwrap_or_default().split_whitespace() {
            pids.push(c.parse()?);
        }
        i += 1;
    }
    let mut out = Memory::default();
    for p in pids {
        let name = std::fs::read_to_string(format!("/proc/{p}/comm")).unwrap_or_default();
        let name = if p == pid {
            "app".to_owned()
        } else {
            name.trim().to_owned()
        };
        let rollup = std::fs::read_to_string(format!("/proc/{p}/smaps_rollup")).unwrap_or_default();
        for line in rollup.lines() {
            let mib = || {
                line.split_whitespace()
                    .nth(1)
                    .and_then(|n| n.parse::<f64>().ok())
                    .unwrap_or(0.0)
                    / 1024.0
            };
            if line.starts_with("Pss:") {
                out.pss += mib();
                *out.by_process.entry(name.clone()).or_default() += mib();
            } else if line.starts_with("Rss:") {
                out.rss += mib();
            }
        }
    }
    Ok(out)
}

/// The app process tauri-driver started (WebKitWebDriver's child running `bin`).
fn pid_of(bin: &Path) -> Result<u32> {
    let out = Command::new("pgrep")
        .args(["-n", "-f", &bin.to_string_lossy()])
        .output()?;
    Ok(String::from_utf8_lossy(&out.stdout).trim().parse()?)
}

async fn browse_every_screen(client: &Client) -> Result<()> {
    let wait = Duration::from_secs(60);
    client
        .wait()
        .at_most(wait)
        .for_element(Locator::Css("[data-testid=account-row]"))
        .await?;
    for nav in SCREENS {
        click(client, &format!("[data-testid={nav}]")).await?;
        client
            .wait()
            .at_most(wait)
            .for_element(Locator::Css("[data-testid=page-title]"))
            .await?;
        tokio::time::sleep(Duration::from_secs(2)).await;
    }
    // The two detail screens: an account's and a work's, each opened from its list.
    for (nav, row) in [
        (
            "nav-accounts",
            "[data-testid=account-row] [data-testid=account-nickname]",
        ),
        ("nav-works", "[data-testid=works-row] [data-testid=work-title]"),
    ] {
        click(client, &format!("[data-testid={nav}]")).await?;
        client
            .wait()
            .at_most(wait)
            .for_element(Locator::Css(row))
            .await?
            .click()
            .await?;
        tokio::time::sleep(Duration::from_secs(2)).await;
    }
    tokio::time::sleep(Duration::from_secs(3)).await;
    Ok(())
}

fn mib(path: &Path) -> f64 {
    std::fs::metadata(path)
        .map(|m| m.len() as f64 / 1_048_576.0)
        .unwrap_or(0.0)
}

#[tokio::main]
async fn main() -> Result<()> {
    let app = release("matrix-desk")?;
    let minimal = release("mdesk-minimal-window")?;
    let dir = tempfile::tempdir()?;
    let data = dir.path().join("app");
    std::fs::create_dir_all(&data)?;

    let seeded = Instant::now();
    let sim = RunningSim::start(SimConfig {
        seed: Seed::L,
        ..SimConfig::default()
    })
    .await?;
    eprintln!("simulator seeded L in {:.1?}", seeded.elapsed());
    {
        // Signed in through the OS keychain, like the app, and synced completely.
        let store = Arc::new(Store::open(&data.join("matrix-desk.sqlite3"))?);
        let secrets = KeyringSecretStore::new("com.matrixdesk.desktop");
        let platform = Platform::remote(&sim.url())?;
        let session = session::sign_in(&store, &secrets, &platform, "demo", &Secret::new("demo123")).await?;
        let client = PlatformClient::new(&sim.url())?;
        let synced = Instant::now();
        let report = pull(&store, &client, &secrets, &session, |_| {}).await?;
        eprintln!("synced {} changes in {:.1?}", report.changes, synced.elapsed());
    }

    let display = Display::start()?;
    let env = vec![
        ("MDESK_DATA_DIR", data.to_string_lossy().into_owned()),
        ("MDESK_PLATFORM_URL", sim.url()),
    ];
    let cold = drop_caches();
    // One untimed start each first: the binaries and WebKit's files come into the page cache
    // (unless caches can be dropped), and the app's first start settles its database.
    for bin in [&minimal, &app] {
        drop(start(bin, &display.name, &env)?.1);
    }
    let (mut app_times, mut base_times) = (Vec::new(), Vec::new());
    let mut base_memory = Memory::default();
    for round in 0..RUNS {
        drop_caches();
        let (t, proc) = start(&minimal, &display.name, &env)?;
        if round == RUNS - 1 {
            tokio::time::sleep(Duration::from_secs(3)).await;
            base_memory = memory(proc.pid())?;
        }
        drop(proc);
        base_times.push(t);
        drop_caches();
        let (t, proc) = start(&app, &display.name, &env)?;
        drop(proc);
        app_times.push(t);
        eprintln!(
            "round {round}: app {:?}, baseline {:?}",
            app_times[round], base_times[round]
        );
    }
    let (app_start, base_start) = (median(app_times), median(base_times));

    // Memory after every screen, in the release build driven over WebDriver.
    let driver = Driver::start(&display, &env).await?;
    let client = driver.launch_binary(&app).await?;
    browse_every_screen(&client).await?;
    let app_memory = memory(pid_of(&app)?)?;
    client.close().await?;

    let deb = std::fs::read_dir(target_dir().join("release/bundle/deb"))
        .ok()
        .and_then(|d| {
            d.flatten()
                .map(|e| e.path())
                .find(|p| p.extension().is_some_and(|x| x == "deb"))
        });
    let table = format!(
        "| What | Matrix Desk at L | Bare Tauri window | Ratio | Goal |\n\
         |---|---|---|---|---|\n\
         | Start to first screen ({RUNS} runs, median{}) | {:.0} ms | {:.0} ms | {:.2}× | ≤ 1 s and ≤ 1.5× |\n\
         | Memory after every screen, PSS (RSS) of the app and its web processes | {:.0} MiB ({:.0}) | {:.0} MiB ({:.0}) at rest | {:.2}× | ≤ 250 MB |\n\
         | … PSS per process, MiB | {} | {} | — | — |\n\
         | Release binary | {:.1} MiB | {:.1} MiB | {:.2}× | — |\n\
         | `.deb` installer | {} | — | — | — |\n",
        if cold { ", page cache dropped" } else { ", page cache warm: it cannot be dropped here" },
        app_start.as_secs_f64() * 1000.0,
        base_start.as_secs_f64() * 1000.0,
        app_start.as_secs_f64() / base_start.as_secs_f64().max(1e-9),
        app_memory.pss,
        app_memory.rss,
        base_memory.pss,
        base_memory.rss,
        app_memory.pss / base_memory.pss.max(1e-9),
        app_memory.split(),
        base_memory.split(),
        mib(&app),
        mib(&minimal),
        mib(&app) / mib(&minimal).max(1e-9),
        deb.map(|d| format!("{:.1} MiB", mib(&d))).unwrap_or_else(|| "not built in this run".into()),
    );
    println!("{table}");
    let out = target_dir().join("bench");
    std::fs::create_dir_all(&out)?;
    std::fs::write(out.join("startup.md"), &table)?;
    Ok(())
}
