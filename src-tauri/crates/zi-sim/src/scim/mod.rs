//! A SCIM 2.0 server flavoured like ZoomInfo's provisioning API, for demo mode and tests.
//!
//! Serves `/scim/v2/Users`, `/scim/v2/Groups` and `/scim/v2/ServiceProviderConfig` behind a
//! bearer token, with filters (`active eq false`, `userName eq "x"`, …), paging, POST, PUT,
//! PATCH and DELETE, and a Zoom-style OAuth token endpoint at `/oauth/token`. It starts with
//! a deterministic demo organisation (about 120 users, six groups mapped to Sales, Marketing
//! and Talent, Okta's `zi*` extension attributes, a few planted problems) or empty.
//! Every deviation real servers show is a [`Quirk`] a test can switch on while it runs.
//!
//! The same server also plays the identity provider's side ([`idp`]): Okta's management API
//! and Microsoft Graph's provisioning API report the directory's users as pushed, plus the
//! users the provider failed to push ([`ScimSimHandle::fail_provisioning`]).
//!
//! ```no_run
//! # async fn demo() -> std::io::Result<()> {
//! use zi_sim::scim::{Quirk, ScimSim, ScimSimConfig};
//! let sim = ScimSim::start(ScimSimConfig::demo()).await?;
//! sim.quirks().enable(Quirk::HideInactive);
//! println!("SCIM at {} with token {}", sim.url(), sim.token());
//! # Ok(()) }
//! ```

mod config;
mod directory;
pub mod facts;
pub mod idp;
mod org;
mod quirks;
mod routes;
mod state;
#[cfg(test)]
mod tests;

use std::io;
use std::net::{Ipv4Addr, SocketAddr};
use std::sync::atomic::Ordering;
use std::sync::Arc;

use axum::middleware::from_fn_with_state;
use axum::routing::{get, post};
use axum::Router;
use serde_json::Value;
use tokio::net::TcpListener;
use tokio::sync::watch;

pub use config::{jwt_token, opaque_token, OAuthApp, ScimSimConfig, DEMO_TOKEN_DAYS_LEFT};
pub use idp::{IdpFailure, PushFailure, SyncJobState};
pub use org::{PlantedProblems, SubscriptionSet, DEMO_PURCHASED_SEATS, DEMO_SUBSCRIPTION_SETS};
pub use quirks::{Quirk, Quirks};

use crate::util::lock;
use directory::Kind;
use state::ScimShared;

fn router(shared: Arc<ScimShared>) -> Router {
    let scim = Router::new()
        .route("/Users", get(routes::list_users).post(routes::create_user))
        .route(
            "/Users/{id}",
            get(routes::get_user)
                .put(routes::put_user)
                .patch(routes::patch_user)
                .delete(routes::delete_user),
        )
        .route(
            "/Groups",
            get(routes::list_groups).post(routes::create_group),
        )
        .route(
            "/Groups/{id}",
            get(routes::get_group)
                .put(routes::put_group)
                .patch(routes::patch_group)
                .delete(routes::delete_group),
        )
        .route(
            "/ServiceProviderConfig",
            get(routes::service_provider_config),
        )
        .route_layer(from_fn_with_state(shared.clone(), routes::require_token));
    // The SCIM server's own limits and counters stop here: the identity provider's routes,
    // merged after them, have their own.
    Router::new()
        .nest(facts::BASE_PATH, scim)
        .route(facts::OAUTH_TOKEN_PATH, post(routes::oauth_token))
        .fallback(routes::not_found)
        .layer(from_fn_with_state(shared.clone(), routes::gate))
        .layer(from_fn_with_state(shared.clone(), routes::count))
        .merge(idp::router(shared.clone()))
        .with_state(shared)
}

/// Namespace for starting an embedded SCIM simulator.
pub struct ScimSim;

impl ScimSim {
    /// Binds 127.0.0.1 on a random port and serves in a background tokio task until
    /// [`ScimSimHandle::shutdown`] is called or the runtime ends.
    pub async fn start(config: ScimSimConfig) -> io::Result<ScimSimHandle> {
        let listener = TcpListener::bind((Ipv4Addr::LOCALHOST, 0)).await?;
        Self::start_on(config, listener).await
    }

