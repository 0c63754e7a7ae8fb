//! `cargo xtask`: the project's own build tool.
//!
//! `run` and `test` are the two commands of the README; both install what is missing first.

mod bench;
mod bundle;
mod fuzz;
mod licenses;
mod lint;
mod npm;
mod run;
mod setup;
mod sh;
#[cfg(target_os = "linux")]
mod smoke;
mod test;
mod ui;

use anyhow::{bail, Result};

const USAGE: &str = "usage: cargo xtask <command>

commands:
  run      install what is missing, build the UI and start Matrix Desk
           (against the embedded demo platform unless one is configured)
  test     formatting, clippy, every workspace test, the wasm build and the
           end-to-end tests in the real window under Xvfb
  e2e      only the end-to-end tests (UI, app build, real window); an optional
           name filter picks tests, e.g. `cargo xtask e2e matrix`
  setup    only install what is missing (Debian packages, wasm target, pinned tools)
  ui       build the UI into dist/ (add --release for an optimised build)
  lint     check the GitHub workflows with actionlint
  fuzz     the fuzz targets (cargo-fuzz, stable, no sanitizer): `fuzz [TARGET] [--time S]`,
           every target for 300 s each unless told
  bench-startup  start-up and memory at scale L against a bare Tauri window (release builds)
  bundle   build the installer for this OS (.deb on Linux)
           --smoke: then install the .deb, start it headless, screenshot, remove it
           --target windows: the NSIS installer cross-built from Linux (needs github.com)";

fn main() -> Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let release = args.iter().any(|a| a == "--release");
    match args.first().map(String::as_str) {
        Some("run") => run::run(),
        Some("test") => test::test(),
        Some("e2e") => test::e2e_only(args.get(1).map(String::as_str)),
        Some("setup") => setup::setup(setup::Needs::Everything),
        Some("ui") => ui::build(release),
        Some("lint") => lint::workflows(),
        Some("bench-startup") => bench::startup(),
        Some("bundle") => bundle::bundle(&args[1..]),
        Some("fuzz") => fuzz::fuzz(&args[1..]),
        Some("help" | "--help" | "-h") | None => {
            println!("{USAGE}");
            Ok(())
        }
        Some(other) => bail!("unknown command {other:?}\n\n{USAGE}"),
    }
}
