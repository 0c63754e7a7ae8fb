//! `cargo xtask fuzz [TARGET] [--time S]`: the libFuzzer targets of fuzz/ on the stable
//! toolchain (`--sanitizer none`: Rust's own checks find what a sanitizer would in safe
//! code), each from its corpus in fuzz/corpus/, which new finds are added to.

use anyhow::{bail, Result};

use crate::sh::{self, cmd, run};

/// Every target, in the order they run.
pub const TARGETS: &[&str] = &["change_feed", "responses", "media_type", "ipc_args"];

/// Seconds per target inside `cargo xtask test` (all four within a minute).
pub const TEST_SECONDS: u32 = 12;

/// Runs `targets` for `seconds` each; fails on the first crash (its input is saved in
/// fuzz/artifacts/<target>/ and printed by libFuzzer).
pub fn run_targets(targets: &[&str], seconds: u32) -> Result<()> {
    crate::setup::cargo_fuzz()?;
    let fuzz_dir = sh::root().join("fuzz");
    for target in targets {
        if !TARGETS.contains(target) {
            bail!("no fuzz target {target:?}; the targets are {TARGETS:?}");
        }
        let time = format!("-max_total_time={seconds}");
        run(cmd(
            &sh::cargo(),
            &["fuzz", "run", "--sanitizer", "none", target, "--", &time],
        )
        .current_dir(&fuzz_dir))?;
    }
    Ok(())
}

/// `cargo xtask fuzz [TARGET] [--time S]`: one target or all, 5 minutes each unless told.
pub fn fuzz(args: &[String]) -> Result<()> {
    let mut seconds = 300;
    let mut targets: Vec<&str> = Vec::new();
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "--time" => {
                seconds = match it.next().and_then(|s| s.parse().ok()) {
                    Some(s) => s,
                    None => bail!("--time takes a number of seconds"),
                }
            }
            t => targets.push(t),
        }
    }
    if targets.is_empty() {
        targets = TARGETS.to_vec();
    }
    run_targets(&targets, seconds)
}
