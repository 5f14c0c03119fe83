//! Bulk enrichment end to end against the simulator: what it costs, what comes back, and
//! that stopping and resuming never pays twice.

use std::path::{Path, PathBuf};

use zi_client::RecordKind;
use zi_core::enrich::{EnrichRequest, JobControl, PlanProgress};
use zi_core::Console;
use zi_demo::sample::write_sample_file;
use zi_sim::SimConfig;

mod common;
use common::{demo, plan_and_run};

struct Setup {
    _dir: tempfile::TempDir,
    data: PathBuf,
    input: PathBuf,
}

fn setup(kind: RecordKind, rows: usize) -> Setup {
    let dir = tempfile::tempdir().expect("dir");
    let data = dir.path().join("data");
    let input = dir.path().join(format!("{}.csv", kind.as_str()));
    write_sample_file(kind, rows, &input).expect("sample file");
    Setup {
        data,
        input,
        _dir: dir,
    }
}

/// Plans, runs to the end (or a stop) and exports; returns the output text.
async fn enrich_once(
    console: &Console,
    req: &EnrichRequest,
    budget: Option<u64>,
    out: &Path,
) -> (zi_core::enrich::RunOutcome, String) {
    let (plan, outcome) = plan_and_run(console, req, budget).await;
    console
        .export_enrichment(plan.job_id, out, &[])
        .await
        .expect("export");
    (outcome, std::fs::read_to_string(out).expect("output"))
}

#[tokio::test]
async fn credits_equal_distinct_matched_records_and_a_second_run_is_free() {
    let s = setup(RecordKind::Contact, 400);
    let console = demo(&s.data, SimConfig::unlimited()).await;
    let sim = zi_demo::simulator(&console).expect("sim").clone();
    let req = EnrichRequest::for_file(RecordKind::Contact, &s.input);

    let plan = console.plan_enrichment(&req).await.expect("plan");
    assert!(
        plan.estimate.duplicate_rows > 0 && plan.estimate.invalid_rows > 0,
        "{:?}",
        plan.estimate
    );
    assert_eq!(sim.stats().enrich_calls, 0, "planning spends nothing");

    let out = s.data.join("out.csv");
    let (outcome, first) = enrich_once(&console, &req, None, &out).await;
    assert_eq!(outcome.state, "completed");
    let stats = sim.stats();
    assert_eq!(
        stats.credits_used, stats.distinct_records_charged,
        "nobody bought twice"
    );
    assert_eq!(
        stats.credits_used, outcome.credits_spent,
        "the ledger agrees with the account"
    );
    assert!(
        stats.enrich_calls as u64 <= plan.estimate.to_send.div_ceil(25) + 1,
        "batches of 25"
    );

    let (again, second) = enrich_once(&console, &req, None, &s.data.join("out2.csv")).await;
    assert_eq!(
        sim.stats().credits_used,
        stats.credits_used,
        "a second run costs nothing"
    );
    assert_eq!(again.state, "completed");
    assert_eq!(first, second, "and gives the same file");
}

