//! The `zi` forms outside scripts rely on, run as a user would against `zi sim serve`
//! in a hostile setting: latency, 429s without Retry-After, 500s and truncated answers.

mod common;

use common::*;

const HOSTILE: &[&str] = &[
    "--latency-ms",
    "20",
    "--share-429",
    "0.15",
    "--share-500",
    "0.1",
    "--share-truncated",
    "0.05",
];

#[test]
fn usage_json_has_zoominfos_field_names_despite_faults() {
    let sim = sim_serve(HOSTILE);
    let data = tempfile::tempdir().expect("dir");
    let out = zi(&sim.url, &data)
        .args(["usage", "--json"])
        .output()
        .expect("runs");
    assert_plain(&text(&out.stderr));
    assert!(out.status.success(), "{}", text(&out.stderr));
    let limits: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON on stdout");
    let limits = limits.as_array().expect("a list of limits");
    let record = limits
        .iter()
        .find(|l| l["limitType"] == "recordLimit")
        .expect("recordLimit present");
    for field in ["limit", "currentUsage", "usageRemaining"] {
        assert!(record[field].is_number(), "{field} in {record}");
    }
}

#[test]
fn usage_prints_a_table_by_default() {
    let sim = sim_serve(&[]);
    let data = tempfile::tempdir().expect("dir");
    let out = zi(&sim.url, &data).arg("usage").output().expect("runs");
    assert!(out.status.success());
    let stdout = text(&out.stdout);
    assert!(
        stdout.contains("recordLimit") && stdout.contains("Remaining"),
        "{stdout}"
    );
}

#[test]
fn search_to_csv_stops_at_the_ceiling_and_says_so() {
    let sim = sim_serve(HOSTILE);
    let data = tempfile::tempdir().expect("dir");
    let file = data.path().join("contacts.csv");
    let out = zi(&sim.url, &data)
        .args(["search", "contact", "--output"])
        .arg(&file)
        .output()
        .expect("runs");
    let stderr = text(&out.stderr);
    assert_plain(&stderr);
    assert!(out.status.success(), "{stderr}");
    assert!(
        stderr.contains("Stopped at 1,000 records, the API's limit"),
        "{stderr}"
    );
    assert!(stderr.contains("narrow the search"), "{stderr}");
    let mut reader = csv::Reader::from_path(&file).expect("CSV");
    let headers = reader.headers().expect("header row").clone();
    assert!(
        headers.iter().any(|h| h == "id") && headers.iter().any(|h| h == "lastName"),
        "{headers:?}"
    );
    let rows: Vec<_> = reader.records().collect::<Result<_, _>>().expect("rows");
    assert_eq!(rows.len(), 1_000);
}

#[test]
fn search_with_filters_and_max_writes_json() {
    let sim = sim_serve(&[]);
    let data = tempfile::tempdir().expect("dir");
    let file = data.path().join("companies.json");
    let out = zi(&sim.url, &data)
        .args([
            "search",
            "company",
            "--field",
            "country=United States",
            "--max",
            "150",
            "--output",
        ])
        .arg(&file)
        .output()
        .expect("runs");
    assert!(out.status.success(), "{}", text(&out.stderr));
    let records: Vec<serde_json::Value> =
        serde_json::from_str(&std::fs::read_to_string(&file).expect("file")).expect("JSON array");
    assert_eq!(records.len(), 150);
    assert!(records
        .iter()
        .all(|r| r["id"].is_number() && r["name"].is_string()));
    assert!(
        !text(&out.stderr).contains("Stopped at"),
        "no ceiling notice for a small --max"
    );
}

#[test]
fn search_without_output_prints_a_table() {
    let sim = sim_serve(&[]);
    let data = tempfile::tempdir().expect("dir");
    let out = zi(&sim.url, &data)
        .args(["search", "contact", "--max", "5"])
        .output()
        .expect("runs");
    assert!(out.status.success());
    let stdout = text(&out.stdout);
    assert!(
        stdout.contains("Last name") && stdout.contains("Job title"),
        "{stdout}"
    );
    assert_eq!(
        stdout.lines().filter(|l| l.starts_with('│')).count(),
        6,
        "header + 5 rows:\n{stdout}"
    );
}

