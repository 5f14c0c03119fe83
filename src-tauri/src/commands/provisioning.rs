//! Provisioning screen: the health of each watched SCIM endpoint (token expiry, seats, drift),
//! adding and forgetting endpoints, and desktop notifications when a token nears expiry or a
//! product's seats run out. The rules live in zi-core's [`ScimWatch`]; this file wires it to
//! the session and the notifications.

use tauri::{AppHandle, Runtime, State};
use zi_core::provisioning::{
    AddEndpointRequest, ProvisioningStatus, UserPage, UserQuery, Utc, WatchedEndpoint,
};

use crate::domain::Console;
use crate::error::CommandResult;
use crate::state::AppState;

/// Checks every watched endpoint and notifies what became due. The screen polls this.
#[tauri::command]
pub async fn provisioning_status<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
) -> CommandResult<ProvisioningStatus> {
    check_and_notify(&app, &state).await
}

/// One check of every endpoint, for the screen and the background alike: notifies what is new
/// and shows the overall state in the tray.
pub async fn check_and_notify<R: Runtime>(
    app: &AppHandle<R>,
    state: &AppState,
) -> CommandResult<ProvisioningStatus> {
    let console = state.console().await;
    let store = state.session_store().await?;
    let demo = console.as_ref().and_then(Console::demo_world);
    let (status, alerts) = state
        .scim()
        .lock()
        .await
        .check_all(&store, demo, Utc::now())
        .await?;
    for alert in &alerts {
        crate::notifications::show(app, &alert.title, &alert.body);
    }
    crate::tray::show_state(app, &status);
    Ok(status)
}

/// Adds (or updates, by URL) an endpoint; its token is kept in memory for this session.
#[tauri::command]
pub async fn add_scim_endpoint(
    state: State<'_, AppState>,
    request: AddEndpointRequest,
) -> CommandResult<WatchedEndpoint> {
    let store = state.session_store().await?;
    Ok(state.scim().lock().await.add(&store, request).await?)
}

/// A page of an endpoint's users as its latest check read them, filtered by name, email, group
/// or product.
#[tauri::command]
pub async fn scim_users(
    state: State<'_, AppState>,
    endpoint_id: i64,
    query: UserQuery,
) -> CommandResult<UserPage> {
    Ok(state.scim().lock().await.users(endpoint_id, &query))
}

