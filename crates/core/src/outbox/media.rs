//! A new work's files on their way to the platform.
//!
//! Queued: each picked file is copied into `<data dir>/media/outgoing/` under its content's
//! hash (deleting or changing the original afterwards loses nothing, and one file picked for
//! ten accounts is kept once; the material library (`materials`) records it and keeps the copy
//! to use again), and the action gets one `action_upload` row per slot (the media
//! in order, then the cover image).
//!
//! Sent: every slot without a platform id is uploaded under its own idempotency key
//! (`{action_id}:media:{slot}`) and the id the platform answers is recorded at once, so a retry
//! after a crash or going offline uploads only what the platform does not have yet (and a
//! replayed key answers the same id). Only then is the work itself sent, under the action id.

use std::path::{Path, PathBuf};

use mdesk_ipc::UploadRow;
use mdesk_platform_api::rules::{check_media_size, media_kind_of_content_type, media_type_of_file_name};
use mdesk_platform_api::MediaKind;
use rusqlite::{params, Connection, Transaction};
use serde::{Deserialize, Serialize};

use super::kinds::Intention;
use super::OPEN_STATES;
use crate::error::{CoreError, CoreResult};
use crate::store::Store;

/// One staged file, as the action carries it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Outgoing {
    /// Its name in `media/outgoing/` (`<sha256>.<ext>`).
    pub file: String,
    /// The name it had when picked, for people.
    pub name: String,
    pub bytes: u64,
    pub content_type: String,
}

impl Outgoing {
    pub fn kind(&self) -> Option<MediaKind> {
        media_kind_of_content_type(&self.content_type)
    }
}

/// What a picked file is, checked against the platform's rules (type by extension, size).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Inspected {
    pub name: String,
    pub bytes: u64,
    pub content_type: &'static str,
    pub kind: MediaKind,
}

fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.display().to_string())
}

/// Checks a picked file: it exists and is readable, is a type the platform takes, and is not
/// empty or too large. Errors name the file.
pub fn inspect(path: &Path) -> CoreResult<Inspected> {
    let name = file_name(path);
    let meta = std::fs::metadata(path).map_err(|e| CoreError::Rule {
        rule: "media_unreadable",
        message: format!("{name}: {e}"),
    })?;
    if !meta.is_file() {
        return Err(CoreError::Rule {
            rule: "media_unreadable",
            message: format!("{name} is not a file"),
        });
    }
    let (content_type, kind) = media_type_of_file_name(&name)?;
    check_media_size(kind, meta.len()).map_err(|mut v| {
        v.message = format!("{name}: {}", v.message);
        v
    })?;
    Ok(Inspected {
        name,
        bytes: meta.len(),
        content_type,
        kind,
    })
}

/// Where staged files live.
pub(crate) fn outgoing_dir(store: &Store) -> CoreResult<PathBuf> {
    crate::materials::files_dir(store)
        .ok_or_else(|| CoreError::InvalidInput("this database has no data directory to keep media in".into()))
}

/// The staged copy of `o` on disk.
pub fn path_of(store: &Store, o: &Outgoing) -> CoreResult<PathBuf> {
    // The name came from our own hash; never let a stored name point elsewhere.
    if o.file.contains(['/', '\\']) || o.file.starts_with('.') {
        return Err(CoreError::Corrupt(format!("staged media name {:?}", o.file)));
    }
    Ok(outgoing_dir(store)?.join(&o.file))
}

/// Copies a picked file into the data directory (once per content) and answers what the
/// action will carry. The copy is written beside its final name and renamed into place, so a
/// crash never leaves half a file under a hash.
pub fn stage(store: &Store, path: &Path) -> CoreResult<Outgoing> {
    let mut seen = inspect(path)?;
    if let Some(name) = crate::materials::original_name(store, path)? {
        seen.name = name;
    }
    let dir = outgoing_dir(store)?;
    std::fs::create_dir_all(&dir)?;
    let hash = crate::materials::content_hash(path)?;
    let ext = seen
        .name
        .rsplit_once('.')
        .map(|(_, e)| e.to_ascii_lowercase())
        .unwrap_or_default();
    let file = format!("{hash}.{ext}");
    let target = dir.join(&file);
    let size_ok = std::fs::metadata(&target).is_ok_and(|m| m.len() == seen.bytes);
    if size_ok {
        // Freshly needed again: `sweep` leaves young files alone until their action is queued.
        std::fs::File::options()
            .append(true)
            .open(&target)?
            .set_modified(std::time::SystemTime::now())?;
    } else {
        crate::files::place(&target, |part| {
            std::fs::copy(path, part)?;
            Ok(())
        })?;
    }
    // The material library (duplicate guard): once per content.
    crate::materials::remember_staged(store, &target, hash, &file, &seen.name, seen.kind, seen.bytes)?;
    Ok(Outgoing {
        file,
        name: seen.name,
        bytes: seen.bytes,
        content_type: seen.content_type.to_owned(),
    })
}

/// A work's files in slot order: the media, then the cover image.
pub(crate) fn slots_of(intention: &Intention) -> Vec<&Outgoing> {
    intention.files()
}

/// The idempotency key of one slot's upload.
pub(crate) fn upload_key(action_id: &str, slot: usize) -> String {
    format!("{action_id}:media:{slot}")
}

