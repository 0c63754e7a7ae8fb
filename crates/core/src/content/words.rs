//! The merchant's own words (Settings → 内容检查, `mdesk words`): added one by one, or
//! imported and exported as CSV, for every account or for one.
//!
//! The CSV has a header naming its columns (word, category, severity, reason, account — in
//! English or Chinese) and takes category and severity names in either language; an export is
//! UTF-8 with a byte-order mark and an import also takes a GB18030 (GBK) file, as Excel on a
//! Chinese Windows saves one.

use std::path::Path;

use mdesk_ipc::i18n::{translate, LANGUAGES};
use mdesk_ipc::{NewWord, OwnWord, Severity, WordCategory, WordImport, WordListSummary};
use rusqlite::{params, Connection, OptionalExtension, Transaction};

use super::checker::{Entry, Source};
use super::fold::fold_word;
use super::list::SHIPPED;
use crate::error::{CoreError, CoreResult};
use crate::export::{Cell, Sheet};
use crate::store::kv::{self, Setting};
use crate::store::Store;

/// The longest word, in characters.
pub const MAX_WORD_CHARS: usize = 30;
/// The longest reason, in characters.
pub const MAX_REASON_CHARS: usize = 200;

/// The own words as the checker takes them.
pub fn own_entries(conn: &Connection) -> CoreResult<Vec<Entry>> {
    let mut stmt =
        conn.prepare_cached("SELECT word, category, severity, reason, account_id FROM content_word ORDER BY id")?;
    let rows = stmt.query_map([], |r| {
        Ok(Entry {
            word: r.get(0)?,
            category: r.get(1)?,
            severity: r.get(2)?,
            source: Source::Own {
                reason: r.get(3)?,
                account_id: r.get(4)?,
            },
            exceptions: Vec::new(),
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

fn own_in(conn: &Connection) -> CoreResult<Vec<OwnWord>> {
    let mut stmt = conn.prepare_cached(
        "SELECT w.id, w.word, w.category, w.severity, w.reason, w.account_id, a.nickname, w.added_at \
         FROM content_word w LEFT JOIN matrix_account a ON a.id = w.account_id \
         ORDER BY w.account_id IS NOT NULL, a.nickname, w.id DESC",
    )?;
    let rows = stmt.query_map([], |r| {
        Ok(OwnWord {
            id: r.get(0)?,
            word: r.get(1)?,
            category: r.get(2)?,
            severity: r.get(3)?,
            reason: r.get(4)?,
            account_id: r.get(5)?,
            account_nickname: r.get(6)?,
            added_at: r.get(7)?,
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// The merchant's own words: every account's first, then each account's.
pub fn own(store: &Store) -> CoreResult<Vec<OwnWord>> {
    store.read(own_in)
}

/// The shipped list in numbers, and the own words, for Settings.
pub fn summary(store: &Store) -> CoreResult<WordListSummary> {
    let shipped = [
        WordCategory::Absolute,
        WordCategory::Diversion,
        WordCategory::Medical,
        WordCategory::Promise,
    ]
    .into_iter()
    .map(|c| {
        let of = SHIPPED.iter().filter(|w| w.category == c);
        let blocks = of.clone().filter(|w| w.severity == Severity::Block).count();
        (c, of.count(), blocks)
    })
    .collect();
    Ok(WordListSummary {
        shipped,
        own: own(store)?,
    })
}

fn rule(rule: &'static str, message: String) -> CoreError {
    CoreError::Rule { rule, message }
}

/// A word to add, checked: its text, reason and account.
fn checked(conn: &Connection, w: &NewWord) -> CoreResult<(String, String, String)> {
    let word = w.word.trim().to_owned();
    if word.is_empty() {
        return Err(rule("word_empty", "enter a word".into()));
    }
    if word.chars().count() > MAX_WORD_CHARS {
        return Err(rule(
            "word_too_long",
            format!("{word:?} is longer than {MAX_WORD_CHARS} characters"),
        ));
    }
    let folded = fold_word(&word);
    if folded.is_empty() {
        return Err(rule(
            "word_no_letters",
            format!("{word:?} has no letters, digits or characters to look for"),
        ));
    }
    let reason = w.reason.trim().to_owned();
    if reason.chars().count() > MAX_REASON_CHARS {
        return Err(rule(
            "word_reason_too_long",
            format!("the reason is longer than {MAX_REASON_CHARS} characters"),
        ));
    }
    if let Some(a) = &w.account_id {
        let known: Option<i64> = conn
            .prepare_cached("SELECT 1 FROM matrix_account WHERE id = ?1")?
            .query_row([a], |r| r.get(0))
            .optional()?;
        if known.is_none() {
            return Err(rule("account_unknown", format!("no matrix account {a} here")));
        }
    }
    Ok((word, folded, reason))
}

/// Whether the word was new (else: it was listed for that scope and is updated in place).
fn upsert(tx: &Transaction<'_>, w: &NewWord) -> CoreResult<(i64, bool)> {
    let (word, folded, reason) = checked(tx, w)?;
    let existing: Option<i64> = tx
        .prepare_cached(
            "SELECT id FROM content_word WHERE folded = ?1 AND coalesce(account_id, '') = coalesce(?2, '')",
        )?
        .query_row(params![folded, w.account_id], |r| r.get(0))
        .optional()?;
    if let Some(id) = existing {
        tx.prepare_cached(
            "UPDATE content_word SET word = ?2, category = ?3, severity = ?4, reason = ?5 WHERE id = ?1",
        )?
        .execute(params![id, word, w.category, w.severity, reason])?;
        return Ok((id, false));
    }
    tx.prepare_cached(
        "INSERT INTO content_word (word, folded, category, severity, reason, account_id, added_at) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )?
    .execute(params![
        word,
        folded,
        w.category,
        w.severity,
        reason,
        w.account_id,
        chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Millis, true)
    ])?;
    Ok((tx.last_insert_rowid(), true))
}

/// Adds a word (or changes how a listed one counts); answers its id.
pub fn add(store: &Store, w: &NewWord) -> CoreResult<i64> {
    store.write(|tx| {
        may_change(tx)?;
        Ok(upsert(tx, w)?.0)
    })
}

/// The merchant's list is the merchant's settings: the owner and admins change it. Every
/// change goes through here, and moves the list's version on (see [`version`]).
fn may_change(tx: &Transaction<'_>) -> CoreResult<()> {
    crate::identity::require(tx, mdesk_ipc::Permission::ManageSettings)?;
    let next = match version(tx)?.split_once(':') {
        Some((list, n)) => format!("{list}:{}", n.parse::<u64>().unwrap_or(0).wrapping_add(1)),
        None => format!("{}:1", uuid::Uuid::new_v4()),
    };
    kv::set_setting(tx, Setting::ContentWordsVersion, Some(&next))
}

/// Which version of this database's own words it holds: a list id of its own (so two
/// databases never share one) and a count of changes; empty before the first change.
pub fn version(conn: &Connection) -> CoreResult<String> {
    Ok(kv::setting(conn, Setting::ContentWordsVersion)?.unwrap_or_default())
}

/// Removes one own word.
pub fn remove(store: &Store, id: i64) -> CoreResult<()> {
    let n = store.write(|tx| {
        let n = tx
            .prepare_cached("DELETE FROM content_word WHERE id = ?1")?
            .execute([id])?;
        may_change(tx)?;
        Ok(n)
    })?;
    if n == 0 {
        return Err(CoreError::InvalidInput(format!("no own word {id} here")));
    }
    Ok(())
}

/// Removes an own word by its text (disguises and case do not matter), for every account or
/// for one.
pub fn remove_word(store: &Store, word: &str, account_id: Option<&str>) -> CoreResult<()> {
    let folded = fold_word(word);
    let n = store.write(|tx| {
        may_change(tx)?;
        Ok(tx
            .prepare_cached(
                "DELETE FROM content_word WHERE folded = ?1 AND coalesce(account_id, '') = coalesce(?2, '')",
            )?
            .execute(params![folded, account_id])?)
    })?;
    if n == 0 {
        return Err(CoreError::InvalidInput(format!(
            "{word:?} is not one of the merchant's own words{}",
            account_id.map(|a| format!(" for account {a}")).unwrap_or_default()
        )));
    }
    Ok(())
}

/// The CSV columns, in file order.
const COLUMNS: [&str; 5] = ["word", "category", "severity", "reason", "account"];

fn header(lang: &str, column: &str) -> String {
    translate(lang, &format!("words-column-{column}"), &[])
}

fn category_name(lang: &str, c: WordCategory) -> String {
    translate(lang, &format!("word-category-{}", c.as_str()), &[])
}

fn severity_name(lang: &str, s: Severity) -> String {
    translate(lang, &format!("severity-{}", s.as_str()), &[])
}

/// Writes the own words to `path` as CSV, headers and names in `lang`; answers how many.
pub fn export_csv(store: &Store, lang: &str, path: &Path) -> CoreResult<usize> {
    let words = own(store)?;
    let gg: std::collections::HashMap<String, String> = store.read(|conn| {
        let mut stmt = conn.prepare_cached("SELECT id, guangguang_id FROM matrix_account")?;
        let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
        Ok(rows.collect::<Result<_, _>>()?)
    })?;
    let sheet = Sheet {
        name: "words".into(),
        headers: COLUMNS.iter().map(|c| header(lang, c)).collect(),
        rows: words
            .iter()
            .map(|w| {
                vec![
                    Cell::Text(w.word.clone()),
                    Cell::Text(category_name(lang, w.category)),
                    Cell::Text(severity_name(lang, w.severity)),
                    Cell::Text(w.reason.clone()),
                    Cell::opt_text(
                        w.account_id
                            .as_ref()
                            .map(|a| gg.get(a).cloned().unwrap_or_else(|| a.clone())),
                    ),
                ]
            })
            .collect(),
    };
    crate::export::write(mdesk_ipc::ExportFormat::Csv, &[sheet], path, &mut |_| {})?;
    Ok(words.len())
}

/// The file's text: UTF-8 (a byte-order mark dropped), else GB18030 as Excel saves on a
/// Chinese Windows.
fn decoded(bytes: &[u8]) -> String {
    let bytes = bytes.strip_prefix("\u{feff}".as_bytes()).unwrap_or(bytes);
    match std::str::from_utf8(bytes) {
        Ok(s) => s.to_owned(),
        Err(_) => encoding_rs::GB18030.decode(bytes).0.into_owned(),
    }
}

/// A name in the file, in any language: the wire name or a translation of it.
fn named<T: Copy>(all: &[T], wire: impl Fn(T) -> &'static str, word: impl Fn(&str, T) -> String, s: &str) -> Option<T> {
    let s = s.trim().to_lowercase();
    all.iter()
        .copied()
        .find(|&v| wire(v) == s || LANGUAGES.iter().any(|(lang, _)| word(lang, v).to_lowercase() == s))
}

/// Reads words from a CSV file (see the module's words on its shape) and adds or updates
/// each; a line that cannot be taken is reported with why, and the others still count.
pub fn import_csv(store: &Store, path: &Path) -> CoreResult<WordImport> {
    let bytes =
        std::fs::read(path).map_err(|e| CoreError::InvalidInput(format!("{} cannot be read: {e}", path.display())))?;
    let text = decoded(&bytes);
    let mut reader = csv::ReaderBuilder::new().flexible(true).from_reader(text.as_bytes());
    let headers = reader
        .headers()
        .map_err(|e| CoreError::InvalidInput(format!("{}: not a CSV file: {e}", path.display())))?
        .clone();
    let column = |name: &str| {
        headers.iter().position(|h| {
            let h = h.trim().to_lowercase();
            h == name || LANGUAGES.iter().any(|(lang, _)| header(lang, name).to_lowercase() == h)
        })
    };
    let cols: Vec<Option<usize>> = COLUMNS.iter().map(|c| column(c)).collect();
    let Some(word_col) = cols[0] else {
        return Err(CoreError::InvalidInput(format!(
            "{}: no \"word\" (词) column in the first line",
            path.display()
        )));
    };
    let accounts: std::collections::HashMap<String, String> = store.read(|conn| {
        let mut stmt = conn.prepare_cached("SELECT guangguang_id, id FROM matrix_account")?;
        let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
        Ok(rows.collect::<Result<_, _>>()?)
    })?;
    let mut lines: Vec<(usize, Result<NewWord, String>)> = Vec::new();
    for (i, record) in reader.records().enumerate() {
        let line = i + 2;
        let record = match record {
            Ok(r) => r,
            Err(e) => {
                lines.push((line, Err(e.to_string())));
                continue;
            }
        };
        let cell = |c: Option<usize>| c.and_then(|c| record.get(c)).map(str::trim).unwrap_or_default();
        if record.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        let category = match cell(cols[1]) {
            "" => Some(WordCategory::Custom),
            s => named(WordCategory::ALL, WordCategory::as_str, category_name, s),
        };
        let severity = match cell(cols[2]) {
            "" => Some(Severity::Block),
            s => named(Severity::ALL, Severity::as_str, severity_name, s),
        };
        let account = match cell(cols[4]) {
            "" => Ok(None),
            gg => accounts
                .get(gg)
                .cloned()
                .map(Some)
                .ok_or_else(|| format!("no matrix account with Guangguang ID {gg:?} here")),
        };
        lines.push((
            line,
            match (category, severity, account) {
                (None, _, _) => Err(format!("unknown category {:?}", cell(cols[1]))),
                (_, None, _) => Err(format!("unknown severity {:?} (block or warn)", cell(cols[2]))),
                (_, _, Err(e)) => Err(e),
                (Some(category), Some(severity), Ok(account_id)) => Ok(NewWord {
                    word: cell(Some(word_col)).to_owned(),
                    category,
                    severity,
                    reason: cell(cols[3]).to_owned(),
                    account_id,
                }),
            },
        ));
    }
    store.write(|tx| {
        may_change(tx)?;
        let mut done = WordImport {
            added: 0,
            updated: 0,
            refused: Vec::new(),
        };
        for (line, w) in lines {
            match w.map_err(CoreError::InvalidInput).and_then(|w| upsert(tx, &w)) {
                Ok((_, true)) => done.added += 1,
                Ok((_, false)) => done.updated += 1,
                Err(CoreError::Rule { message, .. } | CoreError::InvalidInput(message)) => {
                    done.refused.push((line, message));
                }
                Err(e) => return Err(e),
            }
        }
        Ok(done)
    })
}
