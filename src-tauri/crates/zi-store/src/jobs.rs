//! Enrichment jobs, their distinct keys, and the answers: what lets a killed run resume
//! without sending a finished batch again.

use std::collections::HashMap;

use sqlx::{QueryBuilder, Sqlite};

use crate::{unix_now, Result, Store};

#[derive(Clone, Debug, PartialEq, sqlx::FromRow)]
pub struct JobRow {
    pub id: i64,
    pub fingerprint: String,
    pub kind: String,
    pub source_path: String,
    pub options: String,
    pub state: String,
    pub stop_reason: Option<String>,
    pub rows_total: i64,
    pub rows_invalid: i64,
    pub max_width: i64,
    pub created_at: i64,
    pub updated_at: i64,
}

/// A distinct key found while reading the file.
#[derive(Clone, Debug, PartialEq)]
pub struct NewKey {
    pub seq: i64,
    pub match_key: String,
    pub input: String,
}

#[derive(Clone, Debug, PartialEq, sqlx::FromRow)]
pub struct PendingKey {
    pub seq: i64,
    pub match_key: String,
    pub input: String,
}

/// The API's answer for one key. `settled = false` (e.g. LIMIT_EXCEEDED) leaves it pending.
#[derive(Clone, Debug, PartialEq)]
pub struct KeyAnswer {
    pub match_key: String,
    pub status: String,
    pub zi_id: Option<String>,
    pub settled: bool,
}

/// A record bought in a batch.
#[derive(Clone, Debug, PartialEq)]
pub struct BoughtRecord {
    pub zi_id: String,
    pub data: String,
}

/// Everything one answered batch changes, committed together.
#[derive(Clone, Debug, PartialEq)]
pub struct BatchCommit {
    /// Identifies the sent batch, so an answer kept through a crash is committed once.
    pub batch_ref: Option<String>,
    pub answers: Vec<KeyAnswer>,
    pub records: Vec<BoughtRecord>,
    pub credits: i64,
}

#[derive(Clone, Debug, Default, PartialEq, sqlx::FromRow)]
pub struct KeyCounts {
    pub total: i64,
    pub pending: i64,
    pub done: i64,
    pub cached: i64,
    pub matched: i64,
}

/// The answer for one key of a job, with the record when there is one.
#[derive(Clone, Debug, PartialEq, sqlx::FromRow)]
pub struct KeyResult {
    pub match_key: String,
    pub state: String,
    pub status: Option<String>,
    pub zi_id: Option<String>,
    pub data: Option<String>,
}

/// A cached answer (`match_keys AS m`) still good: a match fetched since the first bound time
/// whose record is still here, or a no-match fetched since the second. A NON_MATCH_BY_* answer
/// is never reused: it failed a filter of that request (a minimum accuracy, a date), which says
/// nothing about the next request.
const FRESH_ANSWER: &str = "((m.zi_id IS NOT NULL AND m.fetched_at >= ?
      AND EXISTS (SELECT 1 FROM records r WHERE r.kind = m.kind AND r.zi_id = m.zi_id))
     OR (m.zi_id IS NULL AND m.fetched_at >= ? AND m.status NOT LIKE 'NON\\_MATCH\\_BY\\_%' ESCAPE '\\'))";

/// SQLite allows 32,766 bound values per statement.
const KEYS_PER_INSERT: usize = 1_000;
const STAGED_PER_INSERT: usize = 10_000;

/// Loads a job's keys in bulk, all in one transaction: rows are appended to an unindexed
/// staging table as they are read (as fast as `sqlite3 .import`), then moved into the job
/// sorted by key, so the index grows in order and a duplicate keeps its first row.
pub struct KeyLoader {
    tx: sqlx::Transaction<'static, Sqlite>,
    job_id: i64,
}

impl KeyLoader {
    pub async fn add(&mut self, keys: &[NewKey]) -> Result<()> {
        for chunk in keys.chunks(STAGED_PER_INSERT) {
            let mut insert: QueryBuilder<Sqlite> =
                QueryBuilder::new("INSERT INTO staged_keys (seq, match_key, input) ");
            insert.push_values(chunk, |mut row, key| {
                row.push_bind(key.seq)
                    .push_bind(&key.match_key)
                    .push_bind(&key.input);
            });
            insert.build().execute(&mut *self.tx).await?;
        }
        Ok(())
    }

