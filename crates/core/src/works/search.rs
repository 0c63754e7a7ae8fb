//! Offline full-text search over works' titles and texts, for any query: one character or
//! many, frequent, rare or absent, with punctuation. What "found" means and what the index
//! holds is in [`crate::store::grams`].

use mdesk_ipc::TextMark;
use rusqlite::types::Value;
use rusqlite::Connection;

use crate::error::CoreResult;
use crate::store::grams::{self, fold};

/// Below this many works in the index, a page is found by taking them and sorting them.
const SORT_BELOW_MATCHES: i64 = 500;
/// From this many on, by walking the works in the screen's order and checking each one's title
/// and text (a common query fills a page after a few rows). In between, by walking the works in
/// order and keeping those in the index's set, which is built once.
const CHECK_FROM_MATCHES: i64 = 10_000;

/// The SQL condition on `w` (a work) that `query` matches, with its parameters.
pub(super) fn condition(conn: &Connection, query: &str) -> CoreResult<(String, Vec<Value>)> {
    let Some(iq) = grams::index_query(query) else {
        return Ok(("1".into(), Vec::new()));
    };
    let check = "mdesk_contains(w.title, w.text, ?)";
    let q = Value::Text(query.to_owned());
    let indexed: i64 = conn
        .prepare_cached("SELECT COUNT(*) FROM work_gram WHERE work_gram MATCH ?1")?
        .query_row([&iq.expression], |r| r.get(0))?;
    if indexed >= CHECK_FROM_MATCHES {
        return Ok((check.into(), vec![q]));
    }
    // `+` keeps SQLite from driving the query by the matches: the works are walked in order
    // and each is looked up in the set.
    let plus = if indexed >= SORT_BELOW_MATCHES { "+" } else { "" };
    let mut cond = format!(
        "{plus}w.id IN (SELECT k.work_id FROM work_gram g JOIN work_search_key k ON k.key = g.rowid WHERE work_gram MATCH ?)"
    );
    let mut params = vec![Value::Text(iq.expression)];
    if iq.check {
        cond.push_str(" AND ");
        cond.push_str(check);
        params.push(q);
    }
    Ok((cond, params))
}

/// The count of `merchant`'s works that `query` matches, driven by the index: its matches,
/// their keys (which name the merchant; deleted works are not in the index), and only when the
/// index cannot decide alone (three characters or more) or other filters follow (`alone` is
/// false: they are appended as ` AND …` on `w` and `a`), their works. `None` for an empty query.
pub(super) fn count(merchant: &str, query: &str, alone: bool) -> Option<super::query::Sql> {
    let iq = grams::index_query(query)?;
    let mut text = "SELECT COUNT(*) FROM work_gram g JOIN work_search_key k ON k.key = g.rowid".to_owned();
    if iq.check || !alone {
        text.push_str(" CROSS JOIN work w ON w.id = k.work_id CROSS JOIN matrix_account a ON a.id = w.account_id");
    }
    text.push_str(" WHERE work_gram MATCH ? AND k.merchant_id = ?");
    let mut params = vec![Value::Text(iq.expression), Value::Text(merchant.to_owned())];
    if iq.check {
        text.push_str(" AND mdesk_contains(w.title, w.text, ?)");
        params.push(Value::Text(query.to_owned()));
    }
    Some(super::query::Sql { text, params })
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
