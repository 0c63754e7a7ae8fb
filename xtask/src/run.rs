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
        let script = format!(
            "printf '' | gnome-keyring-daemon --unlock --components=secrets >/dev/null 2>&1; exec {cargo} run -p matrix-desk"
        );
        return sh_run(&mut cmd("dbus-run-session", &["--", "sh", "-c", &script]));
    }
    sh_run(&mut cmd(&cargo, &["run", "-p", "matrix-desk"]))
}
