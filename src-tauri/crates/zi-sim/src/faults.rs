//! Random faults drawn per request, and the truncated-body fault.

use axum::body::{to_bytes, Body};
use axum::http::header::CONTENT_LENGTH;
use axum::response::{IntoResponse, Response};

use crate::error::ApiError;
use crate::knobs::Knobs;

/// What the dice decided for one authorised request.
pub(crate) enum Fault {
    None,
    /// Answer with this error before doing any work.
    Fail(ApiError),
    /// Do the work without charging, then cut the 200 body in half.
    Truncate,
}

/// Marks a request whose answer will be truncated: handlers must not charge credits.
#[derive(Clone, Copy)]
pub(crate) struct NoCharge;

/// Marks a response whose body was truncated (for the stats).
#[derive(Clone, Copy)]
pub(crate) struct Truncated;

pub(crate) fn roll(knobs: &Knobs) -> Fault {
    // Independent draws; `random::<f64>()` is in [0, 1) so a share of 1.0 always fires.
    if rand::random::<f64>() < knobs.share_429() {
        Fault::Fail(ApiError::RateLimited)
    } else if rand::random::<f64>() < knobs.share_500() {
        Fault::Fail(ApiError::Internal)
    } else if rand::random::<f64>() < knobs.share_truncated() {
        Fault::Truncate
    } else {
        Fault::None
    }
}

/// Keeps the status and headers (minus Content-Length) but only the first half of the body.
pub(crate) async fn truncate(response: Response) -> Response {
    let (mut parts, body) = response.into_parts();
    let bytes = match to_bytes(body, usize::MAX).await {
        Ok(b) => b,
        Err(_) => return ApiError::Internal.into_response(),
    };
    parts.headers.remove(CONTENT_LENGTH);
    parts.extensions.insert(Truncated);
    Response::from_parts(parts, Body::from(bytes.slice(..bytes.len() / 2)))
}
