//! Connect screen: start the demo, report the connection.

use tauri::State;

use crate::commands::app::{status_of, AppStatus};
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

/// The Connect form: a password or a PKI key file. The secret travels once, from the form to
/// this command, and is never sent back.
#[derive(Clone, serde::Deserialize, ts_rs::TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
#[ts(export)]
pub enum SignInRequest {
    Password {
        username: String,
        password: String,
    },
    Pki {
        username: String,
        client_id: String,
        /// The private key file (PEM) picked in the file dialog; read here, never returned.
        private_key_path: String,
    },
}

/// Turns the form into credentials, refusing empty fields and unreadable key files.
pub async fn credentials_of(
    request: SignInRequest,
) -> Result<zi_core::Credentials, crate::error::ShellError> {
    use crate::error::ShellError;
    let missing = |what: &str| ShellError::new("invalid_input", format!("Enter your {what}."));
    match request {
        SignInRequest::Password { username, password } => {
            if username.trim().is_empty() {
                return Err(missing("ZoomInfo username"));
            }
            if password.is_empty() {
                return Err(missing("password"));
            }
            Ok(zi_core::Credentials::password(username.trim(), password))
        }
        SignInRequest::Pki {
            username,
            client_id,
            private_key_path,
        } => {
            if username.trim().is_empty() {
                return Err(missing("ZoomInfo username"));
            }
            if client_id.trim().is_empty() {
                return Err(missing("client ID"));
            }
            let pem = tokio::fs::read_to_string(&private_key_path)
                .await
                .map_err(|error| {
                    ShellError::new(
                        "unreadable_file",
                        format!("The private key file {private_key_path} could not be read ({error}). Pick the PEM file ZoomInfo gave you."),
                    )
                })?;
            if !pem.contains("PRIVATE KEY") {
                return Err(ShellError::new(
                    "unreadable_file",
                    format!("{private_key_path} holds no PEM private key (a file starting with -----BEGIN PRIVATE KEY-----)."),
                ));
            }
            Ok(zi_core::Credentials::Pki {
                username: username.trim().to_string(),
                client_id: client_id.trim().to_string(),
                private_key_pem: secrecy::SecretString::from(pem),
            })
        }
    }
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
    let credentials = credentials_of(request).await?;
    state.sign_in(credentials).await?;
    Ok(status_of(&state).await)
}

/// Ends the session; for a real account also removes its credentials from the keychain.
#[tauri::command]
pub async fn sign_out(state: State<'_, AppState>) -> CommandResult<AppStatus> {
    state.sign_out().await?;
    Ok(status_of(&state).await)
}
