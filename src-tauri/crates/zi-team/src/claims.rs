//! Claiming keys before buying them, so that no key is bought twice across the team.
//!
//! A claim is a row keyed by (kind, match key): inserting it is atomic, so of two members
//! claiming the same key at once exactly one gets it. The claim is taken *before* looking for
//! an answer: an answer published after the look would otherwise be bought again.

use std::collections::HashSet;

use crate::error::Result;
use crate::TeamStore;

/// The freshness rule: matches younger than `match_max_age` seconds serve, and no-matches
/// younger than `no_match_max_age` (the same rule as the local cache).
#[derive(Clone, Copy, Debug)]
pub struct Freshness {
    pub match_max_age: i64,
    pub no_match_max_age: i64,
}

/// An answer some member bought, with its record.
#[derive(Clone, Debug, PartialEq, Eq, sqlx::FromRow)]
pub struct TeamAnswer {
    pub match_key: String,
    pub status: String,
    pub zi_id: Option<String>,
    pub fetched_at: i64,
    /// The record (JSON) when it matched.
    pub data: Option<String>,
}

/// What claiming a batch's keys gave.
#[derive(Debug, Default)]
pub struct Claim {
    /// Claimed by this process and answered by nobody yet: buy these.
    pub to_buy: Vec<String>,
    /// Already answered by the team: no need to buy.
    pub answered: Vec<TeamAnswer>,
    /// Being bought by another process: wait for its answer.
    pub held: Vec<String>,
}

/// Answers bought by anyone, fresh by the rule (a match only with its record).
const FRESH_ANSWERS: &str = "SELECT a.match_key, a.status, a.zi_id, a.fetched_at, r.data
     FROM team_answers a
     LEFT JOIN team_records r ON r.kind = a.kind AND r.zi_id = a.zi_id
     WHERE a.kind = $1 AND a.match_key = ANY($2)
       AND ((a.zi_id IS NOT NULL AND a.fetched_at >= $3 AND r.zi_id IS NOT NULL)
         OR (a.zi_id IS NULL AND a.fetched_at >= $4 AND a.status NOT LIKE 'NON\\_MATCH\\_BY\\_%'))";

impl TeamStore {
    /// The fresh answers the team holds for `keys` (planning: what costs nothing).
    pub async fn fresh_answers(
        &self,
        kind: &str,
        keys: &[String],
        fresh: Freshness,
    ) -> Result<Vec<TeamAnswer>> {
        let now = crate::unix_now();
        sqlx::query_as::<_, TeamAnswer>(FRESH_ANSWERS)
            .bind(kind)
            .bind(keys)
            .bind(now - fresh.match_max_age)
            .bind(now - fresh.no_match_max_age)
            .fetch_all(self.pool())
            .await
            .map_err(|e| self.error(e))
    }

    /// Claims `keys` for this process, then sorts them: answered by the team meanwhile (the
    /// claim released), held by another process, or to buy (claimed).
    pub async fn claim(&self, kind: &str, keys: &[String], fresh: Freshness) -> Result<Claim> {
        if keys.is_empty() {
            return Ok(Claim::default());
        }
        // Claims are inserted in key order: two processes claiming overlapping batches lock
        // rows in the same order and never deadlock.
        let mut sorted = keys.to_vec();
        sorted.sort();
        sorted.dedup();
        let ours = self.take_claims(kind, &sorted).await?;
        let mine: Vec<String> = sorted
            .iter()
            .filter(|k| ours.contains(*k))
            .cloned()
            .collect();
        let answered = self.fresh_answers(kind, &mine, fresh).await?;
        let answered_keys: HashSet<&str> = answered.iter().map(|a| a.match_key.as_str()).collect();
        let released: Vec<String> = answered.iter().map(|a| a.match_key.clone()).collect();
        self.release(kind, &released).await?;
        Ok(Claim {
            to_buy: mine
                .iter()
                .filter(|k| !answered_keys.contains(k.as_str()))
                .cloned()
                .collect(),
            held: sorted.into_iter().filter(|k| !ours.contains(k)).collect(),
            answered,
        })
    }

    /// Inserts this process's claims on `sorted` (sorted, distinct) and says which it holds:
    /// those nobody held, its own, and those held longer than the timeout.
    pub(crate) async fn take_claims(
        &self,
        kind: &str,
        sorted: &[String],
    ) -> Result<HashSet<String>> {
        let claimed: Vec<(String,)> = sqlx::query_as(
            "INSERT INTO team_claims (kind, match_key, member, holder, claimed_at)
             SELECT $1, k, $2, $3, EXTRACT(EPOCH FROM clock_timestamp())::float8
             FROM UNNEST($4::text[]) WITH ORDINALITY AS t(k, n) ORDER BY n
             ON CONFLICT (kind, match_key) DO UPDATE
               SET member = EXCLUDED.member, holder = EXCLUDED.holder, claimed_at = EXCLUDED.claimed_at
               WHERE team_claims.holder = EXCLUDED.holder
                  OR team_claims.claimed_at < EXCLUDED.claimed_at - $5
             RETURNING match_key",
        )
        .bind(kind)
        .bind(self.member())
        .bind(self.holder())
        .bind(sorted)
        .bind(self.claim_timeout().as_secs_f64())
        .fetch_all(self.pool())
        .await
        .map_err(|e| self.error(e))?;
        Ok(claimed.into_iter().map(|(k,)| k).collect())
    }

    /// Gives up this process's claims on `keys` (the batch failed, or needs no buying).
    pub async fn release(&self, kind: &str, keys: &[String]) -> Result<()> {
        if keys.is_empty() {
            return Ok(());
        }
        sqlx::query(
            "DELETE FROM team_claims WHERE kind = $1 AND holder = $2 AND match_key = ANY($3)",
        )
        .bind(kind)
        .bind(self.holder())
        .bind(keys)
        .execute(self.pool())
        .await
        .map_err(|e| self.error(e))?;
        Ok(())
    }
}
