//! The rate and usage headers on ZoomInfo's answers, and reading them.
//!
//! Source: the published legacy spec (`shared/reference/zoominfo-legacy-openapi.yml`). Every
//! answer's example carries the `X-RateLimit-*` trio (`/search/contact` lines 431-451,
//! `/lookup/usage` lines 25906-25926); search and enrich answers also carry the account's
//! usage counters as `X-Usage-*` pairs (`/search/contact` lines 452-520, `/enrich/contact`
//! lines 8209-8290). Values are strings of digits. The legacy API sends none of them on a 429.

use reqwest::header::HeaderMap;

/// Requests allowed in the window (example `'1500'`: the per-minute limit). Line 431.
pub const RATE_LIMIT_LIMIT: &str = "X-RateLimit-Limit";
/// Requests left in the window (`'1498'`). Line 438.
pub const RATE_LIMIT_REMAINING: &str = "X-RateLimit-Remaining";
/// When the window frees, in epoch seconds (`'1594739144'`). Line 445.
pub const RATE_LIMIT_RESET: &str = "X-RateLimit-Reset";

/// One usage counter's pair of headers and the `/lookup/usage` limit type it mirrors.
pub struct UsageHeaders {
    pub limit_type: &'static str,
    pub limit: &'static str,
    pub remaining: &'static str,
}

/// Lines 452-520 of the spec, in its order.
pub const USAGE: [UsageHeaders; 5] = [
    UsageHeaders {
        limit_type: "recordLimit",
        limit: "X-Usage-Record-Limit-Limit",
        remaining: "X-Usage-Record-Limit-Remaining",
    },
    UsageHeaders {
        limit_type: "requestLimit",
        limit: "X-Usage-Request-Limit-Limit",
        remaining: "X-Usage-Request-Limit-Remaining",
    },
    UsageHeaders {
        limit_type: "uniqueIdLimit",
        limit: "X-Usage-Unique-Id-Limit-Limit",
        remaining: "X-Usage-Unique-Id-Limit-Remaining",
    },
    UsageHeaders {
        limit_type: "webSightsApiRecordLimit",
        limit: "X-Usage-Websights-Api-Record-Limit-Limit",
        remaining: "X-Usage-Websights-Api-Record-Limit-Remaining",
    },
    UsageHeaders {
        limit_type: "webSightsApiRequestLimit",
        limit: "X-Usage-Websights-Api-Request-Limit-Limit",
        remaining: "X-Usage-Websights-Api-Request-Limit-Remaining",
    },
];

/// The request window one answer described.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct WindowHeaders {
    pub limit: Option<i64>,
    pub remaining: Option<i64>,
    /// Epoch seconds.
    pub reset: Option<i64>,
}

/// One usage counter one answer described.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct UsageHeader {
    pub limit_type: &'static str,
    pub limit: Option<i64>,
    pub remaining: Option<i64>,
}

/// What one answer's headers said; empty when it carried none of them.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct Observed {
    pub window: Option<WindowHeaders>,
    pub usage: Vec<UsageHeader>,
}

/// A header as a whole number; anything else (absent, garbled) as `None`.
fn number(headers: &HeaderMap, name: &str) -> Option<i64> {
    headers.get(name)?.to_str().ok()?.trim().parse().ok()
}

pub(crate) fn read(headers: &HeaderMap) -> Observed {
    let window = WindowHeaders {
        limit: number(headers, RATE_LIMIT_LIMIT),
        remaining: number(headers, RATE_LIMIT_REMAINING),
        reset: number(headers, RATE_LIMIT_RESET),
    };
    let usage = USAGE
        .iter()
        .map(|names| UsageHeader {
            limit_type: names.limit_type,
            limit: number(headers, names.limit),
            remaining: number(headers, names.remaining),
        })
        .filter(|u| u.limit.is_some() || u.remaining.is_some())
        .collect();
    Observed {
        window: (window != WindowHeaders::default()).then_some(window),
        usage,
    }
}

#[cfg(test)]
mod tests {
    use reqwest::header::{HeaderName, HeaderValue};

    use super::*;

    fn headers(pairs: &[(&str, &str)]) -> HeaderMap {
        pairs
            .iter()
            .map(|(name, value)| {
                (
                    HeaderName::try_from(*name).expect("name"),
                    HeaderValue::from_str(value).expect("value"),
                )
            })
            .collect()
    }

    #[test]
    fn reads_the_published_example() {
        // `/search/contact`'s example answer, lines 431-520 of the spec.
        let seen = read(&headers(&[
            ("X-RateLimit-Limit", "1500"),
            ("X-RateLimit-Remaining", "1498"),
            ("X-RateLimit-Reset", "1594739144"),
            ("X-Usage-Record-Limit-Limit", "1000000000"),
            ("X-Usage-Record-Limit-Remaining", "999970321"),
            ("X-Usage-Request-Limit-Limit", "1000000000"),
            ("X-Usage-Request-Limit-Remaining", "999956816"),
            ("X-Usage-Unique-Id-Limit-Limit", "10000000"),
            ("X-Usage-Unique-Id-Limit-Remaining", "9998983"),
            ("X-Usage-Websights-Api-Record-Limit-Limit", "10000000"),
            ("X-Usage-Websights-Api-Record-Limit-Remaining", "9999658"),
            ("X-Usage-Websights-Api-Request-Limit-Limit", "100000000"),
            ("X-Usage-Websights-Api-Request-Limit-Remaining", "99999658"),
        ]));
        assert_eq!(
            seen.window,
            Some(WindowHeaders {
                limit: Some(1500),
                remaining: Some(1498),
                reset: Some(1_594_739_144),
            })
        );
        assert_eq!(seen.usage.len(), 5);
        assert_eq!(
            seen.usage[0],
            UsageHeader {
                limit_type: "recordLimit",
                limit: Some(1_000_000_000),
                remaining: Some(999_970_321),
            }
        );
    }

    #[test]
    fn names_are_matched_whatever_their_case_and_garbage_is_ignored() {
        let seen = read(&headers(&[
            ("x-ratelimit-remaining", " 0 "),
            ("x-usage-record-limit-remaining", "lots"),
        ]));
        assert_eq!(seen.window.and_then(|w| w.remaining), Some(0));
        assert!(seen.usage.is_empty());
        assert_eq!(read(&HeaderMap::new()), Observed::default());
    }
}
