//! `/cdn/*`: the simulator's stand-in for the platform's CDN. Like a CDN it needs no token and
//! its answers never change for a URL: drawn covers of works and uploaded media bytes.

use std::sync::Arc;

use axum::extract::{Path, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use mdesk_platform_api::ErrorCode;
use rusqlite::OptionalExtension;

use crate::cover;
use crate::error::{SimError, SimResult};
use crate::server::Sim;

const IMMUTABLE: &str = "public, max-age=31536000, immutable";

fn immutable(content_type: &'static str, bytes: Vec<u8>) -> Response {
    (
        [(header::CONTENT_TYPE, content_type), (header::CACHE_CONTROL, IMMUTABLE)],
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

/// `GET /cdn/media/{media_id}`: uploaded bytes, typed by their first bytes.
pub(crate) async fn media(State(sim): State<Arc<Sim>>, Path(id): Path<String>) -> SimResult<Response> {
    let bytes: Option<Vec<u8>> = sim.with_db(|conn| -> SimResult<_> {
        Ok(conn
            .prepare_cached("SELECT bytes FROM media WHERE id = ?1")?
            .query_row([&id], |r| r.get(0))
            .optional()?)
    })?;
    let bytes = bytes.ok_or_else(|| SimError::api(ErrorCode::NotFound, format!("no media {id}")))?;
    Ok(immutable(cover::sniff_content_type(&bytes), bytes))
}
