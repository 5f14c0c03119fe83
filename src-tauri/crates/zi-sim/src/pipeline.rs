//! The fixed order every request goes through:
//! outage → latency → auth → rate limit → random faults → handler → rate and usage headers.
//!
//! `front` wraps every route (and counts what was answered); `api` wraps the routes that need
//! a token. `/authenticate` applies its own throttle in its handler.

use std::sync::Arc;

use axum::extract::{Request, State};
use axum::http::header::AUTHORIZATION;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use crate::auth;
use crate::error::ApiError;
use crate::faults::{self, Fault, NoCharge, Truncated};
use crate::rate_headers;
use crate::state::Shared;
use crate::stats::bump;
use crate::util::lock;

pub(crate) const AUTH_PATH: &str = "/authenticate";

/// Outage and latency for every request; counts requests received and answers sent.
pub(crate) async fn front(State(s): State<Arc<Shared>>, req: Request, next: Next) -> Response {
    let path = req.uri().path();
    let is_auth = path == AUTH_PATH;
    if is_auth {
        bump(&s.stats.login_attempts);
    } else {
        bump(&s.stats.requests);
        // Legacy `/search/contact`, GTM `/gtm/data/v1/contacts/search`; likewise enrich
        // (not `/lookup/outputfields/contact/enrich`, which is free).
        let gtm = path.starts_with("/gtm/");
        if path.starts_with("/search/") || (gtm && path.ends_with("/search")) {
            bump(&s.stats.search_calls);
        } else if path.starts_with("/enrich/") || (gtm && path.ends_with("/enrich")) {
            bump(&s.stats.enrich_calls);
        }
    }

    let response = if s.knobs.in_outage() {
        ApiError::Unavailable.into_response()
    } else {
        let latency = s.knobs.latency();
        if !latency.is_zero() {
            tokio::time::sleep(latency).await;
        }
        next.run(req).await
    };

    count_answer(&s, is_auth, &response);
    tracing::trace!(is_auth, status = %response.status(), "zi-sim answered");
    response
}

fn count_answer(s: &Shared, is_auth: bool, response: &Response) {
    let status = response.status().as_u16();
    let stats = &s.stats;
    match status {
        401 => bump(&stats.unauthorized),
        429 if is_auth => bump(&stats.login_throttled),
        429 => bump(&stats.rate_limited),
        500 | 503 => bump(&stats.server_errors),
        _ => {}
    }
    let truncated = response.extensions().get::<Truncated>().is_some();
    if truncated {
        bump(&stats.truncated);
    }
    if response.status().is_success() {
        if is_auth {
            bump(&stats.logins);
        } else if !truncated {
            bump(&stats.accepted);
        }
    }
}

/// Token check, rate limit and random faults for the API routes.
pub(crate) async fn api(State(s): State<Arc<Shared>>, req: Request, next: Next) -> Response {
    let authorised = auth::bearer(req.headers().get(AUTHORIZATION))
        .is_some_and(|token| s.tokens.is_valid(token, s.knobs.token_epoch()));
    if !authorised {
        return ApiError::Unauthorized.into_response();
    }
    admitted(&s, req, next).await
}

/// Rate limit, random faults and the rate headers for a request whose token was accepted
/// (by the legacy check above or by the GTM one, `crate::gtm::access`).
pub(crate) async fn admitted(s: &Shared, mut req: Request, next: Next) -> Response {
    let (per_sec, per_min) = s.knobs.rate_limits();
    if !s.api_limiter.try_admit(per_sec, per_min) {
        return ApiError::RateLimited.into_response();
    }
    // Admitted calls are what the account's requestLimit counts.
    lock(&s.account).requests += 1;

    let path = req.uri().path().to_string();
    let mut response = match faults::roll(&s.knobs) {
        Fault::Fail(err) => return err.into_response(),
        Fault::None => next.run(req).await,
        Fault::Truncate => {
            req.extensions_mut().insert(NoCharge);
            let response = next.run(req).await;
            if response.status().is_success() {
                faults::truncate(response).await
            } else {
                response
            }
        }
    };
    // Like the published examples: rate and usage headers on the answers that went through.
    if response.status().is_success() {
        rate_headers::add(s, &path, response.headers_mut());
    }
    response
}
