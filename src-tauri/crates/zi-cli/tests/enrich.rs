//! `zi enrich` and `zi jobs` as outside scripts call them, against `zi sim serve`.

mod common;

use std::path::{Path, PathBuf};

use common::*;

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../tests/fixtures")
}

#[test]
fn dry_run_estimates_and_spends_nothing() {
    let sim = sim_serve(&[]);
    let data = tempfile::tempdir().expect("dir");
    let input = sample(data.path(), "contact", 200);
    let out = zi(&sim.url, &data)
        .args(["enrich", "contact"])
        .arg(&input)
        .arg("--dry-run")
        .output()
        .expect("runs");
    assert!(out.status.success(), "{}", text(&out.stderr));
    let stdout = text(&out.stdout);
    for expected in [
        "Rows:           200",
        "duplicates:",
        "invalid:",
        "to send:",
        "Credits:",
        "nothing was sent",
    ] {
        assert!(
            stdout.contains(expected),
            "{expected} missing in:\n{stdout}"
        );
    }
    assert_eq!(account_credits(&sim.url, &data).0, 0);
    let jobs = zi(&sim.url, &data)
        .args(["jobs", "--json"])
        .output()
        .expect("jobs");
    let jobs: Vec<serde_json::Value> = serde_json::from_slice(&jobs.stdout).expect("json");
    assert!(jobs.is_empty(), "a dry run leaves no job behind: {jobs:?}");
}

#[test]
fn without_a_terminal_or_yes_it_refuses_to_spend() {
    let sim = sim_serve(&[]);
    let data = tempfile::tempdir().expect("dir");
    let input = sample(data.path(), "contact", 50);
    let output = data.path().join("out.csv");
    let out = zi(&sim.url, &data)
        .args(["enrich", "contact"])
        .arg(&input)
        .arg("--output")
        .arg(&output)
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(1));
    let stderr = text(&out.stderr);
    assert!(stderr.contains("--yes"), "{stderr}");
    assert!(!output.exists(), "no output without spending");
    assert_eq!(account_credits(&sim.url, &data).0, 0);
}

#[test]
fn enrich_writes_every_row_and_a_second_run_costs_nothing() {
    let sim = sim_serve(&[
        "--latency-ms",
        "5",
        "--share-429",
        "0.05",
        "--share-500",
        "0.03",
    ]);
    let data = tempfile::tempdir().expect("dir");
    let input = sample(data.path(), "contact", 300);
    let output = data.path().join("out.csv");
    let run = || {
        zi(&sim.url, &data)
            .args(["enrich", "contact"])
            .arg(&input)
            .arg("--output")
            .arg(&output)
            .arg("--yes")
            .output()
            .expect("runs")
    };
    let first = run();
    assert!(first.status.success(), "{}", text(&first.stderr));
    assert_plain(&text(&first.stderr));
    let summary = text(&first.stdout);
    assert!(
        summary.contains("Done: 300 rows") && summary.contains("matched"),
        "{summary}"
    );
    let (charged, distinct) = account_credits(&sim.url, &data);
    assert!(charged > 0);
    assert_eq!(charged, distinct, "nobody paid for twice");
    let mut reader = csv::Reader::from_path(&output).expect("csv");
    assert_eq!(reader.records().count(), 300, "every row kept");

    let second = run();
    assert!(second.status.success());
    assert!(
        text(&second.stdout).contains("0 credits this run"),
        "{}",
        text(&second.stdout)
    );
    assert_eq!(
        account_credits(&sim.url, &data).0,
        charged,
        "the second run spent nothing"
    );

    let jobs = zi(&sim.url, &data)
        .args(["jobs", "--json"])
        .output()
        .expect("jobs");
    let jobs: Vec<serde_json::Value> = serde_json::from_slice(&jobs.stdout).expect("json");
    assert_eq!(jobs.len(), 1);
    assert_eq!(jobs[0]["state"], "completed");
    assert_eq!(jobs[0]["credits_spent"].as_i64(), Some(charged));
}

#[test]
fn the_budget_caps_the_spend_and_says_how_to_continue() {
    let sim = sim_serve(&[]);
    let data = tempfile::tempdir().expect("dir");
    let input = sample(data.path(), "company", 200);
    let output = data.path().join("out.xlsx");
    let out = zi(&sim.url, &data)
        .args(["enrich", "company"])
        .arg(&input)
        .args(["--budget", "30", "--yes", "--output"])
        .arg(&output)
        .output()
        .expect("runs");
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(
        text(&out.stderr).contains("higher --budget"),
        "{}",
        text(&out.stderr)
    );
    assert!(account_credits(&sim.url, &data).0 <= 30);
    assert!(output.exists());
    let jobs = text(
        &zi(&sim.url, &data)
            .arg("jobs")
            .output()
            .expect("jobs")
            .stdout,
    );
    assert!(jobs.contains("stopped"), "{jobs}");
}

