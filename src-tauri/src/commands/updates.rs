//! Settings → Updates: the update address, checking for a newer version, and installing it with
//! its signature verified against the publisher key (tauri-plugin-updater, configured under
//! `plugins.updater` in tauri.conf.json). What is shown and said is zi-core's
//! ([`zi_core::updates`]); this file drives the plugin and maps its failures.

use std::sync::Mutex;

use tauri::ipc::Channel;
use tauri::{AppHandle, Manager, Runtime, State, Url};
use tauri_plugin_updater::{Error as UpdaterError, Update, Updater, UpdaterExt};
use zi_core::updates::{
    entered_proxy, AvailableUpdate, UpdateFailure, UpdateProgress, UpdateSettings, UpdateView,
};

use crate::error::CommandResult;
use crate::state::AppState;

/// The update last found by `check_for_update`, which `install_update` installs. Managed only
/// when the updater plugin is installed ([`with_updater`]).
#[derive(Default)]
pub struct PendingUpdate(Mutex<Option<Update>>);

impl PendingUpdate {
    fn put(&self, update: Option<Update>) {
        *self
            .0
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner) = update;
    }

    fn get(&self) -> Option<Update> {
        self.0
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .clone()
    }
}

/// Installs the updater plugin (its endpoints and publisher key from tauri.conf.json) and the
/// slot of the update found.
pub fn with_updater<R: Runtime>(builder: tauri::Builder<R>) -> tauri::Builder<R> {
    builder
        .plugin(tauri_plugin_updater::Builder::new().build())
        .manage(PendingUpdate::default())
}

/// The failure the user reads for an updater error: a signature that is not the publisher's is
/// refused in plain words, whatever the verifier said (kept in `detail`).
pub fn failure_of(error: UpdaterError) -> UpdateFailure {
    match error {
        UpdaterError::Minisign(_) | UpdaterError::Base64(_) | UpdaterError::SignatureUtf8(_) => {
            UpdateFailure::Signature(error.to_string())
        }
        UpdaterError::MissingSignedVersion => UpdateFailure::Signature(error.to_string()),
        UpdaterError::SignedVersionMismatch { signed, announced } => {
            UpdateFailure::SignedForAnotherVersion { signed, announced }
        }
        UpdaterError::Reqwest(ref cause) => UpdateFailure::Unreachable {
            url: cause
                .url()
                .map(|u| u.as_str().to_string())
                .unwrap_or_default(),
            detail: error.to_string(),
        },
        UpdaterError::Network(_) | UpdaterError::ReleaseNotFound => UpdateFailure::Unreachable {
            url: String::new(),
            detail: error.to_string(),
        },
        UpdaterError::Serialization(_) | UpdaterError::Semver(_) => {
            UpdateFailure::InvalidManifest(error.to_string())
        }
        UpdaterError::TargetNotFound(_) | UpdaterError::TargetsNotFound(_) => {
            UpdateFailure::NotForThisSystem(error.to_string())
        }
        UpdaterError::EmptyEndpoints
        | UpdaterError::UrlParse(_)
        | UpdaterError::InsecureTransportProtocol
        | UpdaterError::UnsupportedArch
        | UpdaterError::UnsupportedOs => UpdateFailure::Config(error.to_string()),
        other => UpdateFailure::InstallFailed(other.to_string()),
    }
}

/// Where the updater was asked, for a failure that does not say.
fn with_url(failure: UpdateFailure, asked: &str) -> UpdateFailure {
    match failure {
        UpdateFailure::Unreachable { url, detail } if url.is_empty() => {
            UpdateFailure::Unreachable {
                url: asked.to_string(),
                detail,
            }
        }
        other => other,
    }
}

/// What the server announced, if it is newer than this version.
pub fn available(update: &Update) -> AvailableUpdate {
    AvailableUpdate {
        version: update.version.clone(),
        current_version: update.current_version.clone(),
        // As the manifest wrote it (the plugin checked it is RFC 3339).
        date: update
            .raw_json
            .get("pub_date")
            .and_then(|d| d.as_str())
            .map(str::to_string),
        notes: update.body.clone().filter(|n| !n.trim().is_empty()),
    }
}

/// Asks the update server; `Some` when it announces a newer version for this system.
pub async fn check(updater: &Updater) -> Result<Option<Update>, UpdateFailure> {
    updater.check().await.map_err(failure_of)
}

/// Downloads the update and verifies its signature; the bytes only when it is the publisher's.
pub async fn download(
    update: &Update,
    mut on_progress: impl FnMut(UpdateProgress),
) -> Result<Vec<u8>, UpdateFailure> {
    let mut downloaded = 0u64;
    let mut verifying = false;
    let bytes = update
        .download(
            |chunk, total| {
                downloaded += chunk as u64;
                on_progress(UpdateProgress::Downloading { downloaded, total });
            },
            || verifying = true,
        )
        .await;
    if verifying {
        on_progress(UpdateProgress::Verifying);
    }
    bytes.map_err(failure_of)
}

/// The release's own update address (the first of `plugins.updater.endpoints`).
fn default_url<R: Runtime>(app: &AppHandle<R>) -> String {
    app.config()
        .plugins
        .0
        .get("updater")
        .and_then(|c| c.get("endpoints"))
        .and_then(|e| e.get(0))
        .and_then(|u| u.as_str())
        .unwrap_or_default()
        .to_string()
}

