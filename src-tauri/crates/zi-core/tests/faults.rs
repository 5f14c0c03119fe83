//! Enrichment under the faults a real account meets, one scenario each, against the simulator's
//! fault knobs: an outage of several seconds (every request 503), 5% 500s, 5% 429s without
//! Retry-After, 3% truncated JSON, slow answers, tokens that die mid-run, and the account's
//! credit limit reached mid-job. For each: the job completes, or stops cleanly with a plain
//! reason and completes when run again; the output equals an undisturbed run's row for row; and
//! no record is paid for twice (credits charged = distinct records, and the ledger agrees).
//!
//! `ZI_FAULT_ROWS` sets the file size (default 300; the long variant uses a few thousand).

use std::future::Future;
use std::path::{Path, PathBuf};
use std::time::Duration;

use zi_client::RecordKind;
use zi_core::enrich::{EnrichRequest, RunOutcome};
use zi_core::Console;
use zi_demo::sample::write_sample_file;
use zi_sim::{SimConfig, SimHandle};

mod common;
use common::{demo, plan_and_run};

fn rows() -> usize {
    std::env::var("ZI_FAULT_ROWS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(300)
}

/// Plans and runs the file once; the output is written only when the run completed.
async fn run_once(console: &Console, input: &Path, output: &Path) -> RunOutcome {
    let request = EnrichRequest::for_file(RecordKind::Contact, input);
    let (plan, outcome) = plan_and_run(console, &request, None).await;
    if outcome.state == "completed" {
        console
            .export_enrichment(plan.job_id, output, &[])
            .await
            .expect("export");
    }
    outcome
}

/// The output of an undisturbed run of `input`.
async fn reference(input: &Path, dir: &Path) -> String {
    let console = demo(&dir.join("reference"), SimConfig::unlimited()).await;
    let output = dir.join("reference.csv");
    let outcome = run_once(&console, input, &output).await;
    assert_eq!(outcome.state, "completed", "{outcome:?}");
    std::fs::read_to_string(output).expect("reference output")
}

struct Scenario {
    _dir: tempfile::TempDir,
    input: PathBuf,
    console: Console,
    sim: SimHandle,
    expected: String,
}

async fn scenario(config: SimConfig) -> Scenario {
    let dir = tempfile::tempdir().expect("dir");
    let input = dir.path().join("contacts.csv");
    write_sample_file(RecordKind::Contact, rows(), &input).expect("sample");
    let expected = reference(&input, dir.path()).await;
    let console = demo(&dir.path().join("data"), config).await;
    let sim = zi_demo::simulator(&console).expect("simulator").clone();
    // The account's field list is read once per session, before anything is enriched (through
    // the same faults); the counting starts after it, so the figures below are the enrich
    // requests' own.
    console
        .output_columns(RecordKind::Contact)
        .await
        .expect("the account's fields");
    sim.reset_stats();
    Scenario {
        _dir: dir,
        input,
        console,
        sim,
        expected,
    }
}

impl Scenario {
    /// Runs the job, running it again after each clean stop (calling `between` first), until
    /// it completes; then checks the output and what was charged.
    async fn run_to_completion<F, Fut>(&self, mut between: F) -> Vec<RunOutcome>
    where
        F: FnMut(SimHandle) -> Fut,
        Fut: Future<Output = ()>,
    {
        let output = self._dir.path().join("out.csv");
        let mut outcomes = Vec::new();
        for _ in 0..6 {
            let outcome = run_once(&self.console, &self.input, &output).await;
            let done = outcome.state == "completed";
            if !done {
                assert!(
                    matches!(outcome.state.as_str(), "stopped" | "failed"),
                    "a clean stop: {outcome:?}"
                );
                let reason = outcome.stop_reason.as_deref().unwrap_or_default();
                assert!(
                    !reason.is_empty() && !reason.contains("panicked"),
                    "a plain reason: {outcome:?}"
                );
            }
            outcomes.push(outcome);
            if done {
                break;
            }
            between(self.sim.clone()).await;
        }
        assert_eq!(
            outcomes.last().map(|o| o.state.as_str()),
            Some("completed"),
            "{outcomes:?}"
        );
        let written = std::fs::read_to_string(&output).expect("output");
        assert!(
            written == self.expected,
            "the output differs from an undisturbed run's"
        );
        let stats = self.sim.stats();
        assert_eq!(
            stats.credits_used, stats.distinct_records_charged,
            "a record was paid for twice: {stats:?}"
        );
        // A job's outcome counts all it spent, over every run.
        let ledger = outcomes.last().map(|o| o.credits_spent).unwrap_or(0);
        assert_eq!(
            stats.credits_used, ledger,
            "the ledger agrees with the account"
        );
        // Every truncated answer may have been charged (ZoomInfo bills what it answers) and was
        // sent again: each is disclosed, and nothing else is.
        let job_id = outcomes.last().map(|o| o.job_id).unwrap_or_default();
        let disclosed = self
            .console
            .store()
            .charged_twice(job_id)
            .await
            .expect("ledger");
        assert_eq!(
            disclosed.len() as u64,
            stats.truncated,
            "one entry per truncated answer: {disclosed:?}"
        );
        assert!(disclosed.iter().all(|d| d.reason == "unreadable_answer"));
        let records: i64 = disclosed.iter().map(|d| d.records).sum();
        assert_eq!(
            outcomes.last().map(|o| o.possibly_charged_twice),
            Some(records as u64)
        );
        outcomes
    }
}

/// Nothing to change between runs.
async fn nothing(_: SimHandle) {}

#[tokio::test]
async fn an_outage_of_several_seconds_mid_job() {
    let s = scenario(SimConfig {
        rate_per_sec: 10,
        ..SimConfig::unlimited()
    })
    .await;
    let sim = s.sim.clone();
    tokio::spawn(async move {
        tokio::time::sleep(Duration::from_millis(300)).await;
        sim.knobs().start_outage(Duration::from_secs(3));
    });
    s.run_to_completion(|_| async {
        // Stopped by the outage: wait for it to end, as a user would, then run again.
        tokio::time::sleep(Duration::from_secs(3)).await;
    })
    .await;
    assert!(s.sim.stats().server_errors > 0, "the outage happened");
}

#[tokio::test]
async fn five_percent_server_errors() {
    let s = scenario(SimConfig {
        share_500: 0.05,
        ..SimConfig::unlimited()
    })
    .await;
    s.run_to_completion(nothing).await;
}

#[tokio::test]
async fn five_percent_rate_limited_without_retry_after() {
    let s = scenario(SimConfig {
        share_429: 0.05,
        ..SimConfig::unlimited()
    })
    .await;
    s.run_to_completion(nothing).await;
}

#[tokio::test]
async fn three_percent_truncated_answers() {
    let s = scenario(SimConfig {
        share_truncated: 0.03,
        ..SimConfig::unlimited()
    })
    .await;
    // A dozen requests may all come back whole at 3%; the long variant meets truncation for sure.
    s.run_to_completion(nothing).await;
}

#[tokio::test]
async fn half_the_answers_truncated_are_each_disclosed() {
    let s = scenario(SimConfig {
        share_truncated: 0.5,
        ..SimConfig::unlimited()
    })
    .await;
    let outcomes = s
        .run_to_completion(|sim| {
            // Five unreadable answers in a row stop a run; the next one meets fewer.
            sim.knobs().set_share_truncated(0.2);
            async {}
        })
        .await;
    let truncated = s.sim.stats().truncated;
    assert!(truncated > 0, "the fault happened");
    let last = outcomes.last().expect("runs");
    assert!(
        last.possibly_charged_twice >= truncated,
        "at least one record per unreadable answer: {last:?}"
    );
}

#[tokio::test]
async fn slow_answers() {
    let s = scenario(SimConfig {
        latency: Duration::from_millis(400),
        ..SimConfig::unlimited()
    })
    .await;
    s.run_to_completion(nothing).await;
}

#[tokio::test]
async fn tokens_that_die_mid_run() {
    let s = scenario(SimConfig {
        // Tokens that die after 5 s, a job paced to outlive several of them, and every token
        // revoked once mid-run as well (401 for the next request).
        token_lifetime: Duration::from_secs(5),
        rate_per_sec: (rows() as u32 / 150).max(2),
        ..SimConfig::unlimited()
    })
    .await;
    let sim = s.sim.clone();
    tokio::spawn(async move {
        tokio::time::sleep(Duration::from_millis(700)).await;
        sim.knobs().revoke_all_tokens();
    });
    s.run_to_completion(nothing).await;
    let stats = s.sim.stats();
    assert!(stats.logins >= 3, "tokens were renewed: {stats:?}");
}

#[tokio::test]
async fn the_credit_limit_reached_mid_job() {
    let s = scenario(SimConfig {
        credit_limit: Some(60),
        ..SimConfig::unlimited()
    })
    .await;
    let outcomes = s
        .run_to_completion(|sim| {
            // The account admin buys more credits.
            sim.knobs().set_credit_limit(None);
            async {}
        })
        .await;
    assert_eq!(
        outcomes[0].stop_code.as_deref(),
        Some("credit_limit"),
        "{:?}",
        outcomes[0]
    );
    assert!(outcomes.len() >= 2);
}
