//! Sign-in and sign-out through the command surface, against the demo's simulated ZoomInfo API
//! (its address saved as the account's API URL). Credentials go to an in-memory store here.
#![allow(clippy::unwrap_used)]

use serde_json::json;
use zi_core::secrets::CredentialStore;
use zi_core::ConnectionSettings;

use crate::commands::test_support::TestApp;

/// A demo app whose account settings point at the demo's simulator.
fn app_with_simulator_as_account() -> TestApp {
    let app = TestApp::demo();
    let state = app.state();
    tauri::async_runtime::block_on(async {
        let console = state.console().await.unwrap();
        let url = zi_demo::simulator(&console).unwrap().url();
        let store = zi_core::paths::open_store(state.data_dir(), false)
            .await
            .unwrap();
        ConnectionSettings {
            api_url: url,
            rate_per_second: 100,
            rate_per_minute: 6000,
        }
        .save(&store)
        .await
        .unwrap();
    });
    app
}

#[test]
fn wrong_credentials_are_refused_readably_and_never_stored() {
    let app = app_with_simulator_as_account();
    let error = app
        .invoke(
            "sign_in",
            json!({ "request": { "kind": "password", "username": "demo@zi-console.test", "password": "wrong" } }),
        )
        .unwrap_err();
    assert_eq!(error["code"], "credentials_rejected", "{error}");
    assert!(!error["message"].as_str().unwrap().is_empty());
    assert!(
        !error.to_string().contains("wrong"),
        "no password in errors"
    );
    assert!(app.credentials.load().unwrap().is_none());
    // The open session is untouched.
    assert_eq!(app.invoke("app_status", json!({})).unwrap()["demo"], true);

    let error = app
        .invoke(
            "sign_in",
            json!({ "request": { "kind": "password", "username": " ", "password": "x" } }),
        )
        .unwrap_err();
    assert_eq!(error["code"], "invalid_input");
    let pki = json!({ "request": { "kind": "pki", "username": "a@b.c", "client_id": "c", "private_key_path": "/nonexistent/key.pem" } });
    // A key file the user did not pick is not read at all …
    let error = app.invoke("sign_in", pki.clone()).unwrap_err();
    assert_eq!(error["code"], "file_not_chosen", "{error}");
    // … and a picked one that is gone is reported as such.
    app.script_choices(["/nonexistent/key.pem".into()]);
    app.invoke("choose_file", json!({ "purpose": "private_key" }))
        .unwrap();
    let error = app.invoke("sign_in", pki).unwrap_err();
    assert_eq!(error["code"], "unreadable_file", "{error}");
}

#[test]
fn accepted_credentials_are_kept_and_sign_out_removes_them() {
    let app = app_with_simulator_as_account();
    let status = app
        .invoke(
            "sign_in",
            json!({ "request": { "kind": "password", "username": "demo@zi-console.test", "password": "demo-password" } }),
        )
        .unwrap();
    assert_eq!(
        (status["connected"].clone(), status["demo"].clone()),
        (json!(true), json!(false))
    );
    assert_eq!(
        app.credentials.load().unwrap().unwrap().username(),
        "demo@zi-console.test"
    );
    let connection = app.invoke("connection_status", json!({})).unwrap();
    assert_eq!(connection["username"], "demo@zi-console.test");
    assert_eq!(connection["token"]["signed_in"], true);
    assert!(!connection.to_string().contains("demo-password"));

    let status = app.invoke("sign_out", json!({})).unwrap();
    assert_eq!(status["connected"], false);
    assert!(app.credentials.load().unwrap().is_none());
}

