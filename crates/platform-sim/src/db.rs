//! The simulator's SQLite: open, the change-feed touch, and row → wire type loaders.

use chrono::{DateTime, Utc};
use mdesk_platform_api::rules::media_kind_of_content_type;
use mdesk_platform_api::{
    Account, BindingState, Comment, Grant, GrantState, Grants, Invitation, InvitationState, Me, Product, ReviewStatus,
    Tag, TopicStatus, Work,
};
use rusqlite::{params, Connection, OptionalExtension, Row};

use crate::cover;
use crate::error::{SimError, SimResult};
use crate::rows::{comment_at, work_at, COMMENT_COLS, WORK_COLS};

pub fn open(path: &str) -> SimResult<Connection> {
    let mut conn = if path == ":memory:" {
        Connection::open_in_memory()?
    } else {
        Connection::open(path)?
    };
    conn.busy_timeout(std::time::Duration::from_secs(5))?;
    conn.execute_batch(include_str!("schema.sql"))?;
    add_idempotency_fingerprint(&conn)?;
    add_topic_status_and_covers(&mut conn)?;
    add_media_types(&mut conn)?;
    hash_plaintext_passwords(&mut conn)?;
    add_teams(&conn)?;
    conn.execute_batch("PRAGMA synchronous = NORMAL;")?;
    Ok(conn)
}

/// A database kept on disk from before (the app's demo platform) held passwords as typed:
/// each is replaced by its salted hash the first time it is opened.
fn hash_plaintext_passwords(conn: &mut Connection) -> SimResult<()> {
    let tx = conn.transaction()?;
    let plain: Vec<(String, String)> = tx
        .prepare("SELECT id, password FROM merchant")?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<Result<Vec<_>, _>>()?
        .into_iter()
        .filter(|(_, pw): &(String, String)| !crate::password::is_hashed(pw))
        .collect();
    for (id, pw) in plain {
        tx.execute(
            "UPDATE merchant SET password = ?2 WHERE id = ?1",
            rusqlite::params![id, crate::password::hash(&pw)],
        )?;
    }
    tx.commit()?;
    Ok(())
}

fn has_column(conn: &Connection, table: &str, column: &str) -> SimResult<bool> {
    Ok(conn.query_row(
        "SELECT COUNT(*) > 0 FROM pragma_table_info(?1) WHERE name = ?2",
        [table, column],
        |r| r.get(0),
    )?)
}

/// A database from before teams gets the merchant's approval switch (off) and the token's
/// staff member (none: every token it holds is an owner's).
fn add_teams(conn: &Connection) -> SimResult<()> {
    if !has_column(conn, "merchant", "approval_required")? {
        conn.execute_batch("ALTER TABLE merchant ADD COLUMN approval_required INTEGER NOT NULL DEFAULT 0")?;
    }
    if !has_column(conn, "token", "staff_id")? {
        conn.execute_batch("ALTER TABLE token ADD COLUMN staff_id TEXT")?;
    }
    Ok(())
}

/// A database kept on disk (the app's demo platform) may predate request fingerprints on
/// stored answers: it gets the column, and its old answers (NULL) replay as they did.
fn add_idempotency_fingerprint(conn: &Connection) -> SimResult<()> {
    if !has_column(conn, "idempotency", "fingerprint")? {
        conn.execute_batch("ALTER TABLE idempotency ADD COLUMN fingerprint TEXT")?;
    }
    Ok(())
}

/// A database from before topic statuses and drawn covers gets what a fresh one has: the
/// column, a topic status on every work with a topic (`pending`, which the next tick settles
/// once the work is approved; `not_joined` for a rejected work), and a fetchable cover (the
/// drawn one instead of none; an uploaded one at its `/cdn/media` URL instead of `media:`).
/// Every work then moves to the head of its merchant's feed, so clients receive the new fields.
fn add_topic_status_and_covers(conn: &mut Connection) -> SimResult<()> {
    if has_column(conn, "work", "topic_status")? {
        return Ok(());
    }
    let tx = conn.transaction()?;
    tx.execute_batch(
        "ALTER TABLE work ADD COLUMN topic_status TEXT; \
         UPDATE work SET topic = NULL WHERE trim(topic) = '';",
    )?;
    tx.execute(
        "UPDATE work SET topic_status = CASE WHEN review_status = ?1 THEN ?2 ELSE ?3 END WHERE topic IS NOT NULL",
        params![ReviewStatus::Rejected, TopicStatus::NotJoined, TopicStatus::Pending],
    )?;
    tx.execute(
        "UPDATE work SET cover_url = ?1 || substr(cover_url, 7) WHERE cover_url LIKE 'media:%'",
        [cover::media_url_prefix()],
    )?;
    let (prefix, suffix) = cover::drawn_cover_url_parts();
    tx.execute(
        "UPDATE work SET cover_url = ?1 || id || ?2 WHERE cover_url IS NULL",
        [prefix, suffix],
    )?;
    tx.execute_batch(
        "DELETE FROM change WHERE kind = 'work'; \
         INSERT INTO change (merchant_id, kind, entity_id) SELECT merchant_id, 'work', id FROM work ORDER BY id;",
    )?;
    tx.commit()?;
    Ok(())
}

