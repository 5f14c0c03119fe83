//! Connect screen: start the demo, report the connection.

use tauri::ipc::Channel;
use tauri::{AppHandle, Runtime, State};
use tauri_plugin_opener::OpenerExt;
use zi_core::gtm_sign_in::{oauth_config, GtmSignInRequest, OAUTH_ISSUER_ENV};

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

/// Signs in with ZoomInfo (GTM Data API) in the system browser, as RFC 8252 asks; resolves
/// once the browser came back. The address goes to `on_address` too, for when no browser opens.
#[tauri::command]
pub async fn sign_in_gtm<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    request: GtmSignInRequest,
    on_address: Channel<String>,
) -> CommandResult<AppStatus> {
    let issuer = std::env::var(OAUTH_ISSUER_ENV).ok();
    let config = oauth_config(&request.client_id, issuer.as_deref(), &[], None)?;
    state
        .sign_in_gtm(config, |address| {
            if let Err(error) = app.opener().open_url(address, None::<&str>) {
                log::warn!("the browser did not open for the sign-in: {error}");
            }
            let _ = on_address.send(address.to_string());
        })
        .await?;
    Ok(status_of(&state).await)
}

/// Stops waiting for the browser's sign-in; nothing is kept.
#[tauri::command]
pub fn cancel_gtm_sign_in(state: State<'_, AppState>) -> CommandResult<()> {
    state.cancel_gtm_sign_in();
    Ok(())
}

/// Ends the session; for a real account also removes its credentials from the keychain.
#[tauri::command]
pub async fn sign_out(state: State<'_, AppState>) -> CommandResult<AppStatus> {
    state.sign_out().await?;
    Ok(status_of(&state).await)
}
