//! Connectors screen: the data connector library (create, edit, import, export, delete), each
//! connector's API key in the keychain, and "Test API" with sample values. The rules are
//! zi-core's.

use tauri::ipc::Channel;
use tauri::{AppHandle, Runtime, State};
use tauri_plugin_opener::OpenerExt;
use zi_core::connectors::{self, ConnectorParam, ConnectorSummary, ConnectorTest};
use zi_core::enrich::{ConnectorEstimate, ConnectorRun};

use crate::error::CommandResult;
use crate::file_access::{Access, FileAccess};
use crate::state::AppState;

#[tauri::command]
pub async fn list_connectors(state: State<'_, AppState>) -> CommandResult<Vec<ConnectorSummary>> {
    let vault = state.credential_store().session_vault();
    Ok(connectors::list_connectors(
        state.data_dir(),
        vault.as_deref(),
    )?)
}

/// The file's JSON, for the editor.
#[tauri::command]
pub async fn read_connector(
    state: State<'_, AppState>,
    file_name: String,
) -> CommandResult<String> {
    Ok(connectors::read_connector(state.data_dir(), &file_name)?)
}

/// Checks and keeps a connector (`file_name`: the one edited; `null` for a new one).
#[tauri::command]
pub async fn save_connector(
    state: State<'_, AppState>,
    file_name: Option<String>,
    json: String,
) -> CommandResult<ConnectorSummary> {
    let vault = state.credential_store().session_vault();
    Ok(connectors::save_connector(
        state.data_dir(),
        file_name.as_deref(),
        &json,
        vault.as_deref(),
    )?)
}

/// Imports a connector file the user chose (`choose_file` with the connector purpose).
#[tauri::command]
pub async fn import_connector(
    state: State<'_, AppState>,
    files: State<'_, FileAccess>,
    path: String,
) -> CommandResult<ConnectorSummary> {
    files.check(Access::Read, &path)?;
    let vault = state.credential_store().session_vault();
    Ok(connectors::import_connector(
        state.data_dir(),
        std::path::Path::new(&path),
        vault.as_deref(),
    )?)
}

/// Writes a connector's file where the user chose (`choose_save_path`).
#[tauri::command]
pub async fn export_connector(
    state: State<'_, AppState>,
    files: State<'_, FileAccess>,
    file_name: String,
    destination: String,
) -> CommandResult<()> {
    files.check(Access::Write, &destination)?;
    Ok(connectors::export_connector(
        state.data_dir(),
        &file_name,
        std::path::Path::new(&destination),
    )?)
}

#[tauri::command]
pub async fn delete_connector(state: State<'_, AppState>, file_name: String) -> CommandResult<()> {
    let vault = state.credential_store().session_vault();
    Ok(connectors::delete_connector(
        state.data_dir(),
        &file_name,
        vault.as_deref(),
    )?)
}

/// Keeps a connector's API key in the keychain (an empty key forgets it).
#[tauri::command]
pub async fn set_connector_key(
    state: State<'_, AppState>,
    connector: String,
    key: String,
) -> CommandResult<()> {
    let vault = state.credential_store().session_vault().ok_or_else(|| {
        zi_core::CoreError::Invalid("This computer has no keychain to keep the key in.".into())
    })?;
    Ok(connectors::set_connector_key(
        vault.as_ref(),
        &connector,
        &key,
    )?)
}

/// "Test API": one call of `action` with sample values.
#[tauri::command]
pub async fn test_connector(
    state: State<'_, AppState>,
    file_name: String,
    action: Option<String>,
    params: Vec<ConnectorParam>,
) -> CommandResult<ConnectorTest> {
    let vault = state.credential_store().session_vault();
    let values = params.into_iter().map(|p| (p.name, p.value)).collect();
    Ok(connectors::test_connector(
        state.data_dir(),
        &file_name,
        action.as_deref(),
        &values,
        vault,
    )
    .await?)
}

/// The most each chosen connector (`file[:action]`, in order) may call for job `job_id`.
#[tauri::command]
pub async fn estimate_connectors(
    state: State<'_, AppState>,
    job_id: i64,
    connectors: Vec<String>,
) -> CommandResult<Vec<ConnectorEstimate>> {
    let vault = state.credential_store().session_vault();
    let steps = connectors::connector_steps(state.data_dir(), &connectors, vault)?;
    Ok(state
        .require_console()
        .await?
        .estimate_connectors(job_id, &steps)
        .await?)
}

/// The waterfall after ZoomInfo: asks each chosen connector, in order, about job `job_id`'s
/// rows still without a match, telling its progress as it goes.
#[tauri::command]
pub async fn run_connectors(
    state: State<'_, AppState>,
    job_id: i64,
    connectors: Vec<String>,
    on_progress: Channel<ConnectorRun>,
) -> CommandResult<Vec<ConnectorRun>> {
    let vault = state.credential_store().session_vault();
    let steps = connectors::connector_steps(state.data_dir(), &connectors, vault)?;
    Ok(state
        .require_console()
        .await?
        .run_connectors(job_id, &steps, |run| {
            // A closed window stops listening; the run goes on and its answers are kept.
            let _ = on_progress.send(run.clone());
        })
        .await?)
}

/// Signs in to an OAuth 2.0 connector in the system browser; resolves once the browser came
/// back, the sign-in kept in the keychain. The address goes to `on_address` too, for when no
/// browser opens.
#[tauri::command]
pub async fn sign_in_connector<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    file_name: String,
    on_address: Channel<String>,
) -> CommandResult<ConnectorSummary> {
    let vault = state.credential_store().session_vault().ok_or_else(|| {
        zi_core::CoreError::Invalid("This computer has no keychain to keep the sign-in in.".into())
    })?;
    Ok(connectors::sign_in_library_connector(
        state.data_dir(),
        &file_name,
        vault.as_ref(),
        |address| {
            if let Err(error) = app.opener().open_url(address, None::<&str>) {
                log::warn!("the browser did not open for the connector's sign-in: {error}");
            }
            let _ = on_address.send(address.to_string());
        },
    )
    .await?)
}
