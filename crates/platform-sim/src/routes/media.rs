//! `POST /v1/media`: upload bytes (a video or an image) for a work; answers a media id.

use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::State;
use axum::response::Response;
use mdesk_platform_api::{ErrorCode, MediaUploaded};
use rusqlite::params;

use super::Merchant;
use crate::db::{new_id, ts};
use crate::error::{SimError, SimResult};
use crate::idem::{mutate, Applied, IdempotencyKey};
use crate::server::Sim;

pub(crate) async fn upload(
    State(sim): State<Arc<Sim>>,
    merchant: Merchant,
    key: IdempotencyKey,
    bytes: Bytes,
) -> SimResult<Response> {
    merchant.require_whitelist()?;
    mutate(&sim, &merchant, &key, "POST", "/v1/media", |conn, now| {
        if bytes.is_empty() {
            return Err(SimError::api(ErrorCode::Validation, "the upload is empty"));
        }
        let id = new_id("m");
        conn.prepare_cached("INSERT INTO media (id, merchant_id, bytes, created_at) VALUES (?1, ?2, ?3, ?4)")?
            .execute(params![id, merchant.id, bytes.as_ref(), ts(now)])?;
        Ok(Applied::created(MediaUploaded {
            id,
            bytes: bytes.len() as u64,
        }))
    })
}