fn pending<R: Runtime>(app: &AppHandle<R>) -> Result<State<'_, PendingUpdate>, UpdateFailure> {
    app.try_state::<PendingUpdate>()
        .ok_or(UpdateFailure::NotAvailable)
}

/// The updater for the address in force (Settings, else the release's) and the proxy entered
/// in Settings → Network.
fn updater_for<R: Runtime>(
    app: &AppHandle<R>,
    settings: &UpdateSettings,
) -> Result<(Updater, String), UpdateFailure> {
    pending(app)?;
    let default = default_url(app);
    let url = settings.url_or(&default).to_string();
    let mut builder = app.updater_builder();
    if !settings.url.is_empty() {
        let parsed = Url::parse(&url).map_err(|e| UpdateFailure::Config(e.to_string()))?;
        builder = builder.endpoints(vec![parsed]).map_err(failure_of)?;
    }
    if let Some(proxy) = entered_proxy() {
        builder = builder.proxy(proxy);
    }
    Ok((builder.build().map_err(failure_of)?, url))
}

fn view_of<R: Runtime>(app: &AppHandle<R>, settings: UpdateSettings) -> UpdateView {
    UpdateView {
        settings,
        default_url: default_url(app),
        current_version: app.package_info().version.to_string(),
        available: pending(app).is_ok(),
    }
}

#[tauri::command]
pub async fn get_updates<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
) -> CommandResult<UpdateView> {
    let settings = UpdateSettings::load(&state.account_store().await?).await?;
    Ok(view_of(&app, settings))
}

/// Saves the update address (empty: the release's own); used from the next check.
#[tauri::command]
pub async fn save_update_settings<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    settings: UpdateSettings,
) -> CommandResult<UpdateView> {
    let saved = settings.save(&state.account_store().await?).await?;
    Ok(view_of(&app, saved))
}

/// Asks the update server whether a newer version exists; nothing is downloaded.
#[tauri::command]
pub async fn check_for_update<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
) -> CommandResult<Option<AvailableUpdate>> {
    let settings = UpdateSettings::load(&state.account_store().await?).await?;
    let (updater, url) = updater_for(&app, &settings)?;
    let found = check(&updater).await.map_err(|f| with_url(f, &url))?;
    let answer = found.as_ref().map(available);
    pending(&app)?.put(found);
    if let Some(update) = &answer {
        log::info!(
            "update {} available (running {})",
            update.version,
            update.current_version
        );
    }
    Ok(answer)
}

/// Downloads the update found by `check_for_update`, verifies its signature against the
/// publisher key and installs it; the page then asks to restart. Refused when the signature is
/// not the publisher's: nothing is installed.
#[tauri::command]
pub async fn install_update<R: Runtime>(
    app: AppHandle<R>,
    on_progress: Channel<UpdateProgress>,
) -> CommandResult<()> {
    let update = pending(&app)?
        .get()
        .ok_or(UpdateFailure::NothingToInstall)?;
    let send = |progress: UpdateProgress| {
        let _ = on_progress.send(progress);
    };
    let bytes = download(&update, send).await.map_err(|failure| {
        log::warn!("update {} refused: {:?}", update.version, failure);
        failure
    })?;
    send(UpdateProgress::Installing);
    // Verifies the bytes again before anything is replaced. On Windows the installer takes
    // over and the app quits here.
    update.install(&bytes).map_err(failure_of)?;
    log::info!("update {} installed", update.version);
    pending(&app)?.put(None);
    send(UpdateProgress::Installed {
        version: update.version.clone(),
    });
    Ok(())
}

/// Restarts zi-console into the installed update. Running jobs resume where they were.
#[tauri::command]
pub fn restart_app<R: Runtime>(app: AppHandle<R>) {
    app.restart()
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use serde_json::json;

    use crate::commands::test_support::TestApp;

    #[test]
    fn the_update_address_is_saved_and_checked() {
        let app = TestApp::signed_out();
        let view = app.invoke("get_updates", json!({})).unwrap();
        assert_eq!(view["settings"]["url"], "", "{view}");
        assert_eq!(view["available"], false);
        assert!(view["current_version"].as_str().is_some());

        let saved = app
            .invoke(
                "save_update_settings",
                json!({ "settings": { "url": " https://mirror.corp.example/zi/{{target}}/{{arch}}/{{current_version}} " } }),
            )
            .unwrap();
        assert_eq!(
            saved["settings"]["url"],
            "https://mirror.corp.example/zi/{{target}}/{{arch}}/{{current_version}}"
        );
        let settings = app.invoke("get_settings", json!({})).unwrap();
        assert_eq!(settings["audit"][0]["action"], "update_url_saved");

        let error = app
            .invoke(
                "save_update_settings",
                json!({ "settings": { "url": "http://mirror.corp.example/latest.json" } }),
            )
            .unwrap_err();
        assert_eq!(error["code"], "invalid_input", "{error}");
    }

    /// Without the updater plugin (this build of the tests), the page is told in words.
    #[test]
    fn checking_says_when_updates_are_not_available() {
        let app = TestApp::signed_out();
        let error = app.invoke("check_for_update", json!({})).unwrap_err();
        assert_eq!(error["code"], "not_available", "{error}");
        assert_eq!(error["message"], "Updates are not available in this build.");
        let error = app
            .invoke("install_update", json!({ "onProgress": "__CHANNEL__:3" }))
            .unwrap_err();
        assert_eq!(error["code"], "not_available", "{error}");
    }
}
