//! Covers cached for offline reading: files under the store's media folder, indexed by
//! `media_cache` (url → file). Sync fetches the newest works' missing covers after each pull;
//! screens read them as `data:` URLs, so the webview needs no file access.

use std::path::Path;

use base64::Engine;
use rusqlite::params;
use sha2::{Digest, Sha256};

use crate::error::CoreResult;
use crate::platform::PlatformClient;
use crate::store::Store;

/// Covers fetched per sync round at most (newest works first).
pub const PER_ROUND: u32 = 500;
/// A cover larger than this is not kept.
const MAX_BYTES: usize = crate::platform::MAX_MEDIA_BYTES;

/// Fetches the covers of the merchant's newest works that are not cached yet. Answers how
/// many were stored. Offline or a platform fault ends the round quietly: the next one goes on.
pub async fn fetch_missing(store: &Store, client: &PlatformClient, merchant_id: &str, limit: u32) -> CoreResult<u32> {
    let Some(dir) = store.media_dir() else {
        return Ok(0);
    };
    let urls: Vec<String> = store.read(|conn| {
        let mut stmt = conn.prepare_cached(
            "SELECT w.cover_url FROM work w JOIN matrix_account a ON a.id = w.account_id \
             WHERE a.merchant_id = ?1 AND w.deleted = 0 AND w.cover_url IS NOT NULL \
             AND NOT EXISTS (SELECT 1 FROM media_cache m WHERE m.url = w.cover_url) \
             ORDER BY COALESCE(w.published_at, w.scheduled_at) DESC LIMIT ?2",
        )?;
        let rows = stmt.query_map(params![merchant_id, limit], |r| r.get(0))?;
        Ok(rows.collect::<Result<_, _>>()?)
    })?;
    if urls.is_empty() {
        return Ok(0);
    }
    std::fs::create_dir_all(&dir)?;
    let mut stored = 0;
    for url in urls {
        let bytes = match client.fetch_media(&url).await {
            Ok(b) => b,
            Err(e) if e.is_transient() => return Ok(stored),
            Err(e) => {
                tracing::warn!(%url, error = %e, "cover not fetched");
                continue;
            }
        };
        let Some((ext, _)) =
            mdesk_platform_api::rules::image_type_of_bytes(&bytes).filter(|_| bytes.len() <= MAX_BYTES)
        else {
            tracing::warn!(%url, bytes = bytes.len(), "cover is not a usable image; not cached");
            continue;
        };
        let name = format!("{:x}.{ext}", Sha256::digest(url.as_bytes()));
        crate::files::write_whole(&dir.join(&name), &bytes)?;
        let now = chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
        store.write_replaceable(|tx| {
            tx.prepare_cached(
                "INSERT INTO media_cache (url, path, bytes, fetched_at, last_used_at) VALUES (?1, ?2, ?3, ?4, ?4) \
                 ON CONFLICT (url) DO UPDATE SET path = excluded.path, bytes = excluded.bytes, \
                 fetched_at = excluded.fetched_at",
            )?
            .execute(params![url, name, bytes.len() as i64, now])?;
            Ok(())
        })?;
        stored += 1;
    }
    Ok(stored)
}

/// The cached file `name` as a `data:` URL; `None` when it is gone or unreadable.
pub fn data_url(media_dir: &Path, name: &str) -> Option<String> {
    // Names are ours (a hash and an extension); anything else is not read.
    if name.contains(['/', '\\']) || name.starts_with('.') {
        return None;
    }
    let bytes = std::fs::read(media_dir.join(name)).ok()?;
    let (_, mime) = mdesk_platform_api::rules::image_type_of_bytes(&bytes)?;
    Some(format!(
        "data:{mime};base64,{}",
        base64::engine::general_purpose::STANDARD.encode(bytes)
    ))
}

/// Fills rows' covers from their cached file names.
pub fn attach<T>(store: &Store, rows: Vec<(T, Option<String>)>, set: impl Fn(&mut T, Option<String>)) -> Vec<T> {
    let dir = store.media_dir();
    rows.into_iter()
        .map(|(mut row, file)| {
            let cover = match (&dir, file) {
                (Some(d), Some(f)) => data_url(d, &f),
                _ => None,
            };
            set(&mut row, cover);
            row
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_images_are_recognised() {
        assert_eq!(
            mdesk_platform_api::rules::image_type_of_bytes(b"\x89PNG\r\n\x1a\n...."),
            Some(("png", "image/png"))
        );
        assert_eq!(
            mdesk_platform_api::rules::image_type_of_bytes(&[0xFF, 0xD8, 0xFF, 0xE0]),
            Some(("jpg", "image/jpeg"))
        );
        assert_eq!(
            mdesk_platform_api::rules::image_type_of_bytes(b"<html>not found</html>"),
            None
        );
    }

    #[test]
    fn a_name_cannot_leave_the_media_folder() {
        let dir = tempfile::tempdir().expect("dir");
        std::fs::write(dir.path().join("secret.png"), b"\x89PNG\r\n\x1a\nxx").expect("write");
        assert!(data_url(dir.path(), "../secret.png").is_none());
        assert!(data_url(dir.path(), "secret.png").is_some_and(|u| u.starts_with("data:image/png;base64,")));
    }
}
