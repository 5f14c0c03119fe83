//! Reviewing an enrichment key by key against the simulator: outcomes add up, pages follow the
//! file, filters narrow, and the shown fields are the record's.

use zi_client::RecordKind;
use zi_core::enrich::{EnrichRequest, ReviewFacet, ReviewQuery};
use zi_demo::sample::write_sample_file;
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

#[tokio::test]
async fn low_confidence_matches_have_their_own_facet_and_count() {
    let dir = tempfile::tempdir().expect("dir");
    let input = dir.path().join("contacts.csv");
    write_sample_file(RecordKind::Contact, 300, &input).expect("sample");
    let console = demo(&dir.path().join("data"), SimConfig::unlimited()).await;
    let request = EnrichRequest::for_file(RecordKind::Contact, &input);
    let (plan, outcome) = plan_and_run(&console, &request, None).await;
    assert_eq!(outcome.state, "completed");

    let scored = |facet| ReviewQuery {
        facet,
        text: None,
        offset: 0,
        limit: 1_000,
        columns: vec!["contactAccuracyScore".into()],
    };
    let matched = console
        .review_enrichment(plan.job_id, &scored(Some(ReviewFacet::Matched)))
        .await
        .expect("matched");
    let under: Vec<&str> = matched
        .lines
        .iter()
        .map(|l| l.values[0].as_str())
        .filter(|score| score.parse::<f64>().expect("a score") < 85.0)
        .collect();
    assert!(
        !under.is_empty() && under.len() < matched.lines.len(),
        "{under:?}"
    );

    let low = console
        .review_enrichment(plan.job_id, &scored(Some(ReviewFacet::LowConfidence)))
        .await
        .expect("low confidence");
    let counts = low.counts.expect("counts");
    assert_eq!(counts.low_confidence_below, 85);
    assert_eq!(counts.low_confidence, under.len() as u64);
    assert_eq!(low.total, counts.low_confidence);
    assert!(low
        .lines
        .iter()
        .all(|l| l.values[0].parse::<f64>().expect("score") < 85.0 && !l.zi_id.is_empty()));

    // The exported file counts the same rows' worth of people.
    let summary = console
        .export_enrichment(plan.job_id, &dir.path().join("out.csv"), &[])
        .await
        .expect("export");
    assert!(
        summary.low_confidence >= counts.low_confidence,
        "{summary:?}"
    );
    assert!(summary.low_confidence <= summary.matched);

    // Companies have no score: nothing is low confidence.
    let companies = dir.path().join("companies.csv");
    write_sample_file(RecordKind::Company, 40, &companies).expect("sample");
    let (company_plan, _) = plan_and_run(
        &console,
        &EnrichRequest::for_file(RecordKind::Company, &companies),
        None,
    )
    .await;
    let review = console
        .review_enrichment(
            company_plan.job_id,
            &ReviewQuery {
                facet: Some(ReviewFacet::LowConfidence),
                text: None,
                offset: 0,
                limit: 100,
                columns: vec![],
            },
        )
        .await
        .expect("company review");
    assert_eq!(review.total, 0);
    assert_eq!(review.counts.expect("counts").low_confidence, 0);
}
