//! Settings screen: the connection settings of the real account (API address, request pace),
//! where data lives, the record cache, the recent audit trail, and exporting the app's log file.
//! The rules are zi-core's; this file knows where Tauri keeps the log.

use tauri::{AppHandle, Manager, Runtime, State};
use zi_core::settings_view::{settings_view, SettingsView};
use zi_core::{cache, ConnectionSettings};

use crate::error::{CommandResult, ErrorCode, ErrorReply};
use crate::file_access::{Access, FileAccess};
use crate::state::AppState;

/// The log file tauri-plugin-log writes (its default target: the app's log folder,
/// `<product name>.log`).
fn log_file<R: Runtime>(app: &AppHandle<R>) -> Option<std::path::PathBuf> {
    let dir = app.path().app_log_dir().ok()?;
    let name = app.package_info().name.clone();
    Some(dir.join(format!("{name}.log")))
}

#[tauri::command]
pub async fn get_settings<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
) -> CommandResult<SettingsView> {
    let session = state.session_store().await?;
    let log = log_file(&app);
    Ok(settings_view(state.data_dir(), &session, log.as_deref()).await?)
}

/// Saves the connection settings; they apply from the next sign-in.
#[tauri::command]
pub async fn save_settings<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    settings: ConnectionSettings,
) -> CommandResult<SettingsView> {
    settings.save(&state.account_store().await?).await?;
    get_settings(app, state).await
}

/// Sets how many days a cached answer is used instead of buying the record again.
#[tauri::command]
pub async fn save_cache_settings<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    max_age_days: u32,
) -> CommandResult<SettingsView> {
    cache::save_max_age_days(&state.session_store().await?, max_age_days).await?;
    get_settings(app, state).await
}

/// Forgets every cached record and answer; jobs and the credit ledger stay.
#[tauri::command]
pub async fn clear_cache<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
) -> CommandResult<SettingsView> {
    let demo = state.console().await.is_some_and(|c| c.is_demo());
    let account = state.account_store().await?;
    cache::clear(&state.session_store().await?, &account, demo).await?;
    get_settings(app, state).await
}

/// Whether zi-console starts at login (hidden, checking provisioning in the background).
#[tauri::command]
pub fn start_at_login<R: Runtime>(app: AppHandle<R>) -> CommandResult<bool> {
    autostart(&app)?.is_enabled().map_err(autostart_failed)
}

/// Turns starting at login on or off; answers the state now in force.
#[tauri::command]
pub fn set_start_at_login<R: Runtime>(app: AppHandle<R>, enabled: bool) -> CommandResult<bool> {
    let manager = autostart(&app)?;
    let changed = if enabled {
        manager.enable()
    } else {
        manager.disable()
    };
    changed.map_err(autostart_failed)?;
    manager.is_enabled().map_err(autostart_failed)
}

fn autostart<R: Runtime>(
    app: &AppHandle<R>,
) -> CommandResult<State<'_, tauri_plugin_autostart::AutoLaunchManager>> {
    app.try_state::<tauri_plugin_autostart::AutoLaunchManager>()
        .ok_or_else(|| {
            ErrorReply::new(
                ErrorCode::NotAvailable,
                "Starting at login is not available in this build.",
            )
        })
}

fn autostart_failed(error: tauri_plugin_autostart::Error) -> ErrorReply {
    ErrorReply::new(
        ErrorCode::NotAvailable,
        format!("The system refused to change what starts at login ({error})."),
    )
}

