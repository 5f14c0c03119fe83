//! Credits left on the Usage screen follow ZoomInfo's answer headers, without a usage call.

use zi_core::enrich::{EnrichRequest, JobControl, RunOptions};
use zi_core::RecordKind;
use zi_demo::sample::write_sample_file;
use zi_demo::SimConfig;

#[tokio::test]
async fn credits_left_follow_an_enrichment_without_a_usage_call() {
    let dir = tempfile::tempdir().expect("dir");
    let console = zi_demo::start_with(&dir.path().join("data"), SimConfig::demo())
        .await
        .expect("demo");
    let before = console.live_usage();
    assert_eq!(before.records_remaining, None, "nothing answered yet");
    assert_eq!(before.seen_at, None);

    let input = dir.path().join("contacts.csv");
    write_sample_file(RecordKind::Contact, 40, &input).expect("sample");
    let request = EnrichRequest::for_file(RecordKind::Contact, &input);
    let plan = console.plan_enrichment(&request).await.expect("plan");
    let outcome = console
        .run_enrichment(
            plan.job_id,
            &RunOptions::default(),
            &JobControl::default(),
            |_| {},
        )
        .await
        .expect("run");
    assert!(outcome.credits_spent > 0);
    let sim = zi_demo::simulator(&console).expect("demo").stats();
    // The enrich calls and the account's output field list (read once per session): no usage call.
    assert_eq!(sim.requests, sim.enrich_calls + 1, "no usage call was made");

    let live = console.live_usage();
    let limit = i64::try_from(zi_sim::limits::DEMO_RECORD_LIMIT).expect("fits");
    let spent = i64::try_from(outcome.credits_spent).expect("fits");
    assert_eq!(live.records_remaining, Some(limit - spent));
    assert!(live.requests_remaining.is_some());
    assert!(live.seen_at.is_some());
    assert_eq!(
        live.window.and_then(|w| w.limit),
        Some(i64::from(zi_sim::limits::RATE_PER_MIN))
    );

    // The reading from /lookup/usage agrees, and carries the same live figures.
    let report = console.usage().await.expect("usage");
    let record = report
        .limits
        .iter()
        .find(|l| l.limit_type == "recordLimit")
        .expect("recordLimit");
    assert_eq!(record.usage_remaining, Some(limit - spent));
    assert_eq!(report.live.records_remaining, Some(limit - spent));
}
