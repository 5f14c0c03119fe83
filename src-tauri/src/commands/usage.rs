//! Usage screen: the account's limits and how much of each is used, the usage the latest
//! answers' headers told, and credits spent per day.

use tauri::State;

use crate::domain::{CreditHistory, LiveUsage, UsageReport};
use crate::error::CommandResult;
use crate::state::AppState;

#[tauri::command]
pub async fn get_usage(state: State<'_, AppState>) -> CommandResult<UsageReport> {
    Ok(state.require_console().await?.usage().await?)
}

/// The usage the latest search or enrichment answers' headers told; asks the API nothing.
#[tauri::command]
pub async fn live_usage(state: State<'_, AppState>) -> CommandResult<LiveUsage> {
    Ok(state.require_console().await?.live_usage())
}

/// Credits spent per day over the last `days` days, from the local credit ledger.
#[tauri::command]
pub async fn credit_history(state: State<'_, AppState>, days: u32) -> CommandResult<CreditHistory> {
    Ok(state.require_console().await?.credit_history(days).await?)
}