/// Every reply the page can get, after a sign-in, searches, an enrichment and SCIM checks,
/// holds neither the password, nor a session token, nor the SCIM token; nor does the data folder.
#[test]
fn no_reply_and_no_stored_file_holds_a_secret() {
    // A simulator of its own: signing in to an account stops the demo and its simulator.
    let sim = tauri::async_runtime::block_on(zi_sim::Sim::start(zi_sim::SimConfig {
        token_lifetime: std::time::Duration::from_secs(2),
        ..zi_sim::SimConfig::unlimited()
    }))
    .unwrap();
    let app = TestApp::signed_out();
    tauri::async_runtime::block_on(async {
        let store = zi_core::paths::open_store(app.state().data_dir(), false)
            .await
            .unwrap();
        ConnectionSettings {
            api_url: sim.url(),
            rate_per_second: 100,
            rate_per_minute: 6000,
        }
        .save(&store)
        .await
        .unwrap();
    });
    let scim_token = zi_sim::scim::jwt_token(40);
    let mut replies: Vec<(String, serde_json::Value)> = Vec::new();
    let mut call = |cmd: &str, args: serde_json::Value| {
        let reply = app.invoke(cmd, args).unwrap_or_else(|error| error);
        replies.push((cmd.to_string(), reply.clone()));
        reply
    };
    call(
        "sign_in",
        json!({ "request": { "kind": "password", "username": "demo@zi-console.test", "password": "wrong-Pw-1" } }),
    );
    call(
        "sign_in",
        json!({ "request": { "kind": "password", "username": "demo@zi-console.test", "password": "demo-password" } }),
    );
    for (cmd, args) in [
        ("app_status", json!({})),
        ("connection_status", json!({})),
        ("get_usage", json!({})),
        ("credit_history", json!({ "days": 7 })),
        ("get_settings", json!({})),
        ("list_jobs", json!({})),
        (
            "search",
            json!({ "request": { "kind": "contact", "criteria": [], "max": 30 } }),
        ),
        ("provisioning_status", json!({})),
    ] {
        call(cmd, args);
    }
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("people.csv");
    zi_demo::sample::write_sample_file(zi_core::RecordKind::Contact, 60, &input).unwrap();
    app.script_choices([input.clone()]);
    call("choose_file", json!({ "purpose": "spreadsheet" }));
    let plan = call(
        "plan_enrichment",
        json!({ "request": { "kind": "contact", "input": input.display().to_string(), "mapping_overrides": [], "columns": [] }, "onProgress": "__CHANNEL__:3" }),
    );
    let job = plan["job_id"].clone();
    call(
        "start_enrichment",
        json!({ "jobId": job, "budget": null, "columns": [], "onProgress": "__CHANNEL__:9" }),
    );
    call(
        "review_enrichment",
        json!({ "jobId": job, "query": { "offset": 0, "limit": 100, "columns": [] } }),
    );
    let scim = call(
        "add_scim_endpoint",
        json!({ "request": { "url": "http://127.0.0.1:9/scim/v2", "name": "Okta", "token": scim_token,
            "settings": { "token": { "issued_on": "2026-01-15", "lifetime_days": 90, "expires_on": null },
                          "seats": [], "group_products": [] } } }),
    );
    assert!(scim["id"].as_i64().is_some(), "{scim}");
    call("provisioning_status", json!({}));
    assert!(
        replies
            .iter()
            .any(|(cmd, r)| cmd == "start_enrichment" && r["state"] == "completed"),
        "the enrichment ran: {replies:?}"
    );

    let leaks = |place: &str, text: &str| {
        for secret in ["demo-password", "wrong-Pw-1", scim_token.as_str()] {
            assert!(!text.contains(secret), "a secret reached {place}");
        }
        assert!(
            zi_core::redact::find_jwt(text).is_none(),
            "a token reached {place}"
        );
    };
    for (cmd, reply) in &replies {
        leaks(&format!("the reply to {cmd}"), &reply.to_string());
    }
    let mut folders = vec![app.state().data_dir().to_path_buf()];
    while let Some(folder) = folders.pop() {
        for entry in std::fs::read_dir(&folder).unwrap().flatten() {
            let path = entry.path();
            if path.is_dir() {
                folders.push(path);
            } else {
                let bytes = std::fs::read(&path).unwrap();
                leaks(
                    &path.display().to_string(),
                    &String::from_utf8_lossy(&bytes),
                );
            }
        }
    }
}
