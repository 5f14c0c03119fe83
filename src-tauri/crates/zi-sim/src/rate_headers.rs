//! The `X-RateLimit-*` and `X-Usage-*` headers the published spec shows on the answers:
//! the rate window on every answer that went through, the account's usage counters on search
//! and enrich answers (see [`crate::limits::headers`]).

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use axum::http::{HeaderMap, HeaderName, HeaderValue};

use crate::limits::headers;
use crate::routes::usage::account_limits;
use crate::state::Shared;

/// Adds the headers to a successful answer on `path`, from the account as it stands now
/// (after the handler charged what it charged).
pub(crate) fn add(s: &Shared, path: &str, out: &mut HeaderMap) {
    let (_, per_min) = s.knobs.rate_limits();
    if let Some(window) = s.api_limiter.minute_window(per_min) {
        put(out, headers::RATE_LIMIT_LIMIT, u64::from(window.limit));
        put(
            out,
            headers::RATE_LIMIT_REMAINING,
            u64::from(window.remaining),
        );
        put(
            out,
            headers::RATE_LIMIT_RESET,
            epoch_seconds_in(window.frees_in),
        );
    }
    if !(path.starts_with("/search/") || path.starts_with("/enrich/")) {
        return;
    }
    for figure in account_limits(s) {
        let Some((_, prefix)) = headers::USAGE_PREFIXES
            .iter()
            .find(|(limit_type, _)| *limit_type == figure.limit_type)
        else {
            continue;
        };
        put(out, &format!("{prefix}-Limit"), figure.limit);
        put(out, &format!("{prefix}-Remaining"), figure.remaining());
    }
}

fn put(out: &mut HeaderMap, name: &str, value: u64) {
    // Names are the constants above, so they always parse; a failure would only drop a header.
    if let Ok(name) = HeaderName::try_from(name) {
        out.insert(name, HeaderValue::from(value));
    }
}

/// Epoch seconds `after` from now, rounded up: a client waiting until then is never early.
fn epoch_seconds_in(after: Duration) -> u64 {
    let at = SystemTime::now() + after;
    let since_epoch = at.duration_since(UNIX_EPOCH).unwrap_or_default();
    since_epoch.as_secs() + u64::from(since_epoch.subsec_nanos() > 0)
}
