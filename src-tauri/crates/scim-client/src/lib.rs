//! A tolerant SCIM 2.0 client (RFC 7643/7644) for zi-console's provisioning health.
//!
//! Lists every user — inactive ones too, which some servers hide from plain lists — and every
//! group, with paging that survives servers that ignore `count`/`startIndex`, omit
//! `totalResults` or `Resources`, lie in `itemsPerPage` or spell `resources` in lower case.
//! Reads `application/json` as readily as `application/scim+json`, booleans sent as strings,
//! `email.type` null, and PATCH answered with 204 and no body. Unknown attributes and
//! extensions (Okta's `ziProduct`, `ziRole`, `ziCreditLimit`, …) are kept as sent.
//!
//! Auth: a static bearer token (ZoomInfo, Entra ID and Okta style) or OAuth client
//! credentials (Zoom style). Secrets are wrapped so `Debug` never prints them.
//!
//! ```no_run
//! # async fn demo() -> Result<(), scim_client::ScimError> {
//! use scim_client::{ScimAuth, ScimClient, ScimConfig};
//! let client = ScimClient::new(ScimConfig::new(
//!     "https://example.test/scim/v2",
//!     ScimAuth::bearer("token from the admin portal"),
//! ))?;
//! let users = client.list_users().await?;
//! println!("{} users", users.len());
//! # Ok(()) }
//! ```

mod auth;
mod client;
mod error;
pub mod limits;
mod model;
mod parse;
mod transport;

pub use auth::{token_expiry, OAuthClientCredentials, ScimAuth};
pub use client::{AccessCheck, ScimClient, ScimConfig};
pub use error::{Result, ScimError};
pub use model::{ScimEmail, ScimGroup, ScimMember, ScimUser};
pub use parse::{loose_bool, ListPage};

/// The readers of SCIM and OAuth answers not exported above, for the fuzz targets in `fuzz/`.
/// Not part of the API.
#[doc(hidden)]
pub mod fuzzing {
    pub use crate::parse::{answer_body, error_message, oauth_token};
}
