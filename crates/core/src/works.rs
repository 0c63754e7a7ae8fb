//! Reading the signed-in merchant's works from the local database (all its accounts), with
//! the filters of the Works screen and offline full-text search.
//!
//! Search: three or more characters go through the trigram index (`work_search`, migration
//! 0005), which finds Chinese substrings; one or two characters are too short for trigrams and
//! are matched directly against titles and texts. Either way the same works are found.

use mdesk_ipc::{ReviewStatus, TextMark, WorkRow};
use rusqlite::{params, Connection};

use crate::error::CoreResult;
use crate::session;
use crate::store::Store;

/// Which works to list; `None` means any.
#[derive(Debug, Clone, Default)]
pub struct WorkFilter {
    pub account_id: Option<String>,
    pub review_status: Option<ReviewStatus>,
    /// Part of the title or text (any language; case does not matter).
    pub search: Option<String>,
    pub limit: u32,
}

/// Shortest query the trigram index can answer.
const INDEXED_QUERY_CHARS: usize = 3;

pub fn list(store: &Store, filter: &WorkFilter) -> CoreResult<Vec<WorkRow>> {
    store.read(|conn| list_in(conn, filter))
}

/// The FTS5 query for `text` as one literal phrase (quotes doubled, operators inert).
fn phrase(text: &str) -> String {
    format!("\"{}\"", text.replace('"', "\"\""))
}