#[tokio::test]
async fn every_row_and_cell_is_kept_in_order_with_zi_columns_appended() {
    let s = setup(RecordKind::Contact, 120);
    let console = demo(&s.data, SimConfig::unlimited()).await;
    let out = s.data.join("out.csv");
    enrich_once(
        &console,
        &EnrichRequest::for_file(RecordKind::Contact, &s.input),
        None,
        &out,
    )
    .await;

    let mut input = csv::Reader::from_path(&s.input).expect("input");
    let mut output = csv::Reader::from_path(&out).expect("output");
    let in_headers = input.headers().expect("h").clone();
    let out_headers = output.headers().expect("h").clone();
    let n = in_headers.len();
    assert_eq!(
        out_headers.iter().take(n).collect::<Vec<_>>(),
        in_headers.iter().collect::<Vec<_>>()
    );
    assert_eq!(out_headers.get(n), Some("zi_match_status"));
    assert_eq!(out_headers.get(n + 1), Some("zi_id"));
    assert!(
        out_headers.iter().any(|h| h == "zi_email")
            && out_headers.iter().any(|h| h == "zi_jobTitle")
    );
    let ins: Vec<_> = input.records().map(|r| r.expect("row")).collect();
    let outs: Vec<_> = output.records().map(|r| r.expect("row")).collect();
    assert_eq!(ins.len(), outs.len(), "every row kept");
    for (a, b) in ins.iter().zip(&outs) {
        let kept: Vec<&str> = b
            .iter()
            .take(n)
            .map(|c| {
                c.strip_prefix('\'')
                    .filter(|r| r.starts_with('+'))
                    .unwrap_or(c)
            })
            .collect();
        assert_eq!(
            kept,
            a.iter()
                .map(|c| c
                    .strip_prefix('\'')
                    .filter(|r| r.starts_with('+'))
                    .unwrap_or(c))
                .collect::<Vec<_>>()
        );
    }
    let statuses: std::collections::HashSet<&str> = outs.iter().filter_map(|r| r.get(n)).collect();
    for expected in ["FULL_MATCH", "NO_MATCH", "INVALID_INPUT"] {
        assert!(statuses.contains(expected), "{expected} in {statuses:?}");
    }
    assert!(
        std::fs::read(&out)
            .expect("bytes")
            .starts_with(b"\xEF\xBB\xBF"),
        "UTF-8 BOM for Excel"
    );
}

#[tokio::test]
async fn the_budget_is_a_hard_cap_and_a_resume_finishes_the_file() {
    let s = setup(RecordKind::Contact, 300);
    let console = demo(&s.data, SimConfig::unlimited()).await;
    let sim = zi_demo::simulator(&console).expect("sim").clone();
    let req = EnrichRequest::for_file(RecordKind::Contact, &s.input);
    let (stopped, partial) =
        enrich_once(&console, &req, Some(50), &s.data.join("partial.csv")).await;
    assert_eq!(stopped.stop_code.as_deref(), Some("budget"));
    assert!(
        sim.stats().credits_used <= 50,
        "spent {}",
        sim.stats().credits_used
    );
    assert!(partial.contains("NOT_PROCESSED"));

    let (done, full) = enrich_once(&console, &req, None, &s.data.join("full.csv")).await;
    assert_eq!(done.state, "completed");
    assert_eq!(
        sim.stats().credits_used,
        sim.stats().distinct_records_charged,
        "the resume bought nothing twice"
    );

    let fresh = setup(RecordKind::Contact, 300);
    let reference = demo(&fresh.data, SimConfig::unlimited()).await;
    let (_, uninterrupted) = enrich_once(
        &reference,
        &EnrichRequest::for_file(RecordKind::Contact, &s.input),
        None,
        &fresh.data.join("ref.csv"),
    )
    .await;
    assert_eq!(full, uninterrupted, "same output as an uninterrupted run");
}

#[tokio::test]
async fn running_out_of_credits_stops_cleanly_and_resumes_when_credits_return() {
    let s = setup(RecordKind::Company, 200);
    let console = demo(
        &s.data,
        SimConfig {
            credit_limit: Some(40),
            ..SimConfig::unlimited()
        },
    )
    .await;
    let sim = zi_demo::simulator(&console).expect("sim").clone();
    let req = EnrichRequest::for_file(RecordKind::Company, &s.input);
    let (stopped, _) = enrich_once(&console, &req, None, &s.data.join("a.csv")).await;
    assert_eq!(
        stopped.stop_code.as_deref(),
        Some("credit_limit"),
        "{stopped:?}"
    );
    assert!(stopped
        .stop_reason
        .as_deref()
        .unwrap_or("")
        .contains("out of credits"));
    assert_eq!(sim.stats().credits_used, 40);

    sim.knobs().set_credit_limit(None);
    let (done, _) = enrich_once(&console, &req, None, &s.data.join("b.csv")).await;
    assert_eq!(done.state, "completed");
    assert_eq!(
        sim.stats().credits_used,
        sim.stats().distinct_records_charged
    );
}

