//! Settings screen: the connection settings of the real account (API address, request pace),
//! where data lives, the recent audit trail, and exporting the app's log file.

use serde::Serialize;
use tauri::{AppHandle, Manager, Runtime, State};
use ts_rs::TS;
use zi_core::ConnectionSettings;
use zi_store::Store;

use crate::error::{CommandResult, ShellError};
use crate::file_access::{Access, FileAccess};
use crate::state::AppState;

/// One line of the local audit trail (sign-ins, endpoints saved, …). No secrets.
#[derive(Clone, Debug, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct AuditItem {
    /// Unix seconds.
    #[ts(type = "number")]
    pub at: i64,
    pub action: String,
    pub detail: String,
}

/// What the Settings screen shows.
#[derive(Clone, Debug, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct SettingsView {
    /// As saved for the real account (the demo uses its simulator's own address).
    pub connection: ConnectionSettings,
    pub defaults: ConnectionSettings,
    /// `ZI_API_URL` is set and overrides the saved API address.
    pub api_url_from_env: bool,
    pub data_dir: String,
    /// The database file of the real account.
    pub database: String,
    /// Where the app writes its log file, when known.
    pub log_file: Option<String>,
    /// Latest first.
    pub audit: Vec<AuditItem>,
    /// The record cache of the open session (the demo keeps its own), else of the account.
    pub cache: zi_core::cache::CacheView,
}

/// The store the cache settings apply to: the open session's, else the account's.
async fn session_store(state: &AppState) -> CommandResult<Store> {
    match state.console().await {
        Some(console) => Ok(console.store().clone()),
        None => account_store(state).await,
    }
}

async fn account_store(state: &AppState) -> CommandResult<Store> {
    Ok(zi_core::paths::open_store(state.data_dir(), false).await?)
}

fn store_error(error: zi_store::StoreError) -> ShellError {
    ShellError::from(zi_core::CoreError::from(error))
}

/// The log file tauri-plugin-log writes (its default target: the app's log folder,
/// `<product name>.log`).
fn log_file<R: Runtime>(app: &AppHandle<R>) -> Option<std::path::PathBuf> {
    let dir = app.path().app_log_dir().ok()?;
    let name = app.package_info().name.clone();
    Some(dir.join(format!("{name}.log")))
}

pub async fn view_of(state: &AppState, log_file: Option<String>) -> CommandResult<SettingsView> {
    let store = account_store(state).await?;
    let audit = store
        .recent_audit(20)
        .await
        .map_err(store_error)?
        .into_iter()
        .map(|e| AuditItem {
            at: e.at,
            action: e.action,
            detail: e.detail,
        })
        .collect();
    Ok(SettingsView {
        connection: ConnectionSettings::load(&store).await?,
        defaults: ConnectionSettings::default(),
        api_url_from_env: std::env::var(zi_core::API_URL_ENV)
            .is_ok_and(|url| !url.trim().is_empty()),
        data_dir: state.data_dir().display().to_string(),
        database: zi_core::paths::database_path(state.data_dir(), false)
            .display()
            .to_string(),
        log_file,
        audit,
        cache: zi_core::cache::cache_view(&session_store(state).await?).await?,
    })
}

/// Checks what the form sent beyond zi-core's own rules: an http(s) address with a host.
pub fn validate(settings: &ConnectionSettings) -> CommandResult<ConnectionSettings> {
    let api_url = settings.api_url.trim().trim_end_matches('/').to_string();
    let host = api_url
        .strip_prefix("https://")
        .or_else(|| api_url.strip_prefix("http://"))
        .unwrap_or_default();
    if host.is_empty() || host.starts_with('/') || host.contains(char::is_whitespace) {
        return Err(ShellError::new(
            "invalid_input",
            "The API base URL must start with https:// and name a host, e.g. https://api.zoominfo.com.",
        ));
    }
    let settings = ConnectionSettings {
        api_url,
        ..settings.clone()
    };
    settings.validate()?;
    Ok(settings)
}

#[tauri::command]
pub async fn get_settings<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
) -> CommandResult<SettingsView> {
    let log = log_file(&app).map(|p| p.display().to_string());
    view_of(&state, log).await
}

/// Saves the connection settings; they apply from the next sign-in.
#[tauri::command]
pub async fn save_settings<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    settings: ConnectionSettings,
) -> CommandResult<SettingsView> {
    let settings = validate(&settings)?;
    let store = account_store(&state).await?;
    settings.save(&store).await?;
    store
        .audit(
            "settings_saved",
            &format!(
                "api {} at {}/s, {}/min",
                settings.api_url, settings.rate_per_second, settings.rate_per_minute
            ),
        )
        .await
        .map_err(store_error)?;
    let log = log_file(&app).map(|p| p.display().to_string());
    view_of(&state, log).await
}

/// Sets how many days a cached answer is used instead of buying the record again.
#[tauri::command]
pub async fn save_cache_settings<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    max_age_days: u32,
) -> CommandResult<SettingsView> {
    zi_core::cache::save_max_age_days(&session_store(&state).await?, max_age_days).await?;
    get_settings(app, state).await
}

/// Forgets every cached record and answer; jobs and the credit ledger stay.
#[tauri::command]
pub async fn clear_cache<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
) -> CommandResult<SettingsView> {
    let demo = state.console().await.is_some_and(|c| c.is_demo());
    let removed = session_store(&state)
        .await?
        .clear_cache()
        .await
        .map_err(store_error)?;
    // The audit trail the screen shows is the account's, so the clearing is noted there.
    account_store(&state)
        .await?
        .audit(
            "cache_cleared",
            &format!("{removed} records{}", if demo { " (demo)" } else { "" }),
        )
        .await
        .map_err(store_error)?;
    get_settings(app, state).await
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
    let source = log_file(&app).ok_or_else(|| {
        ShellError::new(
            "not_available",
            "zi-console does not know where its log file is.",
        )
    })?;
    if !source.exists() {
        return Err(ShellError::new(
            "not_available",
            format!("No log file has been written yet ({}).", source.display()),
        ));
    }
    let log = tokio::fs::read(&source).await.map_err(|error| {
        ShellError::new(
            "not_available",
            format!(
                "The log file {} could not be read: {error}",
                source.display()
            ),
        )
    })?;
    // The log never holds a secret; masking tokens anyway keeps a shared log safe regardless.
    let masked = zi_core::redact::redact_tokens(&String::from_utf8_lossy(&log));
    tokio::fs::write(&destination, masked.as_bytes())
        .await
        .map_err(|error| {
            ShellError::new(
                "write_failed",
                format!(
                    "Could not write {destination}: {error}. Choose a folder you can write to."
                ),
            )
        })?;
    Ok(masked.len() as u64)
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
