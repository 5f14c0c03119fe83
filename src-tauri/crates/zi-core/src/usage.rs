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
        limits
            .iter()
            .find(|l| l.limit_type == limit_type)
            .and_then(|l| l.usage_remaining)
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

#[cfg(test)]
mod tests {
    use zi_client::RecordKind;
    use zi_sim::SimConfig;

    use crate::console::Console;
    use crate::enrich::{EnrichRequest, JobControl, RunOptions};
    use crate::sample::write_sample_file;

    #[tokio::test]
    async fn credits_left_follow_an_enrichment_without_a_usage_call() {
        let dir = tempfile::tempdir().expect("dir");
        let console = Console::start_demo_with(&dir.path().join("data"), SimConfig::demo())
            .await
            .expect("demo");
        let before = console.live_usage();
        assert_eq!(before.records_remaining, None, "nothing answered yet");
        assert_eq!(before.seen_at, None);

        let input = dir.path().join("contacts.csv");
        write_sample_file(RecordKind::Contact, 40, &input).expect("sample");
        let request = EnrichRequest::for_file(RecordKind::Contact, &input);
        let plan = console.plan_enrichment(&request).await.expect("plan");
        let outcome = console
            .run_enrichment(
                plan.job_id,
                &RunOptions::default(),
                &JobControl::default(),
                |_| {},
            )
            .await
            .expect("run");
        assert!(outcome.credits_spent > 0);
        let sim = console.simulator().expect("demo").stats();
        assert_eq!(sim.requests, sim.enrich_calls, "no usage call was made");

        let live = console.live_usage();
        let limit = i64::try_from(zi_sim::limits::DEMO_RECORD_LIMIT).expect("fits");
        let spent = i64::try_from(outcome.credits_spent).expect("fits");
        assert_eq!(live.records_remaining, Some(limit - spent));
        assert!(live.requests_remaining.is_some());
        assert!(live.seen_at.is_some());
        assert_eq!(
            live.window.and_then(|w| w.limit),
            Some(i64::from(zi_sim::limits::RATE_PER_MIN))
        );

        // The reading from /lookup/usage agrees, and carries the same live figures.
        let report = console.usage().await.expect("usage");
        let record = report
            .limits
            .iter()
            .find(|l| l.limit_type == "recordLimit")
            .expect("recordLimit");
        assert_eq!(record.usage_remaining, Some(limit - spent));
        assert_eq!(report.live.records_remaining, Some(limit - spent));
    }
}
