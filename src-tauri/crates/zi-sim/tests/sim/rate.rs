use std::time::Duration;

use zi_sim::SimConfig;

use crate::common::*;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn per_second_limit_answers_429_without_retry_after() {
    let config = SimConfig {
        people: 3_000,
        companies: 300,
        auth_rate_per_sec: 0,
        ..SimConfig::demo()
    };
    let sim = start(config).await;
    let token = login(&sim).await;

    // 40 calls at once, well inside one second.
    let calls: Vec<_> = (0..40)
        .map(|_| {
            let (sim, token) = (sim.clone(), token.clone());
            tokio::spawn(async move { get(&sim, &token, "/lookup/usage").await })
        })
        .collect();
    let mut answers = Vec::new();
    for call in calls {
        answers.push(call.await.expect("task"));
    }

    let ok = answers.iter().filter(|a| a.status == 200).count();
    let limited: Vec<_> = answers.iter().filter(|a| a.status == 429).collect();
    assert_eq!(ok + limited.len(), 40);
    assert!(!limited.is_empty(), "40 calls at once must exceed 25/s");
    assert!(ok >= 25, "the full 25/s must be usable, got {ok}");
    for a in &limited {
        assert_eq!(a.error(), "Rate limit exceeded");
        assert!(a.headers.get("retry-after").is_none());
        assert!(a
            .headers
            .keys()
            .all(|k| !k.as_str().starts_with("x-ratelimit")));
    }
    assert_eq!(sim.stats().rate_limited, limited.len() as u64);
}

#[tokio::test]
async fn per_minute_limit_counts_a_rolling_minute() {
    let sim = start(small()).await;
    sim.knobs().set_rate_limits(0, 10);
    let token = login(&sim).await;
    let mut statuses = Vec::new();
    for _ in 0..15 {
        statuses.push(get(&sim, &token, "/usage").await.status);
    }
    assert_eq!(statuses.iter().filter(|&&s| s == 200).count(), 10);
    assert_eq!(statuses.iter().filter(|&&s| s == 429).count(), 5);
}

#[tokio::test]
async fn a_paced_client_gets_the_full_rate() {
    let sim = start(small()).await;
    sim.knobs().set_rate_limits(5, 0);
    let token = login(&sim).await;
    // 5 per second, then wait out the window: all 10 admitted.
    for round in 0..2 {
        for _ in 0..5 {
            assert_eq!(
                get(&sim, &token, "/usage").await.status,
                200,
                "round {round}"
            );
        }
        if round == 0 {
            assert_eq!(get(&sim, &token, "/usage").await.status, 429);
            tokio::time::sleep(Duration::from_millis(1_050)).await;
        }
    }
}
