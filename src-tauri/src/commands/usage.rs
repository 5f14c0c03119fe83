//! Usage screen: the account's limits and how much of each is used, and credits spent per day.

use tauri::State;

use crate::domain::{CreditHistory, UsageReport};
use crate::error::CommandResult;
use crate::state::AppState;

#[tauri::command]
pub async fn get_usage(state: State<'_, AppState>) -> CommandResult<UsageReport> {
    Ok(state.require_console().await?.usage().await?)
}

/// Credits spent per day over the last `days` days, from the local credit ledger.
#[tauri::command]
pub async fn credit_history(state: State<'_, AppState>, days: u32) -> CommandResult<CreditHistory> {
    Ok(state.require_console().await?.credit_history(days).await?)
}
