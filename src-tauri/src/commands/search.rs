//! Search screen: contacts or companies by criteria (with what each search cost), and exporting them.

use std::path::PathBuf;

use tauri::State;

use crate::domain::{SearchOutcome, SearchRequest};
use crate::error::CommandResult;
use crate::file_access::{Access, FileAccess};
use crate::state::AppState;

#[tauri::command]
pub async fn search(
    state: State<'_, AppState>,
    request: SearchRequest,
) -> CommandResult<SearchOutcome> {
    Ok(state.require_console().await?.search(request).await?)
}

/// Runs the search again and writes its records to `path` (.csv, .json or .xlsx, as picked in
/// the save dialog); returns how many records were written.
#[tauri::command]
pub async fn export_search(
    state: State<'_, AppState>,
    files: State<'_, FileAccess>,
    request: SearchRequest,
    path: String,
) -> CommandResult<usize> {
    files.check(Access::Write, &path)?;
    Ok(state
        .require_console()
        .await?
        .export_search(&request, &PathBuf::from(path))
        .await?)
}
