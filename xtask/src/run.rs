//! `cargo xtask run`: set up, build the UI, start the app.

use anyhow::Result;

use crate::setup::{setup, Needs};
use crate::sh::{self, cmd, run as sh_run};

pub fn run() -> Result<()> {
    setup(Needs::Run)?;
    crate::ui::build(false)?;
    let cargo = sh::cargo();
    let has_session_bus = std::env::var_os("DBUS_SESSION_BUS_ADDRESS").is_some();
    if cfg!(target_os = "linux") && !has_session_bus && sh::exists("dbus-run-session") {
        // A bare machine (no desktop session): give the app a private D-Bus session with an
        // unlocked keyring so the keychain works; its contents end with the app.
        let script = format!("{}; exec {cargo} run -p matrix-desk", private_keyring("run")?);
        return sh_run(&mut cmd("dbus-run-session", &["--", "sh", "-c", &script]));
    }
    sh_run(&mut cmd(&cargo, &["run", "-p", "matrix-desk"]))
}

/// A shell snippet that starts gnome-keyring's Secret Service with a fresh, unlocked keyring
/// kept under `target/keyrings/<name>` (never the user's own keyrings, whose password we
/// do not know). Meant to run inside `dbus-run-session`.
pub fn private_keyring(name: &str) -> Result<String> {
    let home = crate::sh::root().join("target").join("keyrings").join(name);
    if home.exists() {
        std::fs::remove_dir_all(&home)?;
    }
    std::fs::create_dir_all(&home)?;
    Ok(format!(
        "printf 'matrix-desk' | XDG_DATA_HOME='{}' gnome-keyring-daemon --unlock --components=secrets >/dev/null",
        home.display()
    ))
}
