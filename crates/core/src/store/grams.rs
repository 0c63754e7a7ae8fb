//! What the works search index (`work_gram`, migration 0010) holds, and the two SQL functions
//! that keep and check it: `mdesk_grams(title, text)` and `mdesk_contains(title, text, query)`.
//!
//! A work is found by a query when the query, case folded, is a substring of its title or of
//! its text, case folded. The index holds each pair of neighbouring characters of a title and
//! of a text, and each one's last character alone, so:
//! - one character `c` is exactly the works holding a pair that starts with `c` or ending in it
//!   (a prefix query on the index's one-character prefix index);
//! - two characters are exactly the works holding that pair;
//! - three or more are the works holding every pair of the query, then checked by
//!   `mdesk_contains` (holding every pair does not mean holding them in a row).

use std::collections::BTreeSet;

use rusqlite::functions::FunctionFlags;
use rusqlite::Connection;

/// Hex digits a character is written in (code points reach U+10FFFF).
const CHAR_HEX: usize = 6;

/// The character as the index and every comparison see it: lower case.
pub fn fold(c: char) -> char {
    if c.is_ascii() {
        c.to_ascii_lowercase()
    } else {
        c.to_lowercase().next().unwrap_or(c)
    }
}

fn folded(s: &str) -> Vec<char> {
    s.chars().map(fold).collect()
}

const HEX: &[u8; 16] = b"0123456789abcdef";

/// Writes `c` as [`CHAR_HEX`] hex digits.
fn push_hex(out: &mut Vec<u8>, c: u32) {
    for shift in (0..CHAR_HEX).rev() {
        out.push(HEX[((c >> (4 * shift)) & 0xf) as usize]);
    }
}

fn hex(out: &mut String, chars: &[char]) {
    let mut bytes = Vec::with_capacity(chars.len() * CHAR_HEX);
    for c in chars {
        push_hex(&mut bytes, u32::from(*c));
    }
    out.push_str(&String::from_utf8_lossy(&bytes));
}

/// One token as a number, for sorting and de-duplicating without strings: a pair is
/// `first << 22 | second << 1`, a last character alone `c << 22 | 1`.
fn field_keys(field: &str, into: &mut Vec<u64>) {
    let mut prev: Option<u32> = None;
    for c in field.chars() {
        let c = u32::from(fold(c));
        if let Some(p) = prev {
            into.push(u64::from(p) << 22 | u64::from(c) << 1);
        }
        prev = Some(c);
    }
    if let Some(last) = prev {
        into.push(u64::from(last) << 22 | 1);
    }
}

/// The document `work_gram` indexes for a work: its distinct tokens, space separated.
pub fn grams(title: &str, text: &str) -> String {
    let mut keys = Vec::with_capacity(title.len() + text.len());
    field_keys(title, &mut keys);
    field_keys(text, &mut keys);
    keys.sort_unstable();
    keys.dedup();
    let mut out = Vec::with_capacity(keys.len() * (2 * CHAR_HEX + 1));
    for k in keys {
        if !out.is_empty() {
            out.push(b' ');
        }
        push_hex(&mut out, (k >> 22) as u32);
        if k & 1 == 0 {
            push_hex(&mut out, ((k >> 1) & 0x1f_ffff) as u32);
        }
    }
    // Only ASCII hex digits and spaces were written.
    String::from_utf8(out).unwrap_or_default()
}

/// `s` case folded, as one string.
pub fn fold_str(s: &str) -> String {
    s.chars().map(fold).collect()
}

/// Whether `query` (already folded) occurs in `field`, case folded. The folded field is written
/// into one buffer per thread: checking a work allocates nothing.
fn field_contains(field: &str, query: &str) -> bool {
    thread_local! {
        static FOLDED: std::cell::RefCell<String> = const { std::cell::RefCell::new(String::new()) };
    }
    if query.is_empty() {
        return true;
    }
    FOLDED.with(|buf| {
        let mut buf = buf.borrow_mut();
        buf.clear();
        buf.extend(field.chars().map(fold));
        buf.contains(query)
    })
}

/// Whether a work with this title and text is found by `query` (already folded).
fn holds(title: &str, text: &str, query: &str) -> bool {
    field_contains(title, query) || field_contains(text, query)
}

/// Whether a work with this title and text is found by `query`.
pub fn contains(title: &str, text: &str, query: &str) -> bool {
    holds(title, text, &fold_str(query))
}

/// How the index answers a query.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IndexQuery {
    /// The FTS5 expression over `work_gram`.
    pub expression: String,
    /// Whether the works it finds must still be checked with `mdesk_contains` (three characters
    /// or more); shorter queries are answered exactly by the index.
    pub check: bool,
}

/// The index query for a search text; `None` for an empty one.
pub fn index_query(query: &str) -> Option<IndexQuery> {
    let q = folded(query);
    match q.len() {
        0 => None,
        1 => {
            let mut h = String::new();
            hex(&mut h, &q);
            Some(IndexQuery {
                expression: format!("\"{h}\" *"),
                check: q.len() > 2,
            })
        }
        _ => {
            let pairs: BTreeSet<String> = q
                .windows(2)
                .map(|p| {
                    let mut h = String::new();
                    hex(&mut h, p);
                    format!("\"{h}\"")
                })
                .collect();
            Some(IndexQuery {
                expression: pairs.into_iter().collect::<Vec<_>>().join(" AND "),
                check: q.len() > 2,
            })
        }
    }
}

