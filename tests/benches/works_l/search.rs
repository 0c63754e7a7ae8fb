//! Search for any query at L: 240 queries cut from the corpus's own titles and texts (one, two,
//! three and four to eight characters, wherever they fall: punctuation, emoji and spaces
//! included) and 50 that occur nowhere. Each one's first page and count go through the screen's
//! own path (`works::list`, `works::count`) and are checked against a plain scan in Rust of every
//! work; the table reports p50 / p95 / max per kind of query.

use std::time::{Duration, Instant};

use mdesk_core::{works, Store};
use mdesk_ipc::WorksQuery;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use rusqlite::Connection;

use super::Result;

/// A work as the scan sees it: its time order key, title and text, lower-cased.
struct Scanned {
    id: String,
    time: String,
    title: String,
    text: String,
}

fn corpus(raw: &Connection, merchant: &str) -> Result<Vec<Scanned>> {
    let mut stmt = raw.prepare(
        "SELECT w.id, COALESCE(w.published_at, w.scheduled_at, ''), w.title, COALESCE(w.text, '') \
         FROM work w JOIN matrix_account a ON a.id = w.account_id WHERE w.deleted = 0 AND a.merchant_id = ?1",
    )?;
    let mut all = stmt
        .query_map([merchant], |r| {
            Ok(Scanned {
                id: r.get(0)?,
                time: r.get(1)?,
                title: r.get::<_, String>(2)?.to_lowercase(),
                text: r.get::<_, String>(3)?.to_lowercase(),
            })
        })?
        .collect::<std::result::Result<Vec<_>, _>>()?;
    // The screen's order: newest first, then the id.
    all.sort_by(|a, b| b.time.cmp(&a.time).then(b.id.cmp(&a.id)));
    Ok(all)
}

/// Every work holding `q`, in the screen's order.
fn scan<'a>(all: &'a [Scanned], q: &str) -> Vec<&'a str> {
    let q = q.to_lowercase();
    all.iter()
        .filter(|w| w.title.contains(&q) || w.text.contains(&q))
        .map(|w| w.id.as_str())
        .collect()
}

/// A piece of `from`, `len` characters long, starting anywhere; `None` when it would be blank
/// (the search box trims).
fn cut(rng: &mut ChaCha8Rng, from: &str, len: usize) -> Option<String> {
    let chars: Vec<char> = from.chars().collect();
    if chars.len() < len {
        return None;
    }
    let start = rng.gen_range(0..=chars.len() - len);
    let piece: String = chars[start..start + len].iter().collect();
    (piece.trim() == piece && !piece.is_empty()).then_some(piece)
}

/// The queries, each with its kind.
fn queries(all: &[Scanned]) -> Vec<(&'static str, String)> {
    let mut rng = ChaCha8Rng::seed_from_u64(19);
    let mut out = Vec::new();
    let kinds: [(&str, std::ops::RangeInclusive<usize>); 4] = [
        ("1 character", 1..=1),
        ("2 characters", 2..=2),
        ("3 characters", 3..=3),
        ("4–8 characters", 4..=8),
    ];
    for (kind, lens) in kinds {
        let mut n = 0;
        while n < 60 {
            let w = &all[rng.gen_range(0..all.len())];
            let field = if rng.gen_bool(0.5) { &w.title } else { &w.text };
            let len = rng.gen_range(lens.clone());
            if let Some(q) = cut(&mut rng, field, len) {
                out.push((kind, q));
                n += 1;
            }
        }
    }
    let mut absent = 0;
    while absent < 50 {
        let len = rng.gen_range(1..=4);
        let q: String = (0..len)
            .map(|_| char::from_u32(rng.gen_range(0x4E00..0x9FA6)).unwrap_or('龘'))
            .collect();
        if scan(all, &q).is_empty() {
            out.push(("absent", q));
            absent += 1;
        }
    }
    out
}

fn pct(sorted: &[Duration], p: f64) -> Duration {
    sorted[((sorted.len() as f64 - 1.0) * p).round() as usize]
}

/// The table rows, and the slowest page and count over every query.
pub fn bench(store: &Store, raw: &Connection, merchant: &str) -> Result<String> {
    let all = corpus(raw, merchant)?;
    let qs = queries(&all);
    let mut by_kind: Vec<(&str, Vec<Duration>, Vec<Duration>, usize)> = Vec::new();
    for (kind, q) in &qs {
        let want = scan(&all, q);
        let sq = WorksQuery {
            search: q.clone(),
            limit: 50,
            ..WorksQuery::default()
        };
        works::list(store, &sq)?; // warm: the first run of a query pays for reading its pages
        let started = Instant::now();
        let page = works::list(store, &sq)?;
        let page_t = started.elapsed();
        let started = Instant::now();
        let count = works::count(store, &sq)?;
        let count_t = started.elapsed();
        let ids: Vec<&str> = page.rows.iter().map(|w| w.id.as_str()).collect();
        assert_eq!(ids, want[..want.len().min(50)], "first page of {q:?}");
        assert_eq!(count, want.len() as u64, "count of {q:?}");
        match by_kind.iter_mut().find(|k| k.0 == *kind) {
            Some(k) => {
                k.1.push(page_t);
                k.2.push(count_t);
                k.3 += want.len();
            }
            None => by_kind.push((kind, vec![page_t], vec![count_t], want.len())),
        }
    }
    let mut table = String::new();
    let mut every_page = Vec::new();
    let mut every_count = Vec::new();
    for (kind, mut pages, mut counts, found) in by_kind {
        pages.sort();
        counts.sort();
        table += &format!(
            "| Search, {} queries of {kind} (≈{} matches each): first 50 p50 / p95 / max | {:.2?} / {:.2?} / {:.2?} | count p50 / p95 / max: {:.2?} / {:.2?} / {:.2?} |\n",
            pages.len(),
            found / pages.len().max(1),
            pct(&pages, 0.5),
            pct(&pages, 0.95),
            pct(&pages, 1.0),
            pct(&counts, 0.5),
            pct(&counts, 0.95),
            pct(&counts, 1.0),
        );
        every_page.extend(pages);
        every_count.extend(counts);
    }
    every_page.sort();
    every_count.sort();
    table += &format!(
        "| Search, all {} queries, each checked against a scan of every work | first 50 p50 / p95 / max {:.2?} / {:.2?} / {:.2?} | count {:.2?} / {:.2?} / {:.2?} (goal ≤ 20 ms each) |\n",
        qs.len(),
        pct(&every_page, 0.5),
        pct(&every_page, 0.95),
        pct(&every_page, 1.0),
        pct(&every_count, 0.5),
        pct(&every_count, 0.95),
        pct(&every_count, 1.0),
    );
    Ok(table)
}

/// Pages and bytes the search index takes in the database file.
pub fn index_size_mb(raw: &Connection) -> Result<f64> {
    let bytes: i64 = raw
        .query_row(
            "SELECT COALESCE(SUM(pgsize), 0) FROM dbstat WHERE name LIKE 'work_gram%' OR name = 'work_search_key' \
             OR name LIKE 'sqlite_autoindex_work_search_key%'",
            [],
            |r| r.get(0),
        )
        .unwrap_or(-1);
    Ok(bytes as f64 / 1e6)
}
