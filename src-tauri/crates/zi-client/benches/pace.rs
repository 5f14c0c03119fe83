//! Pace benchmark: how close the client runs to the account's rate ceiling against the
//! simulator with ~80 ms latency and the legacy API's 25 requests/s limit.
//! Prints accepted requests per second ÷ 25 (goal ≥ 0.95). `PACE_REQUESTS` sets the count.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use serde_json::json;
use zi_client::{ClientConfig, Credentials, LegacyClient, RecordKind, ZoomInfoBackend};
use zi_sim::{Sim, SimConfig};

const LIMIT_PER_SECOND: u32 = 25;
const WORKERS: usize = 8;

#[tokio::main]
async fn main() {
    let requests: usize = std::env::var("PACE_REQUESTS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(400);
    let sim = Sim::start(SimConfig {
        latency: Duration::from_millis(80),
        rate_per_sec: LIMIT_PER_SECOND,
        rate_per_min: 1_500,
        ..SimConfig::demo()
    })
    .await
    .expect("simulator");
    let client = Arc::new(
        LegacyClient::new(
            ClientConfig::with_base_url(sim.url()),
            Credentials::password(zi_sim::DEMO_USERNAME, zi_sim::DEMO_PASSWORD),
        )
        .expect("client"),
    );
    client.sign_in().await.expect("sign in");
    let people: Vec<String> = sim
        .dataset()
        .people()
        .iter()
        .map(|p| p.email.clone())
        .collect();
    let next = Arc::new(AtomicUsize::new(0));
    sim.reset_stats();
    let started = Instant::now();
    let workers: Vec<_> = (0..WORKERS)
        .map(|_| {
            let (client, next, people) = (client.clone(), next.clone(), people.clone());
            tokio::spawn(async move {
                loop {
                    let n = next.fetch_add(1, Ordering::Relaxed);
                    if n >= requests {
                        break;
                    }
                    let batch: Vec<_> = (0..25)
                        .map(|i| {
                            json!({"emailAddress": people[(n * 25 + i) % people.len()]})
                                .as_object()
                                .cloned()
                                .unwrap_or_default()
                        })
                        .collect();
                    client
                        .enrich(RecordKind::Contact, &batch, &["id".into(), "email".into()])
                        .await
                        .expect("enrich");
                }
            })
        })
        .collect();
    for worker in workers {
        worker.await.expect("worker");
    }
    let elapsed = started.elapsed().as_secs_f64();
    let stats = sim.stats();
    let rate = stats.accepted as f64 / elapsed;
    println!(
        "pace: {} enrich requests of 25 in {elapsed:.2} s; 429s: {}; accepted {rate:.2} req/s",
        stats.accepted, stats.rate_limited
    );
    println!(
        "pace ratio (accepted req/s ÷ {LIMIT_PER_SECOND}): {:.3}  (goal ≥ 0.95)",
        rate / f64::from(LIMIT_PER_SECOND)
    );
}