#[test]
fn a_wrong_password_is_one_plain_line_and_exit_1() {
    let sim = sim_serve(&[]);
    let data = tempfile::tempdir().expect("dir");
    let out = zi(&sim.url, &data)
        .env("ZI_PASSWORD", "not-the-password")
        .arg("usage")
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(1));
    let stderr = text(&out.stderr);
    assert_plain(&stderr);
    assert!(!stderr.contains("not-the-password"));
    assert_eq!(stderr.trim().lines().count(), 1, "{stderr}");
    assert!(stderr.contains("rejected the credentials"), "{stderr}");
}

#[test]
fn an_unreachable_api_is_exit_1_with_the_address() {
    let data = tempfile::tempdir().expect("dir");
    let out = zi("http://127.0.0.1:9", &data)
        .arg("usage")
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(1));
    let stderr = text(&out.stderr);
    assert_plain(&stderr);
    assert!(
        stderr.contains("Could not reach ZoomInfo at http://127.0.0.1:9"),
        "{stderr}"
    );
}

#[test]
fn a_server_answering_garbage_is_exit_1_not_a_panic() {
    let sim = sim_serve(&["--share-truncated", "1.0"]);
    let data = tempfile::tempdir().expect("dir");
    let out = zi(&sim.url, &data).arg("usage").output().expect("runs");
    assert_eq!(out.status.code(), Some(1));
    let stderr = text(&out.stderr);
    assert_plain(&stderr);
    assert!(stderr.contains("could not be read"), "{stderr}");
}

#[test]
fn usage_errors_exit_2() {
    let data = tempfile::tempdir().expect("dir");
    for args in [
        vec!["search", "planet"],
        vec!["search", "contact", "--field", "oops"],
        vec!["search", "contact", "--max", "0"],
        vec!["frobnicate"],
    ] {
        let out = zi("http://127.0.0.1:9", &data)
            .args(&args)
            .output()
            .expect("runs");
        assert_eq!(
            out.status.code(),
            Some(2),
            "{args:?}: {}",
            text(&out.stderr)
        );
    }
}

#[test]
fn a_bad_output_name_is_refused_before_any_request() {
    let data = tempfile::tempdir().expect("dir");
    let file = data.path().join("out.xls");
    // The API address is unreachable: the refusal must come first.
    let out = zi("http://127.0.0.1:9", &data)
        .args(["search", "contact", "--output"])
        .arg(&file)
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stderr).contains("must end in .csv or .json"));
    assert!(!file.exists());
}

#[test]
fn missing_credentials_say_how_to_connect() {
    let sim = sim_serve(&[]);
    let data = tempfile::tempdir().expect("dir");
    let out = zi(&sim.url, &data)
        .env_remove("ZI_USERNAME")
        .env_remove("ZI_PASSWORD")
        .arg("usage")
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(1));
    let stderr = text(&out.stderr);
    assert_plain(&stderr);
    assert!(
        stderr.contains("zi login") || stderr.contains("keychain"),
        "{stderr}"
    );
}

#[test]
fn demo_mode_needs_no_account() {
    let data = tempfile::tempdir().expect("dir");
    let out = zi("http://127.0.0.1:9", &data)
        .env_remove("ZI_USERNAME")
        .env_remove("ZI_PASSWORD")
        .args(["--demo", "status"])
        .output()
        .expect("runs");
    assert!(out.status.success(), "{}", text(&out.stderr));
    let stdout = text(&out.stdout);
    assert!(
        stdout.contains("demo simulator") && stdout.contains("valid until"),
        "{stdout}"
    );
    assert!(
        data.path().join("demo.sqlite").exists(),
        "the demo keeps its own database"
    );
}

#[test]
fn a_closed_pipe_is_not_a_crash() {
    let data = tempfile::tempdir().expect("dir");
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_zi"))
        .args(["--demo", "search", "company"])
        .env("ZI_DATA_DIR", data.path())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("spawn");
    drop(child.stdout.take()); // the reader went away, like `| head -1`
    let out = child.wait_with_output().expect("waits");
    assert_plain(&text(&out.stderr));
}