fn list_in(conn: &Connection, filter: &WorkFilter) -> CoreResult<Vec<WorkRow>> {
    let Some(session) = session::current_in(conn)? else {
        return Ok(Vec::new());
    };
    let limit = if filter.limit == 0 { 100 } else { filter.limit };
    let query = filter.search.as_deref().map(str::trim).filter(|q| !q.is_empty());
    let (matching, needle) = match query {
        None => ("AND ?5 IS NULL", None),
        Some(q) if q.chars().count() >= INDEXED_QUERY_CHARS => (
            "AND w.id IN (SELECT k.work_id FROM work_search s JOIN work_search_key k ON k.key = s.rowid \
             WHERE work_search MATCH ?5)",
            Some(phrase(q)),
        ),
        Some(q) => (
            "AND (instr(lower(w.title), lower(?5)) > 0 OR instr(lower(w.text), lower(?5)) > 0)",
            Some(q.to_owned()),
        ),
    };
    let sql = format!(
        "SELECT w.id, w.account_id, a.guangguang_id, a.nickname, w.kind, w.title, w.review_status, w.review_reason, \
         w.inclusion_status, w.privacy, w.pinned, w.published_at, w.like_count, w.comment_count \
         FROM work w JOIN matrix_account a ON a.id = w.account_id \
         WHERE w.deleted = 0 AND a.merchant_id = ?1 AND (?2 IS NULL OR w.account_id = ?2) \
         AND (?3 IS NULL OR w.review_status = ?3) {matching} \
         ORDER BY w.published_at DESC, w.id DESC LIMIT ?4"
    );
    let mut stmt = conn.prepare_cached(&sql)?;
    let map = |r: &rusqlite::Row<'_>| {
        let title: String = r.get(5)?;
        Ok(WorkRow {
            id: r.get(0)?,
            account_id: r.get(1)?,
            guangguang_id: r.get(2)?,
            nickname: r.get(3)?,
            kind: r.get(4)?,
            title_marks: query.map(|q| marks(&title, q)).unwrap_or_default(),
            title,
            review_status: r.get(6)?,
            review_reason: r.get(7)?,
            inclusion_status: r.get(8)?,
            privacy: r.get(9)?,
            pinned: r.get(10)?,
            published_at: r.get(11)?,
            like_count: r.get(12)?,
            comment_count: r.get(13)?,
        })
    };
    let rows = stmt.query_map(
        params![
            session.merchant_id,
            filter.account_id,
            filter.review_status,
            limit,
            needle
        ],
        map,
    )?;
    Ok(rows.collect::<Result<_, _>>()?)
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

    /// Two merchants' works, one of them deleted.
    fn store() -> Store {
        let store = Store::open_in_memory().expect("store");
        store
            .write(|tx| {
                tx.execute_batch(
                    "INSERT INTO sync_state (key, value) VALUES ('session.platform_id', 'demo'), \
                       ('session.endpoint', 'http://127.0.0.1:1'), ('session.username', 'ops'), ('session.merchant_id', 'm1');
                     INSERT INTO matrix_account (id, merchant_id, guangguang_id, nickname, tag, binding_state, shop_card, updated_at) VALUES
                       ('a1', 'm1', 'gg_a00001', '门店甲', 'store', 'bound', 0, 'x'),
                       ('b1', 'm2', 'gg_b00001', '别家', 'store', 'bound', 0, 'x');
                     INSERT INTO work (id, account_id, kind, title, text, privacy, pinned, review_status, inclusion_status, published_at, updated_at) VALUES
                       ('w1', 'a1', 'video', '春季新品开箱', '茶具上新，春茶到店', 'public', 0, 'approved', 'included', '2026-11-01T00:00:00Z', 'x'),
                       ('w2', 'a1', 'video', 'Spring TEA unboxing', '', 'public', 0, 'approved', 'included', '2026-11-02T00:00:00Z', 'x'),
                       ('w3', 'a1', 'image_text', '已删除的春季新品', '', 'public', 0, 'approved', 'included', '2026-11-03T00:00:00Z', 'x'),
                       ('w9', 'b1', 'video', '别家的春季新品', '', 'public', 0, 'approved', 'included', '2026-11-04T00:00:00Z', 'x');
                     UPDATE work SET deleted = 1 WHERE id = 'w3';",
                )?;
                Ok(())
            })
            .expect("fixture");
        store
    }

    fn found(store: &Store, search: &str) -> Vec<String> {
        let filter = WorkFilter {
            search: Some(search.into()),
            ..WorkFilter::default()
        };
        list(store, &filter)
            .expect("search")
            .into_iter()
            .map(|w| w.id)
            .collect()
    }

    #[test]
    fn chinese_search_finds_titles_and_texts_of_this_merchant_only() {
        let st = store();
        assert_eq!(found(&st, "新品开"), ["w1"], "three characters: through the index");
        assert_eq!(found(&st, "春茶到店"), ["w1"], "text matches too");
        assert_eq!(
            found(&st, "新品"),
            ["w1"],
            "two characters: without the index, same rule"
        );
        assert_eq!(found(&st, "茶"), ["w1"], "one character");
        assert!(found(&st, "别家").is_empty(), "another merchant's works never show");
        assert_eq!(found(&st, "tea"), ["w2"], "case does not matter");
        assert_eq!(
            found(&st, "\"新品 OR"),
            Vec::<String>::new(),
            "query syntax is taken literally"
        );
    }

    #[test]
    fn deleted_works_leave_the_index() {
        let st = store();
        assert!(found(&st, "已删除").is_empty());
        let in_index: i64 = st
            .read(|c| {
                Ok(c.query_row(
                    "SELECT COUNT(*) FROM work_search WHERE work_search MATCH '已删除'",
                    [],
                    |r| r.get(0),
                )?)
            })
            .expect("count");
        assert_eq!(in_index, 0, "a deleted work is not kept in the index either");
    }

    #[test]
    fn search_survives_vacuum_and_renamed_titles() {
        // The index has its own stable key: VACUUM may renumber `work`'s implicit rowids, which
        // the old index was keyed on.
        let dir = tempfile::tempdir().expect("dir");
        let path = dir.path().join("works.sqlite3");
        let st = Store::open(&path).expect("store");
        let fixture = store();
        let rows: Vec<(String, String, String, String, i64, Option<String>)> = fixture
            .read(|c| {
                let mut q =
                    c.prepare("SELECT id, account_id, title, text, deleted, published_at FROM work ORDER BY rowid")?;
                let rows = q.query_map([], |r| {
                    Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?))
                })?;
                Ok(rows.collect::<Result<_, _>>()?)
            })
            .expect("fixture rows");
        st.write(|tx| {
            tx.execute_batch(
                "INSERT INTO sync_state (key, value) VALUES ('session.platform_id', 'demo'), \
                   ('session.endpoint', 'http://127.0.0.1:1'), ('session.username', 'ops'), ('session.merchant_id', 'm1');
                 INSERT INTO matrix_account (id, merchant_id, guangguang_id, nickname, tag, binding_state, shop_card, updated_at) VALUES
                   ('a1', 'm1', 'gg_a00001', '门店甲', 'store', 'bound', 0, 'x'), ('b1', 'm2', 'gg_b00001', '别家', 'store', 'bound', 0, 'x');",
            )?;
            for (id, account, title, text, deleted, published) in &rows {
                tx.execute(
                    "INSERT INTO work (id, account_id, kind, title, text, privacy, pinned, review_status, inclusion_status, \
                     deleted, published_at, updated_at) VALUES (?1, ?2, 'video', ?3, ?4, 'public', 0, 'approved', 'included', ?5, ?6, 'x')",
                    params![id, account, title, text, deleted, published],
                )?;
            }
            tx.execute("DELETE FROM work WHERE id = 'w2'", [])?;
            tx.execute("UPDATE work SET title = '秋季上新' WHERE id = 'w1'", [])?;
            Ok(())
        })
        .expect("changes");
        let other = Connection::open(&path).expect("second connection");
        other.execute_batch("VACUUM").expect("vacuum");
        drop(other);
        assert!(found(&st, "新品开").is_empty(), "the old title is gone from the index");
        assert_eq!(found(&st, "秋季上"), ["w1"], "the new title is found");
        assert_eq!(found(&st, "春茶到店"), ["w1"], "and its text still");
        assert!(
            found(&st, "unboxing").is_empty(),
            "a removed work is gone from the index"
        );
    }

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
