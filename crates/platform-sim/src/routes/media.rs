//! `POST /v1/media`: upload bytes (a video or an image) for a work; answers a media id and
//! what the platform took the file for, which its `Content-Type` decides.

use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::State;
use axum::http::{header, HeaderMap};
use axum::response::Response;
use mdesk_platform_api::rules::{check_media_size, media_kind_of_content_type, MEDIA_TYPES};
use mdesk_platform_api::{ErrorCode, MediaKind, MediaUploaded};
use rusqlite::params;

use super::{Merchant, MEDIA_PATH};
use crate::db::{new_id, ts};
use crate::error::{SimError, SimResult};
use crate::guard::rule;
use crate::idem::{mutate, Applied, IdempotencyKey};
use crate::server::Sim;

/// The type the upload says it is, as stored and served: its essence, lower case, no parameters.
fn content_type_of(headers: &HeaderMap) -> Option<String> {
    let value = headers.get(header::CONTENT_TYPE)?.to_str().ok()?;
    let essence = value.split(';').next().unwrap_or_default().trim();
    (!essence.is_empty()).then(|| essence.to_ascii_lowercase())
}

/// What the file is, or `validation` naming the types the platform takes.
fn kind_of(content_type: Option<&str>) -> SimResult<MediaKind> {
    if let Some(kind) = content_type.and_then(media_kind_of_content_type) {
        return Ok(kind);
    }
    let mut taken: Vec<&str> = Vec::new();
    for (_, ct, _) in MEDIA_TYPES {
        if !taken.contains(ct) {
            taken.push(ct);
        }
    }
    let taken = taken.join(", ");
    let message = match content_type {
        None => format!("the upload has no Content-Type; send the file as one of {taken}"),
        Some(ct) => format!("Content-Type {ct} is not a video or an image the platform takes; send one of {taken}"),
    };
    Err(SimError::api(ErrorCode::Validation, message))
}

pub(crate) async fn upload(
    State(sim): State<Arc<Sim>>,
    merchant: Merchant,
    key: IdempotencyKey,
    headers: HeaderMap,
    bytes: Bytes,
) -> SimResult<Response> {
    merchant.require_whitelist()?;
    let content_type = content_type_of(&headers);
    mutate(&sim, &merchant, &key, "POST", MEDIA_PATH, |conn, now| {
        let kind = kind_of(content_type.as_deref())?;
        rule(check_media_size(kind, bytes.len() as u64))?;
        let id = new_id("m");
        conn.prepare_cached(
            "INSERT INTO media (id, merchant_id, bytes, created_at, content_type, kind) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        )?
        .execute(params![id, merchant.id, bytes.as_ref(), ts(now), content_type, kind])?;
        Ok(Applied::created(MediaUploaded {
            id,
            bytes: bytes.len() as u64,
            kind: Some(kind),
        }))
    })
}
