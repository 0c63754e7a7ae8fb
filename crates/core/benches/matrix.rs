//! The matrix screens at merchant scale (R3): 1,000 accounts with pools and queued actions,
//! about 3,700 audit entries. Each figure is a ratio to raw SQLite reading the same rows in the same
//! run, because these machines are noisy. Run with
//! `cargo bench -p mdesk-core --bench matrix`; the table is printed and written to
//! `target/bench/matrix.md` (docs/benchmarks.md records a run).

use std::time::{Duration, Instant};

use crate::outbox::kinds;
use mdesk_core::outbox::{self, Intention};
use mdesk_core::{accounts, audit, pool, MemorySecretStore, Store};
use mdesk_ipc::{AccountFilter, AuditFilter};
use mdesk_platform_api::ChangeData;
use serde_json::json;

const ACCOUNTS: usize = 1_000;
const PRODUCTS: usize = 60;
const QUEUED: usize = 200;
const STAFF: &str = "压测员";

type Result<T> = std::result::Result<T, Box<dyn std::error::Error>>;
/// One measured call; answers how many rows it produced.
type Case<'a> = Box<dyn FnMut() -> Result<usize> + 'a>;

fn change(value: serde_json::Value) -> Result<ChangeData> {
    Ok(serde_json::from_value(value)?)
}

/// A signed-in desktop holding a 1,000-account matrix, as a pull would leave it.
fn matrix(dir: &std::path::Path) -> Result<Store> {
    let store = Store::open(&dir.join("bench.sqlite3"))?;
    let now = "2026-11-28T08:00:00Z";
    store.write(|tx| {
        for (k, v) in [
            ("session.platform_id", "bench"),
            ("session.endpoint", "http://127.0.0.1:9"),
            ("session.username", "demo"),
            ("session.merchant_id", "m-bench"),
        ] {
            tx.execute("INSERT INTO sync_state (key, value) VALUES (?1, ?2)", [k, v])?;
        }
        let me = json!({"kind": "merchant", "data": {"merchant_id": "m-bench", "name": "青禾生活",
            "shop_name": "青禾生活旗舰店", "whitelisted": true}});
        let mut changes = vec![me];
        for p in 0..PRODUCTS {
            changes.push(json!({"kind": "product", "data": {"id": format!("p-{p:04}"),
                "title": format!("商品 {p}"), "price_cents": 1000 + p, "image_url": null}}));
        }
        let tags = ["staff", "store", "brand_persona", "other"];
        let grants = ["none", "requested", "granted", "declined", "revoked"];
        for a in 0..ACCOUNTS {
            let pool: Vec<String> = (0..3).map(|k| format!("p-{:04}", (a + k) % PRODUCTS)).collect();
            changes.push(json!({"kind": "account", "data": {
                "id": format!("a-{a:05}"), "guangguang_id": format!("gg{a:08}"),
                "nickname": format!("青禾生活·门店{a}"), "avatar_url": null, "tag": tags[a % 4],
                "binding_state": if a % 10 == 9 { "unbound" } else { "bound" },
                "grants": {"publish": {"state": grants[a % 5], "updated_at": now},
                           "interact": {"state": grants[(a / 5) % 5], "updated_at": now}},
                "product_pool": pool, "shop_card": a % 2 == 0, "bound_at": now, "updated_at": now}}));
        }
        for c in changes {
            let c = change(c).map_err(|e| mdesk_core::CoreError::Corrupt(e.to_string()))?;
            mdesk_core::store::apply_change(tx, "m-bench", &c)?;
        }
        Ok(())
    })?;
    let secrets = MemorySecretStore::default();
    for i in 0..QUEUED {
        let account_id = format!("a-{:05}", (i * 7) % ACCOUNTS);
        if (i * 7) % ACCOUNTS % 10 == 9 {
            continue;
        }
        let intention = Intention::SetShopCard(kinds::SetShopCard {
            account_id,
            enabled: i % 2 == 0,
        });
        let id = outbox::enqueue(&store, &secrets, STAFF, intention, None)?;
        if i % 4 == 0 {
            // Half of these are cancelled: the trail gets an entry per step.
            outbox::cancel(&store, &secrets, STAFF, &id)?;
        }
    }
    for i in 0..(2_000 - QUEUED * 5 / 4) {
        let intention = Intention::SetTag(kinds::SetTag {
            account_id: format!("a-{:05}", (i * 13) % ACCOUNTS / 10 * 10),
            tag: mdesk_platform_api::Tag::Store,
        });
        let id = outbox::enqueue(&store, &secrets, STAFF, intention, None)?;
        outbox::cancel(&store, &secrets, STAFF, &id)?;
    }
    Ok(store)
}

/// Median wall time of `runs` calls.
fn median(runs: usize, mut f: impl FnMut() -> Result<usize>) -> Result<(Duration, usize)> {
    let mut times = Vec::with_capacity(runs);
    let mut n = 0;
    for _ in 0..runs {
        let started = Instant::now();
        n = f()?;
        times.push(started.elapsed());
    }
    times.sort();
    Ok((times[runs / 2], n))
}

