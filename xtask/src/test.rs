//! `cargo xtask test`: everything CI checks, in the order that fails fastest.

use std::time::Instant;

use anyhow::Result;

use crate::setup::{setup, Needs};
use crate::sh::{self, cmd, run};

pub fn test() -> Result<()> {
    let started = Instant::now();
    setup(Needs::Everything)?;
    let cargo = sh::cargo();
    run(&mut cmd(&cargo, &["fmt", "--all", "--check"]))?;
    crate::lint::workflows()?;
    // The shell embeds dist/ at compile time, so the UI is built before anything else compiles it.
    crate::ui::build(false)?;
    run(&mut cmd(
        &cargo,
        &["clippy", "--workspace", "--all-targets", "--", "-D", "warnings"],
    ))?;
    run(&mut cmd(
        &cargo,
        &[
            "clippy",
            "-p",
            "mdesk-ui",
            "--target",
            "wasm32-unknown-unknown",
            "--",
            "-D",
            "warnings",
        ],
    ))?;
    windows_check(&cargo)?;
    run(&mut cmd(&cargo, &["test", "--workspace", "--exclude", "mdesk-tests"]))?;
    // The crash proof drives the real `mdesk` binary.
    run(&mut cmd(&cargo, &["build", "-p", "mdesk-cli"]))?;
    run(&mut cmd(&cargo, &["test", "-p", "mdesk-tests", "--test", "stack"]))?;
    // What reaches the desk from outside, fuzzed briefly (long runs: `cargo xtask fuzz`).
    crate::fuzz::run_targets(crate::fuzz::TARGETS, crate::fuzz::TEST_SECONDS)?;
    e2e(&cargo, None)?;
    eprintln!("==> all checks passed in {:.0?}", started.elapsed());
    Ok(())
}

/// Windows is a release target but never runs here: the shell (and every crate under it,
/// keyring's Credential Manager store included) is type-checked for it on every run. Needs
/// Debian's mingw-w64: ring's build script compiles C for the target even for a check.
fn windows_check(cargo: &str) -> Result<()> {
    if !cfg!(target_os = "linux") {
        return Ok(());
    }
    run(&mut cmd(
        cargo,
        &["check", "-p", "matrix-desk", "--target", crate::setup::WINDOWS_TARGET],
    ))
}

/// The end-to-end tests drive the real window; they need the built app and a private D-Bus
/// session with an unlocked keyring, so tokens really go through the OS keychain.
fn e2e(cargo: &str, filter: Option<&str>) -> Result<()> {
    run(&mut cmd(cargo, &["build", "-p", "matrix-desk"]))?;
    // Test names are plain words (`matrix`, `whitelist`); anything else is not passed on.
    let filter = filter
        .filter(|f| f.chars().all(|c| c.is_ascii_alphanumeric() || c == '_'))
        .unwrap_or_default();
    let script = format!(
        "{} && exec {cargo} test -p mdesk-tests --test e2e -- --test-threads=1 {filter}",
        crate::run::private_keyring("e2e")?
    );
    run(&mut cmd("dbus-run-session", &["--", "sh", "-c", &script]))
}

/// `cargo xtask e2e [filter]`: the end-to-end tests alone, for working on a screen.
pub fn e2e_only(filter: Option<&str>) -> Result<()> {
    setup(Needs::Everything)?;
    crate::ui::build(false)?;
    e2e(&sh::cargo(), filter)
}
