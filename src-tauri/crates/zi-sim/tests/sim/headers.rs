//! Rate and usage headers, checked against the names and shapes of the published spec's
//! examples (zoominfo-legacy-openapi.yml: `/search/contact` lines 431-520, `/enrich/contact`
//! lines 8188-8290, `/lookup/usage` lines 25906-25926), transcribed here as the oracle.

use std::time::{SystemTime, UNIX_EPOCH};

use serde_json::json;
use zi_sim::SimConfig;

use crate::common::*;

const RATE_HEADERS: [&str; 3] = [
    "X-RateLimit-Limit",
    "X-RateLimit-Remaining",
    "X-RateLimit-Reset",
];

const USAGE_HEADERS: [&str; 10] = [
    "X-Usage-Record-Limit-Limit",
    "X-Usage-Record-Limit-Remaining",
    "X-Usage-Request-Limit-Limit",
    "X-Usage-Request-Limit-Remaining",
    "X-Usage-Unique-Id-Limit-Limit",
    "X-Usage-Unique-Id-Limit-Remaining",
    "X-Usage-Websights-Api-Record-Limit-Limit",
    "X-Usage-Websights-Api-Record-Limit-Remaining",
    "X-Usage-Websights-Api-Request-Limit-Limit",
    "X-Usage-Websights-Api-Request-Limit-Remaining",
];

/// A header as the examples write it: a string of digits.
fn number(a: &Answer, name: &str) -> u64 {
    let value = a
        .headers
        .get(name)
        .unwrap_or_else(|| panic!("{name} missing"));
    let text = value.to_str().expect("ASCII");
    text.parse()
        .unwrap_or_else(|_| panic!("{name}: {text} is not a number"))
}

fn limited() -> SimConfig {
    SimConfig {
        people: 3_000,
        companies: 300,
        auth_rate_per_sec: 0,
        ..SimConfig::demo()
    }
}

#[tokio::test]
async fn enrich_answers_carry_the_rate_window_and_the_accounts_usage() {
    let sim = start(limited()).await;
    let token = login(&sim).await;
    let ids: Vec<_> = sim.dataset().people()[..5]
        .iter()
        .map(|p| json!({ "personId": p.id }))
        .collect();
    let body = json!({ "matchPersonInput": ids, "outputFields": ["firstName"] });
    let first = post(&sim, &token, "/enrich/contact", &body).await;
    let second = post(&sim, &token, "/enrich/contact", &body).await;
    assert_eq!((first.status, second.status), (200, 200));
    for name in RATE_HEADERS.iter().chain(USAGE_HEADERS.iter()) {
        number(&second, name);
    }

    // The window is the minute: 1,500 requests, one fewer left after each.
    assert_eq!(number(&second, "X-RateLimit-Limit"), 1_500);
    assert_eq!(
        number(&first, "X-RateLimit-Remaining") - 1,
        number(&second, "X-RateLimit-Remaining")
    );
    let now = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .expect("clock")
        .as_secs();
    let reset = number(&second, "X-RateLimit-Reset");
    assert!(
        (now..=now + 61).contains(&reset),
        "reset {reset}, now {now}"
    );

    // Five records bought each time, and /lookup/usage agrees with the headers.
    let left_first = number(&first, "X-Usage-Record-Limit-Remaining");
    let left = number(&second, "X-Usage-Record-Limit-Remaining");
    assert_eq!(left_first - left, 5);
    let usage = get(&sim, &token, "/lookup/usage").await.json();
    let record = usage["usage"]
        .as_array()
        .and_then(|all| all.iter().find(|l| l["limitType"] == "recordLimit"))
        .cloned()
        .expect("recordLimit");
    assert_eq!(record["usageRemaining"], left);
    assert_eq!(
        record["limit"],
        number(&second, "X-Usage-Record-Limit-Limit")
    );
}

#[tokio::test]
async fn usage_lookups_carry_the_rate_window_only() {
    let sim = start(limited()).await;
    let token = login(&sim).await;
    let a = get(&sim, &token, "/lookup/usage").await;
    assert_eq!(a.status, 200);
    for name in RATE_HEADERS {
        number(&a, name);
    }
    for name in USAGE_HEADERS {
        assert!(a.headers.get(name).is_none(), "{name} on /lookup/usage");
    }
}

#[tokio::test]
async fn without_a_minute_limit_there_is_no_window_to_report() {
    let sim = start(small()).await;
    let token = login(&sim).await;
    let a = get(&sim, &token, "/lookup/usage").await;
    assert!(RATE_HEADERS
        .iter()
        .all(|name| a.headers.get(*name).is_none()));
}
