//! The account's limits from `/lookup/usage`, kept as snapshots for history and forecasts,
//! and the usage the latest answers' headers told, read without calling the API.

use serde::{Deserialize, Serialize};
use ts_rs::TS;
use zi_client::{RateWindow, UsageLimit};
use zi_store::UsageSnapshotRow;

use crate::console::Console;
use crate::error::Result;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct UsageReport {
    pub limits: Vec<UsageLimit>,
    /// RFC 3339 time of the reading.
    pub fetched_at: String,
    /// What the answers' headers said last (may be newer than `limits` once work runs).
    pub live: LiveUsage,
}

/// Usage as ZoomInfo's answers told it in their headers (`X-Usage-*`, `X-RateLimit-*`) after
/// the latest search or enrichment: fresher than the last `/lookup/usage` reading, and free.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct LiveUsage {
    /// Records (credits) left: `recordLimit`'s remaining.
    #[ts(type = "number | null")]
    pub records_remaining: Option<i64>,
    /// Requests left: `requestLimit`'s remaining.
    #[ts(type = "number | null")]
    pub requests_remaining: Option<i64>,
    /// Every counter the headers carried, under `/lookup/usage`'s limit types.
    pub limits: Vec<UsageLimit>,
    /// RFC 3339 time the answer carrying them arrived; `None` until a search or enrichment
    /// answered in this session.
    pub seen_at: Option<String>,
    /// The API's request window as the latest answer described it.
    pub window: Option<RateWindow>,
}

impl LiveUsage {
    fn remaining(limits: &[UsageLimit], limit_type: &str) -> Option<i64> {
        UsageLimit::of_type(limits, limit_type).and_then(|l| l.usage_remaining)
    }
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
        if let Some(team) = self.team() {
            // The team's history too; a database that does not answer costs the screen nothing.
            if let Err(error) = team.record_usage(&rows).await {
                tracing::debug!(%error, "usage not kept in the team's database");
            }
        }
        Ok(UsageReport {
            limits,
            fetched_at: now.to_rfc3339(),
            live: self.live_usage(),
        })
    }

    /// The usage the latest answers' headers told; no call to the API.
    pub fn live_usage(&self) -> LiveUsage {
        let Some(snapshot) = self.backend().rate_snapshot() else {
            return LiveUsage::default();
        };
        LiveUsage {
            records_remaining: LiveUsage::remaining(&snapshot.usage, "recordLimit"),
            requests_remaining: LiveUsage::remaining(&snapshot.usage, "requestLimit"),
            limits: snapshot.usage,
            seen_at: snapshot.usage_seen_at,
            window: snapshot.window,
        }
    }
}
