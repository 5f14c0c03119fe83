//! Every externally documented ZoomInfo limit the simulator enforces, in one place.
//!
//! Source: ZoomInfo legacy Enterprise API docs (published OpenAPI, copied in
//! `shared/reference/zoominfo-legacy-openapi.yml`) as summarised in
//! `shared/docs/zoominfo-api.md`. Change a number here, nowhere else.

use std::time::Duration;

/// At most 25 match inputs per `/enrich/*` request.
pub const MAX_ENRICH_INPUTS: usize = 25;
/// Search `rpp` (records per page) upper bound.
pub const MAX_RPP: u32 = 100;
/// Search `rpp` when the request gives none.
pub const DEFAULT_RPP: u32 = 25;
/// Legacy search refuses pages that start past this many records.
pub const MAX_SEARCH_DEPTH: u64 = 1_000;
/// Account-wide request rate: about 25 requests per second ...
pub const RATE_PER_SEC: u32 = 25;
/// ... and 1,500 requests per minute.
pub const RATE_PER_MIN: u32 = 1_500;
/// `/authenticate` is limited to about one call per second.
pub const AUTH_RATE_PER_SEC: u32 = 1;
/// "The token is good for 60 minutes from the time that the response was generated."
pub const TOKEN_LIFETIME: Duration = Duration::from_secs(60 * 60);

/// Record (credit) limit shown by `/lookup/usage` when the account has no configured cap.
pub const DEFAULT_RECORD_LIMIT: u64 = 1_000_000;
/// `requestLimit` shown by `/lookup/usage` (published example value).
pub const REQUEST_LIMIT: u64 = 1_000_000_000;
/// `uniqueIdLimit` shown by `/lookup/usage` (published example value).
pub const UNIQUE_ID_LIMIT: u64 = 10_000_000;
/// `webSightsApiRequestLimit` shown by `/lookup/usage` (published example value).
pub const WEBSIGHTS_REQUEST_LIMIT: u64 = 100_000_010;
/// `webSightsApiRecordLimit` shown by `/lookup/usage` (published example value).
pub const WEBSIGHTS_RECORD_LIMIT: u64 = 10_000_000;

/// PKI login: the client JWT must carry this audience ...
pub const PKI_AUDIENCE: &str = "enterprise_api";
/// ... and this issuer.
pub const PKI_ISSUER: &str = "api-client@zoominfo.com";

/// Rate and usage headers on the answers, spelt as the published spec's examples show them
/// (`shared/reference/zoominfo-legacy-openapi.yml`): all three `X-RateLimit-*` on every
/// answer (e.g. `/search/contact` lines 431-451, `/lookup/usage` lines 25906-25926), the
/// `X-Usage-*` pairs on search and enrich answers only (`/search/contact` lines 452-520,
/// `/enrich/contact` lines 8209-8290).
pub mod headers {
    /// Requests allowed in the window: `'1500'` in the examples, the per-minute limit.
    pub const RATE_LIMIT_LIMIT: &str = "X-RateLimit-Limit";
    /// Requests left in the window (`'1498'`).
    pub const RATE_LIMIT_REMAINING: &str = "X-RateLimit-Remaining";
    /// When the window frees, in epoch seconds (`'1594739144'`).
    pub const RATE_LIMIT_RESET: &str = "X-RateLimit-Reset";
    /// Each usage counter as `<prefix>-Limit` and `<prefix>-Remaining`, with the `/lookup/usage`
    /// limit type it mirrors.
    pub const USAGE_PREFIXES: [(&str, &str); 5] = [
        ("recordLimit", "X-Usage-Record-Limit"),
        ("requestLimit", "X-Usage-Request-Limit"),
        ("uniqueIdLimit", "X-Usage-Unique-Id-Limit"),
        (
            "webSightsApiRecordLimit",
            "X-Usage-Websights-Api-Record-Limit",
        ),
        (
            "webSightsApiRequestLimit",
            "X-Usage-Websights-Api-Request-Limit",
        ),
    ];
}

/// Legacy error messages, verbatim where the docs quote them.
pub mod messages {
    pub const AUTH_FAILED: &str = "Authentication failed";
    pub const TOO_MANY_REQUESTS: &str = "Too many requests";
    pub const RATE_LIMIT: &str = "Rate limit exceeded";
    pub const INTERNAL: &str = "Internal Server Error";
    pub const UNAVAILABLE: &str = "Service Unavailable";
    pub const NOT_FOUND: &str = "Not Found";
    pub const METHOD_NOT_ALLOWED: &str = "Method Not Allowed";
    pub const RPP_RANGE: &str = "rpp must be between 1 and 100";
    pub const PAGE_RANGE: &str = "page must be 1 or greater";
    pub const PAGINATION_DEPTH: &str = "Total record pagination is over max allowed value";
    pub const MISSING_OUTPUT_FIELDS: &str = "Missing outputFields parameter";
    pub const TOO_MANY_INPUTS: &str = "Maximum of 25 inputs allowed";
    pub const QUERY_LIMIT: &str = "You have exceeded your API query limit";
}

/// Credits (records) of the demo account: enough to try everything, small enough to see on a bar.
pub const DEMO_RECORD_LIMIT: u64 = 25_000;