/// A database from before media kinds: every upload gains the columns, filled from what its
/// first bytes show (an upload of a type the platform does not take keeps no kind, so no work
/// can name it). Works scheduled for later were stored with that time as `published_at`; they
/// become held (`published_at` NULL) and move to the head of the feed so clients see it.
/// Comment likes need no upgrade: the schema creates their table.
fn add_media_types(conn: &mut Connection) -> SimResult<()> {
    if has_column(conn, "media", "content_type")? {
        return Ok(());
    }
    let now = clock(conn)?;
    let tx = conn.transaction()?;
    let held = tx
        .prepare("SELECT id, merchant_id FROM work WHERE scheduled_at IS NOT NULL AND published_at > ?1")?
        .query_map([ts(now)], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))?
        .collect::<Result<Vec<_>, _>>()?;
    for (id, merchant_id) in held {
        tx.execute("UPDATE work SET published_at = NULL WHERE id = ?1", [&id])?;
        touch(&tx, &merchant_id, "work", &id)?;
    }
    tx.execute_batch(
        "ALTER TABLE media ADD COLUMN content_type TEXT; \
         ALTER TABLE media ADD COLUMN kind TEXT;",
    )?;
    // substr of a BLOB counts bytes: the head is all sniffing reads, not the whole upload.
    let heads = tx
        .prepare("SELECT id, substr(bytes, 1, 16) FROM media")?
        .query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, Vec<u8>>(1)?)))?
        .collect::<Result<Vec<_>, _>>()?;
    for (id, head) in heads {
        let content_type = cover::sniff_content_type(&head);
        tx.execute(
            "UPDATE media SET content_type = ?1, kind = ?2 WHERE id = ?3",
            params![content_type, media_kind_of_content_type(content_type), id],
        )?;
    }
    tx.commit()?;
    Ok(())
}

/// Records that an entity changed: it moves to the head of the merchant's change feed.
pub fn touch(conn: &Connection, merchant_id: &str, kind: &str, entity_id: &str) -> SimResult<()> {
    conn.prepare_cached("DELETE FROM change WHERE merchant_id = ?1 AND kind = ?2 AND entity_id = ?3")?
        .execute(params![merchant_id, kind, entity_id])?;
    conn.prepare_cached("INSERT INTO change (merchant_id, kind, entity_id) VALUES (?1, ?2, ?3)")?
        .execute(params![merchant_id, kind, entity_id])?;
    Ok(())
}

/// Records a brand-new entity (seeding): no earlier change row can exist.
pub fn touch_new(conn: &Connection, merchant_id: &str, kind: &str, entity_id: &str) -> SimResult<()> {
    conn.prepare_cached("INSERT INTO change (merchant_id, kind, entity_id) VALUES (?1, ?2, ?3)")?
        .execute(params![merchant_id, kind, entity_id])?;
    Ok(())
}

pub fn sim_state(conn: &Connection, key: &str) -> SimResult<Option<String>> {
    Ok(conn
        .prepare_cached("SELECT value FROM sim_state WHERE key = ?1")?
        .query_row([key], |r| r.get(0))
        .optional()?)
}

pub fn set_sim_state(conn: &Connection, key: &str, value: &str) -> SimResult<()> {
    conn.prepare_cached(
        "INSERT INTO sim_state (key, value) VALUES (?1, ?2) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
    )?
    .execute([key, value])?;
    Ok(())
}

/// The platform's clock: real time plus however far `/sim/admin/tick` has advanced it.
pub fn clock(conn: &Connection) -> SimResult<DateTime<Utc>> {
    let offset: i64 = sim_state(conn, "clock_offset_secs")?
        .and_then(|v| v.parse().ok())
        .unwrap_or(0);
    Ok(Utc::now() + chrono::Duration::seconds(offset))
}

