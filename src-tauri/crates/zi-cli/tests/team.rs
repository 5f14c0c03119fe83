//! `zi enrich` in team mode against a real PostgreSQL (started privately here): the database
//! going away mid-job stops it with a message naming the database, and the same command
//! resumes it once the database is back, paying for nothing twice.

mod common;

use std::process::{Command as StdCommand, Stdio};
use std::time::Duration;

use common::{account_credits, assert_plain, sample, sim_serve, text, zi};
use zi_team::testing::TestServer;

#[test]
fn the_team_database_going_away_mid_job_stops_zi_enrich_and_the_same_command_resumes_it() {
    let Some(server) = TestServer::start() else {
        return;
    };
    let url = server.url(&server.new_database());
    let sim = sim_serve(&["--latency-ms", "1000"]);
    let dir = tempfile::tempdir().expect("dir");
    let data = tempfile::tempdir().expect("data");
    let input = sample(dir.path(), "contact", 900);
    let output = dir.path().join("out.csv");
    let enrich = || {
        let mut cmd = zi(&sim.url, &data);
        cmd.env("ZI_DATABASE_URL", &url)
            .env("ZI_TEAM_MEMBER", "dana")
            .args(["enrich", "contact"])
            .arg(&input)
            .arg("--output")
            .arg(&output)
            .arg("--yes");
        cmd
    };

    // Started, then the database stops under it.
    let child = StdCommand::new(env!("CARGO_BIN_EXE_zi"))
        .env("ZI_API_URL", &sim.url)
        .env("ZI_USERNAME", common::USER)
        .env("ZI_PASSWORD", common::PASSWORD)
        .env("ZI_DATA_DIR", data.path())
        .env("ZI_DATABASE_URL", &url)
        .env("ZI_TEAM_MEMBER", "dana")
        .args(["enrich", "contact"])
        .arg(&input)
        .arg("--output")
        .arg(&output)
        .arg("--yes")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("zi");
    std::thread::sleep(Duration::from_millis(2_000));
    server.stop();
    let stopped = child.wait_with_output().expect("zi ends");
    let stderr = text(&stopped.stderr);
    assert!(
        !stopped.status.success(),
        "zi enrich went on without the team database"
    );
    assert!(
        stderr.contains("team database at 127.0.0.1:") && stderr.contains("cannot be reached"),
        "{stderr}"
    );
    assert_plain(&stderr);
    assert!(!stderr.contains(zi_team::testing::PASSWORD), "{stderr}");
    assert!(!output.exists(), "no partial file is written");

    // Back: the same command finishes the job.
    server.start_again();
    let resumed = enrich().output().expect("zi");
    assert!(resumed.status.success(), "{}", text(&resumed.stderr));
    let rows = std::fs::read_to_string(&output)
        .expect("output")
        .lines()
        .count();
    assert_eq!(rows, 901, "every row kept");
    let (records, distinct) = account_credits(&sim.url, &data);
    assert_eq!(records, distinct, "nothing was paid for twice");

    // And the team's ledger knows who spent it.
    let usage = zi(&sim.url, &data)
        .env("ZI_DATABASE_URL", &url)
        .args(["team", "usage", "--json"])
        .output()
        .expect("zi team usage");
    assert!(usage.status.success(), "{}", text(&usage.stderr));
    let json: serde_json::Value = serde_json::from_slice(&usage.stdout).expect("json");
    assert_eq!(json["members"][0]["member"], "dana");
    assert_eq!(json["members"][0]["credits"].as_i64(), Some(records));
}
