//! Connect screen: start the demo, report the connection.

use tauri::State;

use crate::commands::app::{status_of, AppStatus};
use crate::domain::ConnectionStatus;
use crate::error::CommandResult;
use crate::state::AppState;

/// Starts the embedded simulator and signs in to it (no-op when a session is open).
#[tauri::command]
pub async fn start_demo(state: State<'_, AppState>) -> CommandResult<AppStatus> {
    state.start_demo().await?;
    Ok(status_of(&state).await)
}

/// The session's health: API address, signed in, token lifetime.
#[tauri::command]
pub async fn connection_status(state: State<'_, AppState>) -> CommandResult<ConnectionStatus> {
    Ok(state.require_console().await?.connection_status().await)
}