/// A fresh platform id with a readable prefix, e.g. `w-0190f3…`.
pub fn new_id(prefix: &str) -> String {
    format!("{prefix}-{}", uuid::Uuid::now_v7().simple())
}

pub fn ts(t: DateTime<Utc>) -> String {
    t.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}

pub(crate) fn parse_ts(s: &str) -> SimResult<DateTime<Utc>> {
    DateTime::parse_from_rfc3339(s)
        .map(|t| t.with_timezone(&Utc))
        .map_err(|e| SimError::Corrupt(format!("timestamp {s:?}: {e}")))
}

pub(crate) fn opt_ts(s: Option<String>) -> SimResult<Option<DateTime<Utc>>> {
    s.as_deref().map(parse_ts).transpose()
}

pub fn me(conn: &Connection, merchant_id: &str) -> SimResult<Option<Me>> {
    Ok(conn
        .prepare_cached("SELECT id, name, shop_name, whitelisted, approval_required FROM merchant WHERE id = ?1")?
        .query_row([merchant_id], |r| {
            Ok(Me {
                merchant_id: r.get(0)?,
                name: r.get(1)?,
                shop_name: r.get(2)?,
                whitelisted: r.get(3)?,
                approval_required: r.get(4)?,
            })
        })
        .optional()?)
}

pub fn product(conn: &Connection, id: &str) -> SimResult<Option<Product>> {
    Ok(conn
        .prepare_cached("SELECT id, title, price_cents, image_url FROM product WHERE id = ?1")?
        .query_row([id], |r| {
            Ok(Product {
                id: r.get(0)?,
                title: r.get(1)?,
                price_cents: r.get(2)?,
                image_url: r.get(3)?,
            })
        })
        .optional()?)
}

/// An account's columns; its product pool comes in the same row, as a JSON array.
const ACCOUNT_COLS: &str = "a.id, c.guangguang_id, c.nickname, c.avatar_url, a.tag, a.binding_state, \
     a.publish_state, a.publish_updated_at, a.interact_state, a.interact_updated_at, a.shop_card, a.bound_at, a.updated_at, \
     (SELECT json_group_array(product_id) FROM \
       (SELECT product_id FROM pool_entry WHERE account_id = a.id ORDER BY product_id))";

struct AccountRow {
    id: String,
    guangguang_id: String,
    nickname: String,
    avatar_url: Option<String>,
    tag: Tag,
    binding_state: BindingState,
    publish: (GrantState, Option<String>),
    interact: (GrantState, Option<String>),
    shop_card: bool,
    bound_at: Option<String>,
    updated_at: String,
    pool: String,
}

fn account_row(r: &Row<'_>) -> rusqlite::Result<AccountRow> {
    Ok(AccountRow {
        id: r.get(0)?,
        guangguang_id: r.get(1)?,
        nickname: r.get(2)?,
        avatar_url: r.get(3)?,
        tag: r.get(4)?,
        binding_state: r.get(5)?,
        publish: (r.get(6)?, r.get(7)?),
        interact: (r.get(8)?, r.get(9)?),
        shop_card: r.get(10)?,
        bound_at: r.get(11)?,
        updated_at: r.get(12)?,
        pool: r.get(13)?,
    })
}

fn account_from_row(row: AccountRow) -> SimResult<Account> {
    let pool: Vec<String> =
        serde_json::from_str(&row.pool).map_err(|e| SimError::Corrupt(format!("product pool: {e}")))?;
    Ok(Account {
        guangguang_id: row.guangguang_id,
        nickname: row.nickname,
        avatar_url: row.avatar_url,
        tag: row.tag,
        binding_state: row.binding_state,
        grants: Grants {
            publish: Grant {
                state: row.publish.0,
                updated_at: opt_ts(row.publish.1)?,
            },
            interact: Grant {
                state: row.interact.0,
                updated_at: opt_ts(row.interact.1)?,
            },
        },
        product_pool: pool,
        shop_card: row.shop_card,
        bound_at: opt_ts(row.bound_at)?,
        updated_at: parse_ts(&row.updated_at)?,
        id: row.id,
    })
}

pub fn account(conn: &Connection, id: &str) -> SimResult<Option<Account>> {
    let sql = format!("SELECT {ACCOUNT_COLS} FROM account a JOIN creator c ON c.id = a.creator_id WHERE a.id = ?1");
    let row = conn.prepare_cached(&sql)?.query_row([id], account_row).optional()?;
    row.map(account_from_row).transpose()
}

