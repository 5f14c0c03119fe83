//! What the identity-provider simulation follows, in one place.
//!
//! Okta: `tests/conformance/idp/okta-management.yaml` (Okta's management API, release
//! 2026.06.3; "l." below are its lines). Microsoft Graph: `tests/conformance/idp/
//! msgraph-provisioning.yaml` ("g." below are its lines). Other sources are named where used.
//! Values marked *unconfirmed* or *illustrative* have no published source: change them when
//! one turns up.

use std::time::Duration;

// ---------------------------------------------------------------------------------------------
// Okta
// ---------------------------------------------------------------------------------------------

/// The operations kept in the Okta description, relative to the org URL (l.36, 75, 175).
pub const OKTA_APPS_PATH: &str = "/api/v1/apps";
pub const OKTA_APP_USERS_PATH: &str = "/api/v1/apps/{appId}/users";
pub const OKTA_LOGS_PATH: &str = "/api/v1/logs";
/// Every other path of the management API: answered Okta's way (404, E0000007).
pub const OKTA_OTHER_PATHS: &str = "/api/v1/{*rest}";

/// `Authorization: SSWS {token}`: the `apiToken` apiKey scheme (l.4414-4418).
pub const OKTA_AUTH_SCHEME: &str = "SSWS";

/// Rate-limit headers on every answer; `Reset` is UTC epoch seconds.
/// Source: developer.okta.com/docs/reference/rl-best-practices/.
pub const OKTA_RATE_LIMIT_HEADER: &str = "x-rate-limit-limit";
pub const OKTA_RATE_REMAINING_HEADER: &str = "x-rate-limit-remaining";
pub const OKTA_RATE_RESET_HEADER: &str = "x-rate-limit-reset";
/// The per-minute limit reported while no per-second switch is set. Illustrative: Okta's
/// limits differ per endpoint and org (developer.okta.com/docs/reference/rl-global-mgmt/).
pub const OKTA_NOMINAL_LIMIT_PER_MINUTE: u32 = 600;

/// An Okta error: `errorCode` and `errorSummary` of the `Error` schema (l.1264-1284).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct OktaError {
    pub code: &'static str,
    pub summary: &'static str,
}

/// Missing or wrong API token. Source: Okta's error-code reference
/// (developer.okta.com/docs/reference/error-codes/, E0000011); not in the trimmed description.
pub const OKTA_INVALID_TOKEN: OktaError = OktaError {
    code: "E0000011",
    summary: "Invalid token provided",
};
/// Rate limit exceeded (example `ErrorTooManyRequests`, l.3524-3531).
pub const OKTA_TOO_MANY_REQUESTS: OktaError = OktaError {
    code: "E0000047",
    summary: "API call exceeded rate limit due to too many requests.",
};
/// Unknown resource (example `ErrorResourceNotFound`, l.3516-3523).
pub const OKTA_NOT_FOUND: OktaError = OktaError {
    code: "E0000007",
    summary: "Not found: Resource not found",
};
/// A parameter the API cannot use (example `ErrorApiValidationFailed`, l.3508-3515).
pub const OKTA_VALIDATION_FAILED: OktaError = OktaError {
    code: "E0000001",
    summary: "Api validation failed",
};

/// Page sizes. App users: `limit` 1-500, default 50 (`queryAppLimit`, l.3376-3388).
pub const OKTA_APP_USERS_LIMIT_MIN: i64 = 1;
pub const OKTA_APP_USERS_LIMIT_MAX: i64 = 500;
pub const OKTA_APP_USERS_LIMIT_DEFAULT: i64 = 50;
/// Apps: `limit` at most 200, default -1 (every app on one page) (l.112-119).
pub const OKTA_APPS_LIMIT_MAX: i64 = 200;
pub const OKTA_APPS_LIMIT_DEFAULT: i64 = -1;
/// System Log: `limit` 0-1000, default 100 (l.225-232).
pub const OKTA_LOGS_LIMIT_MIN: i64 = 0;
pub const OKTA_LOGS_LIMIT_MAX: i64 = 1_000;
pub const OKTA_LOGS_LIMIT_DEFAULT: i64 = 100;
/// The System Log's default window: `since` defaults to 7 days before `until` (l.189-197).
pub const OKTA_LOGS_DEFAULT_WINDOW: Duration = Duration::from_secs(7 * 86_400);
/// `sortOrder` values (l.233-243).
pub const OKTA_SORT_ASCENDING: &str = "ASCENDING";
pub const OKTA_SORT_DESCENDING: &str = "DESCENDING";

