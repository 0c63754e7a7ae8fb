//! Building the Sycamore UI: cargo for wasm32, then wasm-bindgen (as a library, pinned to
//! the same version as the `wasm-bindgen` crate) into `dist/` with the static files, and
//! ECharts, vendored from the npm registry at a pinned version checked against its hash; and
//! `licenses.json`, the third-party licences of everything that ships (xtask/src/licenses.rs).

use std::fs;
use std::path::Path;

use anyhow::{Context, Result};

use crate::licenses::{self, NpmComponent};
use crate::npm::{target_dir, Package};
use crate::sh::{self, cmd, root, run};

const STATIC_FILES: &[(&str, &str)] = &[
    ("ui/index.html", "index.html"),
    ("ui/main.js", "main.js"),
    ("ui/styles.css", "styles.css"),
    ("icons/matrix-desk.svg", "icon.svg"),
];

/// The newest ECharts 5 (the charts of Work detail and the Dashboard).
const ECHARTS: Package = Package {
    name: "echarts",
    version: "5.6.0",
    integrity: "sha512-oTbVTsXfKuEhxftHqL5xprgLoc0k7uScAwtryCgWF6hPYFLRwOUHiFmHGCBKP5NPFNkDVopOieyUqYGH8Fa3kA==",
    purpose: "the UI's charts need ECharts",
};
/// Files taken from the tarball: (path in it, name in `dist/`). The licence travels with the code.
const ECHARTS_FILES: &[(&str, &str)] = &[
    ("package/dist/echarts.min.js", "echarts.min.js"),
    ("package/LICENSE", "echarts.LICENSE.txt"),
];
/// What `echarts.min.js` bundles besides ECharts itself (its npm dependencies at the versions
/// ECharts 5.6.0 pins): only their licences are read, for the About screen.
const ZRENDER: Package = Package {
    name: "zrender",
    version: "5.6.1",
    integrity: "sha512-OFXkDJKcrlx5su2XbzJvj/34Q3m6PvyCZkVPHGYpcCJ52ek4U/ymZyfuV1nKE23AyBJ51E/6Yr0mhZ7xGTO4ag==",
    purpose: "the About screen lists the licence of ECharts' renderer",
};
const TSLIB: Package = Package {
    name: "tslib",
    version: "2.3.0",
    integrity: "sha512-N82ooyxVNm6h1riLCoyS9e3fuJ3AMG2zIZs2Gd1ATcSFjSA23Q0fzjjZeh0jbJvWVDZ0cJT8yaNNaaXHzueNjg==",
    purpose: "the About screen lists the licence of ECharts' TypeScript helpers",
};
/// The npm code in `dist/`, with the licence files each tarball carries.
const BUNDLED_NPM: &[NpmComponent] = &[
    NpmComponent {
        package: &ECHARTS,
        files: &["package/LICENSE", "package/NOTICE", "package/licenses/LICENSE-d3"],
    },
    NpmComponent {
        package: &ZRENDER,
        files: &["package/LICENSE"],
    },
    NpmComponent {
        package: &TSLIB,
        files: &["package/LICENSE.txt"],
    },
];

/// The cargo profile of the optimised UI (Cargo.toml): optimised for size.
const PROFILE: &str = "wasm-release";

pub fn build(release: bool) -> Result<()> {
    let mut args = vec!["build", "-p", "mdesk-ui", "--target", "wasm32-unknown-unknown"];
    if release {
        args.extend(["--profile", PROFILE]);
    }
    run(&mut cmd(&sh::cargo(), &args))?;
    let wasm = target_dir()
        .join("wasm32-unknown-unknown")
        .join(if release { PROFILE } else { "debug" })
        .join("mdesk-ui.wasm");
    let dist = root().join("dist");
    fs::create_dir_all(&dist)?;
    eprintln!("==> wasm-bindgen {} → {}", wasm.display(), dist.display());
    wasm_bindgen_cli_support::Bindgen::new()
        .input_path(&wasm)
        .web(true)
        .context("wasm-bindgen web target")?
        .debug(!release)
        // Function names are a fifth of the optimised module, and the webview reads all of it
        // before the first screen; panics still name the Rust source line without them.
        .remove_name_section(release)
        .remove_producers_section(release)
        .typescript(false)
        .out_name("mdesk_ui")
        .generate(&dist)
        .with_context(|| format!("wasm-bindgen on {}", wasm.display()))?;
    for (from, to) in STATIC_FILES {
        fs::copy(root().join(from), dist.join(to)).with_context(|| format!("copying {from}"))?;
    }
    vendor_echarts(&dist)?;
    licenses::write(&dist, BUNDLED_NPM)
}

/// Puts ECharts into `dist/`, from the pinned npm tarball.
fn vendor_echarts(dist: &Path) -> Result<()> {
    ECHARTS.extract(ECHARTS_FILES, dist)
}
