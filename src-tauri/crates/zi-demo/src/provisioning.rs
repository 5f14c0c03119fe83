//! Demo mode: the embedded SCIM simulator with the demo organisation, its token, seats and
//! subscription sets, so the Provisioning screen and `zi --demo scim status` show a story.

use secrecy::SecretString;
use zi_sim::scim::{
    ScimSim, ScimSimConfig, ScimSimHandle, DEMO_PURCHASED_SEATS, DEMO_SUBSCRIPTION_SETS,
};

use zi_core::provisioning::{GroupProduct, HealthSettings, SeatEntry, TokenDates, WatchedEndpoint};
use zi_core::{CoreError, Result};

/// A running demo SCIM server and the endpoint that watches it.
pub struct DemoScim {
    pub sim: ScimSimHandle,
    pub endpoint: WatchedEndpoint,
    pub token: SecretString,
}

impl Drop for DemoScim {
    fn drop(&mut self) {
        self.sim.shutdown();
    }
}

/// Starts the demo SCIM server: about 120 users, Sales two seats short, a user in two
/// groups, a badly named group, an active user without email, an inactive user still
/// holding Sales, and a token 23 days from expiry.
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
    endpoint.name = "Demo (simulated ZoomInfo SCIM)".into();
    let token = SecretString::from(sim.token());
    Ok(DemoScim {
        sim,
        endpoint,
        token,
    })
}
