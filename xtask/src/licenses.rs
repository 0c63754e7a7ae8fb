//! The third-party licences of what ships, for the About screen: every crate the app
//! (`matrix-desk`) and its UI (`mdesk-ui`) are built from, following normal dependencies for
//! every target (no dev or build dependencies), read from `cargo metadata`; and the npm packages
//! bundled in `dist/`. Written as `dist/licenses.json` with identical licence texts stored once.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::fs;
use std::path::Path;

use anyhow::{bail, Context, Result};
use cargo_metadata::{DependencyKind, Metadata, MetadataCommand, Package, PackageId};
use serde::Serialize;

use crate::npm;
use crate::sh::{self, cmd, root};

/// The packages whose code ships: the desktop shell and the wasm UI.
pub const ROOTS: &[&str] = &["matrix-desk", "mdesk-ui"];

/// A crate's files that carry its licence terms, by how their names start (any case).
const TEXT_PREFIXES: &[&str] = &["LICENSE", "LICENCE", "COPYING", "NOTICE", "UNLICENSE"];
/// Folders that hold one file per licence (the REUSE layout).
const TEXT_DIRS: &[&str] = &["LICENSES"];
/// Larger files are not licence texts (a crate's test data named LICENSE-something, say).
const MAX_TEXT_BYTES: u64 = 256 * 1024;

/// What `dist/licenses.json` holds.
#[derive(Debug, Serialize)]
pub struct Licenses {
    /// The app's version (the workspace version).
    pub version: String,
    /// Third-party components, sorted by name then version.
    pub components: Vec<Component>,
    /// Licence texts, each once; components point into this list.
    pub texts: Vec<String>,
}

#[derive(Debug, Serialize, PartialEq, Eq, PartialOrd, Ord)]
pub struct Component {
    pub name: String,
    pub version: String,
    /// Where it comes from: `crates.io`, `npm`, or a git source.
    pub origin: String,
    /// The SPDX expression it declares (`OR` lists in one order, so equal terms group together).
    pub license: Option<String>,
    pub repository: Option<String>,
    pub files: Vec<TextRef>,
}

/// One licence file of a component: its name there and its text in [`Licenses::texts`].
#[derive(Debug, Serialize, PartialEq, Eq, PartialOrd, Ord)]
pub struct TextRef {
    pub file: String,
    pub text: usize,
}

/// Texts stored once: the same Apache-2.0 file ships in hundreds of crates.
#[derive(Default)]
struct Texts {
    list: Vec<String>,
    index: HashMap<String, usize>,
}

impl Texts {
    fn add(&mut self, file: &str, raw: &[u8]) -> TextRef {
        let text = normalise(&String::from_utf8_lossy(raw));
        let next = self.list.len();
        let text = *self.index.entry(text.clone()).or_insert_with(|| {
            self.list.push(text);
            next
        });
        TextRef {
            file: file.to_owned(),
            text,
        }
    }
}

/// Line ends and trailing blanks differ between copies of one licence; they mean nothing.
fn normalise(text: &str) -> String {
    let lines: Vec<&str> = text.lines().map(str::trim_end).collect();
    lines.join("\n").trim_matches('\n').to_owned()
}

/// `MIT/Apache-2.0`, `Apache-2.0 OR MIT` and `MIT OR Apache-2.0` say the same: a plain list of
/// alternatives is written one way. Anything with AND, WITH or parentheses is kept as written.
pub fn canonical_expression(expr: &str) -> String {
    let expr = expr.trim();
    let plain = |s: &str| !s.is_empty() && s.chars().all(|c| c.is_ascii_alphanumeric() || "-.+".contains(c));
    let mut ids: Vec<&str> = expr.split('/').flat_map(|p| p.split(" OR ")).map(str::trim).collect();
    if ids.len() < 2 || !ids.iter().all(|id| plain(id)) {
        return expr.to_owned();
    }
    ids.sort_unstable();
    ids.dedup();
    ids.join(" OR ")
}

/// The workspace's dependency graph, for every target, as the lock file pins it.
pub fn metadata() -> Result<Metadata> {
    MetadataCommand::new()
        .manifest_path(root().join("Cargo.toml"))
        .exec()
        .context("cargo metadata")
}

