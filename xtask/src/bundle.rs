//! `cargo xtask bundle`: the installer for this OS via the Tauri CLI (from npm, pinned).
//!
//! Linux builds a .deb here (`--smoke` then installs it, starts it headless and removes it:
//! smoke.rs). NSIS (Windows) and dmg (macOS) are named in tauri.conf.json and built by the same
//! command on those systems. `--target windows` tries the NSIS installer from Linux with mingw
//! and Debian's makensis; Tauri's NSIS bundler then fetches its plugins from GitHub, which
//! only works where GitHub is reachable (docs/release.md).

use std::path::{Path, PathBuf};
use std::time::{Instant, SystemTime};

use anyhow::{bail, Context, Result};

use crate::setup::{setup, Needs, WINDOWS_TARGET};
use crate::sh::{self, cmd, run};

pub const TAURI_CLI_VERSION: &str = "2.12.5";

const USAGE: &str = "usage: cargo xtask bundle [--smoke | --target windows]";

/// What `cargo xtask bundle` was asked for.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// This OS's installer.
    Native,
    /// The .deb, then installed, started headless and removed again (Linux).
    Smoke,
    /// The NSIS installer cross-built from Linux.
    Windows,
}

fn parse(args: &[String]) -> Result<Kind> {
    match args.iter().map(String::as_str).collect::<Vec<_>>().as_slice() {
        [] => Ok(Kind::Native),
        ["--smoke"] => Ok(Kind::Smoke),
        ["--target", "windows"] | ["--target=windows"] => Ok(Kind::Windows),
        _ => bail!("unexpected arguments {args:?}\n{USAGE}"),
    }
}

pub fn bundle(args: &[String]) -> Result<()> {
    let kind = parse(args)?;
    let started = Instant::now();
    match kind {
        Kind::Native => {
            native(Needs::Run)?;
        }
        Kind::Smoke => {
            if !cfg!(target_os = "linux") {
                bail!("--smoke installs the .deb: it runs on Debian/Ubuntu only");
            }
            let deb = native(Needs::Smoke)?;
            eprintln!("==> .deb built in {:.0?}", started.elapsed());
            smoke(&deb)?;
        }
        Kind::Windows => windows()?,
    }
    eprintln!("==> bundle done in {:.0?}", started.elapsed());
    Ok(())
}

#[cfg(target_os = "linux")]
fn smoke(deb: &Path) -> Result<()> {
    crate::smoke::smoke(deb)
}

#[cfg(not(target_os = "linux"))]
fn smoke(_deb: &Path) -> Result<()> {
    bail!("--smoke installs the .deb: it runs on Debian/Ubuntu only")
}

/// Builds this OS's installer; on Linux returns the .deb.
fn native(needs: Needs) -> Result<PathBuf> {
    setup(needs)?;
    npx()?;
    crate::ui::build(true)?;
    let bundles = if cfg!(target_os = "linux") {
        "deb"
    } else if cfg!(target_os = "windows") {
        "nsis"
    } else {
        "dmg"
    };
    let since = SystemTime::now();
    tauri_build(&["--bundles", bundles])?;
    let dir = sh::root().join("target").join("release").join("bundle").join(bundles);
    eprintln!("installer written under {}", dir.display());
    if bundles != "deb" {
        return Ok(dir);
    }
    newest(&dir, "deb", since)
}

/// The NSIS installer from Linux: the Tauri CLI builds the release .exe with mingw, then runs
/// Debian's makensis. Tauri's NSIS bundler downloads its plugins (nsis_tauri_utils.dll, …) from
/// GitHub first; where GitHub is unreachable it stops there, and this says so.
fn windows() -> Result<()> {
    if !cfg!(target_os = "linux") {
        bail!("--target windows cross-builds from Linux; on Windows run `cargo xtask bundle`");
    }
    setup(Needs::WindowsBundle)?;
    npx()?;
    crate::ui::build(true)?;
    let since = SystemTime::now();
    let built = tauri_build(&["--target", WINDOWS_TARGET, "--bundles", "nsis"]);
    let release = sh::root().join("target").join(WINDOWS_TARGET).join("release");
    if let Err(e) = built {
        let exe = release.join("matrix-desk.exe");
        let exe_fresh = std::fs::metadata(&exe)
            .and_then(|m| m.modified())
            .is_ok_and(|t| t >= since);
        if !exe_fresh {
            return Err(e.context("the Windows release build failed (before any installer step)"));
        }
        return Err(e.context(format!(
            "{} was built, but the NSIS step failed. Off Windows, Tauri's NSIS bundler runs Debian's \
             makensis but first downloads its plugin nsis_tauri_utils.dll from github.com (the \
             `Downloading` line above), and only the package registries are reachable from the build \
             machines. Build the Windows installers with the release workflow on a Windows runner \
             (.github/workflows/release.yml, docs/release.md); `cargo xtask test` checks the Windows \
             code on every run",
            exe.display()
        )));
    }
    let dir = release.join("bundle").join("nsis");
    let exe = newest(&dir, "exe", since)?;
    eprintln!("==> NSIS installer: {}", exe.display());
    Ok(())
}

fn npx() -> Result<()> {
    if !sh::exists("npx") {
        bail!("the Tauri CLI comes from npm: install Node.js and npm first (see README)");
    }
    Ok(())
}

/// `tauri build <args>` with the pinned Tauri CLI, in src-tauri/.
fn tauri_build(args: &[&str]) -> Result<()> {
    let cli = format!("@tauri-apps/cli@{TAURI_CLI_VERSION}");
    let mut all = vec!["--yes", cli.as_str(), "build"];
    all.extend_from_slice(args);
    let mut c = cmd("npx", &all);
    c.current_dir(sh::root().join("src-tauri"));
    run(&mut c)
}

/// The newest `*.ext` in `dir` written since `since`.
fn newest(dir: &Path, ext: &str, since: SystemTime) -> Result<PathBuf> {
    let mut found: Option<(SystemTime, PathBuf)> = None;
    for entry in std::fs::read_dir(dir).with_context(|| format!("reading {}", dir.display()))? {
        let path = entry?.path();
        if path.extension().is_none_or(|e| e != ext) {
            continue;
        }
        let modified = std::fs::metadata(&path)?.modified()?;
        if modified >= since && found.as_ref().is_none_or(|(t, _)| modified > *t) {
            found = Some((modified, path));
        }
    }
    found
        .map(|(_, path)| path)
        .with_context(|| format!("the build wrote no .{ext} into {}", dir.display()))
}
