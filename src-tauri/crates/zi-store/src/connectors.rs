//! Data connectors' answers: kept per input the moment they arrive (never asked twice), and
//! which answer each job key took.

use std::collections::HashMap;

use sqlx::{QueryBuilder, Sqlite};

use crate::error::Result;
use crate::{unix_now, PendingKey, Store};

/// A connector's answer to one input.
#[derive(Clone, Debug, PartialEq, Eq, sqlx::FromRow)]
pub struct ConnectorAnswer {
    pub matched: bool,
    pub body: String,
}

/// A data connector's action a job ran, with the output fields its columns show.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct JobConnector {
    pub connector: String,
    pub action: String,
    pub fields: Vec<String>,
}

/// Keys looked up at a time (SQLite's bound-value limit).
const KEYS_PER_QUERY: usize = 500;

impl Store {
    /// The answer kept for `input_key`, if any.
    pub async fn connector_answer(
        &self,
        connector: &str,
        action: &str,
        input_key: &str,
    ) -> Result<Option<ConnectorAnswer>> {
        Ok(sqlx::query_as(
            "SELECT matched, body FROM connector_answers WHERE connector = ? AND action = ? AND input_key = ?",
        )
        .bind(connector)
        .bind(action)
        .bind(input_key)
        .fetch_optional(self.pool())
        .await?)
    }

    /// Keeps an answer and records that `match_key` of `job_id` took it, in one transaction.
    pub async fn keep_connector_answer(
        &self,
        job_id: i64,
        match_key: &str,
        connector: &str,
        action: &str,
        input_key: &str,
        answer: &ConnectorAnswer,
    ) -> Result<()> {
        let mut tx = self.pool().begin().await?;
        sqlx::query(
            "INSERT INTO connector_answers (connector, action, input_key, matched, body, fetched_at)
             VALUES (?, ?, ?, ?, ?, ?)
             ON CONFLICT(connector, action, input_key) DO UPDATE SET matched = excluded.matched,
               body = excluded.body, fetched_at = excluded.fetched_at",
        )
        .bind(connector)
        .bind(action)
        .bind(input_key)
        .bind(answer.matched)
        .bind(&answer.body)
        .bind(unix_now())
        .execute(&mut *tx)
        .await?;
        sqlx::query(
            "INSERT INTO connector_results (job_id, match_key, connector, action, input_key)
             VALUES (?, ?, ?, ?, ?)
             ON CONFLICT(job_id, match_key, connector, action) DO UPDATE SET input_key = excluded.input_key",
        )
        .bind(job_id)
        .bind(match_key)
        .bind(connector)
        .bind(action)
        .bind(input_key)
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// Remembers that job `job_id` ran `connectors`: new ones after those it ran before, in
    /// order; one it ran before keeps its place and takes the fields given now.
    pub async fn remember_job_connectors(
        &self,
        job_id: i64,
        connectors: &[JobConnector],
    ) -> Result<()> {
        let mut tx = self.pool().begin().await?;
        for connector in connectors {
            let fields = connector.fields.join("\n");
            sqlx::query(
                "INSERT INTO job_connectors (job_id, position, connector, action, fields)
                 VALUES (?1, (SELECT COALESCE(MAX(position), 0) + 1 FROM job_connectors WHERE job_id = ?1), ?2, ?3, ?4)
                 ON CONFLICT(job_id, connector, action) DO UPDATE SET fields = excluded.fields",
            )
            .bind(job_id)
            .bind(&connector.connector)
            .bind(&connector.action)
            .bind(fields)
            .execute(&mut *tx)
            .await?;
        }
        tx.commit().await?;
        Ok(())
    }

    /// The connectors job `job_id` ran, in order.
    pub async fn job_connectors(&self, job_id: i64) -> Result<Vec<JobConnector>> {
        let rows: Vec<(String, String, String)> = sqlx::query_as(
            "SELECT connector, action, fields FROM job_connectors WHERE job_id = ? ORDER BY position",
        )
        .bind(job_id)
        .fetch_all(self.pool())
        .await?;
        Ok(rows
            .into_iter()
            .map(|(connector, action, fields)| JobConnector {
                connector,
                action,
                fields: fields.lines().map(str::to_string).collect(),
            })
            .collect())
    }

    /// The job's settled keys ZoomInfo did not match, after `after_key` in key order.
    pub async fn unmatched_keys(
        &self,
        job_id: i64,
        after_key: &str,
        limit: i64,
    ) -> Result<Vec<PendingKey>> {
        Ok(sqlx::query_as(
            "SELECT seq, match_key, input FROM job_keys
             WHERE job_id = ? AND match_key > ? AND state != 'pending' AND zi_id IS NULL
             ORDER BY match_key LIMIT ?",
        )
        .bind(job_id)
        .bind(after_key)
        .bind(limit)
        .fetch_all(self.pool())
        .await?)
    }

    /// The answers `keys` of `job_id` took from one connector's action, by key.
    pub async fn connector_answers_for(
        &self,
        job_id: i64,
        connector: &str,
        action: &str,
        keys: &[String],
    ) -> Result<HashMap<String, ConnectorAnswer>> {
        let mut found = HashMap::new();
        for chunk in keys.chunks(KEYS_PER_QUERY) {
            let mut query: QueryBuilder<Sqlite> = QueryBuilder::new(
                "SELECT r.match_key, a.matched, a.body FROM connector_results r
                 JOIN connector_answers a ON a.connector = r.connector AND a.action = r.action AND a.input_key = r.input_key
                 WHERE r.job_id = ",
            );
            query
                .push_bind(job_id)
                .push(" AND r.connector = ")
                .push_bind(connector)
                .push(" AND r.action = ")
                .push_bind(action)
                .push(" AND r.match_key IN (");
            let mut list = query.separated(", ");
            for key in chunk {
                list.push_bind(key);
            }
            query.push(")");
            let rows: Vec<(String, bool, String)> =
                query.build_query_as().fetch_all(self.pool()).await?;
            for (key, matched, body) in rows {
                found.insert(key, ConnectorAnswer { matched, body });
            }
        }
        Ok(found)
    }
}