/// The packages compiled into [`ROOTS`] through normal dependencies, on any target, less the
/// workspace's own crates (the app itself).
///
/// `cargo metadata`'s graph has every normal dependency, but with the features the whole
/// workspace turns on together (the CLI's, the tests' and dev-dependencies' included), so it
/// names optional crates the app never compiles. `cargo tree` resolves features as a build of
/// each root does; a crate is listed when both agree, and one `cargo tree` names that the
/// normal-dependency graph lacks is an error, not a guess.
pub fn shipped(metadata: &Metadata) -> Result<Vec<&Package>> {
    let reachable = normal_closure(metadata)?;
    let members: HashSet<&PackageId> = metadata.workspace_members.iter().collect();
    let packages: HashMap<&PackageId, &Package> = metadata.packages.iter().map(|p| (&p.id, p)).collect();
    let mut by_name: HashMap<(&str, String), Vec<&Package>> = HashMap::new();
    for id in &reachable {
        let pkg = packages
            .get(id)
            .copied()
            .with_context(|| format!("{id} has no package"))?;
        if !members.contains(id) {
            by_name
                .entry((&pkg.name, pkg.version.to_string()))
                .or_default()
                .push(pkg);
        }
    }
    let own: HashSet<&str> = members
        .iter()
        .filter_map(|id| packages.get(id))
        .map(|p| p.name.as_str())
        .collect();
    let mut out: Vec<&Package> = Vec::new();
    let mut listed = HashSet::new();
    for root in ROOTS {
        for (name, version) in compiled(root)? {
            if own.contains(name.as_str()) || !listed.insert((name.clone(), version.clone())) {
                continue;
            }
            let found = by_name.get(&(name.as_str(), version.clone())).with_context(|| {
                format!("cargo tree names {name} {version} for {root}, which no normal dependency reaches")
            })?;
            out.extend(found);
        }
    }
    out.sort_by(|a, b| (&a.name, &a.version).cmp(&(&b.name, &b.version)));
    Ok(out)
}

/// Every package reachable from [`ROOTS`] through normal dependencies in `cargo metadata`.
fn normal_closure(metadata: &Metadata) -> Result<HashSet<&PackageId>> {
    let resolve = metadata.resolve.as_ref().context("cargo metadata without a resolve")?;
    let nodes: HashMap<&PackageId, _> = resolve.nodes.iter().map(|n| (&n.id, n)).collect();
    let mut todo: Vec<&PackageId> = Vec::new();
    for name in ROOTS {
        let Some(pkg) = metadata
            .packages
            .iter()
            .find(|p| p.name == *name && metadata.workspace_members.contains(&p.id))
        else {
            bail!("{name} is not a workspace member");
        };
        todo.push(&pkg.id);
    }
    let mut seen: HashSet<&PackageId> = todo.iter().copied().collect();
    while let Some(id) = todo.pop() {
        let node = nodes.get(id).with_context(|| format!("{id} is not in the resolve"))?;
        for dep in &node.deps {
            let normal = dep.dep_kinds.iter().any(|k| k.kind == DependencyKind::Normal);
            if normal && seen.insert(&dep.pkg) {
                todo.push(&dep.pkg);
            }
        }
    }
    Ok(seen)
}

/// (name, version) of every package a build of `root` compiles through normal dependencies,
/// for every target, with cargo's own feature resolution.
fn compiled(root: &str) -> Result<Vec<(String, String)>> {
    let args = [
        "tree", "-p", root, "-e", "normal", "--target", "all", "--prefix", "none", "-f", "{p}",
    ];
    let out = cmd(&sh::cargo(), &args)
        .output()
        .with_context(|| format!("cargo tree -p {root}"))?;
    if !out.status.success() {
        bail!(
            "cargo tree -p {root} failed: {}",
            String::from_utf8_lossy(&out.stderr).trim()
        );
    }
    let mut packages = Vec::new();
    // `name vX.Y.Z`, then the source or `(proc-macro)`, and `(*)` for one shown before.
    for line in String::from_utf8_lossy(&out.stdout).lines() {
        let mut words = line.split_whitespace();
        let (Some(name), Some(version)) = (words.next(), words.next()) else {
            continue;
        };
        let Some(version) = version.strip_prefix('v') else {
            bail!("cargo tree printed {line:?}, not `name vX.Y.Z`");
        };
        packages.push((name.to_owned(), version.to_owned()));
    }
    packages.sort();
    packages.dedup();
    Ok(packages)
}

