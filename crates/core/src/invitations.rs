//! Invitations: the platform's, plus invites still in the outbox or refused by the platform,
//! so a staff member sees the verdict on the invitation they made.

use mdesk_ipc::{ActionState, InvitationRow, InvitationState, InvitationStatus, Tag};
use rusqlite::{params, Connection};

use crate::error::{CoreError, CoreResult};
use crate::matrix::queue;
use crate::outbox::kinds;
use crate::outbox::{Intention, OPEN_STATES};
use crate::secret::SecretStore;
use crate::session;
use crate::store::Store;

/// Newest first. Invites not yet accepted by the platform show as `sending`; refused ones as
/// `refused` with the platform's code; a pending invitation with a cancel on its way shows
/// as `cancelled`.
pub fn list(store: &Store) -> CoreResult<Vec<InvitationRow>> {
    store.read(rows)
}

fn rows(conn: &Connection) -> CoreResult<Vec<InvitationRow>> {
    let Some(s) = session::current_in(conn)? else {
        return Ok(Vec::new());
    };
    let mut rows = conn
        .prepare_cached(
            "SELECT id, guangguang_id, phone_masked, tag, state, created_at, expires_at FROM invitation \
             WHERE merchant_id = ?1",
        )?
        .query_map([&s.merchant_id], |r| {
            Ok(InvitationRow {
                id: r.get(0)?,
                guangguang_id: r.get(1)?,
                phone_masked: r.get(2)?,
                tag: r.get(3)?,
                state: InvitationStatus::from(r.get::<_, InvitationState>(4)?),
                created_at: r.get(5)?,
                expires_at: r.get(6)?,
                action_id: None,
                error_code: None,
                staff_name: None,
                can_cancel: false,
            })
        })?
        .collect::<Result<Vec<_>, _>>()?;
    let sql = format!(
        "SELECT id, kind, payload, state, error_code, staff_name, created_at FROM action \
         WHERE kind IN ('invite', 'cancel_invite') AND (state IN {} OR (kind = 'invite' AND state = ?1)) \
         ORDER BY rowid",
        *OPEN_STATES
    );
    let actions = conn
        .prepare_cached(&sql)?
        .query_map([ActionState::Rejected], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, ActionState>(3)?,
                r.get::<_, Option<String>>(4)?,
                r.get::<_, String>(5)?,
                r.get::<_, String>(6)?,
            ))
        })?
        .collect::<Result<Vec<_>, _>>()?;
    for (action_id, _, payload, state, error_code, staff, created_at) in actions {
        let intention: Intention = serde_json::from_str(&payload).map_err(|e| CoreError::Corrupt(e.to_string()))?;
        match intention {
            Intention::Invite(kinds::Invite {
                guangguang_id,
                phone_masked,
                tag,
            }) => rows.push(InvitationRow {
                id: action_id.clone(),
                guangguang_id,
                phone_masked,
                tag,
                can_cancel: state.can_cancel(),
                state: if state == ActionState::Rejected {
                    InvitationStatus::Refused
                } else {
                    InvitationStatus::Sending
                },
                created_at,
                expires_at: None,
                action_id: Some(action_id),
                error_code,
                staff_name: Some(staff),
            }),
            Intention::CancelInvite(kinds::CancelInvite { invitation_id }) => {
                if let Some(row) = rows.iter_mut().find(|r| r.id == invitation_id) {
                    row.state = InvitationStatus::Cancelled;
                    row.action_id = Some(action_id);
                }
            }
            _ => {}
        }
    }
    // Who sent a platform invitation: the staff member of the latest applied invite for that
    // account, read for every account in one pass over the applied invites.
    let mut senders: std::collections::HashMap<String, String> = std::collections::HashMap::new();
    let mut sender = conn.prepare_cached(
        "SELECT json_extract(payload, '$.guangguang_id'), staff_name FROM action \
         WHERE kind = 'invite' AND state = ?1 ORDER BY rowid",
    )?;
    for found in sender.query_map(params![ActionState::Applied], |r| {
        Ok((r.get::<_, Option<String>>(0)?, r.get::<_, String>(1)?))
    })? {
        if let (Some(account), staff) = found? {
            senders.insert(account, staff); // later rows win: the latest invite
        }
    }
    for row in &mut rows {
        if row.action_id.is_none() {
            row.can_cancel = row.state == InvitationStatus::Pending;
            row.staff_name = senders.get(&row.guangguang_id).cloned();
        }
    }
    rows.sort_by(|a, b| b.created_at.cmp(&a.created_at).then_with(|| b.id.cmp(&a.id)));
    Ok(rows)
}

/// Queues an invite (新增矩阵账号). The phone is checked, kept in the keychain until sent,
/// and only its masked form is ever written to the database.
pub fn invite(
    store: &Store,
    secrets: &dyn SecretStore,
    guangguang_id: &str,
    phone: &str,
    tag: Tag,
) -> CoreResult<String> {
    let intention = Intention::Invite(kinds::Invite {
        guangguang_id: guangguang_id.trim().to_owned(),
        phone_masked: String::new(),
        tag,
    });
    queue(store, secrets, intention, Some(phone.trim()))
}

/// Cancels an invitation: a pending one on the platform (queued as an action), or an invite
/// that has not left this computer yet (the action is cancelled).
pub fn cancel(store: &Store, secrets: &dyn SecretStore, id: &str) -> CoreResult<Option<String>> {
    let local: bool = store.read(|conn| {
        Ok(conn
            .prepare_cached("SELECT COUNT(*) > 0 FROM action WHERE id = ?1 AND kind = 'invite'")?
            .query_row(params![id], |r| r.get(0))?)
    })?;
    if local {
        crate::matrix::cancel_action(store, secrets, id)?;
        return Ok(None);
    }
    let intention = Intention::CancelInvite(kinds::CancelInvite {
        invitation_id: id.to_owned(),
    });
    queue(store, secrets, intention, None).map(Some)
}
