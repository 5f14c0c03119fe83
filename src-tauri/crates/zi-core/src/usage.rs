//! The account's limits from `/lookup/usage`, kept as snapshots for history and forecasts.

use serde::{Deserialize, Serialize};
use ts_rs::TS;
use zi_client::UsageLimit;
use zi_store::UsageSnapshotRow;

use crate::console::Console;
use crate::error::Result;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct UsageReport {
    pub limits: Vec<UsageLimit>,
    /// RFC 3339 time of the reading.
    pub fetched_at: String,
}

impl Console {
    /// Reads the limits now and keeps the reading.
    pub async fn usage(&self) -> Result<UsageReport> {
        let limits = self.backend().usage().await?;
        let now = chrono::Utc::now();
        let rows: Vec<UsageSnapshotRow> = limits
            .iter()
            .map(|l| UsageSnapshotRow {
                taken_at: now.timestamp(),
                limit_type: l.limit_type.clone(),
                description: l.description.clone(),
                usage_limit: l.limit,
                current_usage: l.current_usage,
                usage_remaining: l.usage_remaining,
            })
            .collect();
        self.store().record_usage(&rows).await?;
        Ok(UsageReport {
            limits,
            fetched_at: now.to_rfc3339(),
        })
    }
}