#[test]
fn unreadable_files_get_a_message_naming_the_problem() {
    let sim = sim_serve(&[]);
    let data = tempfile::tempdir().expect("dir");
    let bad = fixtures().join("bad");
    let cases = [
        ("empty.csv", "empty"),
        ("binary.csv", "binary"),
        ("unterminated_quote.csv", "line"),
        ("no_usable_column.csv", "Found columns"),
        ("corrupt.xlsx", "corrupt.xlsx"),
    ];
    for (file, expected) in cases {
        let output = data.path().join(format!("{file}.out.csv"));
        let out = zi(&sim.url, &data)
            .args(["enrich", "contact"])
            .arg(bad.join(file))
            .arg("--output")
            .arg(&output)
            .arg("--yes")
            .output()
            .expect("runs");
        let stderr = text(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{file}: {stderr}");
        assert_plain(&stderr);
        assert!(
            stderr.to_lowercase().contains(&expected.to_lowercase()),
            "{file}: expected '{expected}' in: {stderr}"
        );
        assert!(!output.exists(), "{file}: no output written");
    }
}

#[test]
fn real_world_exports_enrich_with_their_own_headers() {
    let sim = sim_serve(&[]);
    let data = tempfile::tempdir().expect("dir");
    for file in [
        "salesforce_contacts.csv",
        "hubspot_contacts.csv",
        "contacts.xlsx",
        "bad/semicolon.csv",
        "bad/utf16le.csv",
        "bad/windows1252.csv",
        "bad/ragged.csv",
    ] {
        let output = data.path().join("out.csv");
        let out = zi(&sim.url, &data)
            .args(["enrich", "contact"])
            .arg(fixtures().join(file))
            .arg("--output")
            .arg(&output)
            .arg("--yes")
            .output()
            .expect("runs");
        assert!(out.status.success(), "{file}: {}", text(&out.stderr));
        let input_rows = zi(&sim.url, &data)
            .args(["enrich", "contact"])
            .arg(fixtures().join(file))
            .arg("--dry-run")
            .output()
            .expect("runs");
        let rows_line = text(&input_rows.stdout)
            .lines()
            .find(|l| l.starts_with("Rows:"))
            .map(str::to_string)
            .expect("rows line");
        let rows: usize = rows_line
            .trim_start_matches("Rows:")
            .trim()
            .replace(',', "")
            .parse()
            .expect("number");
        let written = csv::Reader::from_path(&output)
            .expect("csv")
            .records()
            .count();
        assert_eq!(written, rows, "{file}: every row comes back");
    }
}

#[test]
fn the_output_may_not_overwrite_the_input() {
    let sim = sim_serve(&[]);
    let data = tempfile::tempdir().expect("dir");
    let input = sample(data.path(), "contact", 20);
    let before = std::fs::read(&input).expect("read");
    let out = zi(&sim.url, &data)
        .args(["enrich", "contact"])
        .arg(&input)
        .arg("--output")
        .arg(&input)
        .arg("--yes")
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stderr).contains("overwrite the input"),
        "{}",
        text(&out.stderr)
    );
    assert_eq!(std::fs::read(&input).expect("read"), before);
}

#[test]
fn a_mapping_override_and_a_sheet_choice_are_honoured() {
    let sim = sim_serve(&[]);
    let data = tempfile::tempdir().expect("dir");
    let input = data.path().join("odd.csv");
    std::fs::write(&input, "Who,Contact point\nJane,jane@example.com\n").expect("write");
    let output = data.path().join("out.csv");
    let mapped = zi(&sim.url, &data)
        .args(["enrich", "contact"])
        .arg(&input)
        .args(["--map", "Contact point=email", "--dry-run"])
        .output()
        .expect("runs");
    assert!(mapped.status.success(), "{}", text(&mapped.stderr));
    assert!(
        text(&mapped.stdout).contains("Contact point → Email"),
        "{}",
        text(&mapped.stdout)
    );
    let bad = zi(&sim.url, &data)
        .args(["enrich", "contact"])
        .arg(&input)
        .args(["--map", "Nope=email", "--dry-run"])
        .output()
        .expect("runs");
    assert_eq!(bad.status.code(), Some(1));
    assert!(
        text(&bad.stderr).contains("Contact point"),
        "lists the columns: {}",
        text(&bad.stderr)
    );

    let sheet = zi(&sim.url, &data)
        .args(["enrich", "contact"])
        .arg(fixtures().join("bad/multi_sheet.xlsx"))
        .args(["--sheet", "No Such Sheet", "--output"])
        .arg(&output)
        .output()
        .expect("runs");
    assert_eq!(sheet.status.code(), Some(1));
    assert!(
        text(&sheet.stderr).contains("No Such Sheet"),
        "{}",
        text(&sheet.stderr)
    );
}

