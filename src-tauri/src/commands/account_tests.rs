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
        let url = console.simulator().unwrap().url();
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