/// The licence files in a crate's source folder (and the one `license-file` names).
fn crate_texts(pkg: &Package, texts: &mut Texts) -> Result<Vec<TextRef>> {
    let dir = pkg
        .manifest_path
        .parent()
        .with_context(|| format!("{} has no source folder", pkg.name))?;
    let mut files: BTreeMap<String, std::path::PathBuf> = BTreeMap::new();
    let starts = |name: &str, prefixes: &[&str]| {
        let upper = name.to_ascii_uppercase();
        prefixes.iter().any(|p| upper.starts_with(p))
    };
    let entries = fs::read_dir(dir).with_context(|| format!("reading {dir}"))?;
    for entry in entries {
        let entry = entry?;
        let name = entry.file_name().to_string_lossy().into_owned();
        let kind = entry.file_type()?;
        if kind.is_file() && starts(&name, TEXT_PREFIXES) {
            files.insert(name, entry.path());
        } else if kind.is_dir() && TEXT_DIRS.contains(&name.to_ascii_uppercase().as_str()) {
            for inner in fs::read_dir(entry.path())? {
                let inner = inner?;
                if inner.file_type()?.is_file() {
                    let inner_name = inner.file_name().to_string_lossy().into_owned();
                    files.insert(format!("{name}/{inner_name}"), inner.path());
                }
            }
        }
    }
    if let Some(file) = &pkg.license_file {
        let path = dir.join(file);
        if path.is_file() && !files.values().any(|p| p.as_path() == path.as_std_path()) {
            files.insert(file.to_string(), path.into_std_path_buf());
        }
    }
    let mut refs = Vec::new();
    for (name, path) in files {
        if fs::metadata(&path)?.len() > MAX_TEXT_BYTES {
            continue;
        }
        let bytes = fs::read(&path).with_context(|| format!("reading {}", path.display()))?;
        refs.push(texts.add(&name, &bytes));
    }
    Ok(refs)
}

fn origin(pkg: &Package) -> String {
    match &pkg.source {
        Some(s) if s.is_crates_io() => "crates.io".to_owned(),
        Some(s) => s.repr.split('#').next().unwrap_or(&s.repr).to_owned(),
        None => "local".to_owned(),
    }
}

/// An npm package whose code is in `dist/`: its licence files and `package.json`, read from
/// the same pinned tarball the build vendors.
pub struct NpmComponent {
    pub package: &'static npm::Package,
    /// Licence files in the tarball, under `package/`.
    pub files: &'static [&'static str],
}

fn npm_component(c: &NpmComponent, texts: &mut Texts) -> Result<Component> {
    let mut wanted = vec!["package/package.json"];
    wanted.extend_from_slice(c.files);
    let contents = c.package.read(&wanted)?;
    let json: serde_json::Value =
        serde_json::from_slice(&contents[0]).with_context(|| format!("{}'s package.json", c.package.name))?;
    let repository = match &json["repository"] {
        serde_json::Value::String(s) => Some(s.clone()),
        serde_json::Value::Object(o) => o.get("url").and_then(|u| u.as_str()).map(str::to_owned),
        _ => None,
    }
    .map(|url| {
        url.trim_start_matches("git+")
            .trim_end_matches(".git")
            .replacen("git://", "https://", 1)
    });
    let files = c
        .files
        .iter()
        .zip(&contents[1..])
        .map(|(path, bytes)| texts.add(path.trim_start_matches("package/"), bytes))
        .collect();
    Ok(Component {
        name: c.package.name.to_owned(),
        version: c.package.version.to_owned(),
        origin: "npm".to_owned(),
        license: json["license"].as_str().map(canonical_expression),
        repository,
        files,
    })
}

/// Everything that ships, with its licences.
pub fn collect(metadata: &Metadata, npm: &[NpmComponent]) -> Result<Licenses> {
    let mut texts = Texts::default();
    let mut components = Vec::new();
    for pkg in shipped(metadata)? {
        components.push(Component {
            name: pkg.name.clone(),
            version: pkg.version.to_string(),
            origin: origin(pkg),
            license: pkg.license.as_deref().map(canonical_expression),
            repository: pkg.repository.clone(),
            files: crate_texts(pkg, &mut texts)?,
        });
    }
    for c in npm {
        components.push(npm_component(c, &mut texts)?);
    }
    components.sort();
    let version = metadata
        .packages
        .iter()
        .find(|p| p.name == ROOTS[0])
        .map(|p| p.version.to_string())
        .unwrap_or_default();
    Ok(Licenses {
        version,
        components,
        texts: texts.list,
    })
}

