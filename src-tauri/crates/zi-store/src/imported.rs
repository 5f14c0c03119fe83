//! Answers bought elsewhere (a team member, through the team's database), taken into this
//! machine's cache with their age, and settling the job keys they answer.

use sqlx::{QueryBuilder, Sqlite};

use crate::error::Result;
use crate::Store;

/// An answer bought elsewhere, as the team's store hands it over.
#[derive(Clone, Debug)]
pub struct ImportedAnswer {
    pub match_key: String,
    pub status: String,
    pub zi_id: Option<String>,
    /// When it was bought (unix seconds): the freshness rule goes on counting from then.
    pub fetched_at: i64,
    /// The record (JSON), when it matched.
    pub data: Option<String>,
}

/// Answers per statement: five bound values each, far under SQLite's 32,766.
const PER_STATEMENT: usize = 1_000;

impl Store {
    /// Keeps `answers` in the cache (an older copy never replaces a newer one) and settles
    /// the job's pending keys they answer as cached. Returns how many keys it settled.
    pub async fn settle_imported(
        &self,
        job_id: i64,
        kind: &str,
        answers: &[ImportedAnswer],
    ) -> Result<u64> {
        let mut settled = 0;
        let mut tx = self.pool().begin().await?;
        for chunk in answers.chunks(PER_STATEMENT) {
            let records: Vec<(&ImportedAnswer, &str, &str)> = chunk
                .iter()
                .filter_map(|a| Some((a, a.zi_id.as_deref()?, a.data.as_deref()?)))
                .collect();
            if !records.is_empty() {
                let mut insert: QueryBuilder<Sqlite> =
                    QueryBuilder::new("INSERT INTO records (kind, zi_id, data, fetched_at) ");
                insert.push_values(&records, |mut row, (answer, id, data)| {
                    row.push_bind(kind)
                        .push_bind(*id)
                        .push_bind(*data)
                        .push_bind(answer.fetched_at);
                });
                insert.push(
                    " ON CONFLICT(kind, zi_id) DO UPDATE SET data = excluded.data, fetched_at = excluded.fetched_at
                      WHERE records.fetched_at < excluded.fetched_at",
                );
                insert.build().execute(&mut *tx).await?;
            }
            let mut insert: QueryBuilder<Sqlite> = QueryBuilder::new(
                "INSERT INTO match_keys (kind, match_key, status, zi_id, fetched_at) ",
            );
            insert.push_values(chunk, |mut row, answer| {
                row.push_bind(kind)
                    .push_bind(&answer.match_key)
                    .push_bind(&answer.status)
                    .push_bind(&answer.zi_id)
                    .push_bind(answer.fetched_at);
            });
            insert.push(
                " ON CONFLICT(kind, match_key) DO UPDATE SET status = excluded.status, zi_id = excluded.zi_id, fetched_at = excluded.fetched_at
                  WHERE match_keys.fetched_at < excluded.fetched_at",
            );
            insert.build().execute(&mut *tx).await?;

            let mut update: QueryBuilder<Sqlite> =
                QueryBuilder::new("WITH answer(match_key, status, zi_id) AS (");
            update.push_values(chunk, |mut row, answer| {
                row.push_bind(&answer.match_key)
                    .push_bind(&answer.status)
                    .push_bind(&answer.zi_id);
            });
            update.push(
                ") UPDATE job_keys SET state = 'cached', status = answer.status, zi_id = answer.zi_id FROM answer
                 WHERE job_keys.job_id = ",
            );
            update
                .push_bind(job_id)
                .push(" AND job_keys.match_key = answer.match_key AND job_keys.state = 'pending'");
            settled += update.build().execute(&mut *tx).await?.rows_affected();
        }
        tx.commit().await?;
        Ok(settled)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::NewKey;

    #[tokio::test]
    async fn imported_answers_settle_pending_keys_and_serve_the_export() {
        let store = Store::in_memory().await.expect("store");
        let job = store
            .create_job("fp", "contact", "/tmp/a.csv", "{}")
            .await
            .expect("job");
        let keys = ["a", "b", "c"].map(|k| NewKey {
            seq: 1,
            match_key: k.into(),
            input: "{}".into(),
        });
        store.add_job_keys(job, &keys).await.expect("keys");
        let answers = vec![
            ImportedAnswer {
                match_key: "a".into(),
                status: "FULL_MATCH".into(),
                zi_id: Some("1".into()),
                fetched_at: 100,
                data: Some(r#"{"id":1}"#.into()),
            },
            ImportedAnswer {
                match_key: "b".into(),
                status: "NO_MATCH".into(),
                zi_id: None,
                fetched_at: 100,
                data: None,
            },
        ];
        assert_eq!(
            store
                .settle_imported(job, "contact", &answers)
                .await
                .expect("settle"),
            2
        );
        let counts = store.key_counts(job).await.expect("counts");
        assert_eq!((counts.cached, counts.pending, counts.matched), (2, 1, 1));
        assert_eq!(
            store.credits_spent(job).await.expect("ledger"),
            0,
            "nothing paid here"
        );
        assert_eq!(store.cache_counts().await.expect("cache").records, 1);
        // Settled keys are not settled again.
        assert_eq!(
            store
                .settle_imported(job, "contact", &answers)
                .await
                .expect("settle"),
            0
        );
    }
}
