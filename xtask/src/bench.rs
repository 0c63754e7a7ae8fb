//! `cargo xtask bench-startup`: the start-up and memory benchmark (tests/benches/startup.rs)
//! on release builds of the app and of the bare Tauri window it is compared with.

use anyhow::Result;

use crate::setup::{setup, Needs};
use crate::sh::{self, cmd, run};

pub fn startup() -> Result<()> {
    setup(Needs::Everything)?;
    crate::ui::build(true)?;
    let cargo = sh::cargo();
    // As `tauri build` builds them: release, with the assets embedded.
    run(&mut cmd(
        &cargo,
        &[
            "build",
            "--release",
            "-p",
            "matrix-desk",
            "-p",
            "mdesk-minimal-window",
            "--features",
            "tauri/custom-protocol",
        ],
    ))?;
    let script = format!(
        "{} && exec {cargo} bench -p mdesk-tests --bench startup",
        crate::run::private_keyring("bench")?
    );
    run(&mut cmd("dbus-run-session", &["--", "sh", "-c", &script]))
}
