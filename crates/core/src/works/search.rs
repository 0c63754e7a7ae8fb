//! Offline full-text search over works' titles and texts, for any query: one character or
//! many, frequent, rare or absent, with punctuation. What "found" means and what the index
//! holds is in [`crate::store::grams`].

use mdesk_ipc::TextMark;
use rusqlite::types::Value;
use rusqlite::Connection;

use crate::store::grams::{self, fold};
use crate::error::CoreResult;

/// From this many works in the index on, a page is found by walking the works in the screen's
/// order and checking each one (a common query fills a page after a few rows); below it, by
/// taking the index's works and sorting them.
const WALK_FROM_MATCHES: i64 = 3_000;

/// The SQL condition on `w` (a work) that `query` matches, with its parameters. `for_count`:
/// the condition serves a count of every match, which always goes through the index.
pub(super) fn condition(conn: &Connection, query: &str, for_count: bool) -> CoreResult<(String, Vec<Value>)> {
    let Some(iq) = grams::index_query(query) else {
        return Ok(("1".into(), Vec::new()));
    };
    let check = "mdesk_contains(w.title, w.text, ?)";
    let q = Value::Text(query.to_owned());
    if !for_count {
        let indexed: i64 = conn
            .prepare_cached("SELECT COUNT(*) FROM work_gram WHERE work_gram MATCH ?1")?
            .query_row([&iq.expression], |r| r.get(0))?;
        if indexed >= WALK_FROM_MATCHES {
            return Ok((check.into(), vec![q]));
        }
    }
    let mut cond =
        "w.id IN (SELECT k.work_id FROM work_gram g JOIN work_search_key k ON k.key = g.rowid WHERE work_gram MATCH ?)"
            .to_owned();
    let mut params = vec![Value::Text(iq.expression)];
    if iq.check {
        cond.push_str(" AND ");
        cond.push_str(check);
        params.push(q);
    }
    Ok((cond, params))
}

/// Every place `query` occurs in `text`, ignoring case, in characters (not bytes: a Chinese
/// character is three bytes).
pub fn marks(text: &str, query: &str) -> Vec<TextMark> {
    let fold = |s: &str| -> Vec<char> { s.chars().map(fold).collect() };
    let (hay, needle) = (fold(text), fold(query.trim()));
    let mut out = Vec::new();
    if needle.is_empty() || needle.len() > hay.len() {
        return out;
    }
    let mut i = 0;
    while i + needle.len() <= hay.len() {
        if hay[i..i + needle.len()] == needle[..] {
            out.push(TextMark {
                start: i as u32,
                end: (i + needle.len()) as u32,
            });
            i += needle.len();
        } else {
            i += 1;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn marks_count_characters_not_bytes() {
        assert_eq!(marks("春季新品开箱", "新品"), [TextMark { start: 2, end: 4 }]);
        assert_eq!(
            marks("Tea tea TEA", "tea"),
            [
                TextMark { start: 0, end: 3 },
                TextMark { start: 4, end: 7 },
                TextMark { start: 8, end: 11 }
            ]
        );
        assert!(marks("春季", "").is_empty());
    }
}