/// Copies the app's log file to `destination` (picked with the save dialog) with any token
/// masked; returns the size written.
#[tauri::command]
pub async fn export_logs<R: Runtime>(
    app: AppHandle<R>,
    files: State<'_, FileAccess>,
    destination: String,
) -> CommandResult<u64> {
    files.check(Access::Write, &destination)?;
    Ok(zi_core::redact::export_log(log_file(&app).as_deref(), &destination).await?)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use serde_json::json;

    use crate::commands::test_support::TestApp;

    #[test]
    fn settings_round_trip_and_refuse_bad_values() {
        let app = TestApp::signed_out();
        let view = app.invoke("get_settings", json!({})).unwrap();
        assert_eq!(view["connection"], view["defaults"], "{view}");
        assert!(view["database"]
            .as_str()
            .unwrap()
            .ends_with("zi-console.sqlite"));

        let saved = app
            .invoke(
                "save_settings",
                json!({ "settings": { "api_url": "https://eu.example.test/ ", "rate_per_second": 5, "rate_per_minute": 300 } }),
            )
            .unwrap();
        assert_eq!(saved["connection"]["api_url"], "https://eu.example.test");
        assert_eq!(saved["connection"]["rate_per_minute"], 300);
        assert_eq!(saved["audit"][0]["action"], "settings_saved");
        assert_eq!(
            app.invoke("get_settings", json!({})).unwrap()["connection"],
            saved["connection"]
        );

        for (url, per_second) in [("ftp://x", 5), ("https://", 5), ("https://ok.test", 0)] {
            let error = app
                .invoke(
                    "save_settings",
                    json!({ "settings": { "api_url": url, "rate_per_second": per_second, "rate_per_minute": 60 } }),
                )
                .unwrap_err();
            assert_eq!(error["code"], "invalid_input", "{url}: {error}");
        }
    }

    /// Without the autostart plugin (this build of the tests), the page is told in words.
    #[test]
    fn start_at_login_says_when_it_is_not_available() {
        let app = TestApp::signed_out();
        for (command, args) in [
            ("start_at_login", json!({})),
            ("set_start_at_login", json!({ "enabled": true })),
        ] {
            let error = app.invoke(command, args).unwrap_err();
            assert_eq!(error["code"], "not_available", "{error}");
            assert!(error["message"].as_str().unwrap().contains("not available"));
        }
    }

    #[test]
    fn the_cache_freshness_is_saved_and_clearing_empties_it() {
        let app = TestApp::demo();
        let view = app.invoke("get_settings", json!({})).unwrap();
        assert_eq!(view["cache"]["max_age_days"], 90, "{view}");
        let saved = app
            .invoke("save_cache_settings", json!({ "maxAgeDays": 30 }))
            .unwrap();
        assert_eq!(saved["cache"]["max_age_days"], 30);
        let error = app
            .invoke("save_cache_settings", json!({ "maxAgeDays": 0 }))
            .unwrap_err();
        assert_eq!(error["code"], "invalid_input", "{error}");

        // Something cached: the demo's sample file enriched.
        let sample = app
            .invoke("demo_sample_file", json!({ "kind": "company" }))
            .unwrap();
        let plan = app
            .invoke(
                "plan_enrichment",
                json!({ "request": { "kind": "company", "input": sample, "mapping_overrides": [], "columns": [] }, "onProgress": "__CHANNEL__:3" }),
            )
            .unwrap();
        app.invoke(
            "start_enrichment",
            json!({ "jobId": plan["job_id"], "budget": null, "columns": [], "onProgress": "__CHANNEL__:3" }),
        )
        .unwrap();
        let filled = app.invoke("get_settings", json!({})).unwrap();
        assert!(filled["cache"]["records"].as_u64().unwrap() > 0, "{filled}");

        let cleared = app.invoke("clear_cache", json!({})).unwrap();
        assert_eq!(cleared["cache"]["records"], 0, "{cleared}");
        assert_eq!(cleared["cache"]["answers"], 0);
        assert_eq!(cleared["audit"][0]["action"], "cache_cleared");
        // The job and what it cost are still there.
        let jobs = app.invoke("list_jobs", json!({})).unwrap();
        assert!(jobs[0]["credits_spent"].as_u64().unwrap() > 0, "{jobs}");
    }
}
