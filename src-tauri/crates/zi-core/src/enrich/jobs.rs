//! The job history: past, stopped and interrupted jobs.

use zi_store::Store;

use super::types::JobSummary;
use crate::console::Console;
use crate::error::Result;

/// How many jobs the history shows.
const HISTORY_LENGTH: i64 = 200;

impl Console {
    pub async fn list_jobs(&self) -> Result<Vec<JobSummary>> {
        list_jobs(self.store()).await
    }
}

/// The history straight from the store: needs no sign-in.
pub async fn list_jobs(store: &Store) -> Result<Vec<JobSummary>> {
    let mut jobs = Vec::new();
    for job in store.jobs(HISTORY_LENGTH).await? {
        let counts = store.key_counts(job.id).await?;
        let updated = chrono::DateTime::from_timestamp(job.updated_at, 0).unwrap_or_default();
        jobs.push(JobSummary {
            id: job.id,
            kind: job.kind,
            source: job.source_path,
            state: job.state,
            stop_reason: job.stop_reason,
            rows: job.rows_total.max(0) as u64,
            keys_pending: counts.pending.max(0) as u64,
            credits_spent: store.credits_spent(job.id).await?.max(0) as u64,
            possibly_charged_twice: store.records_charged_twice(job.id).await?.max(0) as u64,
            updated_at: updated.to_rfc3339(),
        });
    }
    Ok(jobs)
}