/// Release builds parse workbooks in a child `zi` process (panics abort there); the binary
/// serves that reader, and what a user sees is the same either way.
#[test]
fn workbooks_read_the_same_in_a_child_process() {
    let sim = sim_serve(&[]);
    let data = tempfile::tempdir().expect("dir");
    for file in [
        "contacts.xlsx",
        "contacts.xls",
        "contacts.ods",
        "bad/corrupt.xlsx",
    ] {
        let dry_run = |reader: &str| {
            let out = zi(&sim.url, &data)
                .env("ZI_SHEET_READER", reader)
                .args(["enrich", "contact"])
                .arg(fixtures().join(file))
                .arg("--dry-run")
                .output()
                .expect("runs");
            (out.status.code(), text(&out.stdout), text(&out.stderr))
        };
        let in_thread = dry_run("thread");
        let in_child = dry_run("process");
        assert_eq!(in_child, in_thread, "{file}");
        if file.starts_with("bad/") {
            assert!(
                in_child.2.contains("could not be read"),
                "{file}: {in_child:?}"
            );
        } else {
            assert!(in_child.1.contains("Rows:"), "{file}: {in_child:?}");
        }
    }
}

#[test]
fn fields_the_api_does_not_have_and_accuracy_out_of_range_are_refused_before_anything_is_sent() {
    let sim = sim_serve(&[]);
    let data = tempfile::tempdir().expect("dir");
    let input = sample(data.path(), "contact", 30);
    let refused = |extra: &[&str]| {
        let out = zi(&sim.url, &data)
            .args(["enrich", "contact"])
            .arg(&input)
            .arg("--dry-run")
            .args(extra)
            .output()
            .expect("runs");
        assert_eq!(out.status.code(), Some(1), "{}", text(&out.stdout));
        text(&out.stderr)
    };
    let stderr = refused(&["--fields", "email,department"]);
    assert!(
        stderr.contains("'department' is not a ZoomInfo contact field. The department is part of 'jobFunction'."),
        "{stderr}"
    );
    assert!(
        stderr.contains("mobilePhone"),
        "the alternatives are listed: {stderr}"
    );
    let stderr = refused(&["--min-accuracy", "60"]);
    assert!(stderr.contains("choose 70 to 99"), "{stderr}");
    assert_eq!(account_credits(&sim.url, &data).0, 0);
}

#[test]
fn chosen_nested_fields_come_out_as_text_and_the_minimum_accuracy_holds() {
    let sim = sim_serve(&[]);
    let data = tempfile::tempdir().expect("dir");
    let input = sample(data.path(), "contact", 120);
    let output = data.path().join("out.csv");
    let out = zi(&sim.url, &data)
        .args(["enrich", "contact"])
        .arg(&input)
        .args([
            "--fields",
            "email,jobFunction,externalUrls,contactAccuracyScore",
        ])
        .args(["--min-accuracy", "88", "--yes", "--output"])
        .arg(&output)
        .output()
        .expect("runs");
    assert!(out.status.success(), "{}", text(&out.stderr));
    let mut reader = csv::Reader::from_path(&output).expect("output");
    let headers = reader.headers().expect("headers").clone();
    let at = |name: &str| headers.iter().position(|h| h == name).expect(name);
    let (status, function, score) = (
        at("zi_match_status"),
        at("zi_jobFunction"),
        at("zi_contactAccuracyScore"),
    );
    let mut matched = 0;
    for row in reader.records() {
        let row = row.expect("row");
        if &row[status] != "FULL_MATCH" {
            continue;
        }
        matched += 1;
        assert!(
            row[function].contains(" (") && !row[function].contains('{'),
            "{:?}",
            &row[function]
        );
        assert!(row[score].parse::<u32>().expect("a score") >= 88);
    }
    assert!(matched > 10, "{matched}");
}
