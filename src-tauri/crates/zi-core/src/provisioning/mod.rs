//! Provisioning health: SCIM token expiry, seats per product, drift — warned before users are
//! locked out. Provisioning through Okta or Entra ID stops silently when the SCIM token
//! expires or the seats run out; this module tells the admin first.
//!
//! Pure functions decide (token state, seats, findings, forecast); [`check_scim_health`]
//! fetches what they need through `scim-client`; [`check_endpoint`] also keeps each check
//! in the store (endpoints, token dates — never the token —, seat snapshots, findings).

mod check;
mod directory;
mod drift;
mod forecast;
mod idp;
mod org;
pub mod rules;
mod seats;
#[cfg(test)]
mod tests;
mod token;
mod types;
mod watch;

pub use check::{
    add_idp_view, assess, check_endpoint, check_endpoint_with_directory, check_scim_health,
    check_with_directory, endpoint_by_url, expiry_notification_due, forget_endpoint,
    list_endpoints, record_check, save_endpoint, scim_error, seat_history, validate_settings,
    EndpointAuth, EndpointSecrets, Observed, WatchedEndpoint,
};
pub use chrono::{DateTime, Days, NaiveDate, Utc};
pub use directory::{directory_of, page_of, UserLine, UserPage, UserQuery, MOST_USERS_PER_PAGE};
pub use drift::{drift_findings, group_name_problem};
pub use forecast::{forecast_seats, SeatSnapshot};
pub use idp::{
    check_idp, idp_findings, IdpConnection, IdpFailedUser, IdpJob, IdpReport, DEFAULT_IDP_APP,
    IDP_LOG_DAYS,
};
pub use org::{canonical_product, OrgView};
pub use seats::{count_seats, seat_findings};
pub use token::{assess_token, entered_expiry, resolve_expiry, validate_dates, Expiry};
pub use types::*;
pub use watch::{
    endpoint_token, endpoint_url, idp_secret_account, token_account, AddEndpointRequest, Alert,
    EndpointStatus, OAuthEntry, ProvisioningStatus, ScimWatch, SeatPoint, BACKGROUND_CHECK_EVERY,
    DEMO_ENDPOINT_NAME, MOST_ALERTS_PER_CHECK,
};

/// Reads a `YYYY-MM-DD` date as the CLI and the UI send it.
pub fn parse_date(text: &str) -> crate::Result<NaiveDate> {
    NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d")
        .map_err(|_| crate::CoreError::Invalid(format!("'{text}' is not a date like 2026-03-31.")))
}
