//! App-wide facts the shell knows: version, session, where data lives, how it was launched.

use serde::Serialize;
use tauri::State;
use ts_rs::TS;

use crate::error::{CommandResult, ErrorReply};
use crate::launch::Screen;
use crate::state::AppState;

/// What the UI needs to draw its frame: demo banner, connect screen or not, settings facts.
#[derive(Clone, Debug, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct AppStatus {
    /// The app's version (from Cargo.toml).
    pub version: String,
    /// A ZoomInfo session (real or simulated) is open.
    pub connected: bool,
    /// The open session is the built-in simulator: no real data, no credits spent.
    pub demo: bool,
    /// Where zi-console keeps its data (the OS app-data directory).
    pub data_dir: String,
    /// The screen asked for with `--screen`, if any.
    pub initial_screen: Option<Screen>,
    /// Why `--demo` could not start the demo, if it failed.
    pub startup_error: Option<ErrorReply>,
}

/// Builds the status; waits while a session is starting so the UI never sees a half state.
pub async fn status_of(state: &AppState) -> AppStatus {
    let console = state.console().await;
    AppStatus {
        version: env!("CARGO_PKG_VERSION").to_owned(),
        connected: console.is_some(),
        demo: console.as_ref().is_some_and(|c| c.is_demo()),
        data_dir: state.data_dir().display().to_string(),
        initial_screen: state.launch().screen,
        startup_error: state.startup_error(),
    }
}

/// The page asks for the status first thing, and draws its first screen from the answer, so the
/// first answer marks the app becoming usable. Logged once; `scripts/bench-app.sh` reads it.
#[tauri::command]
pub async fn app_status(state: State<'_, AppState>) -> CommandResult<AppStatus> {
    let status = status_of(&state).await;
    static FIRST_ANSWER: std::sync::Once = std::sync::Once::new();
    FIRST_ANSWER.call_once(|| {
        let since_launch = crate::launch::since_launch();
        log::info!(
            "first screen ready {} ms after launch",
            since_launch.as_millis()
        );
    });
    Ok(status)
}
