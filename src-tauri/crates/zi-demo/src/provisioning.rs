//! Demo mode: the embedded SCIM simulator with the demo organisation, its token, seats and
//! subscription sets, so the Provisioning screen and `zi --demo scim status` show a story.

use secrecy::SecretString;
use zi_sim::scim::{
    ScimSim, ScimSimConfig, ScimSimHandle, DEMO_PURCHASED_SEATS, DEMO_SUBSCRIPTION_SETS,
};

use zi_core::provisioning::{
    GroupProduct, HealthSettings, IdpConnection, SeatEntry, TokenDates, WatchedEndpoint,
    DEFAULT_IDP_APP, DEMO_ENDPOINT_NAME,
};
use zi_core::{CoreError, DemoScimServer, Result};

/// Keeps the demo SCIM server running; dropping it stops the server.
struct RunningScim(ScimSimHandle);

impl Drop for RunningScim {
    fn drop(&mut self) {
        self.0.shutdown();
    }
}

/// The demo SCIM server with what a test needs to steer it.
pub struct DemoScim {
    pub endpoint: WatchedEndpoint,
    pub token: SecretString,
    /// The secret of the simulated identity provider the endpoint reads.
    pub idp_secret: Option<SecretString>,
    pub sim: ScimSimHandle,
}

impl DemoScim {
    /// Hands the server to the console, which stops it when it drops it.
    pub fn into_server(self) -> DemoScimServer {
        DemoScimServer {
            endpoint: self.endpoint,
            token: self.token,
            idp_secret: self.idp_secret,
            server: Box::new(RunningScim(self.sim)),
        }
    }
}

/// Starts the demo SCIM server: about 120 users, Sales two seats short, a user in two
/// groups, a badly named group, an active user without email, an inactive user still
/// holding Sales, a token 23 days from expiry, and an Okta org that failed to push two users.
pub async fn demo_endpoint() -> Result<DemoScim> {
    let sim = ScimSim::start(ScimSimConfig::demo())
        .await
        .map_err(|e| CoreError::Demo(e.to_string()))?;
    let settings = HealthSettings {
        token: TokenDates::default(),
        seats: DEMO_PURCHASED_SEATS
            .iter()
            .map(|(product, purchased)| SeatEntry {
                product: product.to_string(),
                purchased: *purchased,
            })
            .collect(),
        group_products: DEMO_SUBSCRIPTION_SETS
            .iter()
            .flat_map(|set| {
                set.products.iter().map(|p| GroupProduct {
                    group: set.group.to_string(),
                    product: p.to_string(),
                })
            })
            .collect(),
    };
    let mut endpoint = WatchedEndpoint::bearer(sim.url(), settings);
    endpoint.name = DEMO_ENDPOINT_NAME.into();
    // The demo's users come from a simulated Okta org, which failed to push two of them.
    endpoint.idp = Some(IdpConnection::Okta {
        org_url: sim.okta_url(),
        app: DEFAULT_IDP_APP.into(),
    });
    let token = SecretString::from(sim.token());
    Ok(DemoScim {
        endpoint,
        token,
        idp_secret: Some(SecretString::from(sim.okta_token())),
        sim,
    })
}
