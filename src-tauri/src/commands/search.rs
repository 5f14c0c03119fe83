//! Search screen: contacts or companies by criteria (free of credits).

use tauri::State;

use crate::domain::{SearchOutcome, SearchRequest};
use crate::error::CommandResult;
use crate::state::AppState;

#[tauri::command]
pub async fn search(
    state: State<'_, AppState>,
    request: SearchRequest,
) -> CommandResult<SearchOutcome> {
    Ok(state.require_console().await?.search(request).await?)
}
