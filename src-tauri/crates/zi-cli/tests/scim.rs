//! `zi scim status` as outside scripts call it, against zi-sim's SCIM server running in this
//! test process: what an admin reads (days left, warnings, seats, named problems) and the
//! exit codes (0 also for a rejected token, 1 unreachable, 2 usage, 3 for `--fail-on`).

mod common;

use common::{assert_plain, text, zi};
use serde_json::Value;
use zi_core::provisioning::{Days, Utc};
use zi_sim::scim::{opaque_token, Quirk, ScimSim, ScimSimConfig, ScimSimHandle};

const TOKEN_VAR: &str = "ZI_TEST_SCIM_TOKEN";

/// A SCIM simulator on its own runtime, alive as long as this value.
struct Scim {
    sim: ScimSimHandle,
    _runtime: tokio::runtime::Runtime,
}

fn start(config: ScimSimConfig) -> Scim {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(1)
        .enable_all()
        .build()
        .expect("runtime");
    let sim = runtime
        .block_on(ScimSim::start(config))
        .expect("SCIM simulator starts");
    Scim {
        sim,
        _runtime: runtime,
    }
}

/// `zi scim status --url … --token-env … <extra>` with the token in the environment.
fn status(scim: &Scim, token: &str, extra: &[&str]) -> std::process::Output {
    let data = tempfile::tempdir().expect("dir");
    let url = scim.sim.url();
    let mut args = vec![
        "scim",
        "status",
        "--url",
        url.as_str(),
        "--token-env",
        TOKEN_VAR,
    ];
    args.extend_from_slice(extra);
    zi("http://127.0.0.1:9", &data)
        .env(TOKEN_VAR, token)
        .args(&args)
        .output()
        .expect("runs")
}

fn json(out: &std::process::Output) -> Value {
    serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("one JSON object on stdout ({e}): {}", text(&out.stdout)))
}

fn problems<'a>(report: &'a Value, kind: &str) -> Vec<&'a Value> {
    report["problems"]
        .as_array()
        .expect("problems")
        .iter()
        .filter(|p| p["kind"] == kind)
        .collect()
}

/// Today ± days as YYYY-MM-DD.
fn date_from_today(days: i64) -> String {
    let today = Utc::now().date_naive();
    let shifted = if days >= 0 {
        today.checked_add_days(Days::new(days.unsigned_abs()))
    } else {
        today.checked_sub_days(Days::new(days.unsigned_abs()))
    };
    shifted.expect("date").format("%Y-%m-%d").to_string()
}

const DEMO_SEATS: &[&str] = &[
    "--seats",
    "Sales=70",
    "--seats",
    "Marketing=40",
    "--seats",
    "Talent=25",
    "--group-product",
    "Sales Team=Sales",
    "--group-product",
    "Marketing Team=Marketing",
    "--group-product",
    "Talent Acquisition=Talent",
    "--group-product",
    "Sales-Marketing Team=Sales",
    "--group-product",
    "Sales-Marketing Team=Marketing",
    "--group-product",
    "ZoomInfo-Admins=Sales",
    "--group-product",
    "ZoomInfo-Admins=Marketing",
    "--group-product",
    "ZoomInfo-Admins=Talent",
    "--group-product",
    "APAC_Sales=Sales",
];

#[test]
fn json_has_days_left_seats_and_named_problems() {
    // An opaque token issued 80 days ago for 90 days: 10 days left, the 14-day warning.
    let token = opaque_token(1);
    let scim = start(ScimSimConfig::demo().with_token(token.clone()));
    let issued = date_from_today(-80);
    let mut extra = vec![
        "--token-issued",
        issued.as_str(),
        "--token-days",
        "90",
        "--json",
    ];
    extra.extend_from_slice(DEMO_SEATS);
    let out = status(&scim, &token, &extra);
    let stderr = text(&out.stderr);
    assert_plain(&stderr);
    assert!(out.status.success(), "{stderr}");
    let stdout = text(&out.stdout);
    assert!(
        !stdout.contains(&token) && !stderr.contains(&token),
        "the token is never printed"
    );
    let report = json(&out);
    assert_eq!(report["token"]["valid"], true);
    assert_eq!(report["token"]["days_left"], 10);
    assert_eq!(report["token"]["expires_on"], date_from_today(10));
    assert_eq!(
        report["users"],
        serde_json::json!({"total": 120, "active": 113, "inactive": 7})
    );
    assert_eq!(
        report["seats"],
        serde_json::json!([
            {"product": "Sales", "purchased": 70, "used": 72, "free": -2},
            {"product": "Marketing", "purchased": 40, "used": 38, "free": 2},
            {"product": "Talent", "purchased": 25, "used": 18, "free": 7},
        ])
    );
    let expiring = problems(&report, "token_expiring");
    assert_eq!(expiring.len(), 1);
    assert_eq!(expiring[0]["severity"], "warning");
    assert!(expiring[0]["message"]
        .as_str()
        .unwrap_or_default()
        .contains("14-day warning"));
    let over = problems(&report, "seats_over_assigned");
    assert_eq!(over.len(), 1);
    assert_eq!(over[0]["severity"], "error");
    assert_eq!(over[0]["product"], "Sales");
    assert!(over[0]["message"]
        .as_str()
        .unwrap_or_default()
        .contains("Sales"));
    let planted = scim.sim.planted().expect("demo org");
    assert_eq!(
        problems(&report, "user_in_multiple_groups")[0]["users"][0],
        planted.user_in_two_groups.as_str()
    );
    assert_eq!(
        problems(&report, "group_name_invalid")[0]["groups"][0],
        "APAC_Sales"
    );
    assert_eq!(
        problems(&report, "active_user_without_work_email")[0]["users"][0],
        planted.user_without_work_email.as_str()
    );
    assert_eq!(
        problems(&report, "inactive_user_holds_product")[0]["users"][0],
        planted.inactive_user_with_product.as_str()
    );
}

