//! The material library (素材库) and its duplicate guard (查重).
//!
//! Every file a desk publishes is recorded when it is staged: its content hash (SHA-256, also
//! the name of the library's copy), for an image a perceptual hash (`image_hasher`'s gradient
//! hash, which a re-encoded or resized copy keeps), its size in pixels and a small thumbnail;
//! for a video its length from the MP4/QuickTime header (a first-frame hash would need a video
//! decoder, which the app does not carry).
//! Its uses are the actions that carried it. Platforms throttle the same content posted by
//! several accounts, so the dry run warns when a file goes to several accounts at once or was
//! already published by one of the matrix's accounts, naming the account and the work.

use std::io::Read;
use std::path::Path;

use image_hasher::{HasherConfig, ImageHash};
use mdesk_ipc::{DuplicateNote, Material, MaterialUse, MediaKind};
use rusqlite::{params, Connection, OptionalExtension};
use sha2::{Digest, Sha256};

use crate::error::{CoreError, CoreResult};
use crate::store::Store;

/// Pictures whose perceptual hashes differ in at most this many of 64 bits are the same
/// picture to a viewer (a re-encoded or resized copy differs in a few; another picture in
/// about half).
pub const SAME_PICTURE_BITS: u32 = 10;
/// The Materials screen's thumbnails, in pixels a side.
const THUMB_PX: u32 = 96;

/// What the library knows of a file's content.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Fingerprint {
    /// SHA-256, hex.
    pub hash: String,
    /// An image's perceptual hash (base64), when it could be decoded.
    pub phash: Option<String>,
    pub width: Option<u32>,
    pub height: Option<u32>,
    /// A small PNG of an image.
    pub thumb: Option<Vec<u8>>,
    /// A video's length.
    pub duration_ms: Option<u64>,
}

/// Where staged files and the library's copies are kept (`<data dir>/media/outgoing/`).
pub fn files_dir(store: &Store) -> Option<std::path::PathBuf> {
    store.media_dir().map(|d| d.join("outgoing"))
}

/// The name a file had when first picked, when `path` is the library's own copy of it (a file
/// put into a new work from the Materials screen): people see that, not the copy's hash.
pub fn original_name(store: &Store, path: &Path) -> CoreResult<Option<String>> {
    let (Some(dir), Some(file)) = (files_dir(store), path.file_name()) else {
        return Ok(None);
    };
    if path.parent() != Some(dir.as_path()) {
        return Ok(None);
    }
    store.read(|conn| {
        Ok(conn
            .prepare_cached("SELECT name FROM material WHERE file = ?1")?
            .query_row([file.to_string_lossy()], |r| r.get(0))
            .optional()?)
    })
}

/// The SHA-256 of a file's content, hex, read in pieces (videos are large).
pub fn content_hash(path: &Path) -> CoreResult<String> {
    let mut hasher = Sha256::new();
    let mut src = std::fs::File::open(path)?;
    let mut buf = vec![0u8; 1 << 16];
    loop {
        let n = src.read(&mut buf)?;
        if n == 0 {
            break;
        }
        hasher.update(&buf[..n]);
    }
    Ok(hasher.finalize().iter().map(|b| format!("{b:02x}")).collect())
}

fn hasher() -> image_hasher::Hasher {
    HasherConfig::new().to_hasher()
}

/// An image's perceptual hash, size and thumbnail; `None` when it cannot be decoded (the
/// platform will judge the file; the library just cannot compare it by eye).
fn picture(path: &Path) -> Option<(String, u32, u32, Vec<u8>)> {
    let img = image::ImageReader::open(path)
        .ok()?
        .with_guessed_format()
        .ok()?
        .decode()
        .ok()?;
    let phash = hasher().hash_image(&img).to_base64();
    let mut thumb = Vec::new();
    img.thumbnail(THUMB_PX, THUMB_PX)
        .write_to(&mut std::io::Cursor::new(&mut thumb), image::ImageFormat::Png)
        .ok()?;
    Some((phash, img.width(), img.height(), thumb))
}

