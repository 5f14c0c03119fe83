//! Batches ZoomInfo may have charged twice, kept beside the credit ledger so the user is told
//! rather than left to find out on the invoice.

use crate::{unix_now, Result, Store};

/// Why a batch may have been charged twice.
pub mod reason {
    /// An answer arrived unreadable (cut short, garbled) and the batch was sent again.
    pub const UNREADABLE_ANSWER: &str = "unreadable_answer";
    /// The process stopped while the request was in flight; the batch was sent again.
    pub const INTERRUPTED: &str = "interrupted";
}

/// One batch that may have been charged twice.
#[derive(Clone, Debug, PartialEq)]
pub struct ChargedTwice {
    pub batch_ref: String,
    /// Inputs in the batch: at most this many records charged again.
    pub records: i64,
    /// One of [`reason`].
    pub reason: &'static str,
}

/// A recorded entry, as the job history lists it.
#[derive(Clone, Debug, PartialEq, sqlx::FromRow)]
pub struct ChargedTwiceRow {
    pub job_id: Option<i64>,
    pub at: i64,
    pub records: i64,
    pub reason: String,
    pub batch_ref: String,
}

impl Store {
    /// Records batches of `job_id` that may have been charged twice, all or none.
    pub async fn record_charged_twice(&self, job_id: i64, entries: &[ChargedTwice]) -> Result<()> {
        if entries.is_empty() {
            return Ok(());
        }
        let now = unix_now();
        let mut tx = self.pool().begin().await?;
        for entry in entries {
            sqlx::query(
                "INSERT INTO possibly_charged_twice (job_id, at, records, reason, batch_ref)
                 VALUES (?, ?, ?, ?, ?)",
            )
            .bind(job_id)
            .bind(now)
            .bind(entry.records)
            .bind(entry.reason)
            .bind(&entry.batch_ref)
            .execute(&mut *tx)
            .await?;
        }
        tx.commit().await?;
        Ok(())
    }

    /// Whether anything is recorded for the batch `batch_ref` (so it is recorded once).
    pub async fn charged_twice_recorded(&self, batch_ref: &str) -> Result<bool> {
        let found: Option<(i64,)> =
            sqlx::query_as("SELECT id FROM possibly_charged_twice WHERE batch_ref = ? LIMIT 1")
                .bind(batch_ref)
                .fetch_optional(self.pool())
                .await?;
        Ok(found.is_some())
    }

    /// Records of `job_id` that may have been charged twice, over all its runs.
    pub async fn records_charged_twice(&self, job_id: i64) -> Result<i64> {
        let (records,): (i64,) = sqlx::query_as(
            "SELECT COALESCE(SUM(records), 0) FROM possibly_charged_twice WHERE job_id = ?",
        )
        .bind(job_id)
        .fetch_one(self.pool())
        .await?;
        Ok(records)
    }

    /// Every entry of `job_id`, oldest first.
    pub async fn charged_twice(&self, job_id: i64) -> Result<Vec<ChargedTwiceRow>> {
        Ok(sqlx::query_as(
            "SELECT job_id, at, records, reason, batch_ref FROM possibly_charged_twice
             WHERE job_id = ? ORDER BY id",
        )
        .bind(job_id)
        .fetch_all(self.pool())
        .await?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn entries_add_up_per_job_and_are_found_by_batch() {
        let store = Store::in_memory().await.expect("store");
        let job = store
            .create_job("fp", "contact", "/a.csv", "{}")
            .await
            .expect("job");
        let other = store
            .create_job("fp2", "contact", "/b.csv", "{}")
            .await
            .expect("job");
        assert_eq!(store.records_charged_twice(job).await.expect("sum"), 0);
        store
            .record_charged_twice(
                job,
                &[
                    ChargedTwice {
                        batch_ref: "a".into(),
                        records: 25,
                        reason: reason::UNREADABLE_ANSWER,
                    },
                    ChargedTwice {
                        batch_ref: "b".into(),
                        records: 7,
                        reason: reason::INTERRUPTED,
                    },
                ],
            )
            .await
            .expect("record");
        assert_eq!(store.records_charged_twice(job).await.expect("sum"), 32);
        assert_eq!(store.records_charged_twice(other).await.expect("sum"), 0);
        assert!(store.charged_twice_recorded("b").await.expect("found"));
        assert!(!store.charged_twice_recorded("c").await.expect("absent"));
        let rows = store.charged_twice(job).await.expect("rows");
        assert_eq!(
            rows.iter()
                .map(|r| (r.batch_ref.as_str(), r.reason.as_str()))
                .collect::<Vec<_>>(),
            vec![("a", "unreadable_answer"), ("b", "interrupted")]
        );
    }
}