/// `AppUserStatus` values used (l.446-487): PROVISIONED once the push created the user;
/// STAGED while it has no `externalId` because the push has not succeeded.
pub const OKTA_STATUS_PROVISIONED: &str = "PROVISIONED";
pub const OKTA_STATUS_STAGED: &str = "STAGED";
/// `AppUserSyncState` values used (l.488-515).
pub const OKTA_SYNC_SYNCHRONIZED: &str = "SYNCHRONIZED";
pub const OKTA_SYNC_ERROR: &str = "ERROR";
/// `AppUser.scope` (l.381-388): assigned directly or through a group.
pub const OKTA_SCOPE_USER: &str = "USER";
pub const OKTA_SCOPE_GROUP: &str = "GROUP";

/// The System Log event of a push that creates a user. Source:
/// help.okta.com/en-us/Content/Topics/Reference/ref-apps-events.htm.
pub const OKTA_EVENT_USER_PUSH: &str = "application.provision.user.push";
/// Its `displayMessage`. Unconfirmed wording, modelled on Okta's event-type catalogue.
pub const OKTA_USER_PUSH_MESSAGE: &str = "Push new user to external application";
/// `LogOutcome.result` values used (l.1804-1829).
pub const OKTA_OUTCOME_SUCCESS: &str = "SUCCESS";
pub const OKTA_OUTCOME_FAILURE: &str = "FAILURE";
/// `LogOutcome.reason` is at most 255 characters (l.1806-1812).
pub const OKTA_OUTCOME_REASON_MAX: usize = 255;
/// `LogSeverity` values used (l.1933-1940).
pub const OKTA_SEVERITY_INFO: &str = "INFO";
pub const OKTA_SEVERITY_WARN: &str = "WARN";
/// The actor of background provisioning. Illustrative: the shape Okta shows for its own
/// system actions.
pub const OKTA_SYSTEM_ACTOR_TYPE: &str = "SystemPrincipal";
pub const OKTA_SYSTEM_ACTOR_ID: &str = "0oa0000000000000000s";
pub const OKTA_SYSTEM_ACTOR_LOGIN: &str = "system@okta.com";
pub const OKTA_SYSTEM_ACTOR_NAME: &str = "Okta System";

/// The ZoomInfo app instance: label as an admin sees it.
pub const OKTA_APP_LABEL: &str = "ZoomInfo";
/// The app's key in the Okta Integration Network, used by `filter=name eq "…"`.
/// Unconfirmed (README "Not confirmed"): no published source gives ZoomInfo's OIN name.
pub const OKTA_APP_NAME: &str = "zoominfo";
/// `ApplicationSignOnMode` (l.1016-1043); ZoomInfo's OIN app signs in with SAML 2.0
/// (illustrative).
pub const OKTA_APP_SIGN_ON_MODE: &str = "SAML_2_0";
/// `ApplicationLifecycleStatus` (l.882-889).
pub const OKTA_APP_STATUS: &str = "ACTIVE";
/// Provisioning features a SCIM push app has on (`Application.features` enum, l.523-573).
pub const OKTA_APP_FEATURES: [&str; 4] = [
    "PUSH_NEW_USERS",
    "PUSH_PROFILE_UPDATES",
    "PUSH_USER_DEACTIVATION",
    "REACTIVATE_USERS",
];

// ---------------------------------------------------------------------------------------------
// Microsoft Graph
// ---------------------------------------------------------------------------------------------

