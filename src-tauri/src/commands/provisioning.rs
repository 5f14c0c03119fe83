//! Provisioning screen: the health of each watched SCIM endpoint (token expiry, seats, drift),
//! adding and forgetting endpoints, and desktop notifications when a token nears expiry or a
//! product's seats run out.
//!
//! zi-core has no keychain helper for SCIM tokens (its keychain entry holds the ZoomInfo
//! credentials only), so a token entered here is kept in memory for this session and never
//! written anywhere; the endpoint's dates, seats and mappings are kept in the local store.
//! After a restart the screen asks for the token again.

use std::collections::{HashMap, HashSet};

use secrecy::SecretString;
use serde::{Deserialize, Serialize};
use tauri::{AppHandle, Runtime, State};
use ts_rs::TS;
use zi_core::provisioning::{
    self, FindingKind, HealthReport, HealthSettings, Utc, WatchedEndpoint,
};
use zi_demo::provisioning::{demo_endpoint, DemoScim};
use zi_store::Store;

use crate::domain::Console;
use crate::error::{CommandResult, ShellError};
use crate::state::AppState;

/// What this session knows beyond the store: the demo SCIM server and the tokens entered.
#[derive(Default)]
pub struct ScimWatch {
    demo: Option<DemoScim>,
    /// Tokens by endpoint id, for this session only.
    tokens: HashMap<i64, SecretString>,
    /// Seat problems already notified this session: (endpoint id, product, kind).
    seat_alerts: HashSet<(i64, String, &'static str)>,
}

/// Seats used by one product at one check, for the history chart.
#[derive(Clone, Debug, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct SeatPoint {
    /// Unix seconds.
    #[ts(type = "number")]
    pub taken_at: i64,
    pub product: String,
    #[ts(type = "number")]
    pub used: i64,
    #[ts(type = "number | null")]
    pub purchased: Option<i64>,
}

/// One watched endpoint and its latest check.
#[derive(Clone, Debug, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct EndpointStatus {
    pub endpoint: WatchedEndpoint,
    /// The built-in demo SCIM server.
    pub demo: bool,
    /// The check's result; `None` when it could not run (see `error`).
    pub report: Option<HealthReport>,
    /// Why the check could not run: no token this session, server unreachable, …
    pub error: Option<ShellError>,
    /// Seats used over time (oldest first), from the checks kept in the store.
    pub history: Vec<SeatPoint>,
}

/// Everything the Provisioning screen shows.
#[derive(Clone, Debug, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct ProvisioningStatus {
    /// RFC 3339.
    pub checked_at: String,
    pub endpoints: Vec<EndpointStatus>,
    /// Desktop notifications raised by this check (title: body).
    pub notified: Vec<String>,
}

/// "Add endpoint": the token travels once, from the form to the session's memory.
#[derive(Clone, Debug, Deserialize, TS)]
#[ts(export)]
pub struct AddEndpointRequest {
    pub url: String,
    pub name: String,
    pub token: String,
    pub settings: HealthSettings,
}

const DEMO_NAME: &str = "Demo (simulated ZoomInfo SCIM)";

/// The store the endpoints live in: the session's (the demo keeps its own), else the account's.
async fn store_of(state: &AppState) -> CommandResult<(Store, Option<Console>)> {
    match state.console().await {
        Some(console) => Ok((console.store().clone(), Some(console))),
        None => Ok((
            zi_core::paths::open_store(state.data_dir(), false).await?,
            None,
        )),
    }
}

/// In demo mode, starts the demo SCIM server once and watches it (replacing the rows of
/// earlier runs, whose servers listened elsewhere). Outside demo mode, stops it.
async fn sync_demo(watch: &mut ScimWatch, store: &Store, demo: bool) -> CommandResult<()> {
    if !demo {
        if let Some(old) = watch.demo.take() {
            watch.tokens.remove(&old.endpoint.id);
        }
        return Ok(());
    }
    if watch.demo.is_some() {
        return Ok(());
    }
    let mut scim = demo_endpoint().await?;
    // Each run's server listens on a new port; earlier runs' rows go, but the expiry warning
    // already notified carries over, so every demo launch does not notify again.
    let mut warned: Option<i64> = None;
    for stale in provisioning::list_endpoints(store).await? {
        if stale.name == DEMO_NAME && stale.url != scim.endpoint.url {
            if let Some(threshold) = stale.last_warned_threshold {
                warned = Some(warned.map_or(threshold, |w| w.min(threshold)));
            }
            provisioning::forget_endpoint(store, stale.id).await?;
        }
    }
    scim.endpoint.name = DEMO_NAME.into();
    scim.endpoint.id = provisioning::save_endpoint(store, &scim.endpoint).await?;
    if warned.is_some() {
        store
            .set_scim_warned_threshold(scim.endpoint.id, warned)
            .await
            .map_err(|e| ShellError::from(zi_core::CoreError::from(e)))?;
    }
    watch.tokens.insert(scim.endpoint.id, scim.token.clone());
    watch.demo = Some(scim);
    Ok(())
}

