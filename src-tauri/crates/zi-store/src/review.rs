//! Reviewing a job key by key: what was sent, what came back, in file order, a page at a time,
//! filtered by outcome and by text, with the counts per outcome for the filter buttons.

use sqlx::{QueryBuilder, Sqlite};

use crate::error::Result;
use crate::Store;

/// Matched keys whose record holds a number `field` under `below` (a score sent as a number
/// or as numeric text).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ScoreBelow {
    pub field: &'static str,
    pub below: i64,
}

impl ScoreBelow {
    /// The JSON path of the field in a stored record.
    fn path(self) -> String {
        format!("$.{}", self.field)
    }
}

/// An outcome a review can be narrowed to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ReviewOutcome {
    /// Answered with a record (sent now, or from the cache).
    Matched,
    /// Answered without a record.
    NoMatch,
    /// Not sent yet (the job stopped or has not run).
    Pending,
    /// Answered by the cache, free.
    FromCache,
    /// Matched, with a record scoring under the bound (needs the records joined as `r`).
    ScoreBelow(ScoreBelow),
    /// Not matched by ZoomInfo, then matched by a data connector.
    FoundByConnector,
    /// No key at all (a filter that cannot apply to this kind).
    Nothing,
}

/// Matched keys whose joined record `r` scores under a bound path/value pair.
const SCORE_BELOW: &str = "k.state != 'pending' AND k.zi_id IS NOT NULL
     AND CAST(json_extract(r.data, ?) AS REAL) < ?";

/// A key ZoomInfo did not match that a data connector's answer did (keys aliased `k`).
const FOUND_BY_CONNECTOR: &str = "k.state != 'pending' AND k.zi_id IS NULL AND EXISTS (
       SELECT 1 FROM connector_results cr JOIN connector_answers ca
         ON ca.connector = cr.connector AND ca.action = cr.action AND ca.input_key = cr.input_key
       WHERE cr.job_id = k.job_id AND cr.match_key = k.match_key AND ca.matched = 1)";

impl ReviewOutcome {
    fn push_condition(self, query: &mut QueryBuilder<'_, Sqlite>) {
        let condition = match self {
            ReviewOutcome::Matched => "k.state != 'pending' AND k.zi_id IS NOT NULL",
            ReviewOutcome::NoMatch => "k.state != 'pending' AND k.zi_id IS NULL",
            ReviewOutcome::Pending => "k.state = 'pending'",
            ReviewOutcome::FromCache => "k.state = 'cached'",
            ReviewOutcome::FoundByConnector => FOUND_BY_CONNECTOR,
            ReviewOutcome::Nothing => "0",
            ReviewOutcome::ScoreBelow(score) => {
                query
                    .push(" k.state != 'pending' AND k.zi_id IS NOT NULL AND CAST(json_extract(r.data, ")
                    .push_bind(score.path())
                    .push(") AS REAL) < ")
                    .push_bind(score.below);
                return;
            }
        };
        query.push(condition);
    }

    /// Whether the condition reads the records (joined as `r`).
    fn reads_records(self) -> bool {
        matches!(self, ReviewOutcome::ScoreBelow(_))
    }
}

/// Which keys to show.
#[derive(Clone, Debug, Default)]
pub struct ReviewFilter {
    pub outcome: Option<ReviewOutcome>,
    /// Part of the normalized key (an email, a name, a domain), any case.
    pub text: Option<String>,
}

/// One key of a job with its answer and record.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct ReviewKey {
    /// The first row of the file carrying this key.
    pub seq: i64,
    pub match_key: String,
    pub input: String,
    pub state: String,
    pub status: Option<String>,
    pub zi_id: Option<String>,
    pub data: Option<String>,
}

/// How many keys each outcome has (they may overlap: from-cache keys are also matched or not).
#[derive(Debug, Clone, Default, PartialEq, Eq, sqlx::FromRow)]
pub struct ReviewCounts {
    pub total: i64,
    pub matched: i64,
    pub no_match: i64,
    pub pending: i64,
    pub from_cache: i64,
    pub found_by_connector: i64,
}

fn push_filter(query: &mut QueryBuilder<'_, Sqlite>, job_id: i64, filter: &ReviewFilter) {
    query.push(" WHERE k.job_id = ").push_bind(job_id);
    if let Some(outcome) = filter.outcome {
        query.push(" AND ");
        outcome.push_condition(query);
    }
    if let Some(text) = filter
        .text
        .as_deref()
        .map(str::trim)
        .filter(|t| !t.is_empty())
    {
        // LIKE with the user's text taken literally: escape its wildcards.
        let escaped = text
            .replace('\\', "\\\\")
            .replace('%', "\\%")
            .replace('_', "\\_");
        query
            .push(" AND k.match_key LIKE ")
            .push_bind(format!("%{escaped}%"))
            .push(" ESCAPE '\\'");
    }
}