/// Graph's version segment: the description's server is `https://graph.microsoft.com/v1.0/`
/// (g.27-29; paths g.31-216), its paths are relative to it. A validating proxy given `{sim}/v1.0` as its
/// upstream forwards `/servicePrincipals` to `/v1.0/servicePrincipals`.
pub const GRAPH_BASE_PATH: &str = "/v1.0";
pub const GRAPH_SERVICE_PRINCIPALS_PATH: &str = "/servicePrincipals";
pub const GRAPH_JOBS_PATH: &str = "/servicePrincipals/{servicePrincipal-id}/synchronization/jobs";
pub const GRAPH_JOB_PATH: &str =
    "/servicePrincipals/{servicePrincipal-id}/synchronization/jobs/{synchronizationJob-id}";
pub const GRAPH_PROVISIONING_PATH: &str = "/auditLogs/provisioning";

/// Lists are `{value, @odata.nextLink?}`; the link carries `$skiptoken`
/// (g.274-284; learn.microsoft.com/graph/paging).
pub const GRAPH_NEXT_LINK: &str = "@odata.nextLink";
pub const GRAPH_SKIPTOKEN: &str = "$skiptoken";
/// Page sizes when the client gives no `$top`, and the most one page holds. Illustrative:
/// learn.microsoft.com/graph/paging says only that they differ per API.
pub const GRAPH_DEFAULT_PAGE: usize = 100;
pub const GRAPH_MAX_PAGE: usize = 999;

/// `synchronizationStatusCode` (g.1299; CSDL l.5301).
pub const GRAPH_JOB_ACTIVE: &str = "Active";
pub const GRAPH_JOB_PAUSED: &str = "Paused";
pub const GRAPH_JOB_QUARANTINE: &str = "Quarantine";
/// `synchronizationScheduleState` (g.1240).
pub const GRAPH_SCHEDULE_ACTIVE: &str = "Active";
pub const GRAPH_SCHEDULE_PAUSED: &str = "Paused";
/// `synchronizationTaskExecutionResult` (g.1359).
pub const GRAPH_EXECUTION_SUCCEEDED: &str = "Succeeded";
pub const GRAPH_EXECUTION_FAILED: &str = "Failed";
pub const GRAPH_EXECUTION_ENTRY_LEVEL_ERRORS: &str = "EntryLevelErrors";
/// `quarantineReason` (g.893; CSDL l.4255).
pub const GRAPH_QUARANTINE_REASONS: [&str; 8] = [
    "EncounteredBaseEscrowThreshold",
    "EncounteredTotalEscrowThreshold",
    "EncounteredEscrowProportionThreshold",
    "EncounteredQuarantineException",
    "Unknown",
    "QuarantinedOnDemand",
    "TooManyDeletes",
    "IngestionInterrupted",
];
/// The reason Graph gives when the target refuses the admin credentials. Source:
/// learn.microsoft.com/entra/identity/app-provisioning/application-provisioning-quarantine-status.
pub const GRAPH_QUARANTINE_INVALID_CREDENTIALS: &str = "EncounteredQuarantineException";
/// While quarantined, incremental cycles slow down to one a day (same page).
pub const GRAPH_QUARANTINE_RETRY: Duration = Duration::from_secs(86_400);
/// Incremental cycles run about every 40 minutes. Source:
/// learn.microsoft.com/entra/identity/app-provisioning/how-provisioning-works.
pub const GRAPH_CYCLE_INTERVAL: &str = "PT40M";
pub const GRAPH_CYCLE_SECS: i64 = 40 * 60;
/// What Graph reports for a time not reached yet (`DateTimeOffset` is not nullable there).
pub const GRAPH_NEVER: &str = "0001-01-01T00:00:00Z";

/// `provisioningResult` (g.799), `provisioningStatusErrorCategory` (g.816),
/// `provisioningAction` (g.663), `provisioningStepType` (g.869).
pub const GRAPH_RESULT_SUCCESS: &str = "success";
pub const GRAPH_RESULT_FAILURE: &str = "failure";
pub const GRAPH_ERROR_CATEGORY_FAILURE: &str = "failure";
pub const GRAPH_ACTION_CREATE: &str = "create";
pub const GRAPH_STEP_TYPES: [(&str, &str); 4] = [
    ("import", "EntryImport"),
    ("scoping", "EntrySynchronizationScoping"),
    ("matching", "EntryMatching"),
    ("export", "EntryExportAdd"),
];

