//! `/cdn/*`: the simulator's stand-in for the platform's CDN. Like a CDN it needs no token and
//! its answers never change for a URL: drawn covers of works and uploaded media bytes.

use std::sync::Arc;

use axum::extract::{Path, State};
use axum::http::{header, HeaderValue};
use axum::response::{IntoResponse, Response};
use mdesk_platform_api::ErrorCode;
use rusqlite::OptionalExtension;

use crate::cover;
use crate::error::{SimError, SimResult};
use crate::server::Sim;

const IMMUTABLE: &str = "public, max-age=31536000, immutable";
const OCTET_STREAM: &str = "application/octet-stream";

fn immutable(content_type: &str, bytes: Vec<u8>) -> Response {
    let content_type = HeaderValue::from_str(content_type).unwrap_or(HeaderValue::from_static(OCTET_STREAM));
    (
        [
            (header::CONTENT_TYPE, content_type),
            (header::CACHE_CONTROL, HeaderValue::from_static(IMMUTABLE)),
        ],
        bytes,
    )
        .into_response()
}

/// `GET /cdn/covers/{work_id}.png`: the drawn cover of any work the platform has.
pub(crate) async fn cover(State(sim): State<Arc<Sim>>, Path(file): Path<String>) -> SimResult<Response> {
    let not_found = || SimError::api(ErrorCode::NotFound, format!("no cover {file}"));
    let work_id = cover::work_id_of_cover_file(&file).ok_or_else(not_found)?;
    let known = sim.with_db(|conn| -> SimResult<bool> {
        Ok(conn
            .prepare_cached("SELECT COUNT(*) > 0 FROM work WHERE id = ?1")?
            .query_row([work_id], |r| r.get(0))?)
    })?;
    if !known {
        return Err(not_found());
    }
    Ok(immutable("image/png", cover::draw(work_id)?))
}

/// `GET /cdn/media/{media_id}`: uploaded bytes, with the `Content-Type` they were uploaded
/// with (an upload from before that was kept: the type its bytes show).
pub(crate) async fn media(State(sim): State<Arc<Sim>>, Path(id): Path<String>) -> SimResult<Response> {
    let found: Option<(Option<String>, Vec<u8>)> = sim.with_db(|conn| -> SimResult<_> {
        Ok(conn
            .prepare_cached("SELECT content_type, bytes FROM media WHERE id = ?1")?
            .query_row([&id], |r| Ok((r.get(0)?, r.get(1)?)))
            .optional()?)
    })?;
    let (content_type, bytes) = found.ok_or_else(|| SimError::api(ErrorCode::NotFound, format!("no media {id}")))?;
    let content_type = content_type.unwrap_or_else(|| cover::sniff_content_type(&bytes).to_owned());
    Ok(immutable(&content_type, bytes))
}
