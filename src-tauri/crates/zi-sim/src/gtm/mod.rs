//! The GTM Data API (`/gtm/data/v1/...`) over the same data set, matching, account and
//! faults as the legacy routes: each GTM request is turned into the legacy request, answered
//! by the legacy handler, and its answer turned into the JSON:API document the spec describes
//! (`tests/conformance/spec/zoominfo-gtm-data-v1-openapi.json`). A file enriched through
//! either API therefore finds the same people and is charged the same credits.

mod access;
mod documents;
mod errors;
mod shapes;

use std::sync::Arc;

use axum::middleware::{from_fn, from_fn_with_state};
use axum::routing::{get, post};
use axum::Router;
use zi_client::gtm::facts::paths;

use crate::state::Shared;

/// Where the spec's server (`https://api.zoominfo.com/gtm`) is mounted on the simulator.
const MOUNT: &str = "/gtm";

/// The GTM routes, behind the GTM token check and with GTM-shaped error answers.
pub(crate) fn router(shared: Arc<Shared>) -> Router<Arc<Shared>> {
    let at = |path: &str| format!("{MOUNT}{path}");
    Router::new()
        .route(&at(paths::CONTACT_SEARCH), post(documents::contacts_search))
        .route(
            &at(paths::COMPANY_SEARCH),
            post(documents::companies_search),
        )
        .route(&at(paths::CONTACT_ENRICH), post(documents::contacts_enrich))
        .route(
            &at(paths::COMPANY_ENRICH),
            post(documents::companies_enrich),
        )
        .route(&at(paths::USAGE), get(documents::usage))
        .route_layer(from_fn_with_state(shared, access::gate))
        // Outside the gate: its refusals, and the pipeline's, are rewritten too.
        .route_layer(from_fn(errors::as_json_api))
}