/// The ZoomInfo enterprise app's display name, used by `$filter=displayName eq '…'`.
pub const GRAPH_APP_DISPLAY_NAME: &str = "ZoomInfo";
/// The synchronization template of ZoomInfo's gallery app. Unconfirmed: no published source
/// gives it (gallery templates are named after the app, e.g. `slack`, `dropboxSCIM`).
pub const GRAPH_TEMPLATE_ID: &str = "zoominfo";
/// Names of the two ends as provisioning logs show them. Illustrative.
pub const GRAPH_SOURCE_SYSTEM: &str = "Microsoft Entra ID";
pub const GRAPH_TARGET_IDENTITY_TYPE: &str = "User";

/// Graph's error codes: a missing, malformed or expired bearer token; throttling
/// (learn.microsoft.com/graph/throttling); an unknown object; a query it cannot run. The
/// first, third and fourth are the codes Graph's directory answers with; Graph's published
/// list (learn.microsoft.com/graph/errors) does not enumerate them.
pub const GRAPH_INVALID_TOKEN: &str = "InvalidAuthenticationToken";
pub const GRAPH_TOO_MANY_REQUESTS: &str = "TooManyRequests";
pub const GRAPH_NOT_FOUND: &str = "Request_ResourceNotFound";
pub const GRAPH_BAD_REQUEST: &str = "BadRequest";
/// What a throttled client is told to wait (`Retry-After`, seconds).
pub const GRAPH_RETRY_AFTER_SECS: u64 = 1;

// ---------------------------------------------------------------------------------------------
// Microsoft Entra token endpoint (client-credentials flow)
// ---------------------------------------------------------------------------------------------

/// `POST {login}/{tenant}/oauth2/v2.0/token`, form-encoded. Source:
/// learn.microsoft.com/entra/identity-platform/v2-oauth2-client-creds-grant-flow.
pub const ENTRA_TOKEN_PATH: &str = "/{tenant}/oauth2/v2.0/token";
pub const ENTRA_GRANT_TYPE: &str = "client_credentials";
pub const ENTRA_GRAPH_SCOPE: &str = "https://graph.microsoft.com/.default";
/// `expires_in` of the flow's example answer (same page).
pub const ENTRA_TOKEN_LIFETIME: Duration = Duration::from_secs(3_599);

/// An Entra sign-in refusal: OAuth `error`, the AADSTS number, its wording and HTTP status.
/// Source: learn.microsoft.com/entra/identity-platform/reference-error-codes (the answer's
/// fields: `error`, `error_description`, `error_codes`, `timestamp`, `trace_id`,
/// `correlation_id`, `error_uri`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct EntraError {
    pub status: u16,
    pub error: &'static str,
    pub aadsts: u32,
    pub description: &'static str,
}

pub const ENTRA_UNKNOWN_TENANT: EntraError = EntraError {
    status: 400,
    error: "invalid_request",
    aadsts: 90002,
    description: "Tenant not found. Check to make sure you have the correct tenant ID and are signing into the correct cloud.",
};
pub const ENTRA_UNSUPPORTED_GRANT: EntraError = EntraError {
    status: 400,
    error: "unsupported_grant_type",
    aadsts: 70003,
    description: "The app requested an unsupported grant type.",
};
pub const ENTRA_UNKNOWN_CLIENT: EntraError = EntraError {
    status: 400,
    error: "unauthorized_client",
    aadsts: 700016,
    description: "Application with the given identifier was not found in the directory.",
};
pub const ENTRA_INVALID_SECRET: EntraError = EntraError {
    status: 401,
    error: "invalid_client",
    aadsts: 7000215,
    description: "Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID.",
};
pub const ENTRA_INVALID_SCOPE: EntraError = EntraError {
    status: 400,
    error: "invalid_scope",
    aadsts: 70011,
    description: "The provided value for the input parameter 'scope' is not valid. Client credential flows must ask for https://graph.microsoft.com/.default.",
};
