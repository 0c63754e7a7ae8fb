//! The matcher: every listed word and every exception in one Aho-Corasick automaton, run once
//! over the folded text; then exceptions, scope and overlaps are settled.

use std::collections::HashMap;

use aho_corasick::{AhoCorasick, MatchKind};
use mdesk_ipc::{CheckedField, ContentHit, Severity, WordCategory};

use super::fold::{fold, fold_word};

/// Where a listed word comes from, and what it says.
#[derive(Debug, Clone)]
pub enum Source {
    /// The shipped list's entry at this index.
    Shipped(usize),
    /// The merchant's own: its reason (empty: the category's) and the account it is for.
    Own { reason: String, account_id: Option<String> },
}

/// One listed word.
#[derive(Debug, Clone)]
pub struct Entry {
    pub word: String,
    pub category: WordCategory,
    pub severity: Severity,
    pub source: Source,
    /// Everyday phrases containing it that pass.
    pub exceptions: Vec<String>,
}

#[derive(Debug, Clone, Copy)]
enum Role {
    Word(usize),
    Exception(usize),
}

/// The automaton over a word list.
#[derive(Debug)]
pub struct Checker {
    ac: AhoCorasick,
    /// Per pattern, what it is (one folded text may be several entries' word or exception).
    roles: Vec<Vec<Role>>,
    entries: Vec<Entry>,
    /// Entries whose folded word is ASCII letters and digits only (`vx`, `qq`): they must
    /// stand apart from other Latin letters, or `qq` would be found in `sqq`.
    latin: Vec<bool>,
}

/// A word found, before it becomes a hit: folded character span and its entry.
#[derive(Debug, Clone, Copy)]
pub struct Found {
    /// Character span in the original text.
    pub start: usize,
    pub end: usize,
    pub entry: usize,
}

impl Checker {
    pub fn build(entries: Vec<Entry>) -> Result<Self, aho_corasick::BuildError> {
        let mut index: HashMap<String, usize> = HashMap::new();
        let mut patterns: Vec<String> = Vec::new();
        let mut roles: Vec<Vec<Role>> = Vec::new();
        let mut add = |text: String, role: Role| {
            if text.is_empty() {
                return;
            }
            let i = *index.entry(text.clone()).or_insert_with(|| {
                patterns.push(text);
                roles.push(Vec::new());
                patterns.len() - 1
            });
            roles[i].push(role);
        };
        let mut latin = Vec::with_capacity(entries.len());
        for (i, e) in entries.iter().enumerate() {
            let folded = fold_word(&e.word);
            latin.push(!folded.is_empty() && folded.chars().all(|c| c.is_ascii_alphanumeric()));
            add(folded, Role::Word(i));
            for x in &e.exceptions {
                add(fold_word(x), Role::Exception(i));
            }
        }
        let ac = AhoCorasick::builder()
            .match_kind(MatchKind::Standard)
            .build(&patterns)?;
        Ok(Self {
            ac,
            roles,
            entries,
            latin,
        })
    }

    pub fn entry(&self, i: usize) -> &Entry {
        &self.entries[i]
    }

    /// The listed words in `text` for `accounts` (words of other accounts do not count), each
    /// once: a word inside one of its exceptions passes, and a word overlapping an earlier or
    /// longer one found at the same or a worse severity is that word's (全网最低价 is 全网最低,
    /// not also 全网 and 最低价).
    pub fn find(&self, text: &str, accounts: &[String]) -> Vec<Found> {
        let folded = fold(text);
        if folded.text.is_empty() {
            return Vec::new();
        }
        let original: Vec<char> = text.chars().collect();
        let mut words: Vec<(usize, usize, usize)> = Vec::new();
        let mut exceptions: Vec<(usize, usize, usize)> = Vec::new();
        for m in self.ac.find_overlapping_iter(&folded.text) {
            let (s, e) = (folded.char_at(m.start()), folded.char_at(m.end()));
            for role in &self.roles[m.pattern().as_usize()] {
                match *role {
                    Role::Word(i)
                        if self.in_scope(i, accounts) && self.stands_apart(i, &folded.origin, &original, s, e) =>
                    {
                        words.push((s, e, i));
                    }
                    Role::Word(_) => {}
                    Role::Exception(i) => exceptions.push((s, e, i)),
                }
            }
        }
        words.retain(|&(s, e, i)| !exceptions.iter().any(|&(xs, xe, xi)| xi == i && xs <= s && e <= xe));
        // Longest first, blocks before warnings, the merchant's own before the shipped.
        words.sort_by_key(|&(s, e, i)| {
            let entry = &self.entries[i];
            (
                s,
                std::cmp::Reverse(e - s),
                entry.severity,
                matches!(entry.source, Source::Shipped(_)),
            )
        });
        let mut kept: Vec<(usize, usize, usize)> = Vec::new();
        for w in words {
            // Overlapping an earlier (or longer) word at least as severe: that word's.
            let covered = kept
                .iter()
                .any(|k| k.0 < w.1 && w.0 < k.1 && self.entries[k.2].severity <= self.entries[w.2].severity);
            if !covered {
                kept.push(w);
            }
        }
        kept.into_iter()
            .map(|(s, e, entry)| Found {
                start: folded.origin[s],
                end: folded.origin[e - 1] + 1,
                entry,
            })
            .collect()
    }

    fn in_scope(&self, i: usize, accounts: &[String]) -> bool {
        match &self.entries[i].source {
            Source::Own {
                account_id: Some(a), ..
            } => accounts.contains(a),
            _ => true,
        }
    }

    /// A Latin word is not part of a longer Latin word in the original text.
    fn stands_apart(&self, i: usize, origin: &[usize], original: &[char], s: usize, e: usize) -> bool {
        if !self.latin[i] {
            return true;
        }
        let latin_at = |at: Option<usize>| {
            at.and_then(|a| original.get(a))
                .map(|c| fold_word(&c.to_string()))
                .is_some_and(|f| f.chars().any(|c| c.is_ascii_alphanumeric()))
        };
        !latin_at(origin[s].checked_sub(1)) && !latin_at(Some(origin[e - 1] + 1))
    }
}

/// A found word as the screens show it.
pub fn hit(
    checker: &Checker,
    found: Found,
    field: CheckedField,
    text: &str,
    reason: String,
    suggestion: String,
) -> ContentHit {
    let entry = checker.entry(found.entry);
    ContentHit {
        word: entry.word.clone(),
        found: text.chars().skip(found.start).take(found.end - found.start).collect(),
        category: entry.category,
        severity: entry.severity,
        field,
        start: found.start,
        end: found.end,
        reason,
        suggestion,
        own: matches!(entry.source, Source::Own { .. }),
        account_id: match &entry.source {
            Source::Own { account_id, .. } => account_id.clone(),
            Source::Shipped(_) => None,
        },
    }
}
