//! The rate and usage headers of the simulator's answers, as the client keeps and uses them.

mod common;

use std::sync::Arc;
use std::time::Duration;

use common::*;
use serde_json::json;
use zi_client::{Record, RecordKind, ZoomInfoBackend};
use zi_sim::SimConfig;

fn by_id(ids: impl Iterator<Item = i64>) -> Vec<Record> {
    ids.map(|id| {
        json!({ "personId": id })
            .as_object()
            .cloned()
            .unwrap_or_default()
    })
    .collect()
}

#[tokio::test]
async fn an_enrich_answer_tells_the_credits_left_without_a_usage_call() {
    let (sim, client) = sim_and_client(SimConfig {
        credit_limit: Some(1_000),
        rate_per_min: 1_500,
        ..unlimited()
    })
    .await;
    assert_eq!(client.rate_snapshot(), None, "nothing seen yet");
    let inputs = by_id(sim.dataset().people()[..10].iter().map(|p| p.id));
    let results = client
        .enrich(RecordKind::Contact, &inputs, &["id".into()])
        .await
        .expect("enrich");
    let bought = results.iter().map(|r| r.records.len() as i64).sum::<i64>();
    assert!(bought > 0);

    let snapshot = client.rate_snapshot().expect("headers seen");
    let records = snapshot
        .usage
        .iter()
        .find(|l| l.limit_type == "recordLimit")
        .expect("recordLimit");
    assert_eq!(records.limit, Some(1_000));
    assert_eq!(records.usage_remaining, Some(1_000 - bought));
    assert!(snapshot.usage_seen_at.is_some());
    let window = snapshot.window.expect("rate window");
    assert_eq!(window.limit, Some(1_500));
    assert_eq!(window.remaining, Some(1_499));
    assert_eq!(sim.stats().requests, 1, "no /lookup/usage call");

    // /lookup/usage agrees with what the headers said.
    let usage = client.usage().await.expect("usage");
    let looked_up = usage
        .iter()
        .find(|l| l.limit_type == "recordLimit")
        .expect("recordLimit");
    assert_eq!(looked_up.usage_remaining, records.usage_remaining);
}

#[tokio::test]
async fn a_spent_window_is_waited_out_not_hammered() {
    let (sim, client) = sim_and_client(SimConfig {
        rate_per_min: 5,
        ..unlimited()
    })
    .await;
    let client = Arc::new(client);
    for _ in 0..5 {
        client.usage().await.expect("within the window");
    }
    let snapshot = client.rate_snapshot().and_then(|s| s.window);
    assert_eq!(snapshot.and_then(|w| w.remaining), Some(0));
    // The sixth waits for the window to free (about a minute) instead of collecting 429s.
    let sixth = tokio::time::timeout(Duration::from_secs(2), client.usage()).await;
    assert!(sixth.is_err(), "the sixth call waited");
    assert_eq!(sim.stats().rate_limited, 0);
    assert_eq!(sim.stats().requests, 5);
}
