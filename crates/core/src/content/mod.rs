//! The content check (内容检查): before anything goes out as a matrix account (a work's title,
//! text and topic, a comment, a reply), the words that could get that account punished or
//! throttled — the shipped list ([`list`], data in `crates/core/data/content-words.csv`) and
//! the merchant's own ([`words`], Settings → 内容检查), some for one account only.
//!
//! A `block` word stops queueing: the outbox refuses it ([`refuse_blocked`], for every kind
//! whose `Kind::copy` sends copy). A `warn` word needs the person's tick: the composer, the edit, the reply and the
//! comment boxes ask for it ([`verdict`]).

mod checker;
mod fold;
pub mod list;
pub mod words;

use std::sync::{Arc, LazyLock, Mutex};

pub use checker::{Checker, Entry, Source};
use mdesk_ipc::i18n::translate;
use mdesk_ipc::{CheckedField, CheckedText, ContentCheck, Severity};
use rusqlite::Connection;

use crate::error::{CoreError, CoreResult};
use crate::store::kv::{self, Setting};
use crate::store::Store;

/// The shipped list's entries.
pub fn shipped_entries() -> Vec<Entry> {
    list::SHIPPED
        .iter()
        .enumerate()
        .map(|(i, w)| Entry {
            word: w.word.clone(),
            category: w.category,
            severity: w.severity,
            source: Source::Shipped(i),
            exceptions: w.exceptions().map(str::to_owned).collect(),
        })
        .collect()
}

/// The checker for the shipped list and this database's own words, built once per version of
/// them (typing in a box checks on every key): a check reads one setting, not the list.
fn checker(conn: &Connection) -> CoreResult<Arc<Checker>> {
    /// The list's version, and the checker built for it.
    type Built = Option<(String, Arc<Checker>)>;
    static BUILT: LazyLock<Mutex<Built>> = LazyLock::new(|| Mutex::new(None));
    // With the count: a repair that saved the setting but lost some words builds anew.
    let count: i64 = conn
        .prepare_cached("SELECT COUNT(*) FROM content_word")?
        .query_row([], |r| r.get(0))?;
    let key = format!("{}/{count}", words::version(conn)?);
    let mut built = BUILT.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
    if let Some((k, c)) = built.as_ref() {
        if *k == key {
            return Ok(Arc::clone(c));
        }
    }
    let mut entries = shipped_entries();
    entries.extend(words::own_entries(conn)?);
    let c = Arc::new(Checker::build(entries).map_err(|e| CoreError::Corrupt(format!("content word list: {e}")))?);
    *built = Some((key, Arc::clone(&c)));
    Ok(c)
}

fn reason_and_suggestion(checker: &Checker, entry: usize, lang: &str) -> (String, String) {
    let e = checker.entry(entry);
    match &e.source {
        Source::Shipped(i) => list::SHIPPED
            .get(*i)
            .map(|w| (w.reason(lang).to_owned(), w.suggestion(lang).to_owned()))
            .unwrap_or_default(),
        Source::Own { reason, .. } => (
            if reason.trim().is_empty() {
                translate(lang, &format!("content-reason-{}", e.category.as_str()), &[])
            } else {
                reason.clone()
            },
            translate(lang, "content-own-suggestion", &[]),
        ),
    }
}

/// Checks `text` as it would go out for `accounts` (their own words count too), with reasons
/// and suggestions in `lang`. Blocks first, then by field and place.
pub fn check_in(conn: &Connection, lang: &str, text: &CheckedText, accounts: &[String]) -> CoreResult<ContentCheck> {
    let checker = checker(conn)?;
    let mut hits = Vec::new();
    for (field, value) in text.fields() {
        for found in checker.find(value, accounts) {
            let (reason, suggestion) = reason_and_suggestion(&checker, found.entry, lang);
            hits.push(checker::hit(&checker, found, field, value, reason, suggestion));
        }
    }
    hits.sort_by_key(|h| (h.severity, h.field, h.start));
    Ok(ContentCheck { hits })
}

/// [`check_in`] in the desk's language.
pub fn check(store: &Store, text: &CheckedText, accounts: &[String]) -> CoreResult<ContentCheck> {
    store.read(|conn| {
        let lang =
            kv::setting(conn, Setting::Language)?.unwrap_or_else(|| mdesk_ipc::i18n::DEFAULT_LANGUAGE.to_owned());
        check_in(conn, &lang, text, accounts)
    })
}

fn field_name(field: CheckedField) -> &'static str {
    match field {
        CheckedField::Title => "the title",
        CheckedField::Text => "the text",
        CheckedField::Topic => "the topic",
        CheckedField::Comment => "the comment",
    }
}

fn listed(check: &ContentCheck, severity: Severity) -> String {
    check
        .hits
        .iter()
        .filter(|h| h.severity == severity)
        .map(|h| format!("\"{}\" in {} ({})", h.found, field_name(h.field), h.category.as_str()))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Whether the copy may go out: never with a `block` word; with a `warn` word only once the
/// person accepted the warnings.
pub fn verdict(check: &ContentCheck, accept_warnings: bool) -> CoreResult<()> {
    if check.blocked() {
        return Err(CoreError::Rule {
            rule: "content_blocked",
            message: format!("blocked by the content check: {}", listed(check, Severity::Block)),
        });
    }
    if check.warned() && !accept_warnings {
        return Err(CoreError::Rule {
            rule: "content_warned",
            message: format!(
                "the content check warns about {}: accept the warnings to go ahead",
                listed(check, Severity::Warn)
            ),
        });
    }
    Ok(())
}

/// The outbox's rule: nothing with a `block` word is queued, whichever way it came.
pub fn refuse_blocked(conn: &Connection, text: &CheckedText, accounts: &[String]) -> CoreResult<()> {
    verdict(&check_in(conn, "en", text, accounts)?, true)
}

#[cfg(test)]
mod tests;
