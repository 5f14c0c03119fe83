//! `POST /authenticate`: username/password or PKI login → `{"jwt": "..."}`.

use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::State;
use axum::http::header::AUTHORIZATION;
use axum::http::HeaderMap;
use axum::Json;
use serde_json::{json, Value};

use super::parse_object;
use crate::auth::{bearer, verify_pki};
use crate::error::{ApiError, ApiResult};
use crate::state::Shared;

pub(crate) async fn authenticate(
    State(s): State<Arc<Shared>>,
    headers: HeaderMap,
    body: Bytes,
) -> ApiResult<Json<Value>> {
    // ~1 login per second (limits.rs); throttled before credentials are even looked at.
    if !s.auth_limiter.try_admit(s.config.auth_rate_per_sec, 0) {
        return Err(ApiError::AuthThrottled);
    }
    let body = parse_object(&body)?;
    let cfg = &s.config;

    let ok = if body.contains_key("username") || body.contains_key("password") {
        let field = |k: &str| body.get(k).and_then(Value::as_str);
        field("username").is_some_and(|u| u.trim().eq_ignore_ascii_case(&cfg.username))
            && field("password") == Some(cfg.password.as_str())
    } else if let Some(client_jwt) = bearer(headers.get(AUTHORIZATION)) {
        // PKI: the client's own RS256 JWT as bearer, no credentials in the body.
        s.pki_key
            .as_ref()
            .is_some_and(|key| verify_pki(client_jwt, key, &cfg.client_id, &cfg.username))
    } else {
        false
    };
    if !ok {
        return Err(ApiError::Unauthorized);
    }

    let token = s
        .tokens
        .issue(
            &cfg.username,
            s.knobs.token_lifetime(),
            s.knobs.token_epoch(),
            cfg.opaque_tokens,
        )
        .map_err(|e| {
            tracing::error!("zi-sim could not sign a token: {e}");
            ApiError::Internal
        })?;
    Ok(Json(json!({ "jwt": token })))
}