    /// Like [`ScimSim::start`], on a listener the caller bound (a fixed port).
    pub async fn start_on(
        config: ScimSimConfig,
        listener: TcpListener,
    ) -> io::Result<ScimSimHandle> {
        let addr = listener.local_addr()?;
        let shared = Arc::new(ScimShared::new(
            config,
            format!("http://{addr}{}", facts::BASE_PATH),
        ));
        let stop_tx =
            crate::server::serve_in_background(listener, router(shared.clone()), "zi-sim SCIM");
        tracing::debug!(%addr, "zi-sim SCIM listening");
        Ok(ScimSimHandle {
            shared,
            addr,
            stop: Arc::new(stop_tx),
        })
    }
}

/// Standalone serving on a listener: runs until ctrl-c or the future is dropped.
pub async fn serve(config: ScimSimConfig, listener: TcpListener) -> io::Result<()> {
    let addr = listener.local_addr()?;
    let shared = Arc::new(ScimShared::new(
        config,
        format!("http://{addr}{}", facts::BASE_PATH),
    ));
    axum::serve(listener, router(shared))
        .with_graceful_shutdown(async {
            if tokio::signal::ctrl_c().await.is_err() {
                std::future::pending::<()>().await;
            }
        })
        .await
}

/// A running SCIM simulator. Cheap to clone; the server keeps running when clones drop.
#[derive(Clone)]
pub struct ScimSimHandle {
    shared: Arc<ScimShared>,
    addr: SocketAddr,
    stop: Arc<watch::Sender<bool>>,
}

impl ScimSimHandle {
    /// The SCIM base URL: `http://127.0.0.1:PORT/scim/v2`.
    pub fn url(&self) -> String {
        self.shared.base_url.clone()
    }

    /// `http://127.0.0.1:PORT`.
    pub fn root_url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// The Zoom-style OAuth token endpoint.
    pub fn oauth_token_url(&self) -> String {
        format!("http://{}{}", self.addr, facts::OAUTH_TOKEN_PATH)
    }

    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// The static bearer token the server accepts (a JWT with `exp` in the demo).
    pub fn token(&self) -> String {
        lock(&self.shared.bearer_token).clone()
    }

    /// Replaces the accepted static token (the admin generated a new one).
    pub fn rotate_token(&self, token: impl Into<String>) {
        *lock(&self.shared.bearer_token) = token.into();
    }

    /// The OAuth app whose credentials the token endpoint accepts.
    pub fn oauth_app(&self) -> &OAuthApp {
        &self.shared.config.oauth
    }

    /// Runtime quirk switches.
    pub fn quirks(&self) -> &Quirks {
        &self.shared.quirks
    }

    /// Refuse every token (static and OAuth) with 401 until switched off: an expired or
    /// revoked API token.
    pub fn reject_tokens(&self, on: bool) {
        self.shared.tokens_rejected.store(on, Ordering::SeqCst);
    }

    /// OAuth access tokens issued so far die now (the client must fetch a new one).
    pub fn revoke_oauth_tokens(&self) {
        lock(&self.shared.oauth_tokens).clear();
    }

    pub fn oauth_tokens_issued(&self) -> u64 {
        self.shared.oauth_issued.load(Ordering::Relaxed)
    }

    /// Lets at most `per_second` requests through each second (`None`: no limit); the rest
    /// are answered 429 with `Retry-After`.
    pub fn set_rate_limit(&self, per_second: Option<u32>) {
        self.shared
            .rate_limit
            .store(per_second.unwrap_or(0), Ordering::SeqCst);
    }

    /// Requests refused with 429 so far.
    pub fn throttled(&self) -> u64 {
        self.shared.throttled.load(Ordering::Relaxed)
    }

    /// Adds `count` active users holding `product` through their own `ziProduct` (no group),
    /// as a large directory has them.
    pub fn add_users(&self, count: usize, product: &str) {
        let mut directory = lock(&self.shared.directory);
        for i in 0..count {
            let user_name = format!("bulk.user{i:06}@example.com");
            let mut body = serde_json::json!({
                "schemas": [facts::USER_SCHEMA, facts::ZOOMINFO_USER_EXTENSION],
                "userName": user_name,
                "name": { "givenName": "Bulk", "familyName": format!("User {i}") },
                "emails": [{ "value": user_name, "type": "work", "primary": true }],
                "active": true,
            });
            body[facts::ZOOMINFO_USER_EXTENSION] = serde_json::json!({ "ziProduct": product });
            // The names are unique and well formed: creation cannot be refused.
            let _ = directory.create(Kind::User, body);
        }
    }