impl Store {
    /// Keys of a job matching `filter`, in file order, from `offset`, at most `limit`; and how
    /// many match in all.
    pub async fn review_keys(
        &self,
        job_id: i64,
        kind: &str,
        filter: &ReviewFilter,
        offset: i64,
        limit: i64,
    ) -> Result<(i64, Vec<ReviewKey>)> {
        let mut count: QueryBuilder<Sqlite> = QueryBuilder::new("SELECT COUNT(*) FROM job_keys k");
        if filter.outcome.is_some_and(ReviewOutcome::reads_records) {
            count
                .push(" LEFT JOIN records r ON r.kind = ")
                .push_bind(kind)
                .push(" AND r.zi_id = k.zi_id");
        }
        push_filter(&mut count, job_id, filter);
        let total: i64 = count.build_query_scalar().fetch_one(self.pool()).await?;

        let mut query: QueryBuilder<Sqlite> = QueryBuilder::new(
            "SELECT k.seq, k.match_key, k.input, k.state, k.status, k.zi_id, r.data FROM job_keys k
             LEFT JOIN records r ON r.kind = ",
        );
        query.push_bind(kind).push(" AND r.zi_id = k.zi_id");
        push_filter(&mut query, job_id, filter);
        query
            .push(" ORDER BY k.seq LIMIT ")
            .push_bind(limit)
            .push(" OFFSET ")
            .push_bind(offset);
        let rows = query
            .build_query_as::<ReviewKey>()
            .fetch_all(self.pool())
            .await?;
        Ok((total, rows))
    }

    /// The counts behind the review's filter buttons.
    pub async fn review_counts(&self, job_id: i64) -> Result<ReviewCounts> {
        let sql = format!(
            "SELECT COUNT(*) AS total,
                    COALESCE(SUM(k.state != 'pending' AND k.zi_id IS NOT NULL), 0) AS matched,
                    COALESCE(SUM(k.state != 'pending' AND k.zi_id IS NULL), 0) AS no_match,
                    COALESCE(SUM(k.state = 'pending'), 0) AS pending,
                    COALESCE(SUM(k.state = 'cached'), 0) AS from_cache,
                    COALESCE(SUM({FOUND_BY_CONNECTOR}), 0) AS found_by_connector
             FROM job_keys k WHERE k.job_id = ?"
        );
        Ok(sqlx::query_as::<_, ReviewCounts>(&sql)
            .bind(job_id)
            .fetch_one(self.pool())
            .await?)
    }

