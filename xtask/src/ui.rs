//! Building the Sycamore UI: cargo for wasm32, then wasm-bindgen (as a library, pinned to
//! the same version as the `wasm-bindgen` crate) into `dist/` with the static files, and
//! ECharts, vendored from the npm registry at a pinned version checked against its hash.

use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};

use anyhow::{bail, Context, Result};
use base64::Engine;
use sha2::{Digest, Sha512};

use crate::sh::{self, cmd, root, run};

const STATIC_FILES: &[(&str, &str)] = &[
    ("ui/index.html", "index.html"),
    ("ui/main.js", "main.js"),
    ("ui/styles.css", "styles.css"),
    ("icons/matrix-desk.svg", "icon.svg"),
];

/// The newest ECharts 5 (the charts of Work detail and the Dashboard).
const ECHARTS_VERSION: &str = "5.6.0";
/// npm's `dist.integrity` of that version's tarball: what is downloaded must be exactly this.
const ECHARTS_INTEGRITY: &str =
    "sha512-oTbVTsXfKuEhxftHqL5xprgLoc0k7uScAwtryCgWF6hPYFLRwOUHiFmHGCBKP5NPFNkDVopOieyUqYGH8Fa3kA==";
/// Files taken from the tarball: (path in it, name in `dist/`). The licence travels with the code.
const ECHARTS_FILES: &[(&str, &str)] = &[
    ("package/dist/echarts.min.js", "echarts.min.js"),
    ("package/LICENSE", "echarts.LICENSE.txt"),
];

pub fn build(release: bool) -> Result<()> {
    let mut args = vec!["build", "-p", "mdesk-ui", "--target", "wasm32-unknown-unknown"];
    if release {
        args.push("--release");
    }
    run(&mut cmd(&sh::cargo(), &args))?;
    let wasm = target_dir()
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
    vendor_echarts(&dist)
}

fn target_dir() -> PathBuf {
    std::env::var("CARGO_TARGET_DIR")
        .map(Into::into)
        .unwrap_or_else(|_| root().join("target"))
}

/// Puts ECharts into `dist/`. The tarball is downloaded once into `target/vendor/` and
/// checked against the pinned integrity every time it is used, so later builds need no
/// network and a changed or damaged file never reaches the app.
fn vendor_echarts(dist: &Path) -> Result<()> {
    let cache = target_dir()
        .join("vendor")
        .join(format!("echarts-{ECHARTS_VERSION}.tgz"));
    let tarball = match fs::read(&cache) {
        Ok(bytes) if integrity(&bytes) == ECHARTS_INTEGRITY => bytes,
        cached => {
            if cached.is_ok() {
                eprintln!("==> {} does not match its hash; downloading it again", cache.display());
            }
            let bytes = download_echarts()?;
            let got = integrity(&bytes);
            if got != ECHARTS_INTEGRITY {
                bail!(
                    "echarts {ECHARTS_VERSION} from the npm registry does not match its pinned hash\n  \
                     expected {ECHARTS_INTEGRITY}\n  got      {got}\nrefusing to use it"
                );
            }
            let dir = cache.parent().context("vendor cache directory")?;
            fs::create_dir_all(dir)?;
            // Written beside and renamed, so an interrupted build never leaves half a tarball.
            let partial = cache.with_extension("tgz.partial");
            fs::write(&partial, &bytes).with_context(|| format!("writing {}", partial.display()))?;
            fs::rename(&partial, &cache).with_context(|| format!("writing {}", cache.display()))?;
            bytes
        }
    };
    extract(&tarball, dist)
}

fn download_echarts() -> Result<Vec<u8>> {
    let url = format!("https://registry.npmjs.org/echarts/-/echarts-{ECHARTS_VERSION}.tgz");
    eprintln!("==> downloading {url}");
    // The system's trust store, as curl and the browsers use: a network that inspects TLS with
    // its own root certificate works as well as one that does not.
    let tls = ureq::tls::TlsConfig::builder()
        .root_certs(ureq::tls::RootCerts::PlatformVerifier)
        .build();
    let agent: ureq::Agent = ureq::Agent::config_builder().tls_config(tls).build().into();
    let mut response = agent.get(&url).call().with_context(|| {
        format!("downloading {url} (the UI's charts need ECharts; the first build needs the network)")
    })?;
    let mut bytes = Vec::new();
    response
        .body_mut()
        .as_reader()
        .read_to_end(&mut bytes)
        .with_context(|| format!("reading {url}"))?;
    Ok(bytes)
}

/// A Subresource Integrity string, as npm publishes it: `sha512-<base64>`.
fn integrity(bytes: &[u8]) -> String {
    let digest = Sha512::digest(bytes);
    format!("sha512-{}", base64::engine::general_purpose::STANDARD.encode(digest))
}

fn extract(tarball: &[u8], dist: &Path) -> Result<()> {
    let mut archive = tar::Archive::new(flate2::read::GzDecoder::new(tarball));
    let mut found = 0;
    for entry in archive.entries().context("reading the echarts tarball")? {
        let mut entry = entry.context("reading the echarts tarball")?;
        let path = entry.path()?.to_string_lossy().into_owned();
        if let Some((_, name)) = ECHARTS_FILES.iter().find(|(inside, _)| *inside == path) {
            let mut bytes = Vec::new();
            entry
                .read_to_end(&mut bytes)
                .with_context(|| format!("extracting {path}"))?;
            fs::write(dist.join(name), bytes).with_context(|| format!("writing dist/{name}"))?;
            found += 1;
        }
    }
    if found != ECHARTS_FILES.len() {
        bail!("the echarts {ECHARTS_VERSION} tarball lacks one of {ECHARTS_FILES:?}");
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn integrity_is_npms_sha512_in_base64() {
        // npm's integrity for an empty file; a different encoding would never match the pin.
        assert_eq!(
            integrity(b""),
            "sha512-z4PhNX7vuL3xVChQ1m2AB9Yg5AULVxXcg/SpIdNs6c5H0NE8XYXysP+DGNKHfuwvY7kxvUdBeoGlODJ6+SfaPg=="
        );
    }
}
