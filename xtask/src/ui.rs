//! Building the Sycamore UI: cargo for wasm32, then wasm-bindgen (as a library, pinned to
//! the same version as the `wasm-bindgen` crate) into `dist/` with the static files.

use std::fs;

use anyhow::{Context, Result};

use crate::sh::{self, cmd, root, run};

const STATIC_FILES: &[(&str, &str)] = &[
    ("ui/index.html", "index.html"),
    ("ui/main.js", "main.js"),
    ("ui/styles.css", "styles.css"),
    ("icons/matrix-desk.svg", "icon.svg"),
];

pub fn build(release: bool) -> Result<()> {
    let mut args = vec!["build", "-p", "mdesk-ui", "--target", "wasm32-unknown-unknown"];
    if release {
        args.push("--release");
    }
    run(&mut cmd(&sh::cargo(), &args))?;
    let target_dir = std::env::var("CARGO_TARGET_DIR")
        .map(Into::into)
        .unwrap_or_else(|_| root().join("target"));
    let wasm = target_dir
        .join("wasm32-unknown-unknown")
        .join(if release { "release" } else { "debug" })
        .join("mdesk-ui.wasm");
    let dist = root().join("dist");
    fs::create_dir_all(&dist)?;
    eprintln!("==> wasm-bindgen {} → {}", wasm.display(), dist.display());
    wasm_bindgen_cli_support::Bindgen::new()
        .input_path(&wasm)
        .web(true)
        .context("wasm-bindgen web target")?
        .debug(!release)
        .typescript(false)
        .out_name("mdesk_ui")
        .generate(&dist)
        .with_context(|| format!("wasm-bindgen on {}", wasm.display()))?;
    for (from, to) in STATIC_FILES {
        fs::copy(root().join(from), dist.join(to)).with_context(|| format!("copying {from}"))?;
    }
    Ok(())
}
