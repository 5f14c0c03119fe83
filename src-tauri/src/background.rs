//! Provisioning is checked in the background, whatever screen is open: soon after launch, then
//! every quarter hour. New problems become desktop notifications; the tray shows the state.

use std::time::Duration;

use tauri::{AppHandle, Manager, Runtime};
use zi_core::provisioning::BACKGROUND_CHECK_EVERY;

use crate::state::AppState;

/// The first check waits for the session to open (the keychain, the demo's servers).
const FIRST_CHECK_AFTER: Duration = Duration::from_secs(10);

/// Starts the background checks for as long as the app runs.
pub fn start<R: Runtime>(app: AppHandle<R>) {
    tauri::async_runtime::spawn(async move {
        tokio::time::sleep(FIRST_CHECK_AFTER).await;
        loop {
            check(&app).await;
            tokio::time::sleep(BACKGROUND_CHECK_EVERY).await;
        }
    });
}

/// One check now ("Check provisioning now" in the tray).
pub fn check_now<R: Runtime>(app: AppHandle<R>) {
    tauri::async_runtime::spawn(async move { check(&app).await });
}

async fn check<R: Runtime>(app: &AppHandle<R>) {
    let state = app.state::<AppState>();
    if let Err(error) = crate::commands::provisioning::check_and_notify(app, &state).await {
        log::warn!("background provisioning check: {}", error.message);
    }
}
