//! `cargo xtask bundle`: the installer for this OS via the Tauri CLI (from npm, pinned).
//!
//! Linux builds a .deb here. NSIS (Windows) and dmg (macOS) are named in tauri.conf.json and
//! built by the same command on those systems; their tools cannot be fetched on Linux CI.

use anyhow::{bail, Result};

use crate::setup::{setup, Needs};
use crate::sh::{self, cmd, run};

pub const TAURI_CLI_VERSION: &str = "2.12.5";

pub fn bundle() -> Result<()> {
    setup(Needs::Run)?;
    if !sh::exists("npx") {
        bail!("the Tauri CLI comes from npm: install Node.js and npm first (see README)");
    }
    crate::ui::build(true)?;
    let bundles = if cfg!(target_os = "linux") {
        "deb"
    } else if cfg!(target_os = "windows") {
        "nsis"
    } else {
        "dmg"
    };
    let cli = format!("@tauri-apps/cli@{TAURI_CLI_VERSION}");
    let mut c = cmd("npx", &["--yes", &cli, "build", "--bundles", bundles]);
    c.current_dir(sh::root().join("src-tauri"));
    run(&mut c)?;
    eprintln!("installer written under target/release/bundle/{bundles}/");
    Ok(())
}