#[test]
fn the_expiry_is_read_from_a_jwt_token_itself() {
    let scim = start(ScimSimConfig::demo());
    let out = status(&scim, &scim.sim.token(), &["--json"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let report = json(&out);
    assert_eq!(report["token"]["days_left"], 23);
    assert_eq!(problems(&report, "token_expiring")[0]["days_left"], 23);
}

#[test]
fn an_expired_date_and_a_rejected_token_are_findings_with_exit_0() {
    let scim = start(ScimSimConfig::demo());
    let expired = date_from_today(-3);
    let out = status(
        &scim,
        "not-the-token",
        &["--token-expires", expired.as_str(), "--json"],
    );
    assert_plain(&text(&out.stderr));
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let report = json(&out);
    assert_eq!(report["token"]["valid"], false);
    assert_eq!(report["token"]["days_left"], -3);
    let rejected = problems(&report, "token_rejected");
    assert_eq!(rejected.len(), 1);
    assert_eq!(rejected[0]["severity"], "error");
    assert_eq!(problems(&report, "token_expired")[0]["severity"], "error");
}

/// Zoom's SCIM2: OAuth client credentials from the command line, the secret from the environment.
#[test]
fn an_oauth_endpoint_is_checked_with_client_credentials() {
    let scim = start(ScimSimConfig::demo().with_quirks(&[Quirk::OAuthOnly]));
    let app = scim.sim.oauth_app().clone();
    let data = tempfile::tempdir().expect("dir");
    let url = scim.sim.url();
    let token_url = scim.sim.oauth_token_url();
    let out = zi("http://127.0.0.1:9", &data)
        .env("ZI_TEST_CLIENT_SECRET", &app.client_secret)
        .args([
            "scim",
            "status",
            "--url",
            &url,
            "--oauth-token-url",
            &token_url,
            "--client-id",
            &app.client_id,
            "--account-id",
            &app.account_id,
            "--client-secret-env",
            "ZI_TEST_CLIENT_SECRET",
        ])
        .output()
        .expect("runs");
    assert!(out.status.success(), "{}", text(&out.stderr));
    let stdout = text(&out.stdout);
    assert!(
        stdout.contains("accepted by the server; renewed automatically"),
        "{stdout}"
    );
    assert!(stdout.contains("120 (113 active, 7 inactive)"), "{stdout}");
    assert!(!stdout.contains(&app.client_secret));
    let no_client = zi("http://127.0.0.1:9", &data)
        .args([
            "scim",
            "status",
            "--url",
            &url,
            "--oauth-token-url",
            &token_url,
        ])
        .output()
        .expect("runs");
    assert_eq!(no_client.status.code(), Some(2), "--client-id is required");
}

/// For cron and monitoring: exit 3 when a problem at or above `--fail-on` exists, else 0.
#[test]
fn fail_on_exits_3_at_or_above_the_severity_asked() {
    // Nobody provisioned yet; the token's 23 days left is the one problem (a warning).
    let quiet = start(ScimSimConfig::empty());
    let token = quiet.sim.token();
    for (fail_on, code) in [("error", 0), ("warning", 3)] {
        let out = status(&quiet, &token, &["--fail-on", fail_on]);
        assert_eq!(
            out.status.code(),
            Some(code),
            "--fail-on {fail_on}: {}",
            text(&out.stderr)
        );
        assert!(
            text(&out.stdout).contains("30-day warning"),
            "the report is still printed"
        );
    }
    // The demo's Sales seats are over-assigned: an error.
    let demo = start(ScimSimConfig::demo());
    let mut extra = vec!["--fail-on", "error", "--json"];
    extra.extend_from_slice(DEMO_SEATS);
    let out = status(&demo, &demo.sim.token(), &extra);
    assert_eq!(out.status.code(), Some(3), "{}", text(&out.stderr));
    assert_eq!(problems(&json(&out), "seats_over_assigned").len(), 1);
    let bad = status(&demo, &demo.sim.token(), &["--fail-on", "critical"]);
    assert_eq!(bad.status.code(), Some(2));
}

/// Okta's ZoomInfo app pushes users only: the report is complete without `/Groups`.
#[test]
fn an_endpoint_without_groups_is_reported_from_the_users_products() {
    let scim = start(ScimSimConfig::demo().with_quirks(&[Quirk::NoGroups]));
    let out = status(&scim, &scim.sim.token(), DEMO_SEATS);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let stdout = text(&out.stdout);
    for expected in [
        "120 (113 active, 7 inactive) (the endpoint has no /Groups)",
        "ERROR    Sales: 72 users hold a seat but only 70 were purchased",
        "INFO     This endpoint has no /Groups",
    ] {
        assert!(
            stdout.contains(expected),
            "missing {expected:?} in:\n{stdout}"
        );
    }
}

#[test]
fn an_unreachable_server_is_exit_1_with_one_plain_line() {
    let port = {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
        listener.local_addr().expect("addr").port()
    };
    let data = tempfile::tempdir().expect("dir");
    let out = zi("http://127.0.0.1:9", &data)
        .env(TOKEN_VAR, "some-token")
        .args([
            "scim",
            "status",
            "--url",
            &format!("http://127.0.0.1:{port}/scim/v2"),
            "--token-env",
            TOKEN_VAR,
            "--json",
        ])
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(1));
    assert!(
        out.stdout.is_empty(),
        "no JSON when the check could not run"
    );
    let stderr = text(&out.stderr);
    assert_plain(&stderr);
    assert_eq!(stderr.trim().lines().count(), 1, "{stderr}");
    assert!(
        stderr.contains("Could not reach the SCIM server"),
        "{stderr}"
    );
    assert!(!stderr.contains("some-token"));
}

#[test]
fn usage_errors_exit_2() {
    let scim = start(ScimSimConfig::demo());
    let token = scim.sim.token();
    for extra in [
        vec!["--token-days", "91", "--token-issued", "2026-01-01"],
        vec!["--token-issued", "2026-01-01"],
        vec!["--token-expires", "2026-02-30"],
        vec![
            "--token-expires",
            "2026-03-01",
            "--token-issued",
            "2026-01-01",
            "--token-days",
            "90",
        ],
        vec!["--seats", "Sales"],
        vec!["--seats", "Sales=-4"],
        vec!["--group-product", "Sales Team"],
    ] {
        let out = status(&scim, &token, &extra);
        assert_eq!(
            out.status.code(),
            Some(2),
            "{extra:?}: {}",
            text(&out.stderr)
        );
    }
    let data = tempfile::tempdir().expect("dir");
    let unset = zi("http://127.0.0.1:9", &data)
        .args([
            "scim",
            "status",
            "--url",
            &scim.sim.url(),
            "--token-env",
            "ZI_TEST_UNSET_VARIABLE",
        ])
        .output()
        .expect("runs");
    assert_eq!(unset.status.code(), Some(2));
    assert!(text(&unset.stderr).contains("ZI_TEST_UNSET_VARIABLE"));
    let no_url = zi("http://127.0.0.1:9", &data)
        .args(["scim", "status"])
        .output()
        .expect("runs");
    assert_eq!(no_url.status.code(), Some(2));
}

#[test]
fn a_quirky_server_gives_the_same_report() {
    let quirks: Vec<Quirk> = Quirk::ALL
        .into_iter()
        .filter(|q| !Quirk::CHANGE_THE_DIRECTORY.contains(q))
        .collect();
    let scim = start(ScimSimConfig::demo().with_quirks(&quirks));
    let mut extra = vec!["--json"];
    extra.extend_from_slice(DEMO_SEATS);
    let out = status(&scim, &scim.sim.token(), &extra);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let report = json(&out);
    assert_eq!(
        report["users"]["inactive"], 7,
        "inactive users hidden from plain lists found"
    );
    assert_eq!(report["seats"][0]["used"], 72);
    assert_eq!(
        problems(&report, "active_user_without_work_email").len(),
        1,
        "null email types are work emails"
    );
}

#[test]
fn the_readable_report_says_what_matters() {
    let scim = start(ScimSimConfig::demo());
    let out = status(&scim, &scim.sim.token(), DEMO_SEATS);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let stdout = text(&out.stdout);
    for expected in [
        "23 days left (read from the token)",
        "120 (113 active, 7 inactive) in 6 groups",
        "Purchased",
        "ERROR    Sales: 72 users hold a seat but only 70 were purchased",
        "APAC_Sales",
        "30-day warning",
    ] {
        assert!(
            stdout.contains(expected),
            "missing '{expected}' in:\n{stdout}"
        );
    }
}

#[test]
fn the_demo_needs_no_server_or_token() {
    let data = tempfile::tempdir().expect("dir");
    let out = zi("http://127.0.0.1:9", &data)
        .args(["--demo", "scim", "status", "--json"])
        .output()
        .expect("runs");
    assert!(out.status.success(), "{}", text(&out.stderr));
    let report = json(&out);
    assert_eq!(report["users"]["total"], 120);
    assert_eq!(report["seats"][0]["product"], "Sales");
    assert_eq!(report["seats"][0]["free"], -2);
}