/// The `sync_state` key that defers the index while a page of works is written.
const DEFERRED: &str = "search.deferred";

/// From here to [`reindex`], in the same transaction, writing works leaves the search index
/// alone (its triggers see the key); [`reindex`] then brings it up to date for those works in
/// two statements. FTS5 flushes its pending terms at every statement that writes to it, so one
/// statement per work costs most of a download.
pub fn defer(tx: &rusqlite::Transaction<'_>) -> rusqlite::Result<()> {
    tx.prepare_cached("INSERT OR IGNORE INTO sync_state (key, value) VALUES (?1, '1')")?
        .execute([DEFERRED])?;
    Ok(())
}

/// Indexes `works` again (those deleted leave the index) and ends [`defer`].
pub fn reindex(tx: &rusqlite::Transaction<'_>, works: &[&str]) -> rusqlite::Result<()> {
    tx.prepare_cached("DELETE FROM sync_state WHERE key = ?1")?
        .execute([DEFERRED])?;
    if works.is_empty() {
        return Ok(());
    }
    let ids = serde_json::to_string(works).unwrap_or_else(|_| "[]".into());
    tx.prepare_cached(
        "DELETE FROM work_gram WHERE rowid IN \
         (SELECT key FROM work_search_key WHERE work_id IN (SELECT value FROM json_each(?1)))",
    )?
    .execute([&ids])?;
    tx.prepare_cached(
        "INSERT INTO work_gram (rowid, grams) SELECT k.key, mdesk_grams(w.title, w.text) \
         FROM work w JOIN work_search_key k ON k.work_id = w.id \
         WHERE w.id IN (SELECT value FROM json_each(?1)) AND w.deleted = 0",
    )?
    .execute([&ids])?;
    Ok(())
}

/// Builds the whole index again in one statement and ends [`defer`]: what a first download does
/// once, after its last page, instead of a flush per page.
pub fn reindex_all(tx: &rusqlite::Transaction<'_>) -> rusqlite::Result<()> {
    tx.prepare_cached("DELETE FROM sync_state WHERE key = ?1")?
        .execute([DEFERRED])?;
    tx.execute("INSERT INTO work_gram (work_gram) VALUES ('delete-all')", [])?;
    tx.execute(
        "INSERT INTO work_gram (rowid, grams) SELECT k.key, mdesk_grams(w.title, w.text) \
         FROM work w JOIN work_search_key k ON k.work_id = w.id WHERE w.deleted = 0",
        [],
    )?;
    Ok(())
}

/// Registers `mdesk_grams` and `mdesk_contains` on a connection of the store. Every connection
/// that may write works needs them: the index's triggers call `mdesk_grams`.
pub fn register(conn: &Connection) -> rusqlite::Result<()> {
    let flags = FunctionFlags::SQLITE_UTF8 | FunctionFlags::SQLITE_DETERMINISTIC | FunctionFlags::SQLITE_INNOCUOUS;
    conn.create_scalar_function("mdesk_grams", 2, flags, |ctx| {
        let title = ctx.get_raw(0).as_str_or_null()?.unwrap_or("");
        let text = ctx.get_raw(1).as_str_or_null()?.unwrap_or("");
        Ok(grams(title, text))
    })?;
    conn.create_scalar_function("mdesk_contains", 3, flags, |ctx| {
        let title = ctx.get_raw(0).as_str_or_null()?.unwrap_or("");
        let text = ctx.get_raw(1).as_str_or_null()?.unwrap_or("");
        // The query is the same for every row of a statement: folded once.
        let query = ctx.get_or_create_aux(2, |v| -> rusqlite::Result<String> {
            Ok(fold_str(v.as_str_or_null()?.unwrap_or("")))
        })?;
        Ok(holds(title, text, &query))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_work_is_indexed_by_its_pairs_and_last_characters_case_folded() {
        assert_eq!(grams("Ab", ""), "000061000062 000062");
        assert_eq!(grams("", "新"), "0065b0");
        // Title and text are separate fields: no pair spans them.
        assert_eq!(grams("a", "b"), "000061 000062");
    }

    #[test]
    fn queries_of_one_two_and_more_characters() {
        assert_eq!(
            index_query("新"),
            Some(IndexQuery {
                expression: "\"0065b0\" *".into(),
                check: false
            })
        );
        assert_eq!(index_query("新品").map(|q| q.check), Some(false));
        let three = index_query("A|b").expect("a query");
        assert!(three.check);
        assert_eq!(three.expression, "\"00006100007c\" AND \"00007c000062\"");
        assert_eq!(index_query(""), None);
    }

    #[test]
    fn contains_folds_case_and_needs_the_characters_in_a_row() {
        assert!(contains("春季新品开箱", "", "新品开"));
        assert!(!contains("新品 开箱", "开品新", "新品开"));
        assert!(contains("", "TEA time", "tea"));
        assert!(contains("ＡＢ", "", "ａｂ"), "full-width letters fold too");
        assert!(!contains("春季", "新品", "季新"), "no match across title and text");
    }
}