    /// How many matched keys of the job (records of `kind`) score under `score`. Reads every
    /// matched record, so it costs far more than [`Store::review_counts`]: callers keep it.
    pub async fn score_below_count(
        &self,
        job_id: i64,
        kind: &str,
        score: ScoreBelow,
    ) -> Result<i64> {
        let sql = format!(
            "SELECT COALESCE(SUM({SCORE_BELOW}), 0)
             FROM job_keys k LEFT JOIN records r ON r.kind = ? AND r.zi_id = k.zi_id
             WHERE k.job_id = ?"
        );
        let (count,): (i64,) = sqlx::query_as(&sql)
            .bind(score.path())
            .bind(score.below)
            .bind(kind)
            .bind(job_id)
            .fetch_one(self.pool())
            .await?;
        Ok(count)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{BatchCommit, BoughtRecord, KeyAnswer, NewKey};

    async fn job_with_answers() -> (Store, i64) {
        let store = Store::in_memory().await.expect("store");
        let job = store
            .create_job("fp", "contact", "/tmp/a.csv", "{}")
            .await
            .expect("job");
        let keys: Vec<NewKey> = [
            (3, "contact:email:ann@acme.com"),
            (1, "contact:email:bo_b@acme.com"),
            (2, "contact:email:cy@nowhere.test"),
            (4, "contact:email:100%@acme.com"),
        ]
        .iter()
        .map(|(seq, key)| NewKey {
            seq: *seq,
            match_key: (*key).into(),
            input: format!("{{\"emailAddress\":\"{}\"}}", &key[14..]),
        })
        .collect();
        store.add_job_keys(job, &keys).await.expect("keys");
        store
            .commit_batch(
                job,
                "contact",
                &BatchCommit {
                    batch_ref: Some("b1".into()),
                    answers: vec![
                        KeyAnswer {
                            match_key: "contact:email:ann@acme.com".into(),
                            status: "FULL_MATCH".into(),
                            zi_id: Some("7".into()),
                            settled: true,
                        },
                        KeyAnswer {
                            match_key: "contact:email:cy@nowhere.test".into(),
                            status: "NO_MATCH".into(),
                            zi_id: None,
                            settled: true,
                        },
                    ],
                    records: vec![BoughtRecord {
                        zi_id: "7".into(),
                        data: "{\"id\":7,\"firstName\":\"Ann\",\"contactAccuracyScore\":\"81.0\"}"
                            .into(),
                    }],
                    credits: 1,
                },
            )
            .await
            .expect("commit");
        (store, job)
    }

    #[tokio::test]
    async fn pages_come_in_file_order_with_their_records() {
        let (store, job) = job_with_answers().await;
        let (total, page) = store
            .review_keys(job, "contact", &ReviewFilter::default(), 0, 2)
            .await
            .expect("page");
        assert_eq!(total, 4);
        assert_eq!(page.iter().map(|k| k.seq).collect::<Vec<_>>(), vec![1, 2]);
        let (_, rest) = store
            .review_keys(job, "contact", &ReviewFilter::default(), 2, 10)
            .await
            .expect("page");
        assert_eq!(rest.iter().map(|k| k.seq).collect::<Vec<_>>(), vec![3, 4]);
        assert_eq!(rest[0].zi_id.as_deref(), Some("7"));
        assert!(rest[0].data.as_deref().unwrap_or("").contains("Ann"));
    }

    #[tokio::test]
    async fn filters_narrow_by_outcome_and_by_literal_text() {
        let (store, job) = job_with_answers().await;
        let seqs = |filter: ReviewFilter| {
            let store = store.clone();
            async move {
                let (total, rows) = store
                    .review_keys(job, "contact", &filter, 0, 100)
                    .await
                    .expect("page");
                assert_eq!(total as usize, rows.len());
                rows.iter().map(|k| k.seq).collect::<Vec<_>>()
            }
        };
        let outcome = |o| ReviewFilter {
            outcome: Some(o),
            text: None,
        };
        assert_eq!(seqs(outcome(ReviewOutcome::Matched)).await, vec![3]);
        assert_eq!(seqs(outcome(ReviewOutcome::NoMatch)).await, vec![2]);
        assert_eq!(seqs(outcome(ReviewOutcome::Pending)).await, vec![1, 4]);
        let text = |t: &str| ReviewFilter {
            outcome: None,
            text: Some(t.into()),
        };
        assert_eq!(seqs(text("ACME")).await, vec![1, 3, 4]);
        // `_` and `%` are the user's characters, not wildcards.
        assert_eq!(seqs(text("o_b")).await, vec![1]);
        assert_eq!(seqs(text("100%")).await, vec![4]);
        assert_eq!(seqs(text("%")).await, vec![4]);

        let score = |below| ScoreBelow {
            field: "contactAccuracyScore",
            below,
        };
        assert_eq!(
            seqs(outcome(ReviewOutcome::ScoreBelow(score(85)))).await,
            vec![3]
        );
        assert!(seqs(outcome(ReviewOutcome::ScoreBelow(score(81))))
            .await
            .is_empty());
        assert!(seqs(outcome(ReviewOutcome::Nothing)).await.is_empty());

        let counts = store.review_counts(job).await.expect("counts");
        assert_eq!(
            counts,
            ReviewCounts {
                total: 4,
                matched: 1,
                no_match: 1,
                pending: 2,
                from_cache: 0,
                found_by_connector: 0,
            }
        );
        let low = |below| {
            let store = store.clone();
            async move {
                store
                    .score_below_count(job, "contact", score(below))
                    .await
                    .expect("count")
            }
        };
        assert_eq!(low(85).await, 1);
        assert_eq!(low(81).await, 0);
    }

    #[tokio::test]
    async fn a_key_a_connector_matched_after_zoominfo_is_found_by_connector() {
        let (store, job) = job_with_answers().await;
        let answer = |matched| crate::ConnectorAnswer {
            matched,
            body: "{}".into(),
        };
        // ZoomInfo's no-match, then found by Acme; a pending key Acme did not match.
        store
            .keep_connector_answer(
                job,
                "contact:email:cy@nowhere.test",
                "Acme",
                "by email",
                "email=cy@nowhere.test",
                &answer(true),
            )
            .await
            .expect("kept");
        store
            .keep_connector_answer(
                job,
                "contact:email:bo_b@acme.com",
                "Acme",
                "by email",
                "email=bo_b@acme.com",
                &answer(false),
            )
            .await
            .expect("kept");
        let filter = ReviewFilter {
            outcome: Some(ReviewOutcome::FoundByConnector),
            text: None,
        };
        let (total, rows) = store
            .review_keys(job, "contact", &filter, 0, 10)
            .await
            .expect("page");
        assert_eq!(total, 1);
        assert_eq!(rows[0].match_key, "contact:email:cy@nowhere.test");
        let counts = store.review_counts(job).await.expect("counts");
        assert_eq!(counts.found_by_connector, 1);
        assert_eq!(counts.no_match, 1, "still ZoomInfo's no-match");
    }

    #[tokio::test]
    async fn a_job_remembers_its_connectors_in_the_order_they_first_ran() {
        let (store, job) = job_with_answers().await;
        let step = |name: &str, fields: &[&str]| crate::JobConnector {
            connector: name.into(),
            action: "by email".into(),
            fields: fields.iter().map(|f| f.to_string()).collect(),
        };
        store
            .remember_job_connectors(job, &[step("Acme", &["title"]), step("Globex", &["phone"])])
            .await
            .expect("first run");
        store
            .remember_job_connectors(
                job,
                &[
                    step("Initech", &["x"]),
                    step("Acme", &["title", "person.linkedin"]),
                ],
            )
            .await
            .expect("second run");
        assert_eq!(
            store.job_connectors(job).await.expect("read"),
            vec![
                step("Acme", &["title", "person.linkedin"]),
                step("Globex", &["phone"]),
                step("Initech", &["x"]),
            ]
        );
    }
}