#[tokio::test]
async fn a_cache_shared_across_files_makes_the_overlap_free() {
    let s = setup(RecordKind::Contact, 200);
    let console = demo(&s.data, SimConfig::unlimited()).await;
    let sim = zi_demo::simulator(&console).expect("sim").clone();
    enrich_once(
        &console,
        &EnrichRequest::for_file(RecordKind::Contact, &s.input),
        None,
        &s.data.join("a.csv"),
    )
    .await;
    let spent = sim.stats().credits_used;
    // A second file: the same people plus more.
    let bigger = s.data.join("bigger.csv");
    write_sample_file(RecordKind::Contact, 300, &bigger).expect("sample");
    let plan = console
        .plan_enrichment(&EnrichRequest::for_file(RecordKind::Contact, &bigger))
        .await
        .expect("plan");
    assert!(plan.estimate.cached_keys > 150, "{:?}", plan.estimate);
    enrich_once(
        &console,
        &EnrichRequest::for_file(RecordKind::Contact, &bigger),
        None,
        &s.data.join("b.csv"),
    )
    .await;
    assert_eq!(
        sim.stats().credits_used,
        sim.stats().distinct_records_charged,
        "the overlap was not bought again"
    );
    assert!(sim.stats().credits_used > spent);
}

#[tokio::test]
async fn a_file_with_nothing_to_match_on_names_its_columns() {
    let dir = tempfile::tempdir().expect("dir");
    let input = dir.path().join("notes.csv");
    std::fs::write(&input, "Notes,Score\nhello,3\n").expect("write");
    let console = demo(&dir.path().join("data"), SimConfig::unlimited()).await;
    let error = console
        .plan_enrichment(&EnrichRequest::for_file(RecordKind::Contact, &input))
        .await
        .expect_err("refused");
    let message = error.to_string();
    assert!(
        message.contains("Notes") && message.contains("Score") && message.contains("Email"),
        "{message}"
    );
}

#[tokio::test]
async fn xlsx_output_keeps_rows_and_neutralizes_formulas() {
    let dir = tempfile::tempdir().expect("dir");
    let input = dir.path().join("in.csv");
    std::fs::write(
        &input,
        "Name,Email,Comment\nEve,=cmd|'/c calc'!A1,@SUM(1)\n",
    )
    .expect("write");
    let console = demo(&dir.path().join("data"), SimConfig::unlimited()).await;
    let out = dir.path().join("out.xlsx");
    let mut req = EnrichRequest::for_file(RecordKind::Contact, &input);
    req.mapping_overrides = vec!["Name=full_name".into()];
    // The only row has no usable key: nothing is bought, and the file still comes back whole.
    let (plan, _) = plan_and_run(&console, &req, None).await;
    assert_eq!(plan.estimate.invalid_rows, 1);
    console
        .export_enrichment(plan.job_id, &out, &[])
        .await
        .expect("export");
    let mut book: calamine::Xlsx<_> = calamine::open_workbook(&out).expect("xlsx");
    let sheet = calamine::Reader::worksheet_range_at(&mut book, 0)
        .expect("sheet")
        .expect("range");
    let cells: Vec<String> = sheet
        .rows()
        .nth(1)
        .expect("row")
        .iter()
        .map(|c| c.to_string())
        .collect();
    assert_eq!(cells[0], "Eve");
    assert!(cells[1].starts_with("'="), "{cells:?}");
    assert!(cells[2].starts_with("'@"), "{cells:?}");
    assert_eq!(cells[3], "INVALID_INPUT");
}

