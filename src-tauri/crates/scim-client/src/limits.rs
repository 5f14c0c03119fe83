//! Facts about SCIM 2.0 and about the servers we talk to, in one place.
//!
//! Sources: RFC 7643 (schemas), RFC 7644 (protocol), the seeds in `shared/seeds/`
//! (`001_…` Entra ID, `002_…` Okta, `003_…` Zoom SCIM2) as summarised in
//! `shared/docs/scim.md`. Change a value here and nowhere else.

use std::time::Duration;

/// RFC 7644 §3.1: the SCIM media type.
pub const SCIM_MEDIA_TYPE: &str = "application/scim+json";
/// What we accept: many servers (Zoom's among them, seed 003) answer plain `application/json`.
pub const ACCEPT: &str = "application/scim+json, application/json";

/// RFC 7643 §8.7.1 core schemas.
pub const USER_SCHEMA: &str = "urn:ietf:params:scim:schemas:core:2.0:User";
pub const GROUP_SCHEMA: &str = "urn:ietf:params:scim:schemas:core:2.0:Group";
/// RFC 7644 §3.4.2 list responses and §3.5.2 PATCH requests.
pub const LIST_RESPONSE_SCHEMA: &str = "urn:ietf:params:scim:api:messages:2.0:ListResponse";
pub const PATCH_OP_SCHEMA: &str = "urn:ietf:params:scim:api:messages:2.0:PatchOp";
pub const ERROR_SCHEMA: &str = "urn:ietf:params:scim:api:messages:2.0:Error";

/// Resource paths below the base URL (RFC 7644 §3.2).
pub const USERS_PATH: &str = "Users";
pub const GROUPS_PATH: &str = "Groups";
pub const SERVICE_PROVIDER_CONFIG_PATH: &str = "ServiceProviderConfig";

/// Some servers leave inactive users out of plain lists; this filter (RFC 7644 §3.4.2.2)
/// asks for them explicitly (shared/docs/scim.md, "A tolerant SCIM 2.0 client").
pub const INACTIVE_FILTER: &str = "active eq false";

/// Resources asked for per page. Servers may send fewer (or more): paging never relies on it.
pub const PAGE_SIZE: u32 = 100;
/// When a server repeats pages (ignores `startIndex`), one last request asks for this many at once.
pub const FALLBACK_COUNT: u32 = 10_000;
/// Safety stop: a server that keeps inventing new resources is not followed forever.
pub const MAX_PAGES: u32 = 2_000;

pub const REQUEST_TIMEOUT: Duration = Duration::from_secs(30);
pub const CONNECT_TIMEOUT: Duration = Duration::from_secs(10);

/// OAuth access tokens are renewed this long before their `expires_in` runs out.
pub const OAUTH_RENEW_BEFORE_EXPIRY: Duration = Duration::from_secs(60);
/// The longest an OAuth token is trusted, whatever its `expires_in` says: a huge value would not
/// fit the clock the renewal is planned on.
pub const OAUTH_MAX_LIFETIME: Duration = Duration::from_secs(24 * 60 * 60);
/// Lifetime assumed when a token endpoint gives no `expires_in` (Zoom's tokens live one hour).
pub const OAUTH_ASSUMED_LIFETIME: Duration = Duration::from_secs(3_600);

/// Retries of a GET that failed for a passing reason (5xx other than 501, dropped connection):
/// attempts in all, and the backoff between them (exponential with jitter).
pub const TRANSIENT_ATTEMPTS: u32 = 3;
pub const RETRY_MIN_DELAY: Duration = Duration::from_millis(200);
pub const RETRY_MAX_DELAY: Duration = Duration::from_secs(5);

/// 429 (RFC 6585): the request was not processed, so any method is sent again after the
/// `Retry-After` the server gives (seconds or an HTTP date, RFC 9110 §10.2.3), or after a
/// backoff when it gives none; a directory behind a tight API limit is read to the end.
pub const THROTTLED_ATTEMPTS: u32 = 30;
/// The longest single wait a `Retry-After` is followed for; longer asks are cut to this.
pub const THROTTLE_MAX_WAIT: Duration = Duration::from_secs(60);
/// Added to each `Retry-After` at random, so clients that were refused together do not all
/// come back in the same instant.
pub const THROTTLE_JITTER: Duration = Duration::from_millis(250);
