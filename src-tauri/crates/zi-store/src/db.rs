//! Opening the one SQLite file: WAL, `synchronous=NORMAL`, a busy timeout, foreign keys,
//! and the migrations in `migrations/`.

use std::path::Path;
use std::str::FromStr;
use std::time::Duration;

use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};
use sqlx::{ConnectOptions, SqlitePool};

use crate::error::{Result, StoreError};

static MIGRATOR: sqlx::migrate::Migrator = sqlx::migrate!("./migrations");

fn options(url: &str) -> Result<SqliteConnectOptions> {
    Ok(SqliteConnectOptions::from_str(url)
        .map_err(|source| StoreError::Open {
            path: url.to_string(),
            source,
        })?
        .create_if_missing(true)
        .journal_mode(SqliteJournalMode::Wal)
        .synchronous(SqliteSynchronous::Normal)
        .busy_timeout(Duration::from_secs(10))
        .foreign_keys(true)
        // Loading a large file's keys takes seconds by design: a slow statement belongs in the
        // debug log, not as a warning on the user's terminal.
        .log_slow_statements(log::LevelFilter::Debug, Duration::from_secs(1)))
}

pub(crate) async fn open_file(path: &Path) -> Result<SqlitePool> {
    if let Some(folder) = path.parent() {
        std::fs::create_dir_all(folder).map_err(|source| StoreError::Folder {
            path: folder.display().to_string(),
            source,
        })?;
    }
    let opts = options("sqlite://")?.filename(path);
    let pool = SqlitePoolOptions::new()
        .max_connections(4)
        .connect_with(opts)
        .await
        .map_err(|source| StoreError::Open {
            path: path.display().to_string(),
            source,
        })?;
    MIGRATOR.run(&pool).await?;
    Ok(pool)
}

pub(crate) async fn open_in_memory() -> Result<SqlitePool> {
    // One connection: every in-memory connection would otherwise be its own database.
    let opts = options("sqlite::memory:")?.journal_mode(SqliteJournalMode::Memory);
    let pool = SqlitePoolOptions::new()
        .max_connections(1)
        .connect_with(opts)
        .await
        .map_err(|source| StoreError::Open {
            path: ":memory:".into(),
            source,
        })?;
    MIGRATOR.run(&pool).await?;
    Ok(pool)
}
