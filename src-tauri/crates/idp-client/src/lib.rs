//! What an identity provider itself reports about SCIM provisioning to ZoomInfo.
//!
//! The SCIM endpoint shows who arrived; the identity provider knows who did not, and why.
//! [`OktaClient`] reads Okta's management API (the ZoomInfo app, its users' `syncState`, and
//! the System Log's failed pushes); [`GraphClient`] reads Microsoft Graph (the enterprise
//! app's synchronization job — quarantined, paused — and its failed provisioning-log entries)
//! with an app's client credentials. Both follow every page, wait out 429s as the server asks
//! and retry passing failures with jitter; secrets are wrapped so `Debug` never prints them.
//!
//! The operations used are kept, with their sources, in `tests/conformance/idp/` at the
//! repository's root; `facts` names each value this crate relies on.

mod error;
pub mod facts;
mod graph;
mod http;
mod okta;

pub use error::{IdpError, Result};
pub use graph::{
    GraphClient, GraphEndpoints, JobQuarantine, ProvisioningEntry, ServicePrincipal, SyncJob,
};
pub use okta::{OktaApp, OktaAppUser, OktaClient, OktaLogEvent};
