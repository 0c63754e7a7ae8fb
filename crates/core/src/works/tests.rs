//! The Works screen's reading rules, on a fixture written with plain SQL.

use mdesk_ipc::{Metric, Period, WorksQuery};
use rusqlite::{params, Connection};

use super::*;
use crate::store::rollup;

/// Two merchants' works, one of them deleted.
fn store() -> Store {
    crate::store::signed_in_with(
        Store::open_in_memory().expect("store"),
        "INSERT INTO matrix_account (id, merchant_id, guangguang_id, nickname, tag, binding_state, shop_card, updated_at) VALUES
                   ('a1', 'm1', 'gg_a00001', '门店甲', 'store', 'bound', 0, 'x'),
                   ('b1', 'm2', 'gg_b00001', '别家', 'store', 'bound', 0, 'x');
                 INSERT INTO work (id, account_id, kind, title, text, privacy, pinned, review_status, inclusion_status, published_at, updated_at) VALUES
                   ('w1', 'a1', 'video', '春季新品开箱', '茶具上新，春茶到店', 'public', 0, 'approved', 'included', '2026-11-01T00:00:00Z', 'x'),
                   ('w2', 'a1', 'video', 'Spring TEA unboxing', '', 'public', 0, 'approved', 'included', '2026-11-02T00:00:00Z', 'x'),
                   ('w3', 'a1', 'image_text', '已删除的春季新品', '', 'public', 0, 'approved', 'included', '2026-11-03T00:00:00Z', 'x'),
                   ('w9', 'b1', 'video', '别家的春季新品', '', 'public', 0, 'approved', 'included', '2026-11-04T00:00:00Z', 'x');
                 UPDATE work SET deleted = 1 WHERE id = 'w3';",
    )
}

fn found(store: &Store, search: &str) -> Vec<String> {
    ids(
        store,
        &WorksQuery {
            search: search.into(),
            ..WorksQuery::default()
        },
    )
}