fn main() -> Result<()> {
    let dir = tempfile::tempdir()?;
    let built = Instant::now();
    let store = matrix(dir.path())?;
    eprintln!("built a {ACCOUNTS}-account matrix in {:.1?}", built.elapsed());
    let runs = 31;

    // The baseline is SQLite itself: a second, plain connection to the same file.
    let raw = rusqlite::Connection::open(dir.path().join("bench.sqlite3"))?;
    let read_accounts = |c: &rusqlite::Connection| -> mdesk_core::CoreResult<usize> {
        let mut stmt = c.prepare_cached(
            "SELECT id, guangguang_id, nickname, tag, binding_state, shop_card, local_group FROM matrix_account",
        )?;
        let rows = stmt
            .query_map([], |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, String>(2)?,
                    r.get::<_, String>(3)?,
                    r.get::<_, String>(4)?,
                    r.get::<_, bool>(5)?,
                    r.get::<_, Option<String>>(6)?,
                ))
            })?
            .collect::<std::result::Result<Vec<_>, _>>()?;
        Ok(rows.len())
    };
    let (raw_accounts, n) = median(runs, || Ok(read_accounts(&raw)?))?;
    assert_eq!(n, ACCOUNTS);
    let ids: Vec<String> = (0..ACCOUNTS).map(|a| format!("a-{a:05}")).collect();
    let two = ["p-0001".to_owned(), "p-0002".to_owned()];
    let cases: Vec<(&str, Case<'_>)> = vec![
        (
            "The same raw read through `Store::read` (its lock and `query_only` on/off)",
            Box::new(|| Ok(store.read(read_accounts)?)),
        ),
        (
            "Accounts list (grants, pool sizes, works, overlay of 200 queued actions)",
            Box::new(|| Ok(accounts::list(&store)?.len())),
        ),
        (
            "Accounts search \"门店12\" + type filter",
            Box::new(|| {
                Ok(accounts::list_filtered(
                    &store,
                    &AccountFilter {
                        query: "门店12".into(),
                        tag: Some(mdesk_ipc::Tag::Store),
                        ..AccountFilter::default()
                    },
                )?
                .len())
            }),
        ),
        (
            "Account detail (grants + history, catalogue with pool)",
            Box::new(|| Ok(accounts::detail(&store, "a-00500")?.products.len())),
        ),
        (
            "Product pool dry run for all 1,000 accounts",
            Box::new(|| Ok(pool::plan(&store, &ids, &two)?.len())),
        ),
    ];
    let mut table = format!(
        "| what ({ACCOUNTS} accounts) | median | × raw SQLite read of the accounts ({:.2?}) |\n|---|---|---|\n",
        raw_accounts
    );
    for (what, mut f) in cases {
        let (t, n) = median(runs, &mut f)?;
        assert!(n > 0, "{what} returned nothing");
        table += &format!("| {what} | {t:.2?} | {:.1}× |\n", ratio(t, raw_accounts));
    }

    let (raw_audit, n) = median(runs, || {
        let mut stmt = raw.prepare_cached(
            "SELECT seq, at, staff_name, account_id, what, outcome FROM audit_entry ORDER BY seq DESC",
        )?;
        let rows = stmt
            .query_map([], |r| {
                Ok((
                    r.get::<_, i64>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, String>(2)?,
                    r.get::<_, Option<String>>(3)?,
                    r.get::<_, String>(4)?,
                    r.get::<_, String>(5)?,
                ))
            })?
            .collect::<std::result::Result<Vec<_>, _>>()?;
        Ok(rows.len())
    })?;
    let (trail, rows) = median(runs, || {
        Ok(audit::query(&store, &AuditFilter::default(), "zh-CN")?.len())
    })?;
    table += &format!(
        "| Audit trail, all {rows} entries described in Chinese | {trail:.2?} | {:.1}× raw read of the trail ({raw_audit:.2?}, {n} rows) |\n",
        ratio(trail, raw_audit)
    );
    let all = audit::query(&store, &AuditFilter::default(), "zh-CN")?;
    let (xlsx, _) = median(5, || {
        Ok(audit::export_xlsx(
            &all,
            "zh-CN",
            &mdesk_core::export::path(dir.path(), "audit-trail", mdesk_ipc::ExportFormat::Xlsx),
        )?
        .rows as usize)
    })?;
    let (csv, _) = median(5, || {
        Ok(audit::export_csv(
            &all,
            "zh-CN",
            &mdesk_core::export::path(dir.path(), "audit-trail", mdesk_ipc::ExportFormat::Csv),
        )?
        .rows as usize)
    })?;
    table += &format!(
        "| Export the trail: CSV / XLSX | {csv:.2?} / {xlsx:.2?} | {:.1}× / {:.1}× raw read of the trail |\n",
        ratio(csv, raw_audit),
        ratio(xlsx, raw_audit)
    );
    println!("{table}");
    let out = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target/bench");
    std::fs::create_dir_all(&out)?;
    std::fs::write(out.join("matrix.md"), table)?;
    Ok(())
}

fn ratio(t: Duration, base: Duration) -> f64 {
    t.as_secs_f64() / base.as_secs_f64().max(1e-9)
}
