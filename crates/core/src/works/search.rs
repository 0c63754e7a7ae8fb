//! Offline full-text search over works' titles and texts.
//!
//! Three or more characters go through the trigram index (`work_search`, migration 0005),
//! which finds Chinese substrings; one or two characters are too short for trigrams and are
//! matched directly against titles and texts. Either way the same works are found.

use mdesk_ipc::TextMark;
use rusqlite::types::Value;
use rusqlite::Connection;

use crate::error::CoreResult;

/// Shortest query the trigram index can answer.
const INDEXED_QUERY_CHARS: usize = 3;

/// From this many matches on, a page is found by walking the works in the screen's order and
/// keeping those that match; below it, by fetching the matches and sorting them.
const WALK_FROM_MATCHES: i64 = 1_000;

/// The FTS5 query for `text` as one literal phrase (quotes doubled, operators inert).
fn phrase(text: &str) -> String {
    format!("\"{}\"", text.replace('"', "\"\""))
}

/// The SQL condition on `w` (a work) that `query` matches, with its parameters.
pub(super) fn condition(conn: &Connection, query: &str) -> CoreResult<(&'static str, Vec<Value>)> {
    if query.chars().count() >= INDEXED_QUERY_CHARS {
        let matches: i64 = conn
            .prepare_cached("SELECT COUNT(*) FROM work_search WHERE work_search MATCH ?1")?
            .query_row([phrase(query)], |r| r.get(0))?;
        // `+` keeps SQLite from driving the query by the matches: a common word then walks the
        // works in order and stops at a page, a rare one sorts its few matches.
        let cond = if matches >= WALK_FROM_MATCHES {
            "+w.id IN (SELECT k.work_id FROM work_search s JOIN work_search_key k ON k.key = s.rowid \
             WHERE work_search MATCH ?)"
        } else {
            "w.id IN (SELECT k.work_id FROM work_search s JOIN work_search_key k ON k.key = s.rowid \
             WHERE work_search MATCH ?)"
        };
        Ok((cond, vec![Value::Text(phrase(query))]))
    } else {
        let q = Value::Text(query.to_owned());
        Ok((
            "(instr(lower(w.title), lower(?)) > 0 OR instr(lower(w.text), lower(?)) > 0)",
            vec![q.clone(), q],
        ))
    }
}

/// Every place `query` occurs in `text`, ignoring case, in characters (not bytes: a Chinese
/// character is three bytes).
pub fn marks(text: &str, query: &str) -> Vec<TextMark> {
    let fold = |s: &str| -> Vec<char> { s.chars().map(|c| c.to_lowercase().next().unwrap_or(c)).collect() };
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
