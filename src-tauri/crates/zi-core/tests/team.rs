//! Team mode end to end: members' consoles, each with its own local data folder, enriching
//! against one simulated account and one real PostgreSQL server (started privately here).

use std::path::{Path, PathBuf};
use std::time::Duration;

use zi_client::{Credentials, RecordKind};
use zi_core::enrich::{EnrichRequest, JobControl, RunOptions, RunOutcome};
use zi_core::{ConnectionSettings, Console, Store};
use zi_demo::sample::write_sample_file;
use zi_sim::{SimConfig, SimHandle};
use zi_team::testing::TestServer;
use zi_team::{DatabaseAddress, TeamStore};

mod common;

/// A member's console: its own data folder, the shared account and team database.
async fn member(dir: &Path, name: &str, sim: &SimHandle, team_url: &str) -> Console {
    let store = Store::open(&dir.join(name).join("zi.sqlite"))
        .await
        .expect("store");
    let settings = ConnectionSettings {
        api_url: sim.url(),
        rate_per_second: 25,
        rate_per_minute: 1_500,
    };
    let config = SimConfig::unlimited();
    let credentials = Credentials::password(config.username, config.password);
    let console = Console::connect(store, &settings, credentials, None).expect("console");
    let address = DatabaseAddress::parse(team_url).expect("address");
    console.join_team(
        TeamStore::connect(&address, None, name)
            .await
            .expect("team"),
    );
    console
}

/// Rows `from..to` of one sample file, written as a file of their own.
fn slice(all: &Path, from: usize, to: usize, out: PathBuf) -> PathBuf {
    let text = std::fs::read_to_string(all).expect("sample");
    let mut lines = text.lines();
    let header = lines.next().expect("header");
    let rows: Vec<&str> = lines.skip(from).take(to - from).collect();
    std::fs::write(&out, format!("{header}\n{}\n", rows.join("\n"))).expect("slice");
    out
}

async fn run(console: &Console, file: &Path, budget: Option<u64>) -> RunOutcome {
    let request = EnrichRequest::for_file(RecordKind::Contact, file);
    common::plan_and_run(console, &request, budget).await.1
}

struct Team {
    dir: tempfile::TempDir,
    server: TestServer,
    url: String,
    sim: SimHandle,
    sample: PathBuf,
}

async fn team(config: SimConfig, rows: usize) -> Option<Team> {
    let server = TestServer::start()?;
    let url = server.url(&server.new_database());
    let dir = tempfile::tempdir().expect("dir");
    let sample = dir.path().join("all.csv");
    write_sample_file(RecordKind::Contact, rows, &sample).expect("sample");
    let sim = zi_sim::Sim::start(config).await.expect("sim");
    Some(Team {
        dir,
        server,
        url,
        sim,
        sample,
    })
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_members_enriching_overlapping_files_at_once_never_pay_twice_for_anyone() {
    let Some(t) = team(SimConfig::unlimited(), 600).await else {
        return;
    };
    let a = slice(&t.sample, 0, 400, t.dir.path().join("a.csv"));
    let b = slice(&t.sample, 200, 600, t.dir.path().join("b.csv"));
    let ana = member(t.dir.path(), "ana", &t.sim, &t.url).await;
    let ben = member(t.dir.path(), "ben", &t.sim, &t.url).await;

    let (ran_a, ran_b) = tokio::join!(run(&ana, &a, None), run(&ben, &b, None));
    assert_eq!(
        (ran_a.state.as_str(), ran_b.state.as_str()),
        ("completed", "completed")
    );
    let stats = t.sim.stats();
    assert_eq!(
        stats.credits_used, stats.distinct_records_charged,
        "a record was bought twice across the team"
    );
    assert_eq!(
        ran_a.credits_spent + ran_b.credits_spent,
        stats.credits_used,
        "the members' ledgers add up to what the account was charged"
    );
    // Each member gets every row back, the other's purchases included.
    for (console, file, job) in [(&ana, &a, 1), (&ben, &b, 1)] {
        let out = file.with_extension("out.csv");
        console
            .export_enrichment(job, &out, &[])
            .await
            .expect("export");
        let rows = std::fs::read_to_string(&out).expect("out").lines().count();
        assert_eq!(rows, 401, "{}", out.display());
    }
    let usage = ana.team_usage().await.expect("usage").expect("team mode");
    let by_member: u64 = usage.members.iter().map(|m| m.credits).sum();
    assert_eq!(
        by_member, stats.credits_used,
        "the team's ledger names who spent it all"
    );
    assert_eq!(usage.jobs.len(), 2);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_team_database_going_down_mid_job_stops_it_and_the_same_job_resumes_when_it_is_back() {
    let config = SimConfig {
        latency: Duration::from_millis(150),
        ..SimConfig::unlimited()
    };
    let Some(t) = team(config, 800).await else {
        return;
    };
    let ana = member(t.dir.path(), "ana", &t.sim, &t.url).await;
    let plan = ana
        .plan_enrichment(&EnrichRequest::for_file(RecordKind::Contact, &t.sample))
        .await
        .expect("plan");
    let running = {
        let ana = ana.clone();
        tokio::spawn(async move {
            ana.run_enrichment(
                plan.job_id,
                &RunOptions::default(),
                &JobControl::default(),
                |_| {},
            )
            .await
        })
    };
    while t.sim.stats().enrich_calls < 4 {
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    t.server.stop();
    let stopped = running.await.expect("task").expect("outcome");
    assert_eq!(stopped.state, "failed");
    let reason = stopped.stop_reason.unwrap_or_default();
    assert!(reason.contains("team database at 127.0.0.1:"), "{reason}");
    assert!(reason.contains("run the same job again"), "{reason}");
    assert!(!reason.contains(zi_team::testing::PASSWORD), "{reason}");
    assert!(stopped.keys_pending > 0, "stopped mid-job");

    t.server.start_again();
    let resumed = ana
        .run_enrichment(
            plan.job_id,
            &RunOptions::default(),
            &JobControl::default(),
            |_| {},
        )
        .await
        .expect("resumed");
    assert_eq!(resumed.state, "completed");
    let stats = t.sim.stats();
    assert_eq!(
        stats.credits_used, stats.distinct_records_charged,
        "an answer received during the outage was bought again"
    );
    assert_eq!(
        resumed.credits_spent, stats.credits_used,
        "every answer received is kept"
    );
    let usage = ana.team_usage().await.expect("usage").expect("team");
    assert_eq!(
        usage.members[0].credits, stats.credits_used,
        "and told to the team"
    );
}

#[tokio::test]
async fn a_member_stops_at_the_budget_the_team_set_and_others_are_not_held_by_it() {
    let Some(t) = team(SimConfig::unlimited(), 300).await else {
        return;
    };
    let ana = member(t.dir.path(), "ana", &t.sim, &t.url).await;
    ana.set_team_budget("ana", Some(40)).await.expect("budget");
    let first = run(&ana, &t.sample, None).await;
    assert_eq!(first.stop_code.as_deref(), Some("member_budget"));
    assert!(first.credits_spent <= 40, "{}", first.credits_spent);
    assert!(first
        .stop_reason
        .unwrap_or_default()
        .contains("team budget of 40"));

    let ben = member(t.dir.path(), "ben", &t.sim, &t.url).await;
    let other = run(&ben, &t.sample, None).await;
    assert_eq!(other.state, "completed", "Ben has no budget");
    assert_eq!(
        t.sim.stats().credits_used,
        t.sim.stats().distinct_records_charged
    );
}
