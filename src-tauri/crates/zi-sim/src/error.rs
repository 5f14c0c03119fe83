//! Legacy-style, message-only error answers: `{"error": "..."}`.

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde_json::json;

use crate::limits::messages;

#[derive(Debug, thiserror::Error)]
pub(crate) enum ApiError {
    /// 400 with a message telling the caller what to fix.
    #[error("{0}")]
    BadRequest(String),
    #[error("{}", messages::AUTH_FAILED)]
    Unauthorized,
    /// 403: the account's record limit is used up.
    #[error("{}", messages::QUERY_LIMIT)]
    QueryLimit,
    #[error("{}", messages::RATE_LIMIT)]
    RateLimited,
    /// 429 on `/authenticate`.
    #[error("{}", messages::TOO_MANY_REQUESTS)]
    AuthThrottled,
    #[error("{}", messages::INTERNAL)]
    Internal,
    #[error("{}", messages::UNAVAILABLE)]
    Unavailable,
    #[error("{}", messages::NOT_FOUND)]
    NotFound,
    #[error("{}", messages::METHOD_NOT_ALLOWED)]
    MethodNotAllowed,
}

impl ApiError {
    pub fn bad_request(msg: impl Into<String>) -> Self {
        Self::BadRequest(msg.into())
    }

    pub fn status(&self) -> StatusCode {
        match self {
            Self::BadRequest(_) => StatusCode::BAD_REQUEST,
            Self::Unauthorized => StatusCode::UNAUTHORIZED,
            Self::QueryLimit => StatusCode::FORBIDDEN,
            Self::RateLimited | Self::AuthThrottled => StatusCode::TOO_MANY_REQUESTS,
            Self::Internal => StatusCode::INTERNAL_SERVER_ERROR,
            Self::Unavailable => StatusCode::SERVICE_UNAVAILABLE,
            Self::NotFound => StatusCode::NOT_FOUND,
            Self::MethodNotAllowed => StatusCode::METHOD_NOT_ALLOWED,
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        // The legacy API sends 429 without Retry-After or rate headers: none are added here.
        (self.status(), Json(json!({ "error": self.to_string() }))).into_response()
    }
}

pub(crate) type ApiResult<T> = Result<T, ApiError>;