/// Writes the action's upload rows, in the transaction that queues it.
pub(crate) fn insert_slots(tx: &Transaction<'_>, action_id: &str, intention: &Intention) -> CoreResult<()> {
    for (slot, o) in slots_of(intention).into_iter().enumerate() {
        tx.prepare_cached(
            "INSERT INTO action_upload (action_id, slot, file, name, content_type, bytes) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        )?
        .execute(params![action_id, slot as i64, o.file, o.name, o.content_type, o.bytes as i64])?;
    }
    Ok(())
}

/// The platform ids recorded so far, per slot (none for a slot not uploaded yet).
pub(crate) fn uploaded(conn: &Connection, action_id: &str) -> CoreResult<Vec<Option<String>>> {
    Ok(conn
        .prepare_cached("SELECT media_id FROM action_upload WHERE action_id = ?1 ORDER BY slot")?
        .query_map([action_id], |r| r.get(0))?
        .collect::<Result<_, _>>()?)
}

pub(crate) fn record_sent(store: &Store, action_id: &str, slot: usize, sent: u64) -> CoreResult<()> {
    store.write(|tx| {
        tx.prepare_cached("UPDATE action_upload SET sent_bytes = MIN(?3, bytes) WHERE action_id = ?1 AND slot = ?2")?
            .execute(params![action_id, slot as i64, sent as i64])?;
        Ok(())
    })
}

pub(crate) fn record_uploaded(store: &Store, action_id: &str, slot: usize, media_id: &str) -> CoreResult<()> {
    store.write(|tx| {
        tx.prepare_cached(
            "UPDATE action_upload SET media_id = ?3, sent_bytes = bytes WHERE action_id = ?1 AND slot = ?2",
        )?
        .execute(params![action_id, slot as i64, media_id])?;
        Ok(())
    })
}

/// The files of works not yet delivered, for the progress bars (oldest work first).
pub fn uploads(store: &Store) -> CoreResult<Vec<UploadRow>> {
    store.read(|conn| {
        let sql = format!(
            "SELECT u.action_id, a.account_id, json_extract(a.payload, '$.title'), u.slot, u.name, u.bytes, \
             u.sent_bytes, u.media_id IS NOT NULL FROM action_upload u JOIN action a ON a.id = u.action_id \
             WHERE a.state IN {} ORDER BY a.rowid, u.slot",
            *OPEN_STATES
        );
        let rows = conn
            .prepare_cached(&sql)?
            .query_map([], |r| {
                Ok(UploadRow {
                    action_id: r.get(0)?,
                    account_id: r.get(1)?,
                    title: r.get::<_, Option<String>>(2)?.unwrap_or_default(),
                    slot: r.get(3)?,
                    name: r.get(4)?,
                    bytes: r.get::<_, i64>(5)?.max(0) as u64,
                    sent_bytes: r.get::<_, i64>(6)?.max(0) as u64,
                    done: r.get(7)?,
                })
            })?
            .collect::<Result<_, _>>()?;
        Ok(rows)
    })
}

/// How long a staged file is left alone before it counts as unneeded: it is staged just
/// before its action is queued, and a sweep in between must not take it.
const SWEEP_GRACE: std::time::Duration = std::time::Duration::from_secs(600);

/// Deletes staged files no open or rejected (still retryable) action needs any more and that
/// were not staged in the last ten minutes. Answers how many went.
pub fn sweep(store: &Store) -> CoreResult<usize> {
    let Ok(dir) = outgoing_dir(store) else {
        return Ok(0);
    };
    let Ok(entries) = std::fs::read_dir(&dir) else {
        return Ok(0);
    };
    let needed: std::collections::HashSet<String> = store.read(|conn| {
        let sql = format!(
            "SELECT DISTINCT u.file FROM action_upload u JOIN action a ON a.id = u.action_id \
             WHERE a.state IN {} OR a.state = ?1",
            *OPEN_STATES
        );
        let files = conn
            .prepare_cached(&sql)?
            .query_map([mdesk_ipc::ActionState::Rejected], |r| r.get(0))?
            .collect::<Result<std::collections::HashSet<String>, _>>()?;
        // The material library keeps its copies, to use them again.
        Ok(files.into_iter().chain(crate::materials::kept_files(conn)?).collect())
    })?;
    let mut removed = 0;
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        let young = entry
            .metadata()
            .and_then(|m| m.modified())
            .ok()
            .and_then(|t| t.elapsed().ok())
            .is_none_or(|age| age < SWEEP_GRACE);
        if !needed.contains(&name) && !young && std::fs::remove_file(entry.path()).is_ok() {
            removed += 1;
        }
    }
    Ok(removed)
}

/// A small `data:` URL of an image file for the composer's thumbnail (none for a video or an
/// image over 2 MB, which the composer shows by name).
pub fn thumbnail(path: &Path, kind: MediaKind, content_type: &str, bytes: u64) -> Option<String> {
    use base64::Engine;
    if kind != MediaKind::Image || bytes > 2 << 20 {
        return None;
    }
    let data = std::fs::read(path).ok()?;
    Some(format!(
        "data:{content_type};base64,{}",
        base64::engine::general_purpose::STANDARD.encode(data)
    ))
}
