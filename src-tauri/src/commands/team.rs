//! Settings → Team and the Usage screen's team panel: team mode's database (its password in
//! the keychain), who this machine spends as, the team's spending and members' budgets. The
//! rules are zi-core's.

use tauri::State;
use zi_core::team::{TeamConnection, TeamStatus, TeamUsage};

use crate::error::CommandResult;
use crate::state::AppState;

#[tauri::command]
pub async fn get_team(state: State<'_, AppState>) -> CommandResult<TeamStatus> {
    let vault = state.credential_store().session_vault();
    let console = state.console().await;
    Ok(TeamStatus::of(
        &state.account_store().await?,
        vault.as_deref(),
        console.as_ref(),
    )
    .await?)
}

/// Saves team mode (an empty address turns it off) and joins the open session to it at once.
/// `password`: `None` keeps the kept one.
#[tauri::command]
pub async fn save_team(
    state: State<'_, AppState>,
    database_url: String,
    member: String,
    password: Option<String>,
) -> CommandResult<TeamStatus> {
    let store = state.account_store().await?;
    let vault = state.credential_store().session_vault().ok_or_else(|| {
        zi_core::CoreError::Invalid("This computer has no keychain to keep the password in.".into())
    })?;
    let password = password
        .filter(|p| !p.is_empty())
        .map(zi_core::SecretString::from);
    TeamConnection::save(&store, vault.as_ref(), &database_url, &member, password).await?;
    let console = state.console().await;
    if let Some(console) = &console {
        console.join_team_if_set(Some(vault.as_ref())).await?;
    }
    Ok(TeamStatus::of(&store, Some(vault.as_ref()), console.as_ref()).await?)
}

/// This month's spending of the team; `null` outside team mode.
#[tauri::command]
pub async fn team_usage(state: State<'_, AppState>) -> CommandResult<Option<TeamUsage>> {
    Ok(state.require_console().await?.team_usage().await?)
}

/// Sets (or with `null` removes) a member's monthly budget in credits.
#[tauri::command]
pub async fn set_team_budget(
    state: State<'_, AppState>,
    member: String,
    credits: Option<u64>,
) -> CommandResult<()> {
    Ok(state
        .require_console()
        .await?
        .set_team_budget(&member, credits)
        .await?)
}
