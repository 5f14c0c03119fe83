//! The command surface driven through Tauri's IPC with a mock runtime: no window, no WebView.
//! Demo tests start zi-core's embedded simulator in-process on a temporary data directory.
#![allow(clippy::unwrap_used)]

use serde_json::{json, Value};

use crate::commands::test_support::TestApp;
use crate::error::ErrorReply;
use crate::launch::LaunchOptions;

#[test]
fn first_run_status_is_not_connected() {
    let app = TestApp::signed_out();
    let status = app.invoke("app_status", json!({})).unwrap();
    assert_eq!(status["connected"], false);
    assert_eq!(status["demo"], false);
    assert_eq!(status["version"], env!("CARGO_PKG_VERSION"));
    assert_eq!(status["initialScreen"], Value::Null);
    assert_eq!(status["startupError"], Value::Null);
}

#[test]
fn commands_without_a_session_fail_with_code_and_message() {
    let app = TestApp::signed_out();
    for (cmd, args) in [
        ("get_usage", json!({})),
        ("live_usage", json!({})),
        ("connection_status", json!({})),
        (
            "search",
            json!({ "request": { "kind": "contact", "criteria": [] } }),
        ),
    ] {
        let error = app.invoke(cmd, args).unwrap_err();
        assert_eq!(error["code"], "not_connected", "{cmd}: {error}");
        assert!(
            error["message"]
                .as_str()
                .unwrap()
                .contains("Start the demo"),
            "{cmd}: {error}"
        );
        assert_eq!(
            error.as_object().unwrap().len(),
            2,
            "only code and message cross: {error}"
        );
    }
}

#[test]
fn launched_with_demo_the_first_status_waits_for_the_demo() {
    let app = TestApp::launched(LaunchOptions::from_args(["--demo", "--screen=usage"]));
    let status = app.invoke("app_status", json!({})).unwrap();
    assert_eq!(status["connected"], true, "{status}");
    assert_eq!(status["demo"], true, "{status}");
    assert_eq!(status["initialScreen"], "usage");
    assert_eq!(status["startupError"], Value::Null);
}

#[test]
fn demo_answers_every_command() {
    let app = TestApp::signed_out();
    let status = app.invoke("start_demo", json!({})).unwrap();
    assert_eq!(
        (status["connected"].clone(), status["demo"].clone()),
        (json!(true), json!(true))
    );
    // Starting twice keeps the one session.
    assert_eq!(app.invoke("start_demo", json!({})).unwrap(), status);

    let connection = app.invoke("connection_status", json!({})).unwrap();
    assert_eq!(connection["demo"], true);
    assert!(
        connection["api_url"]
            .as_str()
            .unwrap()
            .starts_with("http://127.0.0.1"),
        "{connection}"
    );

    let live = app.invoke("live_usage", json!({})).unwrap();
    assert_eq!(live["seen_at"], Value::Null, "nothing answered yet: {live}");

    let usage = app.invoke("get_usage", json!({})).unwrap();
    let limits = usage["limits"].as_array().unwrap();
    assert!(
        limits.iter().any(|l| l["limitType"] == "recordLimit"),
        "{usage}"
    );

    let all = app
        .invoke(
            "search",
            json!({ "request": { "kind": "contact", "criteria": [] } }),
        )
        .unwrap();
    assert!(
        all["total_results"].as_u64().unwrap() > 1000,
        "the demo holds more than one search can reach"
    );
    assert_eq!(all["stopped_at_ceiling"], 1000);
    assert_eq!(all["records"].as_array().unwrap().len(), 1000);

    // The search's answers told the usage in their headers: no usage call needed.
    let live = app.invoke("live_usage", json!({})).unwrap();
    assert!(live["seen_at"].is_string(), "{live}");
    assert!(live["records_remaining"].is_i64(), "{live}");
    assert!(live["requests_remaining"].is_i64(), "{live}");
}

#[test]
fn a_refused_request_maps_to_code_and_message() {
    let app = TestApp::signed_out();
    app.invoke("start_demo", json!({})).unwrap();
    // zi-core refuses asking for zero records before calling ZoomInfo.
    let error = app
        .invoke(
            "search",
            json!({ "request": { "kind": "company", "criteria": [], "max": 0 } }),
        )
        .unwrap_err();
    assert_eq!(error["code"], "invalid_input", "{error}");
    assert!(
        error["message"]
            .as_str()
            .unwrap()
            .contains("at least one record"),
        "{error}"
    );

    // A malformed argument is refused by Tauri before any command runs: a plain string.
    let error = app
        .invoke("search", json!({ "request": { "kind": "planet" } }))
        .unwrap_err();
    assert!(error.is_string(), "{error}");
}

#[test]
fn core_errors_keep_their_code_and_message() {
    let core = zi_core::CoreError::Invalid("Ask for at least one record.".into());
    let core_json = serde_json::to_value(&core).unwrap();
    let shell_json = serde_json::to_value(ErrorReply::from(core)).unwrap();
    assert_eq!(
        shell_json, core_json,
        "the shell sends what CoreError itself would"
    );
    assert_eq!(
        shell_json,
        json!({ "code": "invalid_input", "message": "Ask for at least one record." })
    );
    let shell = serde_json::to_value(ErrorReply::not_connected()).unwrap();
    assert_eq!(shell["code"], "not_connected");
}

#[test]
fn demo_exports_a_search_to_csv_and_reports_credit_history() {
    let app = TestApp::signed_out();
    app.invoke("start_demo", json!({})).unwrap();
    let out = tempfile::tempdir().unwrap();
    let path = out.path().join("companies.csv");
    app.choose(crate::file_access::Access::Write, &path);
    app.choose(
        crate::file_access::Access::Write,
        &out.path().join("companies.txt"),
    );
    let written = app
        .invoke(
            "export_search",
            json!({
                "request": { "kind": "company", "criteria": [], "max": 25 },
                "path": path.to_str().unwrap(),
            }),
        )
        .unwrap();
    assert_eq!(written, 25);
    let text = std::fs::read_to_string(&path).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 26, "a header and one row per record");
    assert!(lines[0].split(',').any(|c| c == "id"), "{}", lines[0]);

    let error = app
        .invoke(
            "export_search",
            json!({
                "request": { "kind": "company", "criteria": [] },
                "path": out.path().join("companies.txt").to_str().unwrap(),
            }),
        )
        .unwrap_err();
    assert_eq!(error["code"], "invalid_input", "{error}");

    let history = app.invoke("credit_history", json!({ "days": 30 })).unwrap();
    let days = history["days"].as_array().unwrap();
    assert_eq!(days.len(), 30, "{history}");
    assert!(days.iter().all(|d| d["credits"].is_i64()), "{history}");
}
