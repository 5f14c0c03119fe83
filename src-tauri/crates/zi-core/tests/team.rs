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

/// Ana and Ben, each with a file of 400 rows overlapping the other's by 200, enriched at once.
struct Overlapping {
    ana: Console,
    ben: Console,
    a: PathBuf,
    b: PathBuf,
    ran_a: RunOutcome,
    ran_b: RunOutcome,
}

async fn enrich_overlapping(t: &Team) -> Overlapping {
    let a = slice(&t.sample, 0, 400, t.dir.path().join("a.csv"));
    let b = slice(&t.sample, 200, 600, t.dir.path().join("b.csv"));
    let ana = member(t.dir.path(), "ana", &t.sim, &t.url).await;
    let ben = member(t.dir.path(), "ben", &t.sim, &t.url).await;
    let (ran_a, ran_b) = tokio::join!(run(&ana, &a, None), run(&ben, &b, None));
    assert_eq!(
        (ran_a.state.as_str(), ran_b.state.as_str()),
        ("completed", "completed")
    );
    Overlapping {
        ana,
        ben,
        a,
        b,
        ran_a,
        ran_b,
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_members_enriching_overlapping_files_at_once_never_pay_twice_for_anyone() {
    let Some(t) = team(SimConfig::unlimited(), 600).await else {
        return;
    };
    let Overlapping {
        ana,
        ben,
        a,
        b,
        ran_a,
        ran_b,
    } = enrich_overlapping(&t).await;
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

/// A data connector's API: answers a title for any email after a short delay (so two members
/// reach the same inputs at once), and counts the calls per email.
struct ConnectorApi {
    url: String,
    calls: std::sync::Arc<std::sync::Mutex<std::collections::HashMap<String, u32>>>,
}

impl ConnectorApi {
    async fn start() -> ConnectorApi {
        use axum::extract::{Query, State};
        type Calls = std::sync::Arc<std::sync::Mutex<std::collections::HashMap<String, u32>>>;
        async fn person(
            State(calls): State<Calls>,
            Query(query): Query<std::collections::HashMap<String, String>>,
        ) -> axum::Json<serde_json::Value> {
            let email = query.get("email").cloned().unwrap_or_default();
            *calls
                .lock()
                .expect("calls")
                .entry(email.clone())
                .or_default() += 1;
            tokio::time::sleep(Duration::from_millis(40)).await;
            axum::Json(serde_json::json!({ "title": format!("Title of {email}") }))
        }
        let calls = Calls::default();
        let app = axum::Router::new()
            .route("/people", axum::routing::get(person))
            .with_state(calls.clone());
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind");
        let url = format!("http://{}", listener.local_addr().expect("address"));
        tokio::spawn(async move { axum::serve(listener, app).await });
        ConnectorApi { url, calls }
    }

    fn step(&self) -> zi_core::enrich::ConnectorStep {
        let connector: zi_connect::Connector = serde_json::from_value(serde_json::json!({
            "name": "Acme People", "baseUrl": self.url, "category": "Enrichment",
            "auth": {"method": "none"}, "ratePerSecond": 200,
            "actions": [{"name": "person by email", "category": "Enrich", "requestType": "GET",
                         "endpoint": "/people?email={email}", "output": {"title": "…"}}]
        }))
        .expect("connector");
        let client = zi_connect::ConnectorClient::new(connector, None).expect("client");
        zi_core::enrich::ConnectorStep::new(client, None).expect("step")
    }

    /// (calls in all, distinct emails asked)
    fn calls(&self) -> (u32, usize) {
        let calls = self.calls.lock().expect("calls");
        (calls.values().sum(), calls.len())
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn members_asking_a_data_connector_about_overlapping_rows_at_once_make_one_call_per_input() {
    let Some(t) = team(SimConfig::unlimited(), 600).await else {
        return;
    };
    let api = ConnectorApi::start().await;
    let Overlapping { ana, ben, b, .. } = enrich_overlapping(&t).await;

    let step = [api.step()];
    let (asked_a, asked_b) = tokio::join!(
        ana.run_connectors(1, &step, |_| {}),
        ben.run_connectors(1, &step, |_| {})
    );
    let (asked_a, asked_b) = (
        asked_a.expect("ana's waterfall"),
        asked_b.expect("ben's waterfall"),
    );
    let (calls, distinct) = api.calls();
    assert!(distinct > 0, "the sample has people ZoomInfo does not know");
    assert_eq!(
        calls as usize, distinct,
        "an input was asked twice across the team"
    );
    assert!(
        asked_a[0].asked + asked_b[0].asked > u64::from(calls),
        "the files overlap: some of one member's rows were answered by the other's calls"
    );
    assert_eq!(
        asked_a[0].calls + asked_b[0].calls,
        u64::from(calls),
        "each member counts only the calls it made"
    );
    let with_email = |run: &zi_core::enrich::ConnectorRun| run.asked - run.no_input;
    assert_eq!(
        asked_a[0].matched + asked_b[0].matched,
        with_email(&asked_a[0]) + with_email(&asked_b[0]),
        "every input asked has its answer, from a call or a colleague's"
    );

    // A third member with the second file: ZoomInfo's answers and the connector's come from the
    // team, and the estimate says so before anything is asked.
    let cy = member(t.dir.path(), "cy", &t.sim, &t.url).await;
    let ran_c = run(&cy, &b, None).await;
    assert_eq!(ran_c.credits_spent, 0, "bought by the team already");
    let estimate = cy.estimate_connectors(1, &step).await.expect("estimate");
    assert_eq!(estimate[0].at_most_calls, 0, "{estimate:?}");
    assert_eq!(estimate[0].from_cache, with_email(&asked_b[0]));
    let asked_c = cy
        .run_connectors(1, &step, |_| {})
        .await
        .expect("cy's waterfall");
    assert_eq!(
        (asked_c[0].calls, asked_c[0].from_cache),
        (0, with_email(&asked_b[0]))
    );
    assert_eq!(api.calls().0, calls, "nothing asked again");
    let out = t.dir.path().join("cy.csv");
    cy.export_enrichment(1, &out, &[]).await.expect("export");
    let text = std::fs::read_to_string(&out).expect("out");
    assert!(text
        .lines()
        .next()
        .unwrap_or("")
        .ends_with(",acme_people_title"));
    assert!(
        text.matches(",Title of ").count() as u64 >= with_email(&asked_b[0]),
        "every row ZoomInfo did not match has the connector's answer, asked by a colleague"
    );
    let usage = cy.team_usage().await.expect("usage").expect("team");
    assert_eq!(
        usage.connector_calls.iter().map(|c| c.calls).sum::<u64>(),
        u64::from(calls),
        "the team's usage names who made the calls"
    );
}
