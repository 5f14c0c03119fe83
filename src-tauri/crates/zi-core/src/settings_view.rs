//! What the Settings screen shows: the saved connection settings and their defaults, where the
//! data lives, the record cache, and the recent audit trail.

use std::path::Path;

use serde::Serialize;
use ts_rs::TS;
use zi_store::Store;

use crate::cache::{cache_view, CacheView};
use crate::error::Result;
use crate::paths;
use crate::settings::{ConnectionSettings, API_URL_ENV};

/// How many audit lines the screen lists.
const AUDIT_LINES: i64 = 20;

/// One line of the local audit trail (sign-ins, endpoints saved, …). No secrets.
#[derive(Clone, Debug, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct AuditItem {
    /// Unix seconds.
    #[ts(type = "number")]
    pub at: i64,
    pub action: String,
    pub detail: String,
}

/// What the Settings screen shows.
#[derive(Clone, Debug, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct SettingsView {
    /// As saved for the real account (the demo uses its simulator's own address).
    pub connection: ConnectionSettings,
    pub defaults: ConnectionSettings,
    /// `ZI_API_URL` is set and overrides the saved API address.
    pub api_url_from_env: bool,
    pub data_dir: String,
    /// The database file of the real account.
    pub database: String,
    /// Where the app writes its log file, when known.
    pub log_file: Option<String>,
    /// Latest first.
    pub audit: Vec<AuditItem>,
    /// The record cache of the open session (the demo keeps its own), else of the account.
    pub cache: CacheView,
}

/// The view over the account's store under `data_dir`, with `session`'s cache.
pub async fn settings_view(
    data_dir: &Path,
    session: &Store,
    log_file: Option<&Path>,
) -> Result<SettingsView> {
    let account = paths::open_store(data_dir, false).await?;
    let audit = account
        .recent_audit(AUDIT_LINES)
        .await?
        .into_iter()
        .map(|e| AuditItem {
            at: e.at,
            action: e.action,
            detail: e.detail,
        })
        .collect();
    Ok(SettingsView {
        connection: ConnectionSettings::load(&account).await?,
        defaults: ConnectionSettings::default(),
        api_url_from_env: std::env::var(API_URL_ENV).is_ok_and(|url| !url.trim().is_empty()),
        data_dir: data_dir.display().to_string(),
        database: paths::database_path(data_dir, false).display().to_string(),
        log_file: log_file.map(|path| path.display().to_string()),
        audit,
        cache: cache_view(session).await?,
    })
}
