use std::time::{Duration, Instant};

use serde_json::json;
use zi_sim::SimConfig;

use crate::common::*;

#[tokio::test]
async fn truncated_share_gives_200_with_invalid_json_and_no_charge() {
    let sim = start(SimConfig {
        share_truncated: 1.0,
        ..small()
    })
    .await;
    let token = login(&sim).await;
    let id = sim.dataset().people()[0].id;
    let body = json!({ "matchPersonInput": [{ "personId": id }], "outputFields": ["email"] });
    let a = post(&sim, &token, "/enrich/contact", &body).await;
    assert_eq!(a.status, 200);
    assert!(!a.body.is_empty());
    assert!(
        serde_json::from_str::<serde_json::Value>(&a.body).is_err(),
        "{}",
        a.body
    );
    let stats = sim.stats();
    assert_eq!(
        (stats.truncated, stats.accepted, stats.credits_used),
        (1, 0, 0)
    );

    sim.knobs().set_share_truncated(0.0);
    assert!(get(&sim, &token, "/usage").await.json().is_object());
}

#[tokio::test]
async fn share_500_answers_internal_server_error() {
    let sim = start(small()).await;
    let token = login(&sim).await;
    sim.knobs().set_share_500(1.0);
    let a = get(&sim, &token, "/lookup/usage").await;
    assert_eq!(
        (a.status, a.error().as_str()),
        (500, "Internal Server Error")
    );
    sim.knobs().set_share_500(0.0);
    assert_eq!(get(&sim, &token, "/lookup/usage").await.status, 200);
    assert_eq!(sim.stats().server_errors, 1);
}

#[tokio::test]
async fn share_429_answers_429_without_retry_after() {
    let sim = start(small()).await;
    let token = login(&sim).await;
    sim.knobs().set_share_429(1.0);
    let id = sim.dataset().people()[0].id;
    let body = json!({ "matchPersonInput": [{ "personId": id }], "outputFields": ["email"] });
    let a = post(&sim, &token, "/enrich/contact", &body).await;
    assert_eq!((a.status, a.error().as_str()), (429, "Rate limit exceeded"));
    assert!(a.headers.get("retry-after").is_none());
    assert_eq!(sim.stats().credits_used, 0, "a faulted enrich is free");
}

#[tokio::test]
async fn outage_answers_503_everywhere_then_recovers() {
    let sim = start(small()).await;
    let token = login(&sim).await;
    sim.knobs().start_outage(Duration::from_millis(400));
    let a = get(&sim, &token, "/usage").await;
    assert_eq!((a.status, a.error().as_str()), (503, "Service Unavailable"));
    let a = authenticate(&sim, zi_sim::DEMO_USERNAME, zi_sim::DEMO_PASSWORD).await;
    assert_eq!(a.status, 503);
    tokio::time::sleep(Duration::from_millis(500)).await;
    assert_eq!(get(&sim, &token, "/usage").await.status, 200);
    assert_eq!(sim.stats().server_errors, 2);
}

#[tokio::test]
async fn latency_is_added_to_every_answer() {
    let sim = start(small()).await;
    let token = login(&sim).await;
    sim.knobs().set_latency(Duration::from_millis(200));
    let t = Instant::now();
    assert_eq!(get(&sim, &token, "/usage").await.status, 200);
    assert!(t.elapsed() >= Duration::from_millis(200));
}

#[tokio::test]
async fn unknown_route_is_404_json() {
    let sim = start(small()).await;
    let token = login(&sim).await;
    let a = get(&sim, &token, "/no/such/route").await;
    assert_eq!((a.status, a.error().as_str()), (404, "Not Found"));
}

#[tokio::test]
async fn shutdown_stops_serving() {
    let sim = start(small()).await;
    let token = login(&sim).await;
    sim.shutdown();
    tokio::time::sleep(Duration::from_millis(100)).await;
    let result = reqwest::Client::new()
        .get(format!("{}/usage", sim.url()))
        .bearer_auth(&token)
        .timeout(Duration::from_secs(2))
        .send()
        .await;
    assert!(result.is_err(), "server still answering after shutdown");
}
