//! Every value this crate takes from Okta's or Microsoft's documentation, with its source.
//! Line numbers refer to the trimmed descriptions in `tests/conformance/idp/`.

use std::time::Duration;

// ---- Okta (okta-management.yaml, from okta/okta-management-openapi-spec @ fdda229e) ----

/// `Authorization: SSWS {token}`: the `apiToken` scheme (l.4414-4418).
pub const OKTA_AUTH_SCHEME: &str = "SSWS";
/// App users per page: 1-500 (l.3368-3390).
pub const OKTA_APP_USERS_PAGE: u32 = 500;
/// Apps per page: at most 200 (l.112-119).
pub const OKTA_APPS_PAGE: u32 = 200;
/// System Log events per page: 0-1000 (l.225-232).
pub const OKTA_LOG_PAGE: u32 = 1000;
/// `AppUser.syncState` when a background provisioning operation failed (l.488-515).
pub const OKTA_SYNC_ERROR: &str = "ERROR";
/// `AppUser.syncState` when the user's profile waits to be pushed again (l.488-515).
pub const OKTA_SYNC_OUT_OF_SYNC: &str = "OUT_OF_SYNC";
/// The System Log event types of provisioning pushes all start with this:
/// `.push`, `.push_profile`, `.deactivate`, `.reactivate`, `.verify_exists`, `.password`
/// (help.okta.com, "Application event types").
pub const OKTA_PUSH_EVENT_PREFIX: &str = "application.provision.user";
/// `LogEvent.outcome.result` of a failed push (l.1603-1830).
pub const OKTA_OUTCOME_FAILURE: &str = "FAILURE";
/// Seconds since the epoch at which Okta's rate-limit window resets
/// (developer.okta.com/docs/reference/rl-best-practices/).
pub const OKTA_RATE_RESET_HEADER: &str = "x-rate-limit-reset";

// ---- Microsoft Graph (msgraph-provisioning.yaml, from msgraph-sdk-powershell and
//      msgraph-metadata) ----

/// Graph v1.0 in Microsoft's global cloud (national clouds have their own hosts).
pub const GRAPH_URL: &str = "https://graph.microsoft.com/v1.0";
/// Where an app gets its token: `{login}/{tenant}/oauth2/v2.0/token`
/// (learn.microsoft.com/entra/identity-platform/v2-oauth2-client-creds-grant-flow).
pub const ENTRA_LOGIN_URL: &str = "https://login.microsoftonline.com";
/// The client-credentials scope for Graph (same source).
pub const GRAPH_SCOPE: &str = "https://graph.microsoft.com/.default";
/// Provisioning-log entries per page (`$top`; Graph pages further with `@odata.nextLink`).
pub const GRAPH_LOG_PAGE: u32 = 500;
/// `synchronizationJob.status.code` values (l.1299): `NotConfigured`, `NotRun`, `Active`,
/// `Paused`, `Quarantine`.
pub const GRAPH_JOB_QUARANTINE: &str = "Quarantine";
pub const GRAPH_JOB_PAUSED: &str = "Paused";
pub const GRAPH_JOB_NOT_RUN: &str = "NotRun";
pub const GRAPH_JOB_NOT_CONFIGURED: &str = "NotConfigured";
/// `provisioningStatusInfo.status` of a failed entry (l.799).
pub const GRAPH_STATUS_FAILURE: &str = "failure";

// ---- Both ----

/// Requests refused with 429 are sent again this many times at most.
pub const THROTTLED_ATTEMPTS: u32 = 30;
/// Passing failures (5xx, dropped connections) are retried this many times.
pub const TRANSIENT_ATTEMPTS: usize = 4;
pub const RETRY_MIN_DELAY: Duration = Duration::from_millis(200);
pub const RETRY_MAX_DELAY: Duration = Duration::from_secs(10);
/// The longest single wait a 429 may ask for before we count it as given up.
pub const THROTTLE_MAX_WAIT: Duration = Duration::from_secs(60);
/// Added to a server's `Retry-After` so many clients do not come back at once.
pub const THROTTLE_JITTER: Duration = Duration::from_millis(250);
pub const REQUEST_TIMEOUT: Duration = Duration::from_secs(30);
pub const CONNECT_TIMEOUT: Duration = Duration::from_secs(10);
/// Pages followed at most: a server whose `next` never ends does not hold the check forever.
pub const MOST_PAGES: usize = 2_000;