fn token_missing() -> ShellError {
    ShellError::new(
        "token_missing",
        "The SCIM token of this endpoint is kept only while zi-console runs. Add the endpoint again with its token to check it.",
    )
}

/// A check that could not run (server unreachable, answer unreadable, bad entries), in words.
fn check_failed(endpoint: &WatchedEndpoint, error: zi_core::CoreError) -> ShellError {
    let shell = ShellError::from(error);
    ShellError {
        code: "scim_check_failed".into(),
        message: format!(
            "The check of {} could not run: {} It runs again at the next refresh.",
            endpoint.url, shell.message
        ),
        detail: Some(serde_json::Value::String(shell.code)),
    }
}

/// The desktop notifications a check calls for: a token-expiry threshold newly reached
/// (zi-core remembers which), and seats exhausted or over-assigned (once per session).
async fn alerts_for(
    watch: &mut ScimWatch,
    store: &Store,
    endpoint: &WatchedEndpoint,
    report: &HealthReport,
) -> CommandResult<Vec<(String, String)>> {
    let name = if endpoint.name.is_empty() {
        endpoint.url.as_str()
    } else {
        endpoint.name.as_str()
    };
    let mut alerts = Vec::new();
    if let Some(threshold) =
        provisioning::expiry_notification_due(store, endpoint.id, report).await?
    {
        let days = report.token.days_left.unwrap_or(threshold);
        let left = match days {
            0 => "today".to_string(),
            1 => "in 1 day".to_string(),
            d => format!("in {d} days"),
        };
        alerts.push((
            format!("SCIM token expires {left}"),
            format!("{name}: generate a new token before it expires, or provisioning stops."),
        ));
    }
    for finding in &report.findings {
        let kind = match finding.kind {
            FindingKind::SeatsExhausted => "exhausted",
            FindingKind::SeatsOverAssigned => "over-assigned",
            _ => continue,
        };
        let product = finding.product.clone().unwrap_or_default();
        if watch
            .seat_alerts
            .insert((endpoint.id, product.clone(), kind))
        {
            alerts.push((
                format!("{product} seats {kind}"),
                format!("{name}: {}", finding.message),
            ));
        }
    }
    Ok(alerts)
}

fn history_of(snapshots: Vec<provisioning::SeatSnapshot>) -> Vec<SeatPoint> {
    let mut points: Vec<SeatPoint> = snapshots
        .into_iter()
        .map(|s| SeatPoint {
            taken_at: s.taken_at,
            product: s.product,
            used: s.used,
            purchased: s.purchased,
        })
        .collect();
    points.sort_by_key(|p| p.taken_at);
    points
}