/// A video's length from its MP4 (or QuickTime) header, read without reading the frames;
/// `None` for another container or a header that cannot be read.
pub fn video_length_ms(path: &Path) -> Option<u64> {
    let file = std::fs::File::open(path).ok()?;
    let size = file.metadata().ok()?.len();
    let reader = mp4::Mp4Reader::read_header(std::io::BufReader::new(file), size).ok()?;
    let ms = reader.duration().as_millis();
    (ms > 0).then(|| u64::try_from(ms).unwrap_or(u64::MAX))
}

/// The fingerprint of a file whose content hash is known.
pub fn fingerprint(path: &Path, kind: MediaKind, hash: String) -> Fingerprint {
    if kind == MediaKind::Video {
        return Fingerprint {
            hash,
            duration_ms: video_length_ms(path),
            ..Fingerprint::default()
        };
    }
    match picture(path) {
        Some((phash, w, h, thumb)) => Fingerprint {
            hash,
            phash: Some(phash),
            width: Some(w),
            height: Some(h),
            thumb: Some(thumb),
            duration_ms: None,
        },
        None => Fingerprint {
            hash,
            ..Fingerprint::default()
        },
    }
}

/// Whether two perceptual hashes are the same picture to a viewer.
pub fn same_picture(a: &str, b: &str) -> bool {
    match (
        ImageHash::<Box<[u8]>>::from_base64(a),
        ImageHash::<Box<[u8]>>::from_base64(b),
    ) {
        (Ok(a), Ok(b)) => a.dist(&b) <= SAME_PICTURE_BITS,
        _ => false,
    }
}

/// Records a staged file in the library (once per content).
pub fn remember(
    store: &Store,
    fp: &Fingerprint,
    file: &str,
    name: &str,
    kind: MediaKind,
    bytes: u64,
) -> CoreResult<()> {
    store.write(|tx| {
        tx.prepare_cached(
            "INSERT INTO material (hash, file, name, kind, bytes, phash, width, height, thumb, duration_ms, added_at) \
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11) ON CONFLICT DO NOTHING",
        )?
        .execute(params![
            fp.hash,
            file,
            name,
            kind,
            bytes as i64,
            fp.phash,
            fp.width,
            fp.height,
            fp.thumb,
            fp.duration_ms.map(|d| i64::try_from(d).unwrap_or(i64::MAX)),
            chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Millis, true)
        ])?;
        Ok(())
    })
}

/// Records a file just staged at `target`, unless its content is in the library already.
pub fn remember_staged(
    store: &Store,
    target: &Path,
    hash: String,
    file: &str,
    name: &str,
    kind: MediaKind,
    bytes: u64,
) -> CoreResult<()> {
    let known: Option<i64> = store.read(|conn| {
        Ok(conn
            .prepare_cached("SELECT 1 FROM material WHERE hash = ?1")?
            .query_row([&hash], |r| r.get(0))
            .optional()?)
    })?;
    if known.is_some() {
        return Ok(());
    }
    remember(store, &fingerprint(target, kind, hash), file, name, kind, bytes)
}

/// The library's copies, by name: the sweep keeps them.
pub fn kept_files(conn: &Connection) -> CoreResult<Vec<String>> {
    Ok(conn
        .prepare_cached("SELECT file FROM material")?
        .query_map([], |r| r.get(0))?
        .collect::<Result<_, _>>()?)
}

#[derive(serde::Deserialize)]
struct Carried {
    #[serde(default)]
    title: String,
    #[serde(default)]
    account_id: Option<String>,
    #[serde(default)]
    account_ids: Vec<String>,
}

