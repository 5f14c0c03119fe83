//! Which bearer tokens the simulator's GTM API accepts: any token this simulator issued
//! through `/authenticate` that is still good, [`GTM_DEMO_TOKEN`], and, when an OpenID
//! provider is named (`SimConfig::gtm_userinfo_url`), the tokens its `userinfo` endpoint
//! accepts: the real API takes OAuth 2.0 tokens from ZoomInfo's sign-in, and so a test can sign
//! in against a real provider and spend the tokens here.

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
    let token = auth::bearer(req.headers().get(AUTHORIZATION));
    let ours = token.is_some_and(|token| {
        token == GTM_DEMO_TOKEN || s.tokens.is_valid(token, s.knobs.token_epoch())
    });
    let accepted = match (ours, token, &s.config.gtm_userinfo_url) {
        (true, ..) => true,
        (false, Some(token), Some(userinfo)) => issuer_accepts(userinfo, token).await,
        _ => false,
    };
    if !accepted {
        return ApiError::Unauthorized.into_response();
    }
    pipeline::admitted(&s, req, next).await
}

/// Whether the provider's `userinfo` endpoint answers 200 to this token. One client for all
/// requests, so its connections are reused.
async fn issuer_accepts(userinfo: &str, token: &str) -> bool {
    static CLIENT: std::sync::OnceLock<reqwest::Client> = std::sync::OnceLock::new();
    let answer = CLIENT
        .get_or_init(reqwest::Client::new)
        .get(userinfo)
        .bearer_auth(token)
        .send()
        .await;
    answer.is_ok_and(|a| a.status().is_success())
}
