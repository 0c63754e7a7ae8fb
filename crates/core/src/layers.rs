//! The core's module graph, read from its source: layers run one way and nothing imports in
//! a circle. A new module gets a layer here, or this test fails.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// Every top-level module of the core and its layer (see the crate docs).
const LAYERS: &[(&str, u8)] = &[
    ("error", 0),
    ("redact", 0),
    ("files", 0),
    ("secret", 0),
    ("secret_file", 0),
    ("platform", 0),
    ("store", 0),
    ("settings", 1),
    ("content", 1),
    ("materials", 1),
    ("session", 1),
    ("identity", 1),
    ("outbox", 1),
    ("period", 1),
    ("covers", 1),
    ("export", 1),
    ("sync", 2),
    ("accounts", 3),
    ("invitations", 3),
    ("matrix", 3),
    ("pool", 3),
    ("audit", 3),
    ("notices", 3),
    ("works", 3),
    ("dashboard", 3),
    ("comments", 3),
    ("publish", 3),
    ("work_changes", 3),
    ("team", 3),
    ("health", 3),
];

fn src() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

/// The files of a top-level module: `name.rs`, or everything under `name/`.
fn files(module: &str) -> Vec<PathBuf> {
    let file = src().join(format!("{module}.rs"));
    if file.exists() {
        return vec![file];
    }
    let mut out = Vec::new();
    let mut dirs = vec![src().join(module)];
    while let Some(dir) = dirs.pop() {
        let entries = std::fs::read_dir(&dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                dirs.push(path);
            } else if path.extension().is_some_and(|x| x == "rs") {
                out.push(path);
            }
        }
    }
    out
}

/// The top-level modules a module's code names as `crate::<module>`.
fn imports(module: &str) -> BTreeSet<String> {
    let mut found = BTreeSet::new();
    for file in files(module) {
        let text = std::fs::read_to_string(&file).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
        for (i, _) in text.match_indices("crate::") {
            // Skip `$crate::` in macros and the `mdesk_…crate::` of other crates.
            if i > 0 && text[..i].ends_with(|c: char| c.is_alphanumeric() || c == '_' || c == '$') {
                continue;
            }
            let rest = &text[i + "crate::".len()..];
            let name: String = rest.chars().take_while(|c| c.is_alphanumeric() || *c == '_').collect();
            if let Some(brace) = rest.strip_prefix('{') {
                // `use crate::{a, b::c}`: every first segment inside the braces.
                let inner = brace.split('}').next().unwrap_or_default();
                for part in inner.split(',') {
                    let head: String = part
                        .trim()
                        .chars()
                        .take_while(|c| c.is_alphanumeric() || *c == '_')
                        .collect();
                    if !head.is_empty() && head != module {
                        found.insert(head);
                    }
                }
            } else if !name.is_empty() && name != module {
                found.insert(name);
            }
        }
    }
    found
}

fn layer(module: &str) -> Option<u8> {
    LAYERS.iter().find(|(m, _)| *m == module).map(|(_, l)| *l)
}

/// Re-exports at the crate root (`crate::CoreError`, `crate::Store`) resolve to their module.
fn resolve(name: &str) -> &str {
    match name {
        "CoreError" | "CoreResult" => "error",
        "Store" => "store",
        "PlatformClient" => "platform",
        "Secret" | "SecretStore" | "KeyringSecretStore" | "MemorySecretStore" => "secret",
        "FileSecretStore" | "DeskSecretStore" => "secret_file",
        other => other,
    }
}

fn graph() -> BTreeMap<String, BTreeSet<String>> {
    LAYERS
        .iter()
        .map(|(m, _)| {
            let deps = imports(m)
                .iter()
                .map(|d| resolve(d).to_owned())
                .filter(|d| d != m)
                .collect();
            ((*m).to_owned(), deps)
        })
        .collect()
}

#[test]
fn every_module_has_a_layer() {
    // A module without a layer would escape the checks below.
    for entry in std::fs::read_dir(src()).expect("src").flatten() {
        let name = entry.file_name().to_string_lossy().trim_end_matches(".rs").to_owned();
        if name == "lib" || name == "layers" {
            continue;
        }
        assert!(layer(&name).is_some(), "module `{name}` needs a layer in LAYERS");
    }
}

#[test]
fn no_module_imports_a_higher_layer() {
    // store → settings / session / outbox → sync → facades; never back up.
    for (module, deps) in graph() {
        let own = layer(&module).unwrap_or(u8::MAX);
        for dep in deps {
            let Some(theirs) = layer(&dep) else {
                panic!("`{module}` imports `crate::{dep}`, which is not a module of the core");
            };
            assert!(
                theirs <= own,
                "`{module}` (layer {own}) imports `{dep}` (layer {theirs})"
            );
        }
    }
}

#[test]
fn the_module_graph_has_no_cycle() {
    // Modules in a circle cannot be understood, tested or changed one at a time.
    let graph = graph();
    fn visit(m: &str, graph: &BTreeMap<String, BTreeSet<String>>, path: &mut Vec<String>, done: &mut BTreeSet<String>) {
        if let Some(at) = path.iter().position(|p| p == m) {
            panic!("import cycle: {} → {m}", path[at..].join(" → "));
        }
        if done.contains(m) {
            return;
        }
        path.push(m.to_owned());
        for dep in graph.get(m).into_iter().flatten() {
            visit(dep, graph, path, done);
        }
        path.pop();
        done.insert(m.to_owned());
    }
    let mut done = BTreeSet::new();
    for m in graph.keys() {
        visit(m, &graph, &mut Vec::new(), &mut done);
    }
}

#[test]
fn the_checker_sees_imports() {
    // A checker that finds nothing would pass anything.
    let g = graph();
    assert!(
        g["sync"].contains("outbox"),
        "sync delivers the outbox: {:?}",
        g["sync"]
    );
    assert!(g["session"].contains("store"), "{:?}", g["session"]);
    assert!(g["pool"].contains("accounts"), "{:?}", g["pool"]);
}
