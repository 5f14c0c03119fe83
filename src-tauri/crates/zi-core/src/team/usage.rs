//! The team's spending for the Usage screen and `zi team usage`: credits this month per member
//! (against each one's budget) and per job, and the calls made to data connectors.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::TeamLink;
use crate::console::Console;
use crate::error::{CoreError, Result};

/// Jobs listed at most.
const JOBS_SHOWN: i64 = 50;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct TeamUsage {
    /// `host:port/name` of the team's database.
    pub database: String,
    /// The member this app spends for.
    pub member: String,
    /// RFC 3339: the start of the month the figures cover (budgets are monthly).
    pub since: String,
    pub members: Vec<TeamMemberSpend>,
    pub jobs: Vec<TeamJobSpend>,
    /// Calls made this month to each data connector, by member (most first).
    pub connector_calls: Vec<TeamConnectorCalls>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct TeamConnectorCalls {
    pub member: String,
    pub connector: String,
    #[ts(type = "number")]
    pub calls: u64,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct TeamMemberSpend {
    pub member: String,
    #[ts(type = "number")]
    pub credits: u64,
    #[ts(type = "number")]
    pub jobs: u64,
    /// Credits a month, when the team set a budget for this member.
    #[ts(type = "number | null")]
    pub budget: Option<u64>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct TeamJobSpend {
    pub member: String,
    pub file_name: String,
    pub kind: String,
    pub state: String,
    #[ts(type = "number")]
    pub credits: u64,
    /// RFC 3339.
    pub updated_at: String,
}

fn rfc3339(unix: i64) -> String {
    chrono::DateTime::from_timestamp(unix, 0)
        .map(|t| t.to_rfc3339())
        .unwrap_or_default()
}

impl Console {
    /// This month's spending of the team; `None` outside team mode.
    pub async fn team_usage(&self) -> Result<Option<TeamUsage>> {
        self.check_team()?;
        match self.team() {
            Some(team) => Ok(Some(team.usage().await?)),
            None => Ok(None),
        }
    }

    /// Sets (or with `None` removes) a member's monthly budget in credits.
    pub async fn set_team_budget(&self, member: &str, credits: Option<u64>) -> Result<()> {
        let team = self.team().ok_or_else(|| {
            CoreError::Invalid(format!(
                "Team mode is off: set {} (or the team database in Settings) first.",
                super::DATABASE_URL_ENV
            ))
        })?;
        team.set_budget(member, credits).await
    }
}

impl TeamLink {
    /// This month's spending of the team.
    pub async fn usage(&self) -> Result<TeamUsage> {
        let since = zi_team::month_start();
        let members = self.store.spend_by_member(since).await?;
        let jobs = self.store.spend_by_job(since, JOBS_SHOWN).await?;
        let connector_calls = self.store.connector_calls(since).await?;
        Ok(TeamUsage {
            database: self.database().to_string(),
            member: self.member().to_string(),
            since: rfc3339(since),
            members: members
                .into_iter()
                .map(|m| TeamMemberSpend {
                    member: m.member,
                    credits: m.credits.max(0) as u64,
                    jobs: m.jobs.max(0) as u64,
                    budget: m.budget.map(|b| b.max(0) as u64),
                })
                .collect(),
            jobs: jobs
                .into_iter()
                .map(|j| TeamJobSpend {
                    member: j.member,
                    file_name: j.file_name,
                    kind: j.kind,
                    state: j.state,
                    credits: j.credits.max(0) as u64,
                    updated_at: rfc3339(j.updated_at),
                })
                .collect(),
            connector_calls: connector_calls
                .into_iter()
                .map(|c| TeamConnectorCalls {
                    member: c.member,
                    connector: c.connector,
                    calls: c.calls.max(0) as u64,
                })
                .collect(),
        })
    }

    /// Sets (or with `None` removes) a member's monthly budget in credits.
    pub async fn set_budget(&self, member: &str, credits: Option<u64>) -> Result<()> {
        if member.trim().is_empty() {
            return Err(CoreError::Invalid(
                "Name the member whose budget to set.".into(),
            ));
        }
        self.store
            .set_budget(
                member.trim(),
                credits.map(|c| c.min(i64::MAX as u64) as i64),
            )
            .await?;
        Ok(())
    }
}
