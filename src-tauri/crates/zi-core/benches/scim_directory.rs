//! SCIM throttling benchmark: a provisioning check of a 20,000-user directory behind a server
//! that lets 10 requests a second through and answers the rest 429 with `Retry-After`.
//! Prints the time, and accepted requests per second ÷ 10 (the most the server allows).
//! `SCIM_USERS` and `SCIM_RATE` change the directory size and the limit.

use std::time::Instant;

use chrono::Utc;
use scim_client::{ScimAuth, ScimClient, ScimConfig};
use zi_core::provisioning::{check_scim_health, HealthSettings};
use zi_sim::scim::{ScimSim, ScimSimConfig};

fn setting(name: &str, default: u64) -> u64 {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

#[tokio::main]
async fn main() {
    let users = setting("SCIM_USERS", 20_000) as usize;
    let rate = setting("SCIM_RATE", 10) as u32;
    let sim = ScimSim::start(ScimSimConfig::demo())
        .await
        .expect("simulator");
    let demo_users = sim.users().len();
    sim.add_users(users.saturating_sub(demo_users), "Sales");
    sim.set_rate_limit(Some(rate));
    let client =
        ScimClient::new(ScimConfig::new(sim.url(), ScimAuth::bearer(sim.token()))).expect("client");
    let started = Instant::now();
    let report = check_scim_health(&client, None, &HealthSettings::default(), &[], Utc::now())
        .await
        .expect("the check finishes");
    let seconds = started.elapsed().as_secs_f64();
    let throttled = sim.throttled();
    let accepted = sim.requests() - throttled;
    println!(
        "scim check: {} users in {seconds:.1} s, {accepted} requests accepted, {throttled} refused with 429",
        report.users.total
    );
    println!(
        "scim throttle ratio (accepted req/s ÷ {rate}): {:.3}  (goal ≥ 0.8)",
        accepted as f64 / seconds / f64::from(rate)
    );
}
