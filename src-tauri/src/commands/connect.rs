//! Connect screen: start the demo, report the connection.

use tauri::State;

use crate::commands::app::{status_of, AppStatus};
use zi_core::sign_in::{credentials_from, SignInRequest};

use crate::domain::ConnectionStatus;
use crate::error::CommandResult;
use crate::file_access::{Access, FileAccess};
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

/// Signs in to a real account; once ZoomInfo accepts, the credentials go to the OS keychain.
#[tauri::command]
pub async fn sign_in(
    state: State<'_, AppState>,
    files: State<'_, FileAccess>,
    request: SignInRequest,
) -> CommandResult<AppStatus> {
    if let SignInRequest::Pki {
        private_key_path, ..
    } = &request
    {
        files.check(Access::Read, private_key_path)?;
    }
    let credentials = credentials_from(request).await?;
    state.sign_in(credentials).await?;
    Ok(status_of(&state).await)
}

/// Ends the session; for a real account also removes its credentials from the keychain.
#[tauri::command]
pub async fn sign_out(state: State<'_, AppState>) -> CommandResult<AppStatus> {
    state.sign_out().await?;
    Ok(status_of(&state).await)
}