/// Writes `licenses.json` into `dist`.
pub fn write(dist: &Path, npm: &[NpmComponent]) -> Result<()> {
    let licenses = collect(&metadata()?, npm)?;
    let json = serde_json::to_string(&licenses)?;
    let out = dist.join("licenses.json");
    fs::write(&out, &json).with_context(|| format!("writing {}", out.display()))?;
    eprintln!(
        "==> {}: {} components, {} distinct licence texts, {} KiB",
        out.display(),
        licenses.components.len(),
        licenses.texts.len(),
        json.len() / 1024
    );
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_alternatives_are_written_one_way() {
        // Equal terms must fall into one group on the About screen, however a crate spelt them.
        assert_eq!(canonical_expression("MIT/Apache-2.0"), "Apache-2.0 OR MIT");
        assert_eq!(canonical_expression("MIT OR Apache-2.0"), "Apache-2.0 OR MIT");
        assert_eq!(canonical_expression("Apache-2.0 OR MIT"), "Apache-2.0 OR MIT");
        // Anything more than a list of alternatives keeps its own meaning, so it stays as written.
        assert_eq!(
            canonical_expression("(MIT OR Apache-2.0) AND Unicode-3.0"),
            "(MIT OR Apache-2.0) AND Unicode-3.0"
        );
        assert_eq!(
            canonical_expression("Apache-2.0 WITH LLVM-exception OR MIT"),
            "Apache-2.0 WITH LLVM-exception OR MIT"
        );
    }

    #[test]
    fn copies_of_one_text_are_stored_once() {
        let mut texts = Texts::default();
        let a = texts.add("LICENSE-MIT", b"MIT License\r\n\r\nPermission...  \r\n");
        let b = texts.add("LICENSE", b"\nMIT License\n\nPermission...\n\n");
        let c = texts.add("LICENSE", b"Other terms\n");
        assert_eq!(
            a.text, b.text,
            "line ends and trailing blanks do not make another licence"
        );
        assert_ne!(a.text, c.text, "different words are a different text");
        assert_eq!(texts.list.len(), 2);
    }

    #[test]
    fn the_graph_is_what_ships() -> Result<()> {
        let metadata = metadata()?;
        let shipped = shipped(&metadata)?;
        let names: HashSet<&str> = shipped.iter().map(|p| p.name.as_str()).collect();
        for needed in ["tauri", "sycamore", "wasm-bindgen", "rusqlite", "fluent-bundle"] {
            assert!(names.contains(needed), "{needed} is built into the app or its UI");
        }
        // Test-only crates (the e2e driver; dev-dependencies of crates that do ship: the core's
        // spreadsheet reader, the simulator's schema checker), the build script's and xtask's
        // own crates never reach the user.
        let absent = [
            "fantoccini",
            "calamine",
            "jsonschema",
            "serde_yaml",
            "tauri-build",
            "wasm-bindgen-cli-support",
        ];
        for absent in absent {
            assert!(
                !names.contains(absent),
                "{absent} is not a normal dependency of what ships"
            );
        }
        // Features resolved per root: the HTTP/3 stack reqwest has on offer is not switched on
        // by anything that ships, though the workspace's unified graph names it.
        assert!(
            !names.contains("quinn"),
            "quinn is an optional crate nothing shipped enables"
        );
        // The app's own crates are not third-party components.
        for own in ["matrix-desk", "mdesk-ui", "mdesk-core", "mdesk-ipc"] {
            assert!(!names.contains(own), "{own} is ours");
        }
        Ok(())
    }

    #[test]
    fn every_component_says_its_terms() -> Result<()> {
        let licenses = collect(&metadata()?, &[])?;
        let silent: Vec<String> = licenses
            .components
            .iter()
            .filter(|c| c.license.is_none() && c.files.is_empty())
            .map(|c| format!("{} {}", c.name, c.version))
            .collect();
        assert!(
            silent.is_empty(),
            "a component without a licence expression or text cannot be listed honestly: {silent:?}"
        );
        let tauri = licenses
            .components
            .iter()
            .find(|c| c.name == "tauri")
            .context("tauri is listed")?;
        assert!(
            tauri.license.is_some() && !tauri.files.is_empty(),
            "tauri ships its terms: {tauri:?}"
        );
        assert!(
            tauri.files.iter().all(|f| f.text < licenses.texts.len()),
            "every text a component points to is in the file"
        );
        Ok(())
    }
}
