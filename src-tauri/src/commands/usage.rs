//! Usage screen: the account's limits and how much of each is used.

use tauri::State;

use crate::domain::UsageReport;
use crate::error::CommandResult;
use crate::state::AppState;

#[tauri::command]
pub async fn get_usage(state: State<'_, AppState>) -> CommandResult<UsageReport> {
    Ok(state.require_console().await?.usage().await?)
}
