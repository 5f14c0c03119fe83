//! Faults the real API produces: 429 storms, 500s, truncated answers, outages, limits.

mod common;

use std::sync::Arc;
use std::time::Duration;

use common::*;
use zi_client::{ClientError, RecordKind, ZoomInfoBackend};
use zi_sim::SimConfig;

async fn run_concurrently(
    client: Arc<zi_client::LegacyClient>,
    calls: usize,
) -> Vec<zi_client::Result<()>> {
    let tasks: Vec<_> = (0..calls)
        .map(|_| {
            let client = client.clone();
            tokio::spawn(async move { client.usage().await.map(|_| ()) })
        })
        .collect();
    let mut results = Vec::new();
    for task in tasks {
        results.push(task.await.expect("task"));
    }
    results
}

#[tokio::test]
async fn a_429_storm_is_ridden_out_and_slows_the_client_down() {
    let (sim, client) = sim_and_client(SimConfig {
        share_429: 0.3,
        ..unlimited()
    })
    .await;
    let client = Arc::new(client);
    let start_rate = client.current_rate();
    let results = run_concurrently(client.clone(), 40).await;
    assert!(
        results.iter().all(Result::is_ok),
        "every call succeeds in the end"
    );
    assert!(sim.stats().rate_limited > 0, "the storm happened");
    assert!(
        client.current_rate() < start_rate,
        "the client lowered its rate"
    );
}

#[tokio::test]
async fn server_errors_are_retried_until_they_pass() {
    let (sim, client) = sim_and_client(SimConfig {
        share_500: 0.2,
        ..unlimited()
    })
    .await;
    let results = run_concurrently(Arc::new(client), 30).await;
    assert!(results.iter().all(Result::is_ok));
    assert!(sim.stats().server_errors > 0);
}

#[tokio::test]
async fn a_server_that_keeps_failing_is_reported_with_its_status() {
    let (sim, client) = sim_and_client(SimConfig {
        share_500: 1.0,
        ..unlimited()
    })
    .await;
    let error = client.usage().await.expect_err("fails");
    match &error {
        ClientError::Server {
            status, attempts, ..
        } => {
            assert_eq!(*status, 500);
            assert_eq!(*attempts, quick_retries().max_attempts);
        }
        other => panic!("expected a server error, got {other:?}"),
    }
    assert!(error.to_string().contains("Try again later"));
    assert_eq!(
        sim.stats().server_errors,
        u64::from(quick_retries().max_attempts)
    );
}

#[tokio::test]
async fn truncated_answers_are_retried_not_misread() {
    let (sim, client) = sim_and_client(SimConfig {
        share_truncated: 0.1,
        ..unlimited()
    })
    .await;
    let person = sim.dataset().people()[0].clone();
    let input = serde_json::json!({"emailAddress": person.email})
        .as_object()
        .cloned()
        .expect("object");
    // 100 calls at 10%: truncations surely happen, five in a row (the give-up point) hardly ever.
    for _ in 0..100 {
        let results = client
            .enrich(
                RecordKind::Contact,
                std::slice::from_ref(&input),
                &["id".into(), "email".into()],
            )
            .await
            .expect("enriched");
        assert_eq!(results[0].records[0]["id"], serde_json::json!(person.id));
    }
    assert!(sim.stats().truncated > 0);
}

#[tokio::test]
async fn an_outage_of_a_few_seconds_is_waited_out() {
    let (sim, client) = sim_and_client(unlimited()).await;
    client.usage().await.expect("before the outage");
    sim.knobs().start_outage(Duration::from_millis(1_500));
    let config = zi_client::ClientConfig {
        retry: zi_client::RetryPolicy {
            max_attempts: 10,
            min_delay: Duration::from_millis(100),
            max_delay: Duration::from_secs(1),
        },
        ..config_for(&sim)
    };
    let patient = zi_client::LegacyClient::new(config, demo_credentials()).expect("client");
    patient
        .usage()
        .await
        .expect("answered once the outage ends");
    assert!(sim.stats().server_errors > 0, "the outage was hit");
}

#[tokio::test]
async fn a_403_is_not_retried_and_names_the_limit() {
    let (sim, client) = sim_and_client(SimConfig {
        credit_limit: Some(0),
        ..unlimited()
    })
    .await;
    let person = sim.dataset().people()[0].clone();
    let input = serde_json::json!({"emailAddress": person.email})
        .as_object()
        .cloned()
        .expect("object");
    let error = client
        .enrich(RecordKind::Contact, &[input], &["id".into()])
        .await
        .expect_err("refused");
    assert!(matches!(error, ClientError::Forbidden { .. }), "{error:?}");
    assert!(
        error.to_string().contains("credit or request limit"),
        "{error}"
    );
    assert_eq!(sim.stats().enrich_calls, 1, "not retried");
}

#[tokio::test]
async fn a_400_is_not_retried_and_carries_the_servers_message() {
    let (sim, client) = sim_and_client(unlimited()).await;
    let error = client
        .search_page(RecordKind::Contact, &Default::default(), 11, 100)
        .await
        .expect_err("too deep");
    assert!(
        matches!(error, ClientError::BadRequest { status: 400, .. }),
        "{error:?}"
    );
    assert!(
        error
            .to_string()
            .contains("Total record pagination is over max allowed value"),
        "{error}"
    );
    assert_eq!(sim.stats().search_calls, 1);
}

#[tokio::test]
async fn an_unreachable_api_is_a_network_error_naming_the_address() {
    let config = zi_client::ClientConfig {
        retry: zi_client::RetryPolicy {
            max_attempts: 2,
            ..quick_retries()
        },
        ..zi_client::ClientConfig::with_base_url("http://127.0.0.1:9")
    };
    let client = zi_client::LegacyClient::new(config, demo_credentials()).expect("client");
    let error = client.usage().await.expect_err("unreachable");
    assert!(
        matches!(error, ClientError::Unreachable { .. }),
        "{error:?}"
    );
    assert!(error.to_string().contains("127.0.0.1:9"), "{error}");
}