/// Every use of the content `hash` by an action not cancelled or refused, newest first: each
/// account it went (or goes) to, with the work.
fn uses(conn: &Connection, hash: &str) -> CoreResult<Vec<MaterialUse>> {
    let mut stmt = conn.prepare_cached(
        "SELECT DISTINCT a.id, a.payload, a.work_id, a.created_at, w.title \
         FROM action_upload u JOIN action a ON a.id = u.action_id LEFT JOIN work w ON w.id = a.work_id \
         WHERE substr(u.file, 1, 64) = ?1 AND a.state NOT IN ('cancelled', 'rejected') \
         ORDER BY a.created_at DESC",
    )?;
    let rows = stmt
        .query_map([hash], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, Option<String>>(2)?,
                r.get::<_, String>(3)?,
                r.get::<_, Option<String>>(4)?,
            ))
        })?
        .collect::<Result<Vec<_>, _>>()?;
    let mut out = Vec::new();
    for (action_id, payload, work_id, at, work_title) in rows {
        let carried: Carried = serde_json::from_str(&payload).map_err(|e| CoreError::Corrupt(e.to_string()))?;
        let accounts = carried.account_id.into_iter().chain(carried.account_ids);
        for account_id in accounts {
            let nickname: Option<String> = conn
                .prepare_cached("SELECT nickname FROM matrix_account WHERE id = ?1")?
                .query_row([&account_id], |r| r.get(0))
                .optional()?;
            out.push(MaterialUse {
                nickname: nickname.unwrap_or_else(|| account_id.clone()),
                account_id,
                work_id: work_id.clone(),
                title: work_title.clone().unwrap_or_else(|| carried.title.clone()),
                at: at.clone(),
                action_id: action_id.clone(),
            });
        }
    }
    Ok(out)
}

fn thumbnail_url(thumb: Option<Vec<u8>>) -> Option<String> {
    use base64::Engine;
    thumb.map(|t| {
        format!(
            "data:image/png;base64,{}",
            base64::engine::general_purpose::STANDARD.encode(t)
        )
    })
}

/// The library, newest first: files with at least one use, whose name, account or work title
/// contains `query` (empty: all); at most `limit`.
pub fn library(store: &Store, query: &str, limit: usize) -> CoreResult<Vec<Material>> {
    let query = query.trim().to_lowercase();
    let outgoing = files_dir(store);
    store.read(|conn| {
        let mut stmt = conn.prepare_cached(
            "SELECT hash, file, name, kind, bytes, width, height, duration_ms, thumb, added_at \
             FROM material ORDER BY added_at DESC, hash",
        )?;
        let rows = stmt
            .query_map([], |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, String>(1)?,
                    Material {
                        hash: String::new(),
                        name: r.get(2)?,
                        kind: r.get(3)?,
                        bytes: r.get::<_, i64>(4)? as u64,
                        width: r.get(5)?,
                        height: r.get(6)?,
                        duration_ms: r.get::<_, Option<i64>>(7)?.map(|d| d as u64),
                        path: None,
                        thumbnail: thumbnail_url(r.get(8)?),
                        first_used_at: r.get(9)?,
                        uses: Vec::new(),
                    },
                ))
            })?
            .collect::<Result<Vec<_>, _>>()?;
        let mut out = Vec::new();
        for (hash, file, mut m) in rows {
            let uses = uses(conn, &hash)?;
            if uses.is_empty() {
                continue;
            }
            let matches = query.is_empty()
                || m.name.to_lowercase().contains(&query)
                || uses
                    .iter()
                    .any(|u| u.nickname.to_lowercase().contains(&query) || u.title.to_lowercase().contains(&query));
            if !matches {
                continue;
            }
            if let Some(first) = uses.iter().map(|u| u.at.as_str()).min() {
                m.first_used_at = first.to_owned();
            }
            m.path = outgoing
                .as_ref()
                .map(|dir| dir.join(&file))
                .filter(|p| p.is_file())
                .map(|p| p.display().to_string());
            m.hash = hash;
            m.uses = uses;
            out.push(m);
            if out.len() >= limit {
                break;
            }
        }
        Ok(out)
    })
}

