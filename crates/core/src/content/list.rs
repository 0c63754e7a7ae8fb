//! The shipped word list (`crates/core/data/content-words.csv`, documented in
//! `docs/content-check.md`): data, not code. Each entry has a category, a severity, a plain
//! reason and a suggestion in both languages, and everyday phrases that contain it and pass.

use std::sync::LazyLock;

use mdesk_ipc::{Severity, WordCategory};
use serde::Deserialize;

const SHIPPED_CSV: &str = include_str!("../../data/content-words.csv");

/// One word of the shipped list.
#[derive(Debug, Clone, Deserialize)]
pub struct ShippedWord {
    pub word: String,
    pub category: WordCategory,
    pub severity: Severity,
    /// Everyday phrases containing the word that pass, `|`-separated in the file.
    pub exceptions: String,
    pub reason_zh: String,
    pub reason_en: String,
    pub suggestion_zh: String,
    pub suggestion_en: String,
}

impl ShippedWord {
    pub fn exceptions(&self) -> impl Iterator<Item = &str> {
        self.exceptions.split('|').map(str::trim).filter(|e| !e.is_empty())
    }

    pub fn reason(&self, lang: &str) -> &str {
        if lang == "en" {
            &self.reason_en
        } else {
            &self.reason_zh
        }
    }

    pub fn suggestion(&self, lang: &str) -> &str {
        if lang == "en" {
            &self.suggestion_en
        } else {
            &self.suggestion_zh
        }
    }
}

fn parse(csv_text: &str) -> Result<Vec<ShippedWord>, String> {
    csv::Reader::from_reader(csv_text.as_bytes())
        .deserialize()
        .enumerate()
        .map(|(i, row)| row.map_err(|e| format!("content-words.csv line {}: {e}", i + 2)))
        .collect()
}

/// The shipped list. The file is part of the build and tested (below), so a broken file
/// fails the tests; should it still be unreadable, the list is empty and the error logged.
pub static SHIPPED: LazyLock<Vec<ShippedWord>> = LazyLock::new(|| {
    parse(SHIPPED_CSV).unwrap_or_else(|e| {
        tracing::error!("the shipped content word list is unreadable: {e}");
        Vec::new()
    })
});

#[cfg(test)]
mod tests {
    use std::collections::HashSet;

    use super::*;

    #[test]
    fn the_shipped_list_is_sound() {
        let words = parse(SHIPPED_CSV).expect("the shipped list parses");
        assert!(words.len() >= 150, "{} words", words.len());
        let mut seen = HashSet::new();
        for w in &words {
            let folded = super::super::fold::fold_word(&w.word);
            assert!(!folded.is_empty(), "{:?} folds to nothing", w.word);
            assert!(seen.insert(folded.clone()), "{:?} is listed twice", w.word);
            assert_ne!(
                w.category,
                WordCategory::Custom,
                "{:?}: custom is the merchant's",
                w.word
            );
            for e in w.exceptions() {
                assert!(
                    super::super::fold::fold_word(e).contains(&folded),
                    "{:?}: the exception {e:?} does not contain the word",
                    w.word
                );
            }
            for text in [&w.reason_zh, &w.reason_en, &w.suggestion_zh, &w.suggestion_en] {
                assert!(!text.trim().is_empty(), "{:?} lacks a reason or suggestion", w.word);
            }
        }
        for c in [
            WordCategory::Absolute,
            WordCategory::Diversion,
            WordCategory::Medical,
            WordCategory::Promise,
        ] {
            assert!(words.iter().any(|w| w.category == c), "no {c:?} words");
        }
    }
}