#[tokio::test]
async fn planning_reports_the_rows_read_and_a_cancelled_plan_leaves_nothing() {
    let s = setup(RecordKind::Contact, 12_000);
    let console = demo(&s.data, SimConfig::unlimited()).await;
    let req = EnrichRequest::for_file(RecordKind::Contact, &s.input);

    let cancelled = JobControl::default();
    cancelled.cancel();
    let error = console
        .plan_enrichment_with(&req, &cancelled, |_| {})
        .await
        .expect_err("a cancelled plan stops");
    assert!(matches!(error, zi_core::CoreError::Cancelled), "{error}");
    assert!(
        console.list_jobs().await.expect("jobs").is_empty(),
        "a cancelled plan leaves no job behind"
    );

    let mut reports: Vec<PlanProgress> = Vec::new();
    let plan = console
        .plan_enrichment_with(&req, &JobControl::default(), |p| reports.push(p.clone()))
        .await
        .expect("plan");
    assert_eq!(plan.estimate.rows, 12_000);
    assert!(
        !plan.resumed,
        "the cancelled attempt left nothing to resume"
    );
    assert_eq!(
        reports.last(),
        Some(&PlanProgress {
            rows_read: 12_000,
            reading: false
        }),
        "{reports:?}"
    );
    assert!(
        reports.windows(2).all(|w| w[0].rows_read <= w[1].rows_read),
        "{reports:?}"
    );
}

#[tokio::test]
async fn requests_in_flight_when_a_run_is_dropped_are_disclosed_once_on_resume() {
    let s = setup(RecordKind::Contact, 800);
    let console = demo(
        &s.data,
        SimConfig {
            latency: std::time::Duration::from_millis(300),
            ..SimConfig::unlimited()
        },
    )
    .await;
    let sim = zi_demo::simulator(&console).expect("sim").clone();
    let req = EnrichRequest::for_file(RecordKind::Contact, &s.input);
    let plan = console.plan_enrichment(&req).await.expect("plan");

    // The app quits mid-run: the run is dropped with its second wave of requests in flight.
    let (options, control) = (
        zi_core::enrich::RunOptions::default(),
        JobControl::default(),
    );
    // Dropped once the simulator has received enrich requests, well within their 300 ms of
    // latency (waiting on the simulator, not the clock, so a busy machine cannot miss it).
    let run = console.run_enrichment(plan.job_id, &options, &control, |_| {});
    let in_flight = async {
        while sim.stats().enrich_calls == 0 {
            tokio::time::sleep(std::time::Duration::from_millis(5)).await;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    };
    let dropped = tokio::select! {
        finished = run => Some(finished),
        () = in_flight => None,
    };
    assert!(dropped.is_none(), "the run was still going");
    let jobs = console.list_jobs().await.expect("jobs");
    assert_eq!(
        jobs[0].possibly_charged_twice, 0,
        "nothing is known before the job runs again"
    );
    // Let the simulator finish (and charge) what was in flight.
    tokio::time::sleep(std::time::Duration::from_millis(500)).await;

    let out = s.data.join("out.csv");
    let (outcome, _) = enrich_once(&console, &req, None, &out).await;
    assert_eq!(outcome.state, "completed");
    let stats = sim.stats();
    let paid_twice = stats.credits_used - stats.distinct_records_charged;
    let disclosed = console
        .store()
        .charged_twice(plan.job_id)
        .await
        .expect("ledger");
    assert!(!disclosed.is_empty(), "requests were in flight");
    assert!(disclosed.iter().all(|d| d.reason == "interrupted"));
    assert!(
        disclosed.len() <= 8,
        "no more than the batches in flight: {disclosed:?}"
    );
    assert!(
        outcome.possibly_charged_twice >= paid_twice,
        "{} disclosed, {paid_twice} paid twice",
        outcome.possibly_charged_twice
    );

    // Running the finished job again discloses nothing more.
    let (again, _) = enrich_once(&console, &req, None, &s.data.join("out2.csv")).await;
    assert_eq!(again.possibly_charged_twice, outcome.possibly_charged_twice);
    let jobs = console.list_jobs().await.expect("jobs");
    assert_eq!(
        jobs[0].possibly_charged_twice,
        outcome.possibly_charged_twice
    );
}