    pub async fn finish(mut self) -> Result<()> {
        sqlx::query(
            "INSERT OR IGNORE INTO job_keys (job_id, seq, match_key, input, state)
             SELECT ?, seq, match_key, input, 'pending' FROM staged_keys ORDER BY match_key, seq",
        )
        .bind(self.job_id)
        .execute(&mut *self.tx)
        .await?;
        sqlx::query("DROP TABLE staged_keys")
            .execute(&mut *self.tx)
            .await?;
        self.tx.commit().await?;
        Ok(())
    }
}

impl Store {
    pub async fn job_by_fingerprint(&self, fingerprint: &str) -> Result<Option<JobRow>> {
        Ok(sqlx::query_as("SELECT * FROM jobs WHERE fingerprint = ?")
            .bind(fingerprint)
            .fetch_optional(self.pool())
            .await?)
    }

    pub async fn job(&self, id: i64) -> Result<Option<JobRow>> {
        Ok(sqlx::query_as("SELECT * FROM jobs WHERE id = ?")
            .bind(id)
            .fetch_optional(self.pool())
            .await?)
    }

    pub async fn jobs(&self, limit: i64) -> Result<Vec<JobRow>> {
        Ok(
            sqlx::query_as("SELECT * FROM jobs ORDER BY updated_at DESC, id DESC LIMIT ?")
                .bind(limit)
                .fetch_all(self.pool())
                .await?,
        )
    }

    pub async fn create_job(
        &self,
        fingerprint: &str,
        kind: &str,
        source_path: &str,
        options: &str,
    ) -> Result<i64> {
        let now = unix_now();
        let (id,): (i64,) = sqlx::query_as(
            "INSERT INTO jobs (fingerprint, kind, source_path, options, state, created_at, updated_at)
             VALUES (?, ?, ?, ?, 'planning', ?, ?) RETURNING id",
        )
        .bind(fingerprint)
        .bind(kind)
        .bind(source_path)
        .bind(options)
        .bind(now)
        .bind(now)
        .fetch_one(self.pool())
        .await?;
        Ok(id)
    }

    /// Removes a job whose planning never finished (its keys go with it).
    pub async fn delete_job(&self, id: i64) -> Result<()> {
        sqlx::query("DELETE FROM jobs WHERE id = ?")
            .bind(id)
            .execute(self.pool())
            .await?;
        Ok(())
    }

    /// Adds keys; a key already in the job (a duplicate row) is ignored.
    pub async fn add_job_keys(&self, job_id: i64, keys: &[NewKey]) -> Result<()> {
        let mut loader = self.key_loader(job_id).await?;
        loader.add(keys).await?;
        loader.finish().await
    }

    /// Starts a bulk load of a job's keys (see [`KeyLoader`]).
    pub async fn key_loader(&self, job_id: i64) -> Result<KeyLoader> {
        let mut tx = self.pool().begin().await?;
        sqlx::query("CREATE TEMP TABLE IF NOT EXISTS staged_keys (seq INTEGER NOT NULL, match_key TEXT NOT NULL, input TEXT NOT NULL)")
            .execute(&mut *tx)
            .await?;
        sqlx::query("DELETE FROM staged_keys")
            .execute(&mut *tx)
            .await?;
        Ok(KeyLoader { tx, job_id })
    }

    pub async fn finish_planning(
        &self,
        job_id: i64,
        rows_total: i64,
        rows_invalid: i64,
        max_width: i64,
    ) -> Result<()> {
        sqlx::query("UPDATE jobs SET state = 'ready', rows_total = ?, rows_invalid = ?, max_width = ?, updated_at = ? WHERE id = ?")
            .bind(rows_total)
            .bind(rows_invalid)
            .bind(max_width)
            .bind(unix_now())
            .bind(job_id)
            .execute(self.pool())
            .await?;
        Ok(())
    }

    pub async fn set_job_state(
        &self,
        job_id: i64,
        state: &str,
        stop_reason: Option<&str>,
    ) -> Result<()> {
        sqlx::query("UPDATE jobs SET state = ?, stop_reason = ?, updated_at = ? WHERE id = ?")
            .bind(state)
            .bind(stop_reason)
            .bind(unix_now())
            .bind(job_id)
            .execute(self.pool())
            .await?;
        Ok(())
    }