/// Stops watching an endpoint (its history goes too) and drops its token.
#[tauri::command]
pub async fn forget_scim_endpoint(state: State<'_, AppState>, id: i64) -> CommandResult<()> {
    let store = state.session_store().await?;
    Ok(state.scim().lock().await.forget(&store, id).await?)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use serde_json::json;

    use crate::commands::test_support::TestApp;

    #[test]
    fn demo_status_shows_the_planted_problems() {
        let app = TestApp::demo();
        let status = app.invoke("provisioning_status", json!({})).unwrap();
        let endpoints = status["endpoints"].as_array().unwrap();
        assert_eq!(endpoints.len(), 1, "{status}");
        let demo = &endpoints[0];
        assert_eq!(demo["demo"], true);
        let report = &demo["report"];
        assert_eq!(report["token"]["valid"], true, "{report}");
        let days = report["token"]["days_left"].as_i64().unwrap();
        assert!(
            (1..=30).contains(&days),
            "the demo token is near expiry: {days}"
        );
        let kinds: Vec<&str> = report["findings"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| f["kind"].as_str().unwrap())
            .collect();
        for planted in [
            "seats_over_assigned",
            "user_in_multiple_groups",
            "group_name_invalid",
            "active_user_without_work_email",
            "inactive_user_holds_product",
            "token_expiring",
        ] {
            assert!(kinds.contains(&planted), "{planted} missing from {kinds:?}");
        }
        let multi = report["findings"]
            .as_array()
            .unwrap()
            .iter()
            .find(|f| f["kind"] == "user_in_multiple_groups")
            .unwrap();
        assert!(!multi["users"].as_array().unwrap().is_empty(), "{multi}");
        assert!(!demo["history"].as_array().unwrap().is_empty());
        // The users the check read, a page at a time.
        let page = app
            .invoke(
                "scim_users",
                json!({ "endpointId": demo["endpoint"]["id"], "query": { "text": "sales team", "offset": 0, "limit": 10 } }),
            )
            .unwrap();
        assert_eq!(page["total"], 120, "{page}");
        assert_eq!(page["lines"].as_array().unwrap().len(), 10);
        assert!(page["matching"].as_u64().unwrap() > 10);
        // The 30-day threshold and the over-assigned seats notify once.
        let notified = status["notified"].as_array().unwrap();
        assert!(
            notified
                .iter()
                .any(|n| n.as_str().unwrap().contains("SCIM token expires")),
            "{notified:?}"
        );
        assert!(
            notified
                .iter()
                .any(|n| n.as_str().unwrap().contains("over-assigned")),
            "{notified:?}"
        );
        let again = app.invoke("provisioning_status", json!({})).unwrap();
        assert_eq!(again["notified"], json!([]), "{again}");
        assert_eq!(again["endpoints"].as_array().unwrap().len(), 1);

        // Leaving the demo stops its SCIM server; the account's own store has no endpoints.
        app.invoke("sign_out", json!({})).unwrap();
        let signed_out = app.invoke("provisioning_status", json!({})).unwrap();
        assert_eq!(signed_out["endpoints"], json!([]), "{signed_out}");
        // A new demo run (a new server, a new URL) replaces the old row and does not warn again.
        app.invoke("start_demo", json!({})).unwrap();
        let rerun = app.invoke("provisioning_status", json!({})).unwrap();
        let endpoints = rerun["endpoints"].as_array().unwrap();
        assert_eq!(endpoints.len(), 1, "{rerun}");
        assert_ne!(endpoints[0]["endpoint"]["url"], demo["endpoint"]["url"]);
        let notified = rerun["notified"].as_array().unwrap();
        assert!(
            !notified
                .iter()
                .any(|n| n.as_str().unwrap().contains("SCIM token expires")),
            "{notified:?}"
        );
    }

    #[test]
    fn an_added_endpoint_without_its_server_reports_why() {
        let app = TestApp::signed_out();
        assert_eq!(
            app.invoke("provisioning_status", json!({})).unwrap()["endpoints"],
            json!([])
        );
        let request = json!({ "request": {
            "url": "http://127.0.0.1:9/scim/v2", "name": "Okta", "token": "t0ken",
            "settings": { "token": { "issued_on": "2026-01-15", "lifetime_days": 90, "expires_on": null },
                          "seats": [{ "product": "Sales", "purchased": 100 }],
                          "group_products": [{ "group": "Sales Team", "product": "Sales" }] } } });
        let saved = app.invoke("add_scim_endpoint", request.clone()).unwrap();
        assert!(saved["id"].as_i64().unwrap() > 0);
        let status = app.invoke("provisioning_status", json!({})).unwrap();
        let endpoint = &status["endpoints"][0];
        assert_eq!(endpoint["endpoint"]["name"], "Okta");
        assert_eq!(endpoint["report"], serde_json::Value::Null);
        assert!(
            endpoint["error"]["message"].as_str().is_some(),
            "{endpoint}"
        );
        assert!(
            !status.to_string().contains("t0ken"),
            "the token never comes back"
        );

        let mut bad = request.clone();
        bad["request"]["settings"]["token"]["lifetime_days"] = json!(30);
        let error = app.invoke("add_scim_endpoint", bad).unwrap_err();
        assert_eq!(error["code"], "invalid_input", "{error}");
        assert!(error["message"]
            .as_str()
            .unwrap()
            .contains("90, 180 or 365"));

        let id = saved["id"].clone();
        app.invoke("forget_scim_endpoint", json!({ "id": id }))
            .unwrap();
        assert_eq!(
            app.invoke("provisioning_status", json!({})).unwrap()["endpoints"],
            json!([])
        );
    }

    #[test]
    fn a_wrong_token_is_a_rejected_token_card_not_a_failure() {
        let app = TestApp::demo();
        let status = app.invoke("provisioning_status", json!({})).unwrap();
        let demo_url = status["endpoints"][0]["endpoint"]["url"]
            .as_str()
            .unwrap()
            .to_string();
        let request = |url: &str, name: &str| {
            json!({ "request": { "url": url, "name": name, "token": "not-the-token",
                "settings": { "token": { "issued_on": null, "lifetime_days": null, "expires_on": "2027-01-31" },
                              "seats": [], "group_products": [] } } })
        };
        // The demo's own endpoint cannot be taken over.
        let error = app
            .invoke(
                "add_scim_endpoint",
                request(&format!("{demo_url}/"), "Mine"),
            )
            .unwrap_err();
        assert_eq!(error["code"], "invalid_input", "{error}");

        // The same server under another URL (so another endpoint row), with a token it refuses.
        let other = demo_url.replace("/scim/v2", "/scim/v2/");
        let other = format!("{}?", other.trim_end_matches('/'));
        app.invoke("add_scim_endpoint", request(&other, "Wrong token"))
            .unwrap();
        let status = app.invoke("provisioning_status", json!({})).unwrap();
        let endpoints = status["endpoints"].as_array().unwrap();
        assert_eq!(endpoints.len(), 2, "{status}");
        assert_eq!(
            endpoints[0]["demo"], true,
            "the demo comes first and is intact"
        );
        assert_eq!(endpoints[0]["report"]["token"]["valid"], true);
        let wrong = &endpoints[1];
        let report = &wrong["report"];
        assert_eq!(report["token"]["valid"], false, "{wrong}");
        assert_eq!(report["token"]["check"], "rejected");
        assert_eq!(report["findings"][0]["kind"], "token_rejected", "{report}");
        assert_eq!(report["token"]["expires_on"], "2027-01-31");
    }
}
