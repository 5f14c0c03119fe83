//! A dry run counts in memory what planning stores: the same estimate, and nothing left
//! behind.

use std::path::{Path, PathBuf};

use zi_client::RecordKind;
use zi_core::enrich::EnrichRequest;
use zi_core::Console;
use zi_demo::sample::write_sample_file;
use zi_sim::SimConfig;

mod common;
use common::{demo, plan_and_run};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../../tests/fixtures")
        .join(name)
}

/// Enriches a file to the end, so the cache holds its matches and no-matches.
async fn warm_cache(console: &Console, kind: RecordKind, input: &Path) {
    plan_and_run(console, &EnrichRequest::for_file(kind, input), None).await;
}

#[tokio::test]
async fn a_dry_run_estimates_what_planning_stores_and_stores_nothing() {
    let dir = tempfile::tempdir().expect("dir");
    let console = demo(&dir.path().join("data"), SimConfig::unlimited()).await;
    let known = dir.path().join("known.csv");
    write_sample_file(RecordKind::Contact, 200, &known).expect("sample");
    warm_cache(&console, RecordKind::Contact, &known).await;

    // The same people and more, with duplicates in other spellings, invalid, blank and
    // ragged rows.
    let input = dir.path().join("bigger.csv");
    write_sample_file(RecordKind::Contact, 600, &input).expect("sample");
    let mut text = std::fs::read_to_string(&input).expect("read");
    text.push_str("Jane,Doe,  JANE.DOE@EXAMPLE.COM ,Acme,,\n");
    text.push_str("Jane,Doe,mailto:jane.doe@example.com,Acme,,dup\n");
    text.push_str(",,,,,\n\n");
    text.push_str("Cher,,,,,\n");
    text.push_str("Kim,Lee,,Globex\n");
    text.push_str("Kim,Lee\n");
    std::fs::write(&input, text).expect("write");

    for (round, max_age_days) in [None, Some(3)].into_iter().enumerate() {
        // Each round a file of its own, so the first round's job is not found again.
        let copy = dir.path().join(format!("bigger-{round}.csv"));
        std::fs::copy(&input, &copy).expect("copy");
        let mut req = EnrichRequest::for_file(RecordKind::Contact, &copy);
        req.max_age_days = max_age_days;
        let jobs_before = console.list_jobs().await.expect("jobs").len();
        let dry = console.estimate_enrichment(&req).await.expect("dry run");
        assert_eq!(dry.job_id, 0, "no job");
        assert_eq!(
            console.list_jobs().await.expect("jobs").len(),
            jobs_before,
            "a dry run stores no job"
        );
        let e = &dry.estimate;
        assert!(
            e.cached_keys > 100 && e.duplicate_rows > 0 && e.invalid_rows > 0 && e.to_send > 0,
            "{e:?}"
        );
        let planned = console.plan_enrichment(&req).await.expect("plan");
        assert_eq!(dry.estimate, planned.estimate);
        assert_eq!(dry.mapping, planned.mapping);
        assert_eq!(dry.headers, planned.headers);

        // With the job stored, a dry run reports that job.
        let again = console.estimate_enrichment(&req).await.expect("dry run");
        assert_eq!(again.job_id, planned.job_id);
        assert_eq!(again.estimate, planned.estimate);
    }
}

#[tokio::test]
async fn every_fixture_estimates_the_same_both_ways() {
    let dir = tempfile::tempdir().expect("dir");
    let console = demo(&dir.path().join("data"), SimConfig::unlimited()).await;
    warm_cache(&console, RecordKind::Contact, &fixture("contacts.csv")).await;
    warm_cache(&console, RecordKind::Company, &fixture("companies.csv")).await;
    for (kind, name) in [
        (RecordKind::Contact, "contacts.csv"),
        (RecordKind::Contact, "contacts.xlsx"),
        (RecordKind::Contact, "contacts.ods"),
        (RecordKind::Contact, "contacts.xls"),
        (RecordKind::Contact, "salesforce_contacts.csv"),
        (RecordKind::Contact, "hubspot_contacts.csv"),
        (RecordKind::Company, "companies.csv"),
        (RecordKind::Contact, "bad/semicolon.csv"),
        (RecordKind::Contact, "bad/utf16le.csv"),
        (RecordKind::Contact, "bad/windows1252.csv"),
        (RecordKind::Contact, "bad/ragged.csv"),
        (RecordKind::Contact, "bad/blank_lines.csv"),
        (RecordKind::Contact, "bad/quoted.csv"),
    ] {
        // A copy, so the fixture's job from warming the cache is not found again.
        let input = dir.path().join(name.replace('/', "_"));
        std::fs::copy(fixture(name), &input).expect("copy");
        let req = EnrichRequest::for_file(kind, &input);
        let dry = console.estimate_enrichment(&req).await.expect(name);
        let planned = console.plan_enrichment(&req).await.expect(name);
        assert_eq!(dry.estimate, planned.estimate, "{name}");
        assert_eq!(dry.mapping, planned.mapping, "{name}");
    }
}

#[tokio::test]
async fn a_dry_run_refuses_what_planning_refuses_with_the_same_words() {
    let dir = tempfile::tempdir().expect("dir");
    let console = demo(&dir.path().join("data"), SimConfig::unlimited()).await;
    let mut overridden = EnrichRequest::for_file(RecordKind::Contact, &fixture("contacts.csv"));
    overridden.mapping_overrides = vec!["Nope=email".into()];
    for req in [
        EnrichRequest::for_file(RecordKind::Contact, &fixture("bad/header_only.csv")),
        EnrichRequest::for_file(RecordKind::Contact, &fixture("bad/no_usable_column.csv")),
        EnrichRequest::for_file(RecordKind::Contact, &fixture("bad/unterminated_quote.csv")),
        EnrichRequest::for_file(RecordKind::Contact, &fixture("bad/binary.csv")),
        EnrichRequest::for_file(RecordKind::Contact, &dir.path().join("missing.csv")),
        overridden,
    ] {
        let dry = console
            .estimate_enrichment(&req)
            .await
            .expect_err("refused")
            .to_string();
        let planned = console
            .plan_enrichment(&req)
            .await
            .expect_err("refused")
            .to_string();
        assert_eq!(dry, planned);
    }
    assert!(console.list_jobs().await.expect("jobs").is_empty());
}
