//! Reviewing an enrichment key by key against the simulator: outcomes add up, pages follow the
//! file, filters narrow, and the shown fields are the record's.

use zi_client::RecordKind;
use zi_core::enrich::{EnrichRequest, ReviewFacet, ReviewQuery};
use zi_core::sample::write_sample_file;
use zi_sim::SimConfig;

mod common;
use common::{demo, plan_and_run};

fn query(facet: Option<ReviewFacet>, text: Option<&str>, offset: u64, limit: u32) -> ReviewQuery {
    ReviewQuery {
        facet,
        text: text.map(str::to_string),
        offset,
        limit,
        columns: vec!["email".into(), "jobTitle".into()],
    }
}

#[tokio::test]
async fn a_stopped_job_reviews_by_outcome_in_file_order() {
    let dir = tempfile::tempdir().expect("dir");
    let input = dir.path().join("contacts.csv");
    write_sample_file(RecordKind::Contact, 300, &input).expect("sample");
    let console = demo(&dir.path().join("data"), SimConfig::unlimited()).await;
    let request = EnrichRequest::for_file(RecordKind::Contact, &input);
    let (plan, outcome) = plan_and_run(&console, &request, Some(40)).await;
    assert_eq!(outcome.stop_code.as_deref(), Some("budget"));

    let all = console
        .review_enrichment(plan.job_id, &query(None, None, 0, 1_000))
        .await
        .expect("review");
    let counts = all
        .counts
        .clone()
        .expect("the first page counts the outcomes");
    assert_eq!(counts.total, plan.estimate.distinct_keys);
    assert_eq!(
        counts.matched + counts.no_match + counts.pending,
        counts.total
    );
    assert_eq!(counts.pending, outcome.keys_pending);
    assert!(counts.matched > 0 && counts.no_match > 0, "{counts:?}");
    assert_eq!(all.total, counts.total);
    assert_eq!(all.columns, vec!["email", "jobTitle"]);
    let rows: Vec<u64> = all.lines.iter().map(|l| l.row).collect();
    assert!(rows.windows(2).all(|w| w[0] < w[1]), "file order: {rows:?}");

    // Pages are slices of the same order.
    let second = console
        .review_enrichment(plan.job_id, &query(None, None, 10, 5))
        .await
        .expect("page");
    assert_eq!(second.lines, all.lines[10..15].to_vec());
    assert_eq!(second.counts, None, "later pages skip the counting");

    let matched = console
        .review_enrichment(
            plan.job_id,
            &query(Some(ReviewFacet::Matched), None, 0, 1_000),
        )
        .await
        .expect("matched");
    assert_eq!(matched.total, counts.matched);
    assert!(matched
        .lines
        .iter()
        .all(|l| !l.zi_id.is_empty() && l.status != "NOT_PROCESSED"));
    assert!(
        matched.lines.iter().any(|l| l.values[0].contains('@')),
        "the record's email is shown"
    );
    let pending = console
        .review_enrichment(
            plan.job_id,
            &query(Some(ReviewFacet::Pending), None, 0, 1_000),
        )
        .await
        .expect("pending");
    assert!(pending
        .lines
        .iter()
        .all(|l| l.status == "NOT_PROCESSED" && l.zi_id.is_empty()));

    // Text narrows to what was sent: one person's email finds that person.
    let someone = matched
        .lines
        .iter()
        .find(|l| l.sent.contains('@'))
        .expect("a line matched by email");
    let found = console
        .review_enrichment(
            plan.job_id,
            &query(None, Some(&someone.sent.to_uppercase()), 0, 10),
        )
        .await
        .expect("search");
    assert_eq!(found.lines, vec![someone.clone()]);
}
