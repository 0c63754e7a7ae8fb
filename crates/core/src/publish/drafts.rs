//! Drafts of the composer, kept in the local database as the staff member types: they survive
//! a restart and a crash, and go once their work is queued.

use mdesk_ipc::{DraftRow, PublishDraft};
use rusqlite::params;

use crate::error::{CoreError, CoreResult};
use crate::outbox::now_rfc3339;
use crate::session;
use crate::store::Store;

/// Drafts belong to the merchant signed in: another merchant's accounts mean nothing here.
fn merchant(conn: &rusqlite::Connection) -> CoreResult<String> {
    Ok(session::current_in(conn)?.ok_or(CoreError::NotSignedIn)?.merchant_id)
}

/// Saves `draft` as `id` (a new draft without one); answers its id.
pub fn save(store: &Store, id: Option<&str>, draft: &PublishDraft) -> CoreResult<String> {
    let body = serde_json::to_string(draft).map_err(|e| CoreError::Corrupt(e.to_string()))?;
    let id = id
        .filter(|s| !s.is_empty())
        .map_or_else(|| uuid::Uuid::now_v7().to_string(), str::to_owned);
    let now = now_rfc3339();
    store.write(|tx| {
        let merchant = merchant(tx)?;
        let changed = tx
            .prepare_cached(
                "INSERT INTO draft (id, merchant_id, body, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?4) \
                 ON CONFLICT (id) DO UPDATE SET body = excluded.body, updated_at = excluded.updated_at \
                 WHERE draft.merchant_id = excluded.merchant_id",
            )?
            .execute(params![id, merchant, body, now])?;
        if changed == 0 {
            return Err(CoreError::InvalidInput(format!(
                "draft {id} belongs to another merchant"
            )));
        }
        Ok(())
    })?;
    Ok(id)
}

/// The signed-in merchant's drafts, the latest changed first (none when signed out).
pub fn list(store: &Store) -> CoreResult<Vec<DraftRow>> {
    let rows: Vec<(String, String, String)> = store.read(|conn| {
        let Some(session) = session::current_in(conn)? else {
            return Ok(Vec::new());
        };
        Ok(conn
            .prepare_cached(
                "SELECT id, updated_at, body FROM draft WHERE merchant_id = ?1 ORDER BY updated_at DESC, id DESC",
            )?
            .query_map([session.merchant_id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
            .collect::<Result<_, _>>()?)
    })?;
    rows.into_iter()
        .map(|(id, updated_at, body)| {
            Ok(DraftRow {
                id,
                updated_at,
                // A draft is the staff member's own words: an unreadable one is corrupt, not dropped.
                draft: serde_json::from_str(&body).map_err(|e| CoreError::Corrupt(e.to_string()))?,
            })
        })
        .collect()
}

pub fn delete(store: &Store, id: &str) -> CoreResult<()> {
    store.write(|tx| {
        tx.execute("DELETE FROM draft WHERE id = ?1", [id])?;
        Ok(())
    })
}
