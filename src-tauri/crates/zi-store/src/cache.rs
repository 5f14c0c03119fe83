//! The record cache as a whole: how big it is, and emptying it on request.

use crate::error::Result;
use crate::Store;

/// What the cache holds.
#[derive(Debug, Clone, Default, PartialEq, Eq, sqlx::FromRow)]
pub struct CacheCounts {
    /// ZoomInfo records bought.
    pub records: i64,
    /// Answers per normalized match key (matches and no-matches).
    pub answers: i64,
}

impl Store {
    pub async fn cache_counts(&self) -> Result<CacheCounts> {
        Ok(sqlx::query_as::<_, CacheCounts>(
            "SELECT (SELECT COUNT(*) FROM records) AS records,
                    (SELECT COUNT(*) FROM match_keys) AS answers",
        )
        .fetch_one(self.pool())
        .await?)
    }

    /// Forgets every cached record and answer (jobs and the credit ledger stay). Returns how
    /// many records were removed.
    pub async fn clear_cache(&self) -> Result<i64> {
        let mut tx = self.pool().begin().await?;
        sqlx::query("DELETE FROM match_keys")
            .execute(&mut *tx)
            .await?;
        let removed = sqlx::query("DELETE FROM records")
            .execute(&mut *tx)
            .await?
            .rows_affected();
        tx.commit().await?;
        Ok(removed as i64)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{BatchCommit, BoughtRecord, KeyAnswer, NewKey};

    #[tokio::test]
    async fn clearing_empties_records_and_answers_but_keeps_jobs_and_the_ledger() {
        let store = Store::in_memory().await.expect("store");
        let job = store
            .create_job("fp", "contact", "/tmp/a.csv", "{}")
            .await
            .expect("job");
        store
            .add_job_keys(
                job,
                &[NewKey {
                    seq: 1,
                    match_key: "k".into(),
                    input: "{}".into(),
                }],
            )
            .await
            .expect("keys");
        store
            .commit_batch(
                job,
                "contact",
                &BatchCommit {
                    batch_ref: Some("b".into()),
                    answers: vec![KeyAnswer {
                        match_key: "k".into(),
                        status: "FULL_MATCH".into(),
                        zi_id: Some("1".into()),
                        settled: true,
                    }],
                    records: vec![BoughtRecord {
                        zi_id: "1".into(),
                        data: "{}".into(),
                    }],
                    credits: 1,
                },
            )
            .await
            .expect("commit");
        assert_eq!(
            store.cache_counts().await.expect("counts"),
            CacheCounts {
                records: 1,
                answers: 1
            }
        );
        assert_eq!(store.clear_cache().await.expect("clear"), 1);
        assert_eq!(
            store.cache_counts().await.expect("counts"),
            CacheCounts::default()
        );
        assert!(store.job(job).await.expect("job").is_some());
        assert_eq!(store.credits_spent(job).await.expect("ledger"), 1);
    }
}