    /// Settles pending keys the cache already answers: matches younger than `match_max_age`
    /// seconds, no-matches younger than `no_match_max_age`. Returns how many.
    pub async fn settle_from_cache(
        &self,
        job_id: i64,
        kind: &str,
        match_max_age: i64,
        no_match_max_age: i64,
    ) -> Result<u64> {
        let now = unix_now();
        let sql = format!(
            "UPDATE job_keys SET state = 'cached', status = m.status, zi_id = m.zi_id
             FROM match_keys AS m
             WHERE job_keys.job_id = ? AND job_keys.state = 'pending'
               AND m.kind = ? AND m.match_key = job_keys.match_key AND {FRESH_ANSWER}"
        );
        let done = sqlx::query(&sql)
            .bind(job_id)
            .bind(kind)
            .bind(now - match_max_age)
            .bind(now - no_match_max_age)
            .execute(self.pool())
            .await?;
        Ok(done.rows_affected())
    }

    /// The keys of `kind` the cache answers by the rules of [`Store::settle_from_cache`], in
    /// key order after `after_key` ("" for the first), at most `limit`: what a dry run checks
    /// its keys against without storing them.
    pub async fn fresh_match_keys(
        &self,
        kind: &str,
        match_max_age: i64,
        no_match_max_age: i64,
        after_key: &str,
        limit: i64,
    ) -> Result<Vec<String>> {
        let now = unix_now();
        let sql = format!(
            "SELECT m.match_key FROM match_keys AS m
             WHERE m.kind = ? AND m.match_key > ? AND {FRESH_ANSWER}
             ORDER BY m.match_key LIMIT ?"
        );
        let keys: Vec<(String,)> = sqlx::query_as(&sql)
            .bind(kind)
            .bind(after_key)
            .bind(now - match_max_age)
            .bind(now - no_match_max_age)
            .bind(limit)
            .fetch_all(self.pool())
            .await?;
        Ok(keys.into_iter().map(|(key,)| key).collect())
    }

    pub async fn key_counts(&self, job_id: i64) -> Result<KeyCounts> {
        Ok(sqlx::query_as(
            "SELECT COUNT(*) AS total,
                    COALESCE(SUM(state = 'pending'), 0) AS pending,
                    COALESCE(SUM(state = 'done'), 0) AS done,
                    COALESCE(SUM(state = 'cached'), 0) AS cached,
                    COALESCE(SUM(state != 'pending' AND zi_id IS NOT NULL), 0) AS matched
             FROM job_keys WHERE job_id = ?",
        )
        .bind(job_id)
        .fetch_one(self.pool())
        .await?)
    }

    /// Pending keys after `after_key`, in key order ("" for the first).
    pub async fn pending_keys(
        &self,
        job_id: i64,
        after_key: &str,
        limit: i64,
    ) -> Result<Vec<PendingKey>> {
        Ok(sqlx::query_as(
            "SELECT seq, match_key, input FROM job_keys
             WHERE job_id = ? AND match_key > ? AND state = 'pending' ORDER BY match_key LIMIT ?",
        )
        .bind(job_id)
        .bind(after_key)
        .bind(limit)
        .fetch_all(self.pool())
        .await?)
    }