pub fn accounts_of(conn: &Connection, merchant_id: &str) -> SimResult<Vec<Account>> {
    let sql = format!(
        "SELECT {ACCOUNT_COLS} FROM account a JOIN creator c ON c.id = a.creator_id \
         WHERE a.merchant_id = ?1 ORDER BY a.id"
    );
    let rows = conn
        .prepare_cached(&sql)?
        .query_map([merchant_id], account_row)?
        .collect::<Result<Vec<_>, _>>()?;
    rows.into_iter().map(account_from_row).collect()
}

pub fn invitation(conn: &Connection, id: &str) -> SimResult<Option<Invitation>> {
    let row = conn
        .prepare_cached(
            "SELECT i.id, c.guangguang_id, i.phone_masked, i.tag, i.state, i.created_at, i.expires_at, i.updated_at \
             FROM invitation i JOIN creator c ON c.id = i.creator_id WHERE i.id = ?1",
        )?
        .query_row([id], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, Tag>(3)?,
                r.get::<_, InvitationState>(4)?,
                r.get::<_, String>(5)?,
                r.get::<_, String>(6)?,
                r.get::<_, String>(7)?,
            ))
        })
        .optional()?;
    row.map(
        |(id, guangguang_id, phone_masked, tag, state, created, expires, updated)| {
            Ok(Invitation {
                id,
                guangguang_id,
                phone_masked,
                tag,
                state,
                created_at: parse_ts(&created)?,
                expires_at: parse_ts(&expires)?,
                updated_at: parse_ts(&updated)?,
            })
        },
    )
    .transpose()
}

pub fn work(conn: &Connection, id: &str) -> SimResult<Option<Work>> {
    let sql = format!("SELECT {WORK_COLS} FROM work w WHERE w.id = ?1");
    let mut stmt = conn.prepare_cached(&sql)?;
    let mut rows = stmt.query([id])?;
    rows.next()?.map(|r| work_at(r, 0)).transpose()
}

/// Runs `ids_sql` (one parameter, selecting ids) and loads each id with `load`, in order.
pub fn load_each<T>(
    conn: &Connection,
    ids_sql: &str,
    param: &dyn rusqlite::ToSql,
    load: fn(&Connection, &str) -> SimResult<Option<T>>,
) -> SimResult<Vec<T>> {
    let ids = conn
        .prepare_cached(ids_sql)?
        .query_map([param], |r| r.get::<_, String>(0))?
        .collect::<Result<Vec<_>, _>>()?;
    let mut out = Vec::with_capacity(ids.len());
    for id in ids {
        out.extend(load(conn, &id)?);
    }
    Ok(out)
}

pub fn comment(conn: &Connection, id: &str) -> SimResult<Option<Comment>> {
    let sql = format!("SELECT {COMMENT_COLS} FROM comment k WHERE k.id = ?1");
    let mut stmt = conn.prepare_cached(&sql)?;
    let mut rows = stmt.query([id])?;
    rows.next()?.map(|r| comment_at(r, 0)).transpose()
}

/// The account id a work-metric change entity points at is `work_id|date`.
pub fn metric_entity_id(work_id: &str, date: &str) -> String {
    format!("{work_id}|{date}")
}

#[cfg(test)]
mod tests {
    use rusqlite::Connection;

    #[test]
    fn a_database_from_before_fingerprints_keeps_its_answers_and_gains_the_column() {
        let conn = Connection::open_in_memory().expect("in-memory database");
        conn.execute_batch(
            "CREATE TABLE idempotency (merchant_id TEXT NOT NULL, key TEXT NOT NULL, status INTEGER NOT NULL, \
             body TEXT NOT NULL, PRIMARY KEY (merchant_id, key)); \
             INSERT INTO idempotency VALUES ('m-demo', 'k1', 201, '{}');",
        )
        .expect("the old table");
        conn.execute_batch(include_str!("schema.sql"))
            .expect("the schema applies over an old database");
        super::add_idempotency_fingerprint(&conn).expect("the column is added");
        super::add_idempotency_fingerprint(&conn).expect("adding it again is a no-op, as every open runs it");
        let kept: (u16, Option<String>) = conn
            .query_row(
                "SELECT status, fingerprint FROM idempotency WHERE key = 'k1'",
                [],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .expect("the old answer is still there");
        assert_eq!(
            kept,
            (201, None),
            "an old answer survives, with no fingerprint, so it replays as before"
        );
    }
}
