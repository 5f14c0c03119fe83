//! One request pace for the whole account: every member's process takes its send slot from
//! the same row, so N processes together keep to the account's limit instead of N times it.
//! Slots are evenly spaced (no bursts), on the database's clock (members' clocks may differ).

use std::time::Duration;

use crate::error::Result;
use crate::TeamStore;

impl TeamStore {
    /// Takes the next send slot of `account`, slots `interval` apart; returns how long to wait
    /// until it.
    pub async fn take_slot(&self, account: &str, interval: Duration) -> Result<Duration> {
        let interval = interval.as_secs_f64();
        let wait: Option<(f64,)> = sqlx::query_as(
            "WITH now AS (SELECT EXTRACT(EPOCH FROM clock_timestamp())::float8 AS t)
             UPDATE team_pace SET next_at = GREATEST(team_pace.next_at, now.t) + $2
             FROM now WHERE team_pace.account = $1
             RETURNING team_pace.next_at - $2 - now.t",
        )
        .bind(account)
        .bind(interval)
        .fetch_optional(self.pool())
        .await
        .map_err(|e| self.error(e))?;
        match wait {
            Some((seconds,)) => Ok(Duration::from_secs_f64(seconds.max(0.0))),
            None => {
                // The account's first request: its row, then the slot.
                sqlx::query(
                    "INSERT INTO team_pace (account, next_at) VALUES ($1, 0) ON CONFLICT DO NOTHING",
                )
                .bind(account)
                .execute(self.pool())
                .await
                .map_err(|e| self.error(e))?;
                Box::pin(self.take_slot(account, Duration::from_secs_f64(interval))).await
            }
        }
    }
}
