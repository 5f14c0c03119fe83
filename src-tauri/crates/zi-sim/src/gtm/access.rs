//! Which bearer tokens the simulator's GTM API accepts: any token this simulator issued
//! through `/authenticate` that is still good, or [`GTM_DEMO_TOKEN`]. The real API takes
//! OAuth 2.0 tokens from ZoomInfo's sign-in, which the simulator does not imitate.

use std::sync::Arc;

use axum::extract::{Request, State};
use axum::http::header::AUTHORIZATION;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use crate::auth;
use crate::config::GTM_DEMO_TOKEN;
use crate::error::ApiError;
use crate::pipeline;
use crate::state::Shared;

/// Refuses a missing or unknown token with 401, then paces and faults like the legacy routes.
pub(crate) async fn gate(State(s): State<Arc<Shared>>, req: Request, next: Next) -> Response {
    let accepted = auth::bearer(req.headers().get(AUTHORIZATION)).is_some_and(|token| {
        token == GTM_DEMO_TOKEN || s.tokens.is_valid(token, s.knobs.token_epoch())
    });
    if !accepted {
        return ApiError::Unauthorized.into_response();
    }
    pipeline::admitted(&s, req, next).await
}
