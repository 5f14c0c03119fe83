//! Settings → Network: the proxy connections go through (entered here, else the system's), its
//! password in the keychain, and a check of the way to ZoomInfo. The rules are zi-core's.

use tauri::State;
use zi_core::network::{
    check_connection, network_view_of, ConnectionCheck, NetworkSettings, NetworkView,
};
use zi_core::ConnectionSettings;

use crate::error::CommandResult;
use crate::state::AppState;

#[tauri::command]
pub async fn get_network(state: State<'_, AppState>) -> CommandResult<NetworkView> {
    let vault = state.credential_store().session_vault();
    Ok(network_view_of(&state.account_store().await?, vault.as_deref()).await?)
}

/// Saves the proxy and uses it for every connection from now on. `password`: `None` keeps the
/// kept one, `""` forgets it.
#[tauri::command]
pub async fn save_network(
    state: State<'_, AppState>,
    settings: NetworkSettings,
    password: Option<String>,
) -> CommandResult<NetworkView> {
    let vault = state.credential_store().session_vault();
    Ok(settings
        .save(
            &state.account_store().await?,
            vault.as_deref(),
            password.as_deref(),
        )
        .await?)
}

/// Tries the API address (or `url`) the way the app reaches it.
#[tauri::command]
pub async fn check_network(
    state: State<'_, AppState>,
    url: Option<String>,
) -> CommandResult<ConnectionCheck> {
    let url = match url.filter(|u| !u.trim().is_empty()) {
        Some(url) => url,
        None => {
            ConnectionSettings::load(&state.account_store().await?)
                .await?
                .api_url
        }
    };
    Ok(check_connection(&url).await?)
}
