//! Shared set-up: a simulator and a client pointed at it.
#![allow(dead_code)]

use std::time::Duration;

use zi_client::{ClientConfig, Credentials, LegacyClient, RateLimits, RetryPolicy};
use zi_sim::{Sim, SimConfig, SimHandle, DEMO_PASSWORD, DEMO_USERNAME};

/// Fast retries so fault tests finish in seconds; the policy's shape is what is under test.
pub fn quick_retries() -> RetryPolicy {
    RetryPolicy {
        max_attempts: 8,
        min_delay: Duration::from_millis(10),
        max_delay: Duration::from_millis(200),
    }
}

pub fn config_for(sim: &SimHandle) -> ClientConfig {
    ClientConfig {
        rate_limits: RateLimits {
            per_second: 1_000,
            per_minute: 60_000,
        },
        retry: quick_retries(),
        ..ClientConfig::with_base_url(sim.url())
    }
}

pub fn demo_credentials() -> Credentials {
    Credentials::password(DEMO_USERNAME, DEMO_PASSWORD)
}

pub async fn sim_and_client(config: SimConfig) -> (SimHandle, LegacyClient) {
    let sim = Sim::start(SimConfig {
        people: 3_000,
        companies: 300,
        ..config
    })
    .await
    .expect("simulator starts");
    let client = LegacyClient::new(config_for(&sim), demo_credentials()).expect("client");
    (sim, client)
}

pub fn unlimited() -> SimConfig {
    SimConfig::unlimited()
}
