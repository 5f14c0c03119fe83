//! The identity provider's own view of provisioning ZoomInfo, served beside the SCIM
//! simulator on the same port:
//!
//! - **Okta**'s management API at the org URL (the server root): the ZoomInfo app
//!   (`/api/v1/apps`), its users with their sync state (`/api/v1/apps/{appId}/users`) and the
//!   System Log's push events (`/api/v1/logs`), behind `Authorization: SSWS {token}`.
//! - **Microsoft Graph** under `/v1.0`: the ZoomInfo service principal, its synchronization
//!   job and the provisioning log, behind a bearer token from the **Entra** token endpoint
//!   (`/{tenant}/oauth2/v2.0/token`).
//!
//! Both see every user of the SCIM directory as pushed, plus the users the provider failed to
//! push (`ScimSimHandle::fail_provisioning`), each with a cause ([`IdpFailure`]) told the way
//! that provider tells it. The answers follow the trimmed API descriptions in
//! `tests/conformance/idp/`; [`facts`] holds every value taken from them.

mod entra;
pub mod facts;
mod failure;
mod graph;
mod graph_model;
mod ids;
mod odata;
mod okta;
mod okta_model;
mod paging;
mod state;
mod throttle;
mod view;

use std::sync::Arc;

use axum::middleware::from_fn_with_state;
use axum::routing::{get, post};
use axum::Router;

pub use failure::{GraphErrorInfo, IdpFailure};
pub(crate) use state::IdpState;
pub use state::{PushFailure, SyncJobState};

use super::state::ScimShared;

/// The demo's failed pushes: two users ZoomInfo refused for different reasons. Neither is in
/// the demo directory.
pub fn demo_push_failures() -> Vec<PushFailure> {
    vec![
        PushFailure::new(
            "dana.whitfield@acme-demo.test",
            "Dana Whitfield",
            IdpFailure::NoSeatAvailable { product: "Sales" },
        ),
        PushFailure::new(
            "marcus.oyelaran@acme-demo.test",
            "Marcus Oyelaran",
            IdpFailure::AlreadyExists,
        ),
    ]
}

/// Axum's form of a path template from the descriptions: parameters renamed to plain
/// identifiers (`{servicePrincipal-id}` → `{sp}`).
fn route(template: &str) -> String {
    template
        .replace("{servicePrincipal-id}", "{sp}")
        .replace("{synchronizationJob-id}", "{job}")
        .replace("{appId}", "{app}")
}

/// Everything else under Graph's version segment (the router is nested there).
const GRAPH_OTHER_PATHS: &str = "/{*rest}";

/// The Okta, Graph and Entra routes, each provider behind its own guard.
pub(crate) fn router(shared: Arc<ScimShared>) -> Router<Arc<ScimShared>> {
    let okta = Router::new()
        .route(facts::OKTA_APPS_PATH, get(okta::list_apps))
        .route(
            &route(facts::OKTA_APP_USERS_PATH),
            get(okta::list_app_users),
        )
        .route(facts::OKTA_LOGS_PATH, get(okta::list_logs))
        .route(facts::OKTA_OTHER_PATHS, get(okta::not_found))
        .route_layer(from_fn_with_state(shared.clone(), okta::guard));
    let graph_routes = Router::new()
        .route(
            facts::GRAPH_SERVICE_PRINCIPALS_PATH,
            get(graph::list_service_principals),
        )
        .route(&route(facts::GRAPH_JOBS_PATH), get(graph::list_jobs))
        .route(&route(facts::GRAPH_JOB_PATH), get(graph::get_job))
        .route(
            facts::GRAPH_PROVISIONING_PATH,
            get(graph::list_provisioning),
        )
        .route(GRAPH_OTHER_PATHS, get(graph::unknown_segment))
        .route_layer(from_fn_with_state(shared, graph::guard));
    Router::new()
        .merge(okta)
        .nest(facts::GRAPH_BASE_PATH, graph_routes)
        .route(facts::ENTRA_TOKEN_PATH, post(entra::token))
}

#[cfg(test)]
mod tests;