    /// Requests received so far.
    pub fn requests(&self) -> u64 {
        self.shared.requests.load(Ordering::Relaxed)
    }

    /// The demo organisation's planted problems (`None` when started empty).
    pub fn planted(&self) -> Option<&PlantedProblems> {
        self.shared.planted.as_ref()
    }

    /// Users as stored (no quirks applied), in creation order.
    pub fn users(&self) -> Vec<Value> {
        lock(&self.shared.directory).all(Kind::User).to_vec()
    }

    /// Groups as stored, in creation order.
    pub fn groups(&self) -> Vec<Value> {
        lock(&self.shared.directory).all(Kind::Group).to_vec()
    }

    /// Okta's org URL: the base a client prepends to `/api/v1/apps`.
    pub fn okta_url(&self) -> String {
        self.root_url()
    }

    /// The Okta API token accepted (`Authorization: SSWS {token}`).
    pub fn okta_token(&self) -> String {
        self.shared.idp.okta_token.clone()
    }

    /// The id of the ZoomInfo app in Okta (`0oa…`).
    pub fn okta_app_id(&self) -> String {
        self.shared.idp.okta_app_id.clone()
    }

    /// Microsoft Graph's base, `http://127.0.0.1:PORT/v1.0`: a client prepends it to
    /// `/servicePrincipals`, as it would `https://graph.microsoft.com/v1.0`.
    pub fn graph_url(&self) -> String {
        format!("{}{}", self.root_url(), idp::facts::GRAPH_BASE_PATH)
    }

    /// Entra's sign-in base: a client prepends it to `/{tenant}/oauth2/v2.0/token`, as it
    /// would `https://login.microsoftonline.com`.
    pub fn entra_login_url(&self) -> String {
        self.root_url()
    }

    /// The Entra tenant (directory) id.
    pub fn entra_tenant(&self) -> String {
        self.shared.idp.tenant.clone()
    }

    /// The client id of the app registration allowed to read provisioning.
    pub fn entra_client_id(&self) -> String {
        self.shared.idp.client_id.clone()
    }

    /// Its client secret.
    pub fn entra_client_secret(&self) -> String {
        self.shared.idp.client_secret.clone()
    }

    /// The id of the ZoomInfo service principal in Graph.
    pub fn graph_service_principal_id(&self) -> String {
        self.shared.idp.service_principal_id.clone()
    }

    /// The id of its synchronization job.
    pub fn graph_job_id(&self) -> String {
        self.shared.idp.job_id.clone()
    }

    /// Records that the identity provider tried to push `user_name` to ZoomInfo just now and
    /// failed for `failure`. The user is not added to the SCIM directory.
    pub fn fail_provisioning(&self, user_name: &str, display_name: &str, failure: IdpFailure) {
        self.shared
            .idp
            .fail(PushFailure::new(user_name, display_name, failure));
    }

    /// Sets the state of Graph's synchronization job (from now on).
    pub fn set_sync_job(&self, state: SyncJobState) {
        self.shared.idp.set_job(state);
    }

    /// Graph access tokens issued so far die now (the client must fetch a new one).
    pub fn expire_graph_tokens(&self) {
        let mut tokens = lock(&self.shared.idp.graph_tokens);
        let now = std::time::Instant::now();
        for expiry in tokens.values_mut() {
            *expiry = now;
        }
    }

    /// Lets at most `per_second` requests a second through each identity-provider API (Okta,
    /// Graph); the rest are answered 429 (`None`: no limit).
    pub fn set_idp_rate_limit(&self, per_second: Option<u32>) {
        self.shared
            .idp
            .rate_limit
            .store(per_second.unwrap_or(0), Ordering::SeqCst);
    }

    /// Identity-provider requests refused with 429 so far.
    pub fn idp_throttled(&self) -> u64 {
        self.shared.idp.throttled.load(Ordering::Relaxed)
    }

    /// Stops accepting connections and lets in-flight requests finish.
    pub fn shutdown(&self) {
        self.stop.send_replace(true);
    }
}