    /// Commits one answered batch in one transaction: records into the cache, answers into
    /// the key cache and the job, credits into the ledger. A handful of multi-row statements,
    /// so the moment between "ZoomInfo charged" and "we remember it" stays as short as it can.
    pub async fn commit_batch(&self, job_id: i64, kind: &str, batch: &BatchCommit) -> Result<()> {
        let now = unix_now();
        let settled: Vec<&KeyAnswer> = batch.answers.iter().filter(|a| a.settled).collect();
        let matched = settled.iter().filter(|a| a.zi_id.is_some()).count() as i64;
        let mut tx = self.pool().begin().await?;
        if !batch.records.is_empty() {
            let mut insert: QueryBuilder<Sqlite> =
                QueryBuilder::new("INSERT INTO records (kind, zi_id, data, fetched_at) ");
            insert.push_values(&batch.records, |mut row, record| {
                row.push_bind(kind)
                    .push_bind(&record.zi_id)
                    .push_bind(&record.data)
                    .push_bind(now);
            });
            insert.push(" ON CONFLICT(kind, zi_id) DO UPDATE SET data = excluded.data, fetched_at = excluded.fetched_at");
            insert.build().execute(&mut *tx).await?;
        }
        if !settled.is_empty() {
            let mut insert: QueryBuilder<Sqlite> = QueryBuilder::new(
                "INSERT INTO match_keys (kind, match_key, status, zi_id, fetched_at) ",
            );
            insert.push_values(&settled, |mut row, answer| {
                row.push_bind(kind)
                    .push_bind(&answer.match_key)
                    .push_bind(&answer.status)
                    .push_bind(&answer.zi_id)
                    .push_bind(now);
            });
            insert.push(
                " ON CONFLICT(kind, match_key) DO UPDATE SET status = excluded.status, zi_id = excluded.zi_id, fetched_at = excluded.fetched_at",
            );
            insert.build().execute(&mut *tx).await?;

            let mut update: QueryBuilder<Sqlite> =
                QueryBuilder::new("WITH answer(match_key, status, zi_id) AS (");
            update.push_values(&settled, |mut row, answer| {
                row.push_bind(&answer.match_key)
                    .push_bind(&answer.status)
                    .push_bind(&answer.zi_id);
            });
            update.push(
                ") UPDATE job_keys SET state = 'done', status = answer.status, zi_id = answer.zi_id FROM answer
                 WHERE job_keys.job_id = ",
            );
            update
                .push_bind(job_id)
                .push(" AND job_keys.match_key = answer.match_key");
            update.build().execute(&mut *tx).await?;
        }
        sqlx::query("INSERT INTO ledger (job_id, at, credits, inputs, matched, batch_ref) VALUES (?, ?, ?, ?, ?, ?)")
            .bind(job_id)
            .bind(now)
            .bind(batch.credits)
            .bind(batch.answers.len() as i64)
            .bind(matched)
            .bind(&batch.batch_ref)
            .execute(&mut *tx)
            .await?;
        sqlx::query("UPDATE jobs SET updated_at = ? WHERE id = ?")
            .bind(now)
            .bind(job_id)
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        Ok(())
    }

    /// Whether the batch `batch_ref` is already committed.
    pub async fn batch_committed(&self, batch_ref: &str) -> Result<bool> {
        let found: Option<(i64,)> = sqlx::query_as("SELECT id FROM ledger WHERE batch_ref = ?")
            .bind(batch_ref)
            .fetch_optional(self.pool())
            .await?;
        Ok(found.is_some())
    }

    pub async fn credits_spent(&self, job_id: i64) -> Result<i64> {
        let (credits,): (i64,) =
            sqlx::query_as("SELECT COALESCE(SUM(credits), 0) FROM ledger WHERE job_id = ?")
                .bind(job_id)
                .fetch_one(self.pool())
                .await?;
        Ok(credits)
    }

    /// Credits per day (UTC, `YYYY-MM-DD`) since `since`, oldest first.
    pub async fn credits_by_day(&self, since: i64) -> Result<Vec<(String, i64)>> {
        Ok(sqlx::query_as(
            "SELECT date(at, 'unixepoch') AS day, SUM(credits) FROM ledger WHERE at >= ? GROUP BY day ORDER BY day",
        )
        .bind(since)
        .fetch_all(self.pool())
        .await?)
    }

