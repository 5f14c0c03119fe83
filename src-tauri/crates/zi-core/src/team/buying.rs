//! Buying as a team: what the team already bought settles keys for nothing, and what this
//! member buys is told to the team before it is kept here.

use zi_client::RecordKind;
use zi_store::{BatchCommit, ImportedAnswer, Store};
use zi_team::{Freshness, Purchase, TeamAnswer, TeamJob};

use super::TeamLink;
use crate::error::Result;

/// Pending keys looked up in the team's cache at a time.
const LOOKUP_CHUNK: i64 = 1_000;

/// A batch once the team's claims sorted its keys.
pub(crate) struct TeamBatch {
    /// Keys to buy: claimed by this process.
    pub to_buy: Vec<String>,
    /// Keys the team had answered, now settled here for nothing.
    pub settled: u64,
    pub matched: u64,
    /// Keys another member's process is buying right now.
    pub held: u64,
}

impl TeamLink {
    /// The link a job buys through: its claims under the job's own name, so the same job
    /// resumed after a crash takes them back at once.
    pub(crate) fn for_job(&self, store: &Store, job_id: i64) -> TeamLink {
        let folder = store
            .folder()
            .map(|f| f.display().to_string())
            .unwrap_or_else(|| format!("memory {}", std::process::id()));
        TeamLink {
            store: self
                .store
                .with_holder(&format!("{} {folder} #{job_id}", zi_team::machine_name())),
        }
    }

    /// Claims `keys`, settles here those the team already answered, and says what is left
    /// to buy and what another member is buying.
    pub(crate) async fn claim_batch(
        &self,
        store: &Store,
        job_id: i64,
        kind: RecordKind,
        keys: &[String],
        fresh: Freshness,
    ) -> Result<TeamBatch> {
        let claim = self.store.claim(kind.as_str(), keys, fresh).await?;
        let matched = claim.answered.iter().filter(|a| a.zi_id.is_some()).count() as u64;
        let imported: Vec<ImportedAnswer> = claim.answered.into_iter().map(imported).collect();
        let settled = store
            .settle_imported(job_id, kind.as_str(), &imported)
            .await?;
        Ok(TeamBatch {
            to_buy: claim.to_buy,
            settled,
            matched: matched.min(settled),
            held: claim.held.len() as u64,
        })
    }

    /// Gives up the claims of a batch that was not bought (refused, failed).
    pub(crate) async fn release(&self, kind: RecordKind, keys: &[String]) {
        if let Err(error) = self.store.release(kind.as_str(), keys).await {
            // Left claims lapse after the timeout; nothing is lost.
            tracing::debug!(%error, "could not release claims");
        }
    }

    /// Tells the team of this member's job and its state.
    pub(crate) async fn record_job(
        &self,
        job_id: i64,
        source_path: &str,
        kind: &str,
        state: &str,
        keys_total: i64,
    ) -> Result<()> {
        let file_name = std::path::Path::new(source_path)
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| source_path.to_string());
        self.store
            .record_job(&TeamJob {
                job_ref: job_ref(job_id),
                file_name,
                kind: kind.to_string(),
                state: state.to_string(),
                keys_total,
            })
            .await?;
        Ok(())
    }

    /// Keeps what `/lookup/usage` said in the team's history.
    pub(crate) async fn record_usage(&self, rows: &[zi_store::UsageSnapshotRow]) -> Result<()> {
        let rows: Vec<zi_team::UsageRow> = rows
            .iter()
            .map(|r| zi_team::UsageRow {
                limit_type: r.limit_type.clone(),
                description: r.description.clone(),
                usage_limit: r.usage_limit,
                current_usage: r.current_usage,
                usage_remaining: r.usage_remaining,
            })
            .collect();
        self.store.record_usage(&rows).await?;
        Ok(())
    }

    /// Credits this member may still spend this month under the team's budget, if one is set.
    pub(crate) async fn budget_left(&self) -> Result<Option<u64>> {
        let Some(budget) = self.store.budget(self.member()).await? else {
            return Ok(None);
        };
        let spent = self
            .store
            .member_spent(self.member(), zi_team::month_start())
            .await?;
        Ok(Some(budget.saturating_sub(spent).max(0) as u64))
    }
}

/// Tells the team what a batch bought (records, answers, credits under this member and job),
/// releasing its claims. Done before the batch is kept here: if the team's database is down,
/// the answer stays in the job's journal and is told on the next run.
pub(crate) async fn publish_purchase(
    team: &TeamLink,
    job_id: i64,
    kind: RecordKind,
    keys: &[String],
    commit: &BatchCommit,
) -> Result<()> {
    let purchase = Purchase {
        job_ref: job_ref(job_id),
        batch_ref: commit.batch_ref.clone().unwrap_or_default(),
        credits: commit.credits,
        keys: keys.to_vec(),
        answers: commit
            .answers
            .iter()
            .filter(|a| a.settled)
            .map(|a| (a.match_key.clone(), a.status.clone(), a.zi_id.clone()))
            .collect(),
        records: commit
            .records
            .iter()
            .map(|r| (r.zi_id.clone(), r.data.clone()))
            .collect(),
    };
    team.store.publish(kind.as_str(), &purchase).await?;
    Ok(())
}

/// Settles the job's pending keys the team's cache answers (planning: they cost nothing).
/// Returns how many.
pub(crate) async fn team_answers_for_job(
    team: &TeamLink,
    store: &Store,
    job_id: i64,
    kind: RecordKind,
    fresh: Freshness,
) -> Result<u64> {
    let (mut cursor, mut settled) = (String::new(), 0);
    loop {
        let keys = store.pending_keys(job_id, &cursor, LOOKUP_CHUNK).await?;
        let Some(last) = keys.last() else { break };
        cursor = last.match_key.clone();
        let keys: Vec<String> = keys.into_iter().map(|k| k.match_key).collect();
        let answers = team
            .store
            .fresh_answers(kind.as_str(), &keys, fresh)
            .await?;
        let imported: Vec<ImportedAnswer> = answers.into_iter().map(imported).collect();
        settled += store
            .settle_imported(job_id, kind.as_str(), &imported)
            .await?;
    }
    Ok(settled)
}

/// The team's name of this machine's job `job_id`.
fn job_ref(job_id: i64) -> String {
    format!("{} #{job_id}", zi_team::machine_name())
}

fn imported(answer: TeamAnswer) -> ImportedAnswer {
    ImportedAnswer {
        match_key: answer.match_key,
        status: answer.status,
        zi_id: answer.zi_id,
        fetched_at: answer.fetched_at,
        data: answer.data,
    }
}