fn ids(store: &Store, q: &WorksQuery) -> Vec<String> {
    list(store, q).expect("list").rows.into_iter().map(|w| w.id).collect()
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
                "SELECT COUNT(*) FROM work_gram WHERE work_gram MATCH ?1",
                [crate::store::grams::index_query("已删除").expect("a query").expression],
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
        tx.execute_batch(crate::store::TEST_SESSION)?;
        tx.execute_batch(
            "INSERT INTO matrix_account (id, merchant_id, guangguang_id, nickname, tag, binding_state, shop_card, updated_at) VALUES
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

/// Daily numbers for w1 and w2 (and the other merchant's w9) on 2026-11-18..=2026-11-20.
pub(crate) fn with_metrics() -> Store {
    let st = store();
    st.write(|tx| {
        let mut put = tx.prepare(
            "INSERT INTO work_metric_daily (work_id, date, exposure, views, interactions, shop_traffic, orders, amount_cents) \
             VALUES (?1, ?2, ?3, ?4, 1, 1, ?5, ?6)",
        )?;
        for (work, date, views, orders) in [
            ("w1", "2026-11-18", 10, 1),
            ("w1", "2026-11-19", 20, 0),
            ("w1", "2026-11-20", 5, 2),
            ("w2", "2026-11-10", 500, 0),
            ("w2", "2026-11-20", 30, 1),
            ("w9", "2026-11-20", 999, 9),
        ] {
            put.execute(params![work, date, views * 10, views, orders, orders * 1990])?;
        }
        rollup::rebuild(tx, "2026-11-20")?;
        Ok(())
    })
    .expect("metrics");
    st
}

fn by_views(period: Period) -> WorksQuery {
    WorksQuery {
        sort: Some(Metric::Views),
        period,
        ..WorksQuery::default()
    }
}

#[test]
fn sorting_by_a_period_metric_reads_the_rollup_and_agrees_with_the_daily_rows() {
    let st = with_metrics();
    let rolled = list(&st, &by_views(Period::Last { days: 7 })).expect("rolled");
    assert_eq!(
        (rolled.period.from.as_str(), rolled.period.to.as_str()),
        ("2026-11-14", "2026-11-20")
    );
    let views: Vec<(String, i64)> = rolled.rows.iter().map(|w| (w.id.clone(), w.metrics.views)).collect();
    assert_eq!(
        views,
        [("w1".to_owned(), 35), ("w2".to_owned(), 30)],
        "w2's day 11-10 is outside 7 days"
    );
    assert_eq!(rolled.rows[0].metrics.amount_cents, 3 * 1990);
    let summed = list(
        &st,
        &by_views(Period::Range {
            from: "2026-11-14".into(),
            to: "2026-11-20".into(),
        }),
    )
    .expect("summed");
    assert_eq!(
        rolled.rows, summed.rows,
        "the rollup and the daily rows give the same page"
    );
    let month = list(&st, &by_views(Period::Last { days: 30 })).expect("30 days");
    assert_eq!(month.rows[0].id, "w2", "over 30 days w2 leads with 530 views");
    let by_time = list(
        &st,
        &WorksQuery {
            period: Period::Last { days: 30 },
            ..WorksQuery::default()
        },
    )
    .expect("by time");
    assert_eq!(by_time.rows[0].id, "w2", "newest first");
    assert_eq!(
        by_time.rows[0].metrics.views, 530,
        "numbers filled in without sorting by them"
    );
}

#[test]
fn a_page_keeps_the_rollup_exact_and_a_new_day_rebuilds_it_after_the_pull() {
    let st = with_metrics();
    let day = |d: &str| chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d").expect("day");
    let mut touched = rollup::Touched::default();
    touched.metric("w1", day("2026-11-20"));
    st.write(|tx| {
        tx.execute(
            "UPDATE work_metric_daily SET views = 100 WHERE work_id = 'w1' AND date = '2026-11-20'",
            [],
        )?;
        rollup::after_page(tx, &touched, false)
    })
    .expect("page");
    let rolled = |st: &Store| -> Option<i64> {
        st.read(|c| {
            Ok(c.query_row(
                "SELECT views FROM work_period_total WHERE days = 7 AND work_id = 'w1'",
                [],
                |r| r.get(0),
            )?)
        })
        .ok()
    };
    assert_eq!(rolled(&st), Some(130), "refreshed in the page's transaction");
    let merchant_day: i64 = st
        .read(|c| {
            Ok(c.query_row(
                "SELECT views FROM merchant_metric_daily WHERE merchant_id = 'm1' AND date = '2026-11-20'",
                [],
                |r| r.get(0),
            )?)
        })
        .expect("merchant day");
    assert_eq!(merchant_day, 130, "the merchant's day was summed again: 100 + 30");
    st.write(|tx| {
        tx.execute(
            "INSERT INTO work_metric_daily (work_id, date, exposure, views, interactions, shop_traffic, orders, amount_cents) \
             VALUES ('w2', '2026-11-21', 0, 7, 0, 0, 0, 0)",
            [],
        )?;
        rollup::after_page(tx, &touched, false)
    })
    .expect("newer day mid-pull");
    assert_eq!(
        st.read(rollup::fresh_through).expect("fresh"),
        None,
        "stale until the pull ends"
    );
    let mid = list(&st, &by_views(Period::Last { days: 7 })).expect("mid-pull list");
    assert_eq!(mid.period.to, "2026-11-21");
    assert_eq!(
        mid.rows[0].metrics.views, 130,
        "still exact: summed from the daily rows"
    );
    st.write(|tx| rollup::after_page(tx, &Default::default(), true))
        .expect("last page");
    assert_eq!(
        st.read(rollup::fresh_through).expect("fresh").as_deref(),
        Some("2026-11-21")
    );
    let after = list(&st, &by_views(Period::Last { days: 7 })).expect("after");
    assert_eq!(after.rows, mid.rows, "the rebuilt rollup agrees");
}

#[test]
fn filters_paging_and_the_count() {
    let st = with_metrics();
    st.write(|tx| {
        tx.execute_batch(
            "UPDATE work SET pinned = 1, kind = 'image_text', topic = '#开箱', topic_status = 'joined' WHERE id = 'w2';
             UPDATE matrix_account SET local_group = '华东' WHERE id = 'a1';",
        )?;
        Ok(())
    })
    .expect("fixture");
    let q = |f: &dyn Fn(&mut WorksQuery)| {
        let mut q = WorksQuery::default();
        f(&mut q);
        ids(&st, &q)
    };
    assert_eq!(q(&|q| q.pinned = Some(true)), ["w2"]);
    assert_eq!(q(&|q| q.kind = Some(mdesk_ipc::WorkKind::Video)), ["w1"]);
    assert_eq!(q(&|q| q.topic_status = Some(mdesk_ipc::TopicStatus::Joined)), ["w2"]);
    assert_eq!(q(&|q| q.group = Some("华东".into())), ["w2", "w1"]);
    assert!(q(&|q| q.tag = Some(mdesk_ipc::Tag::Staff)).is_empty());
    assert_eq!(
        q(&|q| {
            q.published_from = Some("2026-11-02".into());
            q.published_to = Some("2026-11-02".into());
        }),
        ["w2"],
        "a day filter is a local calendar day"
    );
    let page = list(
        &st,
        &WorksQuery {
            limit: 1,
            offset: 1,
            ..WorksQuery::default()
        },
    )
    .expect("page 2");
    assert_eq!((page.rows.len(), page.rows[0].id.as_str()), (1, "w1"));
    assert_eq!(count(&st, &WorksQuery::default()).expect("count"), 2);
    let bad = list(
        &st,
        &WorksQuery {
            published_from: Some("yesterday".into()),
            ..WorksQuery::default()
        },
    );
    assert!(
        matches!(
            bad,
            Err(crate::CoreError::Rule {
                rule: "date_invalid",
                ..
            })
        ),
        "{bad:?}"
    );
}

#[test]
fn the_view_survives_and_a_broken_one_starts_over() {
    let st = store();
    let q = WorksQuery {
        sort: Some(Metric::Orders),
        search: "新品".into(),
        offset: 100,
        ..WorksQuery::default()
    };
    save_view(&st, &q).expect("save");
    let back = view(&st).expect("view");
    assert_eq!(back.sort, Some(Metric::Orders));
    assert_eq!(back.search, "新品");
    assert_eq!(back.offset, 0, "a restart starts on the first page");
    st.write(|tx| {
        tx.execute("UPDATE setting SET value = '{broken' WHERE key = 'works_view'", [])?;
        Ok(())
    })
    .expect("break");
    assert_eq!(view(&st).expect("defaults"), WorksQuery::default());
}

#[test]
fn detail_threads_comments_and_tells_the_status_history() {
    let st = with_metrics();
    st.write(|tx| {
        tx.execute_batch(
            "INSERT INTO comment (id, work_id, parent_id, author_name, author_account_id, text, created_at) VALUES
               ('c1', 'w1', NULL, '路人甲', NULL, '好看', '2026-11-19T01:00:00Z'),
               ('c2', 'w1', NULL, '路人乙', NULL, '求链接', '2026-11-19T02:00:00Z'),
               ('c3', 'w1', 'c1', '门店甲', 'a1', '谢谢', '2026-11-19T03:00:00Z'),
               ('c4', 'w1', 'c3', '路人甲', NULL, '不客气', '2026-11-19T04:00:00Z');
             UPDATE work SET review_status = 'rejected', review_reason = '封面含有二维码', updated_at = '2026-11-21T00:00:00Z'
               WHERE id = 'w1';
             INSERT INTO product (id, merchant_id, title, price_cents) VALUES ('p1', 'm1', '手冲咖啡礼盒', 12900);
             INSERT INTO pool_entry (account_id, product_id) VALUES ('a1', 'p1');
             UPDATE work SET product_ids = '[\"p1\",\"p-gone\"]' WHERE id = 'w1';",
        )?;
        Ok(())
    })
    .expect("fixture");
    let d = detail(&st, "w1", &Period::Last { days: 7 }).expect("detail");
    let threads: Vec<(&str, Vec<&str>)> = d
        .comments
        .iter()
        .map(|c| (c.id.as_str(), c.replies.iter().map(|r| r.id.as_str()).collect()))
        .collect();
    assert_eq!(
        threads,
        [("c2", vec![]), ("c1", vec!["c3", "c4"])],
        "newest thread first"
    );
    assert!(d.comments[1].replies[0].from_matrix);
    let history: Vec<(&str, Option<&str>)> = d
        .history
        .iter()
        .map(|e| (e.value.as_str(), e.reason.as_deref()))
        .collect();
    assert_eq!(history, [("pending", None), ("rejected", Some("封面含有二维码"))]);
    assert_eq!(d.daily.len(), 7);
    assert_eq!(d.daily.last().map(|p| p.metrics.views), Some(5));
    assert_eq!(d.work.metrics.views, 35);
    assert_eq!(d.products.len(), 2);
    assert!(d.products[0].commission_free && d.products[0].title.is_some());
    assert!(!d.products[1].commission_free && d.products[1].title.is_none());
    let other = detail(&st, "w9", &Period::default());
    assert!(other.is_err(), "another merchant's work is not shown");
}

#[test]
fn exports_read_back_with_numbers_and_headers_in_the_language() {
    let st = with_metrics();
    let dir = tempfile::tempdir().expect("dir");
    let mut last = None;
    let done = export::export(
        &st,
        &by_views(Period::Last { days: 7 }),
        mdesk_ipc::ExportFormat::Csv,
        "zh-CN",
        &crate::export::path(dir.path(), "works", mdesk_ipc::ExportFormat::Csv),
        &mut |p| last = Some(p),
    )
    .expect("csv");
    assert_eq!(done.rows, 2);
    assert_eq!(last.map(|p| (p.done, p.total)), Some((2, 2)));
    let text = std::fs::read_to_string(&done.path).expect("read");
    let mut lines = text.trim_start_matches('\u{feff}').lines();
    let header = lines.next().expect("header");
    assert!(header.contains("标题") && header.contains("成交金额"), "{header}");
    let first = lines.next().expect("row");
    assert!(first.starts_with("w1,春季新品开箱,门店甲"), "{first}");
    assert!(first.ends_with(",59.70"), "amount in yuan: {first}");
    let xlsx = export::export(
        &st,
        &WorksQuery::default(),
        mdesk_ipc::ExportFormat::Xlsx,
        "en",
        &crate::export::path(dir.path(), "works", mdesk_ipc::ExportFormat::Xlsx),
        &mut |_| {},
    )
    .expect("xlsx");
    assert!(std::fs::metadata(&xlsx.path).expect("file").len() > 1000);
}

/// 4,000 works over a small alphabet (so one character is in most works, three in a row in
/// some, and "holds every pair" often differs from "holds them in a row"), with upper case and
/// punctuation; every query's first page and count are compared with a plain scan in Rust.
#[test]
fn any_query_finds_exactly_the_works_holding_it_first_page_and_count() {
    const ALPHABET: &[char] = &['春', '茶', '新', '品', 'A', 'b', '|', '！', ' ', '开'];
    let st = Store::open_in_memory().expect("store");
    let mut state = 12_345u64;
    let mut next = move |n: usize| {
        state = state
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        ((state >> 33) % n as u64) as usize
    };
    let mut works = Vec::new();
    for i in 0..4_000 {
        let len = 2 + next(8);
        let title: String = (0..len).map(|_| ALPHABET[next(ALPHABET.len())]).collect();
        let text: String = (0..next(5)).map(|_| ALPHABET[next(ALPHABET.len())]).collect();
        works.push((
            format!("w{i:05}"),
            title,
            text,
            format!("2026-11-{:02}T{:02}:00:00Z", 1 + i % 28, i % 24),
        ));
    }
    st.write(|tx| {
        tx.execute_batch(crate::store::TEST_SESSION)?;
        tx.execute(
            "INSERT INTO matrix_account (id, merchant_id, guangguang_id, nickname, tag, binding_state, shop_card, updated_at) \
             VALUES ('a1', 'm1', 'gg_a00001', '门店甲', 'store', 'bound', 0, 'x')",
            [],
        )?;
        let mut insert = tx.prepare(
            "INSERT INTO work (id, account_id, kind, title, text, privacy, pinned, review_status, inclusion_status, published_at, updated_at) \
             VALUES (?1, 'a1', 'video', ?2, ?3, 'public', 0, 'approved', 'included', ?4, 'x')",
        )?;
        for (id, title, text, at) in &works {
            insert.execute(params![id, title, text, at])?;
        }
        Ok(())
    })
    .expect("fixture");
    // Newest first, as the screen lists them (time, then the id).
    works.sort_by(|a, b| b.3.cmp(&a.3).then(b.0.cmp(&a.0)));
    let lower = |s: &str| s.to_lowercase();
    for query in [
        "春",
        "a",
        "B",
        "!",
        "！",
        "|",
        "新品",
        "茶茶",
        "ab",
        "春茶新",
        "新品开春",
        "a|b",
        "B！ 开",
        "品品品品",
        "无",
    ] {
        let want: Vec<&str> = works
            .iter()
            .filter(|(_, title, text, _)| lower(title).contains(&lower(query)) || lower(text).contains(&lower(query)))
            .map(|w| w.0.as_str())
            .collect();
        let q = WorksQuery {
            search: query.into(),
            limit: 50,
            ..WorksQuery::default()
        };
        let page = ids(&st, &q);
        assert_eq!(page, want[..want.len().min(50)], "first page of {query:?}");
        assert_eq!(count(&st, &q).expect("count"), want.len() as u64, "count of {query:?}");
        // With another filter the count reads the works too: every one is a store's.
        let stores = WorksQuery {
            tag: Some(mdesk_ipc::Tag::Store),
            ..q.clone()
        };
        assert_eq!(
            count(&st, &stores).expect("count"),
            want.len() as u64,
            "stores with {query:?}"
        );
        let staff = WorksQuery {
            tag: Some(mdesk_ipc::Tag::Staff),
            ..q
        };
        assert_eq!(count(&st, &staff).expect("count"), 0, "staff with {query:?}");
    }
}