    /// The answers for `keys` of a job, with their records, for writing the output.
    pub async fn key_results(
        &self,
        job_id: i64,
        kind: &str,
        keys: &[String],
    ) -> Result<HashMap<String, KeyResult>> {
        let mut found = HashMap::with_capacity(keys.len());
        for chunk in keys.chunks(KEYS_PER_INSERT) {
            let mut query: QueryBuilder<Sqlite> = QueryBuilder::new(
                "SELECT k.match_key, k.state, k.status, k.zi_id, r.data FROM job_keys k
                 LEFT JOIN records r ON r.kind = ",
            );
            query
                .push_bind(kind)
                .push(" AND r.zi_id = k.zi_id WHERE k.job_id = ")
                .push_bind(job_id)
                .push(" AND k.match_key IN (");
            let mut separated = query.separated(", ");
            for key in chunk {
                separated.push_bind(key);
            }
            query.push(")");
            for row in query
                .build_query_as::<KeyResult>()
                .fetch_all(self.pool())
                .await?
            {
                found.insert(row.match_key.clone(), row);
            }
        }
        Ok(found)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(seq: i64, k: &str) -> NewKey {
        NewKey {
            seq,
            match_key: k.into(),
            input: format!("{{\"emailAddress\":\"{k}\"}}"),
        }
    }

    #[tokio::test]
    async fn duplicate_keys_are_kept_once_with_their_first_row() {
        let store = Store::in_memory().await.expect("store");
        let job = store
            .create_job("fp", "contact", "/tmp/a.csv", "{}")
            .await
            .expect("job");
        store
            .add_job_keys(job, &[key(1, "a"), key(2, "b"), key(3, "a")])
            .await
            .expect("keys");
        let pending = store.pending_keys(job, "", 10).await.expect("pending");
        assert_eq!(
            pending
                .iter()
                .map(|k| (k.seq, k.match_key.as_str()))
                .collect::<Vec<_>>(),
            vec![(1, "a"), (2, "b")]
        );
    }

    #[tokio::test]
    async fn a_committed_batch_settles_keys_and_feeds_the_next_job_from_cache() {
        let store = Store::in_memory().await.expect("store");
        let first = store
            .create_job("fp1", "contact", "/a.csv", "{}")
            .await
            .expect("job");
        store
            .add_job_keys(first, &[key(1, "a"), key(2, "b"), key(3, "c")])
            .await
            .expect("keys");
        let batch = BatchCommit {
            batch_ref: None,
            answers: vec![
                KeyAnswer {
                    match_key: "a".into(),
                    status: "FULL_MATCH".into(),
                    zi_id: Some("7".into()),
                    settled: true,
                },
                KeyAnswer {
                    match_key: "b".into(),
                    status: "NO_MATCH".into(),
                    zi_id: None,
                    settled: true,
                },
                KeyAnswer {
                    match_key: "c".into(),
                    status: "LIMIT_EXCEEDED".into(),
                    zi_id: None,
                    settled: false,
                },
            ],
            records: vec![BoughtRecord {
                zi_id: "7".into(),
                data: "{\"id\":7}".into(),
            }],
            credits: 1,
        };
        store
            .commit_batch(first, "contact", &batch)
            .await
            .expect("commit");
        let counts = store.key_counts(first).await.expect("counts");
        assert_eq!((counts.done, counts.pending, counts.matched), (2, 1, 1));
        assert_eq!(store.credits_spent(first).await.expect("credits"), 1);

        let second = store
            .create_job("fp2", "contact", "/b.csv", "{}")
            .await
            .expect("job");
        store
            .add_job_keys(second, &[key(1, "a"), key(2, "b"), key(3, "c")])
            .await
            .expect("keys");
        assert_eq!(
            store
                .settle_from_cache(second, "contact", 3600, 3600)
                .await
                .expect("settle"),
            2
        );
        let results = store
            .key_results(second, "contact", &["a".into(), "c".into()])
            .await
            .expect("results");
        assert_eq!(results["a"].data.as_deref(), Some("{\"id\":7}"));
        assert_eq!(results["a"].state, "cached");
        assert_eq!(results["c"].state, "pending");
    }

    #[tokio::test]
    async fn a_no_match_under_a_request_filter_is_asked_again() {
        let store = Store::in_memory().await.expect("store");
        let job = store
            .create_job("fp", "contact", "/a.csv", "{}")
            .await
            .expect("job");
        store
            .add_job_keys(job, &[key(1, "a"), key(2, "b")])
            .await
            .expect("keys");
        let answer = |match_key: &str, status: &str| KeyAnswer {
            match_key: match_key.into(),
            status: status.into(),
            zi_id: None,
            settled: true,
        };
        let batch = BatchCommit {
            batch_ref: None,
            answers: vec![
                answer("a", "NON_MATCH_BY_CONTACT_ACCURACY_MIN"),
                answer("b", "NO_MATCH"),
            ],
            records: vec![],
            credits: 0,
        };
        store
            .commit_batch(job, "contact", &batch)
            .await
            .expect("commit");
        let again = store
            .create_job("fp2", "contact", "/a.csv", "{}")
            .await
            .expect("job");
        store
            .add_job_keys(again, &[key(1, "a"), key(2, "b")])
            .await
            .expect("keys");
        let settled = store
            .settle_from_cache(again, "contact", 3600, 3600)
            .await
            .expect("settle");
        assert_eq!(settled, 1, "only the plain no-match is reused");
        let pending = store.pending_keys(again, "", 10).await.expect("pending");
        assert_eq!(
            pending
                .iter()
                .map(|k| k.match_key.as_str())
                .collect::<Vec<_>>(),
            ["a"]
        );
    }

    #[tokio::test]
    async fn stale_cache_entries_are_not_used() {
        let store = Store::in_memory().await.expect("store");
        let job = store
            .create_job("fp", "contact", "/a.csv", "{}")
            .await
            .expect("job");
        store.add_job_keys(job, &[key(1, "a")]).await.expect("keys");
        let batch = BatchCommit {
            batch_ref: None,
            answers: vec![KeyAnswer {
                match_key: "a".into(),
                status: "NO_MATCH".into(),
                zi_id: None,
                settled: true,
            }],
            records: vec![],
            credits: 0,
        };
        store
            .commit_batch(job, "contact", &batch)
            .await
            .expect("commit");
        sqlx::query("UPDATE match_keys SET fetched_at = fetched_at - 100")
            .execute(store.pool())
            .await
            .expect("age");
        let again = store
            .create_job("fp2", "contact", "/a.csv", "{}")
            .await
            .expect("job");
        store
            .add_job_keys(again, &[key(1, "a")])
            .await
            .expect("keys");
        assert_eq!(
            store
                .settle_from_cache(again, "contact", 3600, 50)
                .await
                .expect("settle"),
            0,
            "no-match older than its max age"
        );
    }

    #[tokio::test]
    async fn fresh_match_keys_are_what_settling_from_the_cache_uses() {
        let store = Store::in_memory().await.expect("store");
        let job = store
            .create_job("fp", "contact", "/a.csv", "{}")
            .await
            .expect("job");
        let names = [
            "m-new", "m-old", "m-gone", "n-new", "n-old", "n-mid", "open",
        ];
        let keys: Vec<NewKey> = (1..).zip(names).map(|(i, k)| key(i, k)).collect();
        store.add_job_keys(job, &keys).await.expect("keys");
        let answer = |k: &str, zi_id: Option<&str>| KeyAnswer {
            match_key: k.into(),
            status: if zi_id.is_some() {
                "FULL_MATCH"
            } else {
                "NO_MATCH"
            }
            .into(),
            zi_id: zi_id.map(str::to_string),
            settled: true,
        };
        let batch = BatchCommit {
            batch_ref: None,
            answers: vec![
                answer("m-new", Some("1")),
                answer("m-old", Some("2")),
                answer("m-gone", Some("3")),
                answer("n-new", None),
                answer("n-old", None),
                answer("n-mid", None),
            ],
            records: ["1", "2", "3"]
                .map(|id| BoughtRecord {
                    zi_id: id.into(),
                    data: "{}".into(),
                })
                .to_vec(),
            credits: 3,
        };
        store
            .commit_batch(job, "contact", &batch)
            .await
            .expect("commit");
        for (k, age) in [("m-old", 5000), ("n-old", 5000), ("n-mid", 500)] {
            sqlx::query("UPDATE match_keys SET fetched_at = fetched_at - ? WHERE match_key = ?")
                .bind(age)
                .bind(k)
                .execute(store.pool())
                .await
                .expect("age");
        }
        sqlx::query("DELETE FROM records WHERE zi_id = '3'")
            .execute(store.pool())
            .await
            .expect("forget a record");

        let fresh = store
            .fresh_match_keys("contact", 3600, 100, "", 100)
            .await
            .expect("fresh");
        assert_eq!(fresh, vec!["m-new".to_string(), "n-new".to_string()]);
        let paged = store
            .fresh_match_keys("contact", 3600, 1000, "m-new", 1)
            .await
            .expect("page");
        assert_eq!(paged, vec!["n-mid".to_string()]);
        assert!(store
            .fresh_match_keys("company", 3600, 1000, "", 100)
            .await
            .expect("other kind")
            .is_empty());

        let again = store
            .create_job("fp2", "contact", "/a.csv", "{}")
            .await
            .expect("job");
        store.add_job_keys(again, &keys).await.expect("keys");
        let settled = store
            .settle_from_cache(again, "contact", 3600, 100)
            .await
            .expect("settle");
        assert_eq!(settled, fresh.len() as u64);
        let results = store
            .key_results(again, "contact", &fresh)
            .await
            .expect("results");
        assert!(fresh.iter().all(|k| results[k].state == "cached"));
    }
}
