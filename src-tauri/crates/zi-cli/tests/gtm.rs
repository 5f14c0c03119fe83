//! `zi --backend gtm` against `zi sim serve`'s GTM API: the same commands, the same files,
//! the same cache as legacy.

mod common;

use std::path::Path;

use assert_cmd::Command;
use common::*;

/// `zi --backend gtm` with the simulator's GTM token, `ZI_API_URL` naming its `/gtm` server.
fn zi_gtm(url: &str, data: &tempfile::TempDir) -> Command {
    let mut cmd = zi(&format!("{url}/gtm"), data);
    cmd.env("ZI_GTM_ACCESS_TOKEN", zi_sim::GTM_DEMO_TOKEN)
        .args(["--backend", "gtm"]);
    cmd
}

fn enrich(mut cmd: Command, input: &Path, output: &Path) -> String {
    let out = cmd
        .args(["enrich", "contact"])
        .arg(input)
        .arg("--output")
        .arg(output)
        .arg("--yes")
        .output()
        .expect("runs");
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert_plain(&text(&out.stderr));
    text(&out.stdout)
}

fn headers_and_rows(path: &Path) -> (Vec<String>, usize) {
    let mut reader = csv::Reader::from_path(path).expect("csv");
    let headers = reader
        .headers()
        .expect("header row")
        .iter()
        .map(str::to_string)
        .collect();
    (headers, reader.records().count())
}

#[test]
fn usage_json_through_gtm() {
    let sim = sim_serve(&[]);
    let data = tempfile::tempdir().expect("dir");
    let out = zi_gtm(&sim.url, &data)
        .args(["usage", "--json"])
        .output()
        .expect("runs");
    assert!(out.status.success(), "{}", text(&out.stderr));
    let limits: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout).expect("json");
    let records = limits
        .iter()
        .find(|l| l["limitType"] == "recordLimit")
        .expect("recordLimit listed");
    assert_eq!(records["currentUsage"].as_i64(), Some(0));
}

#[test]
fn the_backend_may_come_from_the_environment() {
    let sim = sim_serve(&[]);
    let data = tempfile::tempdir().expect("dir");
    let out = zi(&format!("{}/gtm", sim.url), &data)
        .env("ZI_BACKEND", "gtm")
        .env("ZI_GTM_ACCESS_TOKEN", zi_sim::GTM_DEMO_TOKEN)
        .args(["usage", "--json"])
        .output()
        .expect("runs");
    assert!(out.status.success(), "{}", text(&out.stderr));
}

/// `zi --backend gtm search contact --max N` into a CSV: its headers and row count.
fn search_contacts(max: usize) -> (Vec<String>, usize) {
    let sim = sim_serve(&[]);
    let data = tempfile::tempdir().expect("dir");
    let file = data.path().join("contacts.csv");
    let out = zi_gtm(&sim.url, &data)
        .args(["search", "contact", "--max", &max.to_string(), "--output"])
        .arg(&file)
        .output()
        .expect("runs");
    assert!(out.status.success(), "{}", text(&out.stderr));
    headers_and_rows(&file)
}

#[test]
fn search_to_csv_through_gtm() {
    let (headers, rows) = search_contacts(150);
    assert!(
        headers.iter().any(|h| h == "id") && headers.iter().any(|h| h == "lastName"),
        "{headers:?}"
    );
    assert_eq!(rows, 150, "more than one page of 100");
}

#[test]
fn a_gtm_search_reaches_past_legacys_first_thousand() {
    assert_eq!(
        search_contacts(1200).1,
        1200,
        "GTM pages reach record 10,000"
    );
}

#[test]
fn enrich_through_gtm_keeps_every_row_and_appends_the_columns_legacy_does() {
    let sim = sim_serve(&[]);
    let legacy_data = tempfile::tempdir().expect("dir");
    let gtm_data = tempfile::tempdir().expect("dir");
    let input = sample(legacy_data.path(), "contact", 40);
    let legacy_out = legacy_data.path().join("legacy.csv");
    let gtm_out = gtm_data.path().join("gtm.csv");
    enrich(zi(&sim.url, &legacy_data), &input, &legacy_out);
    let summary = enrich(zi_gtm(&sim.url, &gtm_data), &input, &gtm_out);
    assert!(summary.contains("Done: 40 rows"), "{summary}");
    let (legacy_headers, legacy_rows) = headers_and_rows(&legacy_out);
    let (gtm_headers, gtm_rows) = headers_and_rows(&gtm_out);
    assert_eq!(gtm_rows, 40, "every row kept");
    assert_eq!(gtm_rows, legacy_rows);
    assert_eq!(gtm_headers, legacy_headers);
}

#[test]
fn a_file_enriched_through_legacy_costs_nothing_again_through_gtm() {
    let sim = sim_serve(&[]);
    let data = tempfile::tempdir().expect("dir");
    let input = sample(data.path(), "contact", 40);
    let output = data.path().join("out.csv");
    enrich(zi(&sim.url, &data), &input, &output);
    let (charged, _) = account_credits(&sim.url, &data);
    assert!(charged > 0);
    let summary = enrich(zi_gtm(&sim.url, &data), &input, &output);
    assert!(summary.contains("0 credits this run"), "{summary}");
    assert_eq!(
        account_credits(&sim.url, &data).0,
        charged,
        "GTM bought nothing legacy had bought"
    );
}

#[test]
fn gtm_without_a_sign_in_says_how_to_sign_in() {
    let sim = sim_serve(&[]);
    let data = tempfile::tempdir().expect("dir");
    let out = zi(&format!("{}/gtm", sim.url), &data)
        .args(["--backend", "gtm", "usage"])
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(1));
    let stderr = text(&out.stderr);
    assert_plain(&stderr);
    // Without the test keychain the run stops at the keychain, still with a plain message.
    if keychain_reachable() {
        assert!(
            stderr.contains("Not signed in to ZoomInfo's GTM API")
                && stderr.contains("zi login --gtm")
                && stderr.contains("ZI_GTM_ACCESS_TOKEN"),
            "{stderr}"
        );
    }
}
