//! The simulator's error: a platform error code with a message, rendered as the envelope.

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use mdesk_platform_api::{ErrorBody, ErrorCode};

#[derive(Debug, thiserror::Error)]
pub enum SimError {
    #[error("{code}: {message}")]
    Api { code: ErrorCode, message: String },
    #[error("database: {0}")]
    Db(#[from] rusqlite::Error),
    #[error("stored data is corrupt: {0}")]
    Corrupt(String),
    #[error("drawing a cover: {0}")]
    Cover(#[from] png::EncodingError),
    /// A handler that needs a layer it was not given: a bug in the simulator's router.
    #[error("simulator wiring: {0}")]
    Wiring(&'static str),
}

impl SimError {
    pub fn api(code: ErrorCode, message: impl Into<String>) -> Self {
        Self::Api {
            code,
            message: message.into(),
        }
    }
}

impl IntoResponse for SimError {
    fn into_response(self) -> Response {
        let (code, message) = match self {
            Self::Api { code, message } => (code, message),
            other => {
                tracing::error!(error = %other, "simulator fault");
                // A simulator may say what went wrong; it helps whoever is testing against it.
                (ErrorCode::Internal, format!("internal error: {other}"))
            }
        };
        let status = StatusCode::from_u16(code.http_status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        (status, Json(ErrorBody::new(code, message))).into_response()
    }
}

pub type SimResult<T> = Result<T, SimError>;
