//! What the screens show is the platform's state plus the expected effect of actions not yet
//! confirmed (the overlay), computed at read time: a rejected action simply drops out, and a
//! pull never fights with an optimistic write.

use std::collections::HashMap;

use mdesk_ipc::{AccountRow, ActionKind, ActionState, IpcError, WorkRejection, WorkRow};
use rusqlite::{params, Connection};

use super::{Intention, OPEN_STATES};
use crate::error::{CoreError, CoreResult};

/// Applies open actions, oldest first, to the accounts they concern.
pub fn overlay_accounts(conn: &Connection, rows: &mut [AccountRow]) -> CoreResult<()> {
    let sql = format!(
        "SELECT account_id, payload FROM action WHERE state IN {} AND account_id IS NOT NULL ORDER BY rowid",
        *OPEN_STATES
    );
    let open = conn
        .prepare_cached(&sql)?
        .query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))?
        .collect::<Result<Vec<_>, _>>()?;
    for (account_id, payload) in open {
        let Some(row) = rows.iter_mut().find(|r| r.id == account_id) else {
            continue;
        };
        let intention: Intention = serde_json::from_str(&payload).map_err(|e| CoreError::Corrupt(e.to_string()))?;
        row.pending += 1;
        intention.on_account(row);
    }
    Ok(())
}

/// The intentions still on their way for one account, oldest first.
pub fn open_intentions(conn: &Connection, account_id: &str) -> CoreResult<Vec<Intention>> {
    let sql = format!(
        "SELECT payload FROM action WHERE state IN {} AND account_id = ?1 ORDER BY rowid",
        *OPEN_STATES
    );
    let payloads = conn
        .prepare_cached(&sql)?
        .query_map([account_id], |r| r.get::<_, String>(0))?
        .collect::<Result<Vec<_>, _>>()?;
    payloads
        .iter()
        .map(|p| serde_json::from_str(p).map_err(|e| CoreError::Corrupt(e.to_string())))
        .collect()
}

/// Applies each work's open actions, oldest first, to its row (the pending kinds, and the
/// values they will leave), and marks a work whose latest change the platform refused.
/// Answers the text an open edit will leave, per row, for the work detail.
pub fn overlay_works(conn: &Connection, rows: &mut [WorkRow]) -> CoreResult<Vec<Option<String>>> {
    let mut texts = vec![None; rows.len()];
    if rows.is_empty() {
        return Ok(texts);
    }
    // Two queries for the whole page (the works' open actions; each work's latest action), not
    // two per row.
    let ids = serde_json::to_string(&rows.iter().map(|r| r.id.as_str()).collect::<Vec<_>>())
        .map_err(|e| CoreError::Corrupt(e.to_string()))?;
    let sql = format!(
        "SELECT work_id, kind, payload FROM action WHERE work_id IN (SELECT value FROM json_each(?1)) \
         AND state IN {} ORDER BY rowid",
        *OPEN_STATES
    );
    let mut open: HashMap<String, Vec<(ActionKind, String)>> = HashMap::new();
    for row in conn.prepare_cached(&sql)?.query_map([&ids], |r| {
        Ok((
            r.get::<_, String>(0)?,
            r.get::<_, ActionKind>(1)?,
            r.get::<_, String>(2)?,
        ))
    })? {
        let (work, kind, payload) = row?;
        open.entry(work).or_default().push((kind, payload));
    }
    let mut rejections: HashMap<String, WorkRejection> = HashMap::new();
    let mut latest = conn.prepare_cached(
        "SELECT work_id, id, kind, state, error_code, error_message, updated_at, retried_by FROM action \
         WHERE rowid IN (SELECT MAX(rowid) FROM action WHERE work_id IN (SELECT value FROM json_each(?1)) \
         AND state <> ?2 GROUP BY work_id)",
    )?;
    for row in latest.query_map(params![ids, ActionState::Cancelled], |r| {
        Ok((r.get::<_, String>(0)?, latest_row(r, 1)?))
    })? {
        let (work, latest) = row?;
        if let Some(rejection) = rejection_of(latest) {
            rejections.insert(work, rejection);
        }
    }
    for (row, text) in rows.iter_mut().zip(texts.iter_mut()) {
        for (kind, payload) in open.remove(&row.id).unwrap_or_default() {
            let intention: Intention = serde_json::from_str(&payload).map_err(|e| CoreError::Corrupt(e.to_string()))?;
            intention.on_work(row, text);
            row.pending.push(kind);
        }
        row.rejection = rejections.remove(&row.id);
    }
    Ok(texts)
}

/// A work's open actions, oldest first: their kinds and what they carry.
pub fn open_on_work(conn: &Connection, work_id: &str) -> CoreResult<Vec<(ActionKind, Intention)>> {
    let sql = format!(
        "SELECT kind, payload FROM action WHERE work_id = ?1 AND state IN {} ORDER BY rowid",
        *OPEN_STATES
    );
    let open = conn
        .prepare_cached(&sql)?
        .query_map([work_id], |r| Ok((r.get::<_, ActionKind>(0)?, r.get::<_, String>(1)?)))?
        .collect::<Result<Vec<_>, _>>()?;
    open.into_iter()
        .map(|(kind, payload)| {
            let intention: Intention = serde_json::from_str(&payload).map_err(|e| CoreError::Corrupt(e.to_string()))?;
            Ok((kind, intention))
        })
        .collect()
}

/// A work's latest action: id, kind, state, error code and message, time, retried by.
type LatestAction = (
    String,
    ActionKind,
    ActionState,
    Option<String>,
    Option<String>,
    String,
    Option<String>,
);

fn latest_row(r: &rusqlite::Row<'_>, at: usize) -> rusqlite::Result<LatestAction> {
    Ok((
        r.get(at)?,
        r.get(at + 1)?,
        r.get(at + 2)?,
        r.get(at + 3)?,
        r.get(at + 4)?,
        r.get(at + 5)?,
        r.get(at + 6)?,
    ))
}

/// The rejection to show, when the latest action was refused and not retried.
fn rejection_of(latest: LatestAction) -> Option<WorkRejection> {
    match latest {
        (action_id, kind, ActionState::Rejected, code, message, at, None) => Some(WorkRejection {
            action_id,
            kind,
            error: rejection_error(code.as_deref(), message.unwrap_or_default()),
            at,
        }),
        _ => None,
    }
}

/// A stored rejection as the UI's error: the platform's code, in the app's terms.
pub(crate) fn rejection_error(code: Option<&str>, message: String) -> IpcError {
    let code = code
        .and_then(|c| serde_json::from_value::<mdesk_platform_api::ErrorCode>(c.into()).ok())
        .unwrap_or(mdesk_platform_api::ErrorCode::Internal);
    IpcError::from(CoreError::Platform {
        code,
        message,
        retry_after_secs: None,
    })
}
