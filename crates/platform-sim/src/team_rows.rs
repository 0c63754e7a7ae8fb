//! The team's rows as the API shows them: staff members and submissions (whose proposal,
//! actors and results are kept as JSON of the wire types).

use rusqlite::{Connection, OptionalExtension};

use crate::db::parse_ts;
use crate::error::{SimError, SimResult};

/// A staff member as the API shows them, with their full login.
pub fn staff_member(conn: &Connection, id: &str) -> SimResult<Option<mdesk_platform_api::StaffMember>> {
    let found = conn
        .prepare_cached(
            "SELECT m.username || ':' || s.name, s.display_name, s.role, s.disabled, s.created_at \
             FROM staff s JOIN merchant m ON m.id = s.merchant_id WHERE s.id = ?1",
        )?
        .query_row([id], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get(1)?,
                r.get(2)?,
                r.get(3)?,
                r.get::<_, String>(4)?,
            ))
        })
        .optional()?;
    found
        .map(|(login, name, role, disabled, created)| {
            Ok(mdesk_platform_api::StaffMember {
                login,
                name,
                role,
                disabled,
                created_at: parse_ts(&created)?,
            })
        })
        .transpose()
}

fn from_json<T: serde::de::DeserializeOwned>(what: &str, text: &str) -> SimResult<T> {
    serde_json::from_str(text).map_err(|e| SimError::Corrupt(format!("{what}: {e}")))
}

/// A submission as the API shows it.
pub fn submission(conn: &Connection, id: &str) -> SimResult<Option<mdesk_platform_api::Submission>> {
    type Raw = (
        u32,
        mdesk_platform_api::SubmissionState,
        String,
        Option<String>,
        String,
        String,
        Option<String>,
        Option<String>,
        Option<String>,
        String,
        String,
    );
    let found: Option<Raw> = conn
        .prepare_cached(
            "SELECT version, state, proposal, previous, submitted_by, submitted_at, reviewed_by, reviewed_at, \
             reason, results, updated_at FROM submission WHERE id = ?1",
        )?
        .query_row([id], |r| {
            Ok((
                r.get(0)?,
                r.get(1)?,
                r.get(2)?,
                r.get(3)?,
                r.get(4)?,
                r.get(5)?,
                r.get(6)?,
                r.get(7)?,
                r.get(8)?,
                r.get(9)?,
                r.get(10)?,
            ))
        })
        .optional()?;
    let Some((version, state, proposal, previous, by, at, reviewer, reviewed_at, reason, results, updated)) = found
    else {
        return Ok(None);
    };
    Ok(Some(mdesk_platform_api::Submission {
        id: id.to_owned(),
        version,
        state,
        proposal: from_json("proposal", &proposal)?,
        previous: previous.as_deref().map(|p| from_json("previous", p)).transpose()?,
        submitted_by: from_json("submitted_by", &by)?,
        submitted_at: parse_ts(&at)?,
        reviewed_by: reviewer.as_deref().map(|p| from_json("reviewed_by", p)).transpose()?,
        reviewed_at: reviewed_at.as_deref().map(parse_ts).transpose()?,
        reason,
        results: from_json("results", &results)?,
        updated_at: parse_ts(&updated)?,
    }))
}
