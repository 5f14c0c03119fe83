//! Publishing what a member bought: records and answers into the team's cache, the credits
//! into the ledger under the member and the job, and the batch's claims released, in one
//! transaction. Publishing the same batch again (an answer replayed after an outage) changes
//! nothing: the ledger holds each batch once.

use crate::error::Result;
use crate::TeamStore;

/// One answered batch.
#[derive(Debug, Default)]
pub struct Purchase {
    /// The member's job (see [`TeamStore::record_job`]).
    pub job_ref: String,
    /// The sent batch: the ledger's key.
    pub batch_ref: String,
    pub credits: i64,
    /// Every key sent (their claims are released, answered or not).
    pub keys: Vec<String>,
    /// Settled answers: (match key, status, ZoomInfo id).
    pub answers: Vec<(String, String, Option<String>)>,
    /// Records bought: (ZoomInfo id, JSON).
    pub records: Vec<(String, String)>,
}

impl TeamStore {
    pub async fn publish(&self, kind: &str, purchase: &Purchase) -> Result<()> {
        let now = crate::unix_now();
        let mut tx = self.pool().begin().await.map_err(|e| self.error(e))?;
        let (ids, data): (Vec<&str>, Vec<&str>) = purchase
            .records
            .iter()
            .map(|(id, data)| (id.as_str(), data.as_str()))
            .unzip();
        sqlx::query(
            "INSERT INTO team_records (kind, zi_id, data, fetched_at)
             SELECT $1, id, data, $4 FROM UNNEST($2::text[], $3::text[]) AS t(id, data)
             ON CONFLICT (kind, zi_id) DO UPDATE SET data = EXCLUDED.data, fetched_at = EXCLUDED.fetched_at",
        )
        .bind(kind)
        .bind(&ids)
        .bind(&data)
        .bind(now)
        .execute(&mut *tx)
        .await
        .map_err(|e| self.error(e))?;
        let keys: Vec<&str> = purchase.answers.iter().map(|a| a.0.as_str()).collect();
        let statuses: Vec<&str> = purchase.answers.iter().map(|a| a.1.as_str()).collect();
        let zi_ids: Vec<Option<&str>> = purchase.answers.iter().map(|a| a.2.as_deref()).collect();
        sqlx::query(
            "INSERT INTO team_answers (kind, match_key, status, zi_id, fetched_at)
             SELECT $1, k, s, i, $5 FROM UNNEST($2::text[], $3::text[], $4::text[]) AS t(k, s, i)
             ON CONFLICT (kind, match_key) DO UPDATE
               SET status = EXCLUDED.status, zi_id = EXCLUDED.zi_id, fetched_at = EXCLUDED.fetched_at
               WHERE team_answers.fetched_at <= EXCLUDED.fetched_at",
        )
        .bind(kind)
        .bind(&keys)
        .bind(&statuses)
        .bind(&zi_ids)
        .bind(now)
        .execute(&mut *tx)
        .await
        .map_err(|e| self.error(e))?;
        let matched = purchase.answers.iter().filter(|a| a.2.is_some()).count() as i64;
        sqlx::query(
            "INSERT INTO team_ledger (at, member, job_ref, credits, inputs, matched, batch_ref)
             VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (batch_ref) DO NOTHING",
        )
        .bind(now)
        .bind(self.member())
        .bind(&purchase.job_ref)
        .bind(purchase.credits)
        .bind(purchase.keys.len() as i64)
        .bind(matched)
        .bind(&purchase.batch_ref)
        .execute(&mut *tx)
        .await
        .map_err(|e| self.error(e))?;
        sqlx::query(
            "DELETE FROM team_claims WHERE kind = $1 AND holder = $2 AND match_key = ANY($3)",
        )
        .bind(kind)
        .bind(self.holder())
        .bind(&purchase.keys)
        .execute(&mut *tx)
        .await
        .map_err(|e| self.error(e))?;
        tx.commit().await.map_err(|e| self.error(e))?;
        Ok(())
    }
}