/// Checks every watched endpoint now (the demo's too, in demo mode).
pub async fn check_all(
    state: &AppState,
) -> CommandResult<(ProvisioningStatus, Vec<(String, String)>)> {
    let (store, console) = store_of(state).await?;
    let demo = console.as_ref().is_some_and(Console::is_demo);
    let mut watch = state.scim().lock().await;
    sync_demo(&mut watch, &store, demo).await?;
    let demo_id = watch.demo.as_ref().map(|d| d.endpoint.id);
    let now = Utc::now();
    let mut endpoints = Vec::new();
    let mut alerts = Vec::new();
    for endpoint in provisioning::list_endpoints(&store).await? {
        let (report, error) = match watch.tokens.get(&endpoint.id).cloned() {
            None => (None, Some(token_missing())),
            Some(token) => {
                match provisioning::check_endpoint(&store, &endpoint, &token, now).await {
                    Ok(report) => (Some(report), None),
                    Err(error) => (None, Some(check_failed(&endpoint, error))),
                }
            }
        };
        if let Some(report) = &report {
            alerts.extend(alerts_for(&mut watch, &store, &endpoint, report).await?);
        }
        let history = history_of(provisioning::seat_history(&store, endpoint.id, now).await?);
        endpoints.push(EndpointStatus {
            demo: Some(endpoint.id) == demo_id,
            endpoint,
            report,
            error,
            history,
        });
    }
    // The demo first, then by name.
    endpoints.sort_by(|a, b| {
        b.demo
            .cmp(&a.demo)
            .then(a.endpoint.name.cmp(&b.endpoint.name))
    });
    let status = ProvisioningStatus {
        checked_at: now.to_rfc3339(),
        endpoints,
        notified: alerts.iter().map(|(t, b)| format!("{t}: {b}")).collect(),
    };
    Ok((status, alerts))
}

/// Shows the alerts as desktop notifications.
fn notify<R: Runtime>(app: &AppHandle<R>, alerts: &[(String, String)]) {
    for (title, body) in alerts {
        crate::notifications::show(app, title, body);
    }
}

/// Checks every watched endpoint and notifies what became due. The screen polls this.
#[tauri::command]
pub async fn provisioning_status<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
) -> CommandResult<ProvisioningStatus> {
    let (status, alerts) = check_all(&state).await?;
    notify(&app, &alerts);
    Ok(status)
}

/// Adds (or updates, by URL) an endpoint; its token is kept in memory for this session.
#[tauri::command]
pub async fn add_scim_endpoint(
    state: State<'_, AppState>,
    request: AddEndpointRequest,
) -> CommandResult<WatchedEndpoint> {
    add_endpoint(&state, request).await
}

pub async fn add_endpoint(
    state: &AppState,
    request: AddEndpointRequest,
) -> CommandResult<WatchedEndpoint> {
    let url = request.url.trim();
    if !(url.starts_with("https://") || url.starts_with("http://")) || url.len() < 10 {
        return Err(ShellError::new(
            "invalid_input",
            "Enter the SCIM base URL, starting with https:// (e.g. https://api.zoominfo.com/scim/v2).",
        ));
    }
    let token = request.token.trim();
    if token.is_empty() {
        return Err(ShellError::new(
            "invalid_input",
            "Paste the SCIM API token generated in the ZoomInfo admin portal.",
        ));
    }
    let mut endpoint = WatchedEndpoint::bearer(url, request.settings);
    endpoint.name = request.name.trim().to_string();
    if endpoint.name == DEMO_NAME {
        return Err(ShellError::new(
            "invalid_input",
            "That name is the demo's; choose another.",
        ));
    }
    let (store, _console) = store_of(state).await?;
    let mut watch = state.scim().lock().await;
    if watch
        .demo
        .as_ref()
        .is_some_and(|demo| demo.endpoint.url == endpoint.url)
    {
        return Err(ShellError::new(
            "invalid_input",
            "That is the demo's SCIM endpoint; it is already watched.",
        ));
    }
    // Saving by URL updates an endpoint already watched (e.g. to enter its token again).
    endpoint.id = provisioning::save_endpoint(&store, &endpoint).await?;
    watch
        .tokens
        .insert(endpoint.id, SecretString::from(token.to_string()));
    drop(watch);
    store
        .audit("scim_endpoint_saved", &format!("endpoint {}", endpoint.url))
        .await
        .map_err(|e| ShellError::from(zi_core::CoreError::from(e)))?;
    Ok(endpoint)
}

/// Stops watching an endpoint (its history goes too) and drops its token.
#[tauri::command]
pub async fn forget_scim_endpoint(state: State<'_, AppState>, id: i64) -> CommandResult<()> {
    let (store, _console) = store_of(&state).await?;
    let mut watch = state.scim().lock().await;
    if watch.demo.as_ref().is_some_and(|d| d.endpoint.id == id) {
        return Err(ShellError::new(
            "invalid_input",
            "The demo endpoint cannot be removed; it goes away when the demo ends.",
        ));
    }
    provisioning::forget_endpoint(&store, id).await?;
    watch.tokens.remove(&id);
    Ok(())
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
