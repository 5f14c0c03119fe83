//! Where zi-console keeps its data: `ZI_DATA_DIR`, else the OS app-data folder.

use std::path::PathBuf;

use crate::error::{CoreError, Result};

pub const DATA_DIR_ENV: &str = "ZI_DATA_DIR";
/// The app's identifier, as in `src-tauri/tauri.conf.json`.
pub const APP_IDENTIFIER: &str = "com.zi-console.app";
const DATABASE_FILE: &str = "zi-console.sqlite";
const DEMO_DATABASE_FILE: &str = "demo.sqlite";

/// The data folder: `ZI_DATA_DIR` when set, else e.g. `~/Library/Application Support/com.zi-console.app`.
pub fn data_dir() -> Result<PathBuf> {
    if let Some(dir) = std::env::var_os(DATA_DIR_ENV).filter(|d| !d.is_empty()) {
        return Ok(PathBuf::from(dir));
    }
    // The same folder the desktop app's `app_data_dir()` resolves to (data dir / identifier),
    // so the app and `zi` share one cache.
    directories::BaseDirs::new()
        .map(|dirs| dirs.data_dir().join(APP_IDENTIFIER))
        .ok_or_else(|| CoreError::Invalid(format!("No home folder found; set {DATA_DIR_ENV} to choose where zi-console keeps its data.")))
}

/// The database of a real account (the demo keeps its own, so demo data never mixes in).
pub fn database_path(data_dir: &std::path::Path, demo: bool) -> PathBuf {
    data_dir.join(if demo {
        DEMO_DATABASE_FILE
    } else {
        DATABASE_FILE
    })
}

/// Opens the local store of the real account or of the demo, without signing in.
pub async fn open_store(data_dir: &std::path::Path, demo: bool) -> Result<zi_store::Store> {
    Ok(zi_store::Store::open(&database_path(data_dir, demo)).await?)
}

/// The store a screen works on: the open session's (the demo keeps its own), else the
/// account's under `data_dir`.
pub async fn session_store(
    console: Option<&crate::Console>,
    data_dir: &std::path::Path,
) -> Result<zi_store::Store> {
    match console {
        Some(console) => Ok(console.store().clone()),
        None => open_store(data_dir, false).await,
    }
}
