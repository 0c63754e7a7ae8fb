//! The seeds' Chinese vocabulary: the most frequent words of jieba's dictionary, taken from the
//! `jieba-rs` package this crate depends on (its `src/data/dict.txt`: word, frequency, part of
//! speech), written to `$OUT_DIR/vocabulary.tsv` for `vocabulary.rs` to embed.

use std::collections::HashSet;
use std::path::PathBuf;
use std::process::Command;

/// How many words the seeds draw from.
const WORDS: usize = 30_000;
/// Parts of speech kept: nouns, verbs, adjectives, adverbs, idioms, places, time, function
/// words. Person names (`nr*`) and transliterations are left out.
const KEPT: &[&str] = &[
    "n", "v", "a", "d", "vn", "an", "ad", "nz", "ns", "i", "l", "r", "p", "c", "uj", "ul", "uz", "uv", "u", "m", "t",
    "f", "q", "y", "zg", "vd", "b", "s", "z",
];

fn main() {
    let dict = jieba_dictionary();
    println!("cargo:rerun-if-changed=build.rs");
    println!("cargo:rerun-if-changed={}", dict.display());
    let text = std::fs::read_to_string(&dict).unwrap_or_else(|e| panic!("reading {}: {e}", dict.display()));
    let kept: HashSet<&str> = KEPT.iter().copied().collect();
    let mut words: Vec<(&str, u64)> = text
        .lines()
        .filter_map(|line| {
            let mut parts = line.split(' ');
            let (word, freq, tag) = (parts.next()?, parts.next()?, parts.next().unwrap_or(""));
            let cjk = word.chars().all(|c| ('\u{4e00}'..='\u{9fff}').contains(&c));
            let n = word.chars().count();
            (cjk && (1..=4).contains(&n) && kept.contains(tag)).then_some((word, freq.parse().ok()?))
        })
        .collect();
    words.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    words.truncate(WORDS);
    let out: String = words.iter().map(|(w, f)| format!("{w}\t{f}\n")).collect();
    let dest = PathBuf::from(std::env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("vocabulary.tsv");
    std::fs::write(&dest, out).unwrap_or_else(|e| panic!("writing {}: {e}", dest.display()));
}

/// The version pinned in Cargo.toml (`jieba-rs = "=…"`).
const JIEBA_VERSION: &str = "0.11.0";

/// Where cargo unpacked the `jieba-rs` package: asked of `cargo metadata` (offline: the build
/// has the package already), else looked up in cargo's registry folder.
fn jieba_dictionary() -> PathBuf {
    let dict = |package: &std::path::Path| package.join("src/data/dict.txt");
    if let Some(dir) = from_metadata() {
        return dict(&dir);
    }
    let home = std::env::var_os("CARGO_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cargo")))
        .expect("CARGO_HOME or HOME is set");
    let registry = home.join("registry/src");
    let found = std::fs::read_dir(&registry)
        .into_iter()
        .flatten()
        .flatten()
        .map(|index| index.path().join(format!("jieba-rs-{JIEBA_VERSION}")))
        .find(|p| dict(p).exists());
    dict(&found.unwrap_or_else(|| panic!("jieba-rs {JIEBA_VERSION} is not in {}", registry.display())))
}

fn from_metadata() -> Option<PathBuf> {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let manifest = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").ok()?);
    let output = Command::new(cargo)
        .args(["metadata", "--format-version", "1", "--offline", "--manifest-path"])
        .arg(manifest.join("Cargo.toml"))
        .output()
        .ok()?;
    if !output.status.success() {
        return None;
    }
    let meta: serde_json::Value = serde_json::from_slice(&output.stdout).ok()?;
    let package = meta["packages"].as_array()?.iter().find(|p| p["name"] == "jieba-rs")?;
    PathBuf::from(package["manifest_path"].as_str()?)
        .parent()
        .map(PathBuf::from)
}
