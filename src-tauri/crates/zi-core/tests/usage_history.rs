//! The credit history of the Usage screen: one entry per day, today holding what a run spent.

use zi_core::enrich::{EnrichRequest, JobControl, RunOptions};
use zi_core::RecordKind;
use zi_demo::sample::write_sample_file;
use zi_demo::SimConfig;

#[tokio::test]
async fn every_day_is_listed_and_today_holds_what_an_enrich_spent() {
    let dir = tempfile::tempdir().expect("dir");
    let console = zi_demo::start_with(&dir.path().join("data"), SimConfig::unlimited())
        .await
        .expect("demo");

    let empty = console.credit_history(30).await.expect("history");
    assert_eq!(empty.days.len(), 30);
    assert!(empty.days.iter().all(|d| d.credits == 0));
    let today = chrono::Utc::now().format("%Y-%m-%d").to_string();
    assert_eq!(
        empty.days.last().map(|d| d.day.as_str()),
        Some(today.as_str())
    );
    assert!(empty.days.windows(2).all(|w| w[0].day < w[1].day));

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

    let history = console.credit_history(7).await.expect("history");
    assert_eq!(history.days.len(), 7);
    let last = history.days.last().expect("today");
    assert_eq!(last.day, today);
    assert_eq!(
        u64::try_from(last.credits).expect("positive"),
        outcome.credits_spent
    );
}
