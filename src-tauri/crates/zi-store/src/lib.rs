//! zi-console's local SQLite store: settings, the record cache, enrichment jobs and their
//! keys, the credit ledger, usage snapshots and an audit log.
//! Secrets never come here: they live in the OS keychain.

mod audit;
mod cache;
mod charged_twice;
mod connectors;
mod db;
mod error;
mod imported;
mod jobs;
mod provisioning;
mod review;
mod settings;
mod usage;

use std::path::Path;

use sqlx::SqlitePool;

pub use audit::AuditEntry;
pub use cache::CacheCounts;
pub use charged_twice::{reason as charged_twice_reason, ChargedTwice, ChargedTwiceRow};
pub use connectors::{ConnectorAnswer, JobConnector};
pub use error::{Result, StoreError};
pub use imported::ImportedAnswer;
pub use jobs::{
    BatchCommit, BoughtRecord, JobRow, KeyAnswer, KeyCounts, KeyLoader, KeyResult, NewKey,
    PendingKey,
};
pub use provisioning::{
    NewScimEndpoint, ScimCheckRow, ScimEndpointRow, ScimFindingRow, SeatSnapshotRow,
};
pub use review::{ReviewCounts, ReviewFilter, ReviewKey, ReviewOutcome, ScoreBelow};
pub use usage::UsageSnapshotRow;

/// The store; cheap to clone (a pool inside).
#[derive(Clone, Debug)]
pub struct Store {
    pool: SqlitePool,
    /// The folder holding the database file; `None` in memory.
    folder: Option<std::path::PathBuf>,
}

impl Store {
    /// Opens (creating if needed) the database file and brings it up to date.
    pub async fn open(path: &Path) -> Result<Store> {
        Ok(Store {
            pool: db::open_file(path).await?,
            folder: path.parent().map(Path::to_path_buf),
        })
    }

    /// A private database that vanishes with the process (tests, throwaway runs).
    pub async fn in_memory() -> Result<Store> {
        Ok(Store {
            pool: db::open_in_memory().await?,
            folder: None,
        })
    }

    /// Where the database file lives (files that go with it belong here too).
    pub fn folder(&self) -> Option<&Path> {
        self.folder.as_deref()
    }

    pub(crate) fn pool(&self) -> &SqlitePool {
        &self.pool
    }
}

pub(crate) fn unix_now() -> i64 {
    chrono::Utc::now().timestamp()
}
