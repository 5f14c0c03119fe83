//! SCIM throttling benchmark: a provisioning check of a 20,000-user directory behind a server
//! that lets 10 requests a second through and answers the rest 429 with `Retry-After`.
//! The same check runs first without the limit, in this process, as the reference: it tells how
//! many requests the directory takes. The ratio printed is the least time those requests can
//! take at 10/s over the time the throttled check took (1.0: the limit was the only brake).
//! `SCIM_USERS` and `SCIM_RATE` change the directory size and the limit.

use std::time::Instant;

use chrono::Utc;
use scim_client::{ScimAuth, ScimClient, ScimConfig};
use zi_core::provisioning::{check_scim_health, HealthSettings};
use zi_sim::scim::{ScimSim, ScimSimConfig, ScimSimHandle};

fn setting(name: &str, default: u64) -> u64 {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

struct Run {
    users: u64,
    seconds: f64,
    requests: u64,
    throttled: u64,
}

async fn check(sim: &ScimSimHandle, rate: Option<u32>) -> Run {
    sim.set_rate_limit(rate);
    let (requests_before, throttled_before) = (sim.requests(), sim.throttled());
    let client =
        ScimClient::new(ScimConfig::new(sim.url(), ScimAuth::bearer(sim.token()))).expect("client");
    let started = Instant::now();
    let report = check_scim_health(&client, None, &HealthSettings::default(), &[], Utc::now())
        .await
        .expect("the check finishes");
    Run {
        users: report.users.total as u64,
        seconds: started.elapsed().as_secs_f64(),
        requests: sim.requests() - requests_before,
        throttled: sim.throttled() - throttled_before,
    }
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
    let reference = check(&sim, None).await;
    println!(
        "scim check, no limit: {} users in {:.1} s, {} requests",
        reference.users, reference.seconds, reference.requests
    );
    // A new second for the limit's window, so the reference run's requests do not count.
    tokio::time::sleep(std::time::Duration::from_secs(1)).await;
    let limited = check(&sim, Some(rate)).await;
    let accepted = limited.requests - limited.throttled;
    println!(
        "scim check at {rate} req/s: {} users in {:.1} s, {accepted} requests accepted, {} refused with 429",
        limited.users, limited.seconds, limited.throttled
    );
    let floor = reference.requests as f64 / f64::from(rate);
    println!(
        "scim throttle ratio (least time at {rate}/s {floor:.1} s ÷ time taken): {:.3}  (goal ≥ 0.8)",
        floor / limited.seconds
    );
}
