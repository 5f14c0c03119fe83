//! Data connectors' answers shared by the team: an input one member asked a connector about is
//! not asked again by another. As with ZoomInfo's keys, an input is claimed before it is asked
//! (in `team_claims`, under its own kind), so two members reaching the same input at once make
//! one call between them.

use std::collections::HashSet;

use crate::error::Result;
use crate::TeamStore;

/// A connector's answer to one input.
#[derive(Clone, Debug, PartialEq, Eq, sqlx::FromRow)]
pub struct ConnectorAnswer {
    pub matched: bool,
    pub body: String,
}

/// What claiming an input gave.
#[derive(Debug, PartialEq, Eq)]
pub enum InputClaim {
    /// Some member asked it already: no call.
    Answered(ConnectorAnswer),
    /// Another member's process is asking it right now: look again shortly.
    Held,
    /// Claimed by this process: ask it, then publish the answer (or release the claim).
    Mine,
}

/// Calls made to one connector by one member since a date.
#[derive(Clone, Debug, PartialEq, Eq, sqlx::FromRow)]
pub struct ConnectorCalls {
    pub member: String,
    pub connector: String,
    pub calls: i64,
}

/// The claims' kind for one connector's action.
fn claim_kind(connector: &str, action: &str) -> String {
    format!("connector {connector} / {action}")
}

impl TeamStore {
    /// The answer some member received for `input_key`, if any.
    pub async fn connector_answer(
        &self,
        connector: &str,
        action: &str,
        input_key: &str,
    ) -> Result<Option<ConnectorAnswer>> {
        sqlx::query_as(
            "SELECT matched, body FROM team_connector_answers
             WHERE connector = $1 AND action = $2 AND input_key = $3",
        )
        .bind(connector)
        .bind(action)
        .bind(input_key)
        .fetch_optional(self.pool())
        .await
        .map_err(|e| self.error(e))
    }

    /// Which of `input_keys` the team has answers for (estimates: those cost no call).
    pub async fn connector_inputs_answered(
        &self,
        connector: &str,
        action: &str,
        input_keys: &[String],
    ) -> Result<HashSet<String>> {
        let rows: Vec<(String,)> = sqlx::query_as(
            "SELECT input_key FROM team_connector_answers
             WHERE connector = $1 AND action = $2 AND input_key = ANY($3)",
        )
        .bind(connector)
        .bind(action)
        .bind(input_keys)
        .fetch_all(self.pool())
        .await
        .map_err(|e| self.error(e))?;
        Ok(rows.into_iter().map(|(k,)| k).collect())
    }

    /// Claims `input_key` unless the team answered it; the answer is looked for again after
    /// the claim, since another member may have published it in between.
    pub async fn claim_connector_input(
        &self,
        connector: &str,
        action: &str,
        input_key: &str,
    ) -> Result<InputClaim> {
        if let Some(answer) = self.connector_answer(connector, action, input_key).await? {
            return Ok(InputClaim::Answered(answer));
        }
        let kind = claim_kind(connector, action);
        let key = [input_key.to_string()];
        if self.take_claims(&kind, &key).await?.is_empty() {
            return Ok(InputClaim::Held);
        }
        match self.connector_answer(connector, action, input_key).await? {
            Some(answer) => {
                self.release(&kind, &key).await?;
                Ok(InputClaim::Answered(answer))
            }
            None => Ok(InputClaim::Mine),
        }
    }

    /// Gives up the claim on an input that was not asked (over budget, the call failed).
    pub async fn release_connector_input(
        &self,
        connector: &str,
        action: &str,
        input_key: &str,
    ) -> Result<()> {
        self.release(&claim_kind(connector, action), &[input_key.to_string()])
            .await
    }

    /// Tells the team what a connector answered for `input_key`, and releases the claim. An
    /// answer the team already holds is kept as it is (told again after an outage).
    pub async fn publish_connector_answer(
        &self,
        connector: &str,
        action: &str,
        input_key: &str,
        answer: &ConnectorAnswer,
    ) -> Result<()> {
        let mut tx = self.pool().begin().await.map_err(|e| self.error(e))?;
        sqlx::query(
            "INSERT INTO team_connector_answers (connector, action, input_key, matched, body, member, fetched_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7)
             ON CONFLICT (connector, action, input_key) DO NOTHING",
        )
        .bind(connector)
        .bind(action)
        .bind(input_key)
        .bind(answer.matched)
        .bind(&answer.body)
        .bind(self.member())
        .bind(crate::unix_now())
        .execute(&mut *tx)
        .await
        .map_err(|e| self.error(e))?;
        sqlx::query("DELETE FROM team_claims WHERE kind = $1 AND match_key = $2 AND holder = $3")
            .bind(claim_kind(connector, action))
            .bind(input_key)
            .bind(self.holder())
            .execute(&mut *tx)
            .await
            .map_err(|e| self.error(e))?;
        tx.commit().await.map_err(|e| self.error(e))?;
        Ok(())
    }

    /// Calls made to each connector by each member since `since` (unix seconds), most first.
    pub async fn connector_calls(&self, since: i64) -> Result<Vec<ConnectorCalls>> {
        sqlx::query_as(
            "SELECT member, connector, COUNT(*)::bigint AS calls FROM team_connector_answers
             WHERE fetched_at >= $1 GROUP BY member, connector ORDER BY calls DESC, member, connector",
        )
        .bind(since)
        .fetch_all(self.pool())
        .await
        .map_err(|e| self.error(e))
    }
}