/// The library's earlier uses of this content, or of the same picture: (exact, uses).
fn seen_before(conn: &Connection, fp: &Fingerprint) -> CoreResult<(bool, Vec<MaterialUse>)> {
    let exact = uses(conn, &fp.hash)?;
    if !exact.is_empty() {
        return Ok((true, exact));
    }
    let Some(phash) = &fp.phash else {
        return Ok((true, Vec::new()));
    };
    let pictures: Vec<(String, String)> = conn
        .prepare_cached("SELECT hash, phash FROM material WHERE phash IS NOT NULL AND hash <> ?1")?
        .query_map([&fp.hash], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<Result<_, _>>()?;
    let mut similar = Vec::new();
    for (hash, other) in pictures {
        if same_picture(phash, &other) {
            similar.extend(uses(conn, &hash)?);
        }
    }
    similar.sort_by(|a, b| b.at.cmp(&a.at));
    Ok((false, similar))
}

/// A picked file's fingerprint, remembered for this run of the app by path, size and time of
/// change: the composer's dry run runs as the person types, and a video is read only once.
fn picked_fingerprint(store: &Store, path: &Path, kind: MediaKind) -> CoreResult<Fingerprint> {
    type Key = (std::path::PathBuf, u64, Option<std::time::SystemTime>);
    static SEEN: std::sync::LazyLock<std::sync::Mutex<std::collections::HashMap<Key, Fingerprint>>> =
        std::sync::LazyLock::new(Default::default);
    let meta = std::fs::metadata(path)?;
    let key: Key = (path.to_path_buf(), meta.len(), meta.modified().ok());
    let remembered = SEEN
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
        .get(&key)
        .cloned();
    if let Some(fp) = remembered {
        return Ok(fp);
    }
    let hash = content_hash(path)?;
    let known_phash: Option<Option<String>> = store.read(|conn| {
        Ok(conn
            .prepare_cached("SELECT phash FROM material WHERE hash = ?1")?
            .query_row([&hash], |r| r.get(0))
            .optional()?)
    })?;
    let fp = match known_phash {
        Some(phash) => Fingerprint {
            hash,
            phash,
            ..Fingerprint::default()
        },
        None => Fingerprint {
            thumb: None,
            ..fingerprint(path, kind, hash)
        },
    };
    SEEN.lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
        .insert(key, fp.clone());
    Ok(fp)
}

/// The duplicate notes for a draft's files (path, name, kind) going to `accounts`: each file
/// that goes to two accounts or more at once, or that a matrix account published before.
pub fn duplicates(
    store: &Store,
    files: &[(String, String, MediaKind)],
    accounts: &[String],
) -> CoreResult<Vec<DuplicateNote>> {
    let nicknames: Vec<String> = store.read(|conn| {
        accounts
            .iter()
            .map(|a| {
                Ok(conn
                    .prepare_cached("SELECT nickname FROM matrix_account WHERE id = ?1")?
                    .query_row([a], |r| r.get::<_, String>(0))
                    .optional()?
                    .unwrap_or_else(|| a.clone()))
            })
            .collect::<CoreResult<_>>()
    })?;
    let mut notes = Vec::new();
    for (path, name, kind) in files {
        let fp = picked_fingerprint(store, Path::new(path), *kind)?;
        let (exact, used) = store.read(|conn| seen_before(conn, &fp))?;
        let at_once = if accounts.len() >= 2 {
            nicknames.clone()
        } else {
            Vec::new()
        };
        if !used.is_empty() || !at_once.is_empty() {
            notes.push(DuplicateNote {
                name: name.clone(),
                exact,
                at_once,
                used,
            });
        }
    }
    Ok(notes)
}

#[cfg(test)]
pub(crate) mod tests;
