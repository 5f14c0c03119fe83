//! Facts about ZoomInfo's legacy Enterprise API that the client depends on.
//!
//! Source for every value here: ZoomInfo's published legacy API documentation
//! (`shared/reference/zoominfo-legacy-openapi.yml`) and the notes gathered in
//! `shared/docs/zoominfo-api.md`. Change them here and nowhere else.

use std::time::Duration;

/// Production base URL of the legacy Enterprise API.
pub const DEFAULT_BASE_URL: &str = "https://api.zoominfo.com";

/// Inputs accepted by one `/enrich/*` request.
pub const MAX_ENRICH_BATCH: usize = 25;

/// Largest `rpp` (records per page) a search accepts.
pub const MAX_SEARCH_RPP: u32 = 100;

/// The legacy API refuses to page past this many records
/// ("Total record pagination is over max allowed value").
pub const MAX_SEARCH_DEPTH: u32 = 1_000;

/// Account request limits on the legacy API (accounts differ; these are the usual ones).
pub const DEFAULT_REQUESTS_PER_SECOND: u32 = 25;
pub const DEFAULT_REQUESTS_PER_MINUTE: u32 = 1_500;

/// `/authenticate` accepts about one call per second.
pub const AUTH_MIN_INTERVAL: Duration = Duration::from_secs(1);

/// A JWT lives about 60 minutes; its claims are undocumented, so this is assumed
/// whenever the token does not decode or carries no `exp`.
pub const ASSUMED_TOKEN_LIFETIME: Duration = Duration::from_secs(60 * 60);

/// The longest a token is trusted, whatever its `exp` says: a far-future date would not fit
/// the clocks the renewal is planned on (and a token is cheap to renew).
pub const MAX_TOKEN_LIFETIME: Duration = Duration::from_secs(24 * 60 * 60);
/// ZoomInfo advises refreshing at about 55 minutes: renew this long before expiry.
pub const RENEW_BEFORE_EXPIRY: Duration = Duration::from_secs(5 * 60);

/// Claims of the client-signed JWT used by the PKI login (RS256).
pub const PKI_AUDIENCE: &str = "enterprise_api";
pub const PKI_ISSUER: &str = "api-client@zoominfo.com";
pub const PKI_CLIENT_JWT_LIFETIME: Duration = Duration::from_secs(300);

/// The least and most a `contactAccuracyScoreMin` may ask for: "Minimum score is 70 and maximum
/// is 99" (the contact search input table, line 123; contact enrich takes the same field as an
/// Integer, line 8056).
pub const CONTACT_ACCURACY_MIN: std::ops::RangeInclusive<u32> = 70..=99;

/// `limitType` values of `GET /lookup/usage` (spec lines 25941–25960): requests made, records
/// (credits) taken, and distinct ids redeemed.
pub const REQUEST_LIMIT: &str = "requestLimit";
pub const RECORD_LIMIT: &str = "recordLimit";
pub const UNIQUE_ID_LIMIT: &str = "uniqueIdLimit";
