//! Who spent what: the team's jobs, credits per member and per job, per-member budgets, and
//! the account's usage as members saw it.

use crate::error::Result;
use crate::TeamStore;

/// A member's job, as the team sees it.
#[derive(Clone, Debug)]
pub struct TeamJob {
    pub job_ref: String,
    pub file_name: String,
    pub kind: String,
    pub state: String,
    pub keys_total: i64,
}

/// Credits one member spent since a moment, and their budget.
#[derive(Clone, Debug, PartialEq, Eq, sqlx::FromRow)]
pub struct MemberSpend {
    pub member: String,
    pub credits: i64,
    pub batches: i64,
    pub jobs: i64,
    /// Credits a month, when the team set one for this member.
    pub budget: Option<i64>,
}

/// Credits one job spent since a moment.
#[derive(Clone, Debug, PartialEq, Eq, sqlx::FromRow)]
pub struct JobSpend {
    pub member: String,
    pub job_ref: String,
    pub file_name: String,
    pub kind: String,
    pub state: String,
    pub credits: i64,
    pub updated_at: i64,
}

/// One limit of `/lookup/usage` as a member's process read it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UsageRow {
    pub limit_type: String,
    pub description: Option<String>,
    pub usage_limit: Option<i64>,
    pub current_usage: Option<i64>,
    pub usage_remaining: Option<i64>,
}

impl TeamStore {
    /// Adds or updates this member's job.
    pub async fn record_job(&self, job: &TeamJob) -> Result<()> {
        sqlx::query(
            "INSERT INTO team_jobs (member, job_ref, file_name, kind, state, keys_total, updated_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7)
             ON CONFLICT (member, job_ref) DO UPDATE SET file_name = EXCLUDED.file_name,
               state = EXCLUDED.state, keys_total = EXCLUDED.keys_total, updated_at = EXCLUDED.updated_at",
        )
        .bind(self.member())
        .bind(&job.job_ref)
        .bind(&job.file_name)
        .bind(&job.kind)
        .bind(&job.state)
        .bind(job.keys_total)
        .bind(crate::unix_now())
        .execute(self.pool())
        .await
        .map_err(|e| self.error(e))?;
        Ok(())
    }

    /// Credits per member since `since` (unix seconds), most first, with every member that
    /// has a budget even if they spent nothing.
    pub async fn spend_by_member(&self, since: i64) -> Result<Vec<MemberSpend>> {
        sqlx::query_as(
            "WITH spent AS (
                SELECT member, SUM(credits)::bigint AS credits, COUNT(*) AS batches,
                       COUNT(DISTINCT job_ref) AS jobs
                FROM team_ledger WHERE at >= $1 GROUP BY member)
             SELECT COALESCE(s.member, b.member) AS member, COALESCE(s.credits, 0) AS credits,
                    COALESCE(s.batches, 0) AS batches, COALESCE(s.jobs, 0) AS jobs,
                    b.credits AS budget
             FROM spent s FULL OUTER JOIN team_budgets b ON b.member = s.member
             ORDER BY credits DESC, member",
        )
        .bind(since)
        .fetch_all(self.pool())
        .await
        .map_err(|e| self.error(e))
    }

    /// Credits per job since `since`, the most recently active first, at most `limit`.
    pub async fn spend_by_job(&self, since: i64, limit: i64) -> Result<Vec<JobSpend>> {
        sqlx::query_as(
            "SELECT j.member, j.job_ref, j.file_name, j.kind, j.state,
                    COALESCE(SUM(l.credits), 0)::bigint AS credits, j.updated_at
             FROM team_jobs j
             LEFT JOIN team_ledger l ON l.member = j.member AND l.job_ref = j.job_ref AND l.at >= $1
             WHERE j.updated_at >= $1
             GROUP BY j.member, j.job_ref, j.file_name, j.kind, j.state, j.updated_at
             ORDER BY j.updated_at DESC, j.member, j.job_ref LIMIT $2",
        )
        .bind(since)
        .bind(limit)
        .fetch_all(self.pool())
        .await
        .map_err(|e| self.error(e))
    }

    /// Credits `member` spent since `since`.
    pub async fn member_spent(&self, member: &str, since: i64) -> Result<i64> {
        let (credits,): (i64,) = sqlx::query_as(
            "SELECT COALESCE(SUM(credits), 0)::bigint FROM team_ledger WHERE member = $1 AND at >= $2",
        )
        .bind(member)
        .bind(since)
        .fetch_one(self.pool())
        .await
        .map_err(|e| self.error(e))?;
        Ok(credits)
    }

    /// `member`'s monthly budget in credits, if the team set one.
    pub async fn budget(&self, member: &str) -> Result<Option<i64>> {
        let found: Option<(i64,)> =
            sqlx::query_as("SELECT credits FROM team_budgets WHERE member = $1")
                .bind(member)
                .fetch_optional(self.pool())
                .await
                .map_err(|e| self.error(e))?;
        Ok(found.map(|(c,)| c))
    }

    /// Sets (or with `None` removes) `member`'s monthly budget.
    pub async fn set_budget(&self, member: &str, credits: Option<i64>) -> Result<()> {
        let query = match credits {
            Some(credits) => sqlx::query(
                "INSERT INTO team_budgets (member, credits, updated_at) VALUES ($1, $2, $3)
                 ON CONFLICT (member) DO UPDATE SET credits = EXCLUDED.credits, updated_at = EXCLUDED.updated_at",
            )
            .bind(member)
            .bind(credits)
            .bind(crate::unix_now()),
            None => sqlx::query("DELETE FROM team_budgets WHERE member = $1").bind(member),
        };
        query
            .execute(self.pool())
            .await
            .map_err(|e| self.error(e))?;
        Ok(())
    }

    /// Keeps what `/lookup/usage` said, as this member read it.
    pub async fn record_usage(&self, rows: &[UsageRow]) -> Result<()> {
        let now = crate::unix_now();
        for row in rows {
            sqlx::query(
                "INSERT INTO team_usage_snapshots (taken_at, member, limit_type, description,
                   usage_limit, current_usage, usage_remaining) VALUES ($1, $2, $3, $4, $5, $6, $7)",
            )
            .bind(now)
            .bind(self.member())
            .bind(&row.limit_type)
            .bind(&row.description)
            .bind(row.usage_limit)
            .bind(row.current_usage)
            .bind(row.usage_remaining)
            .execute(self.pool())
            .await
            .map_err(|e| self.error(e))?;
        }
        Ok(())
    }
}

/// The first second of the current calendar month (UTC): budgets are monthly.
pub fn month_start() -> i64 {
    use chrono::{Datelike, TimeZone, Utc};
    let now = Utc::now();
    Utc.with_ymd_and_hms(now.year(), now.month(), 1, 0, 0, 0)
        .single()
        .map(|t| t.timestamp())
        .unwrap_or(0)
}
