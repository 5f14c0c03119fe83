//! Running a job: batches of distinct keys through the paced client, several in flight to
//! keep the API at its rate ceiling, each answer committed with its cache and ledger entries
//! in one transaction. Stops cleanly on the budget, the account's credit limit, a cancel or
//! an error, keeping what was bought; the next run picks up the keys still pending.

use std::time::{Duration, Instant};

use serde_json::Value;
use tokio::task::JoinSet;
use zi_client::{ClientError, EnrichResult, Record, RecordKind};
use zi_store::{BatchCommit, BoughtRecord, KeyAnswer, PendingKey};

use super::account_fields::Lookup;
use super::control::JobControl;
use super::inputs::CONTACT_ACCURACY_MIN_FIELD;
use super::journal::Journal;
use super::plan::freshness;
use super::receipt::BatchReceipt;
use super::replay::replay_journal;
use super::types::{state, EnrichProgress, RunOutcome};
use crate::console::Console;
use crate::error::{CoreError, Result};
use crate::team::{publish_purchase, TeamLink};

/// Batches in flight at once: enough to fill 25 requests/s at a few hundred ms latency.
const IN_FLIGHT: usize = 8;
/// Progress events at most this often (the UI asks for ≤ 10/s).
const PROGRESS_EVERY: Duration = Duration::from_millis(100);
/// How soon to look again at keys another member is buying (team mode).
const TEAM_RECHECK: Duration = Duration::from_millis(500);

/// Options of one run (they may differ from run to run of the same job).
#[derive(Clone, Debug, Default)]
pub struct RunOptions {
    /// Hard cap on the credits this job may have spent in all.
    pub budget: Option<u64>,
    /// Output columns the user chose (fetched along with the standard set).
    pub columns: Vec<String>,
    /// Contacts only: ZoomInfo returns (and charges for) no one whose accuracy score is under
    /// this (sent as `contactAccuracyScoreMin` in every input).
    pub min_accuracy: Option<u32>,
}

impl RunOptions {
    /// Refuses options that cannot apply to a job of `kind` (checked again when it runs).
    pub fn check(&self, kind: RecordKind) -> Result<()> {
        check_min_accuracy(kind, self.min_accuracy)
    }
}

/// Checks the minimum accuracy against the published range and the kind.
fn check_min_accuracy(kind: RecordKind, min_accuracy: Option<u32>) -> Result<()> {
    let Some(min) = min_accuracy else {
        return Ok(());
    };
    let range = zi_client::limits::CONTACT_ACCURACY_MIN;
    if kind != RecordKind::Contact {
        return Err(CoreError::Invalid(
            "A minimum accuracy applies to contacts only: companies have no accuracy score.".into(),
        ));
    }
    if !range.contains(&min) {
        return Err(CoreError::Invalid(format!(
            "A minimum accuracy of {min} is out of ZoomInfo's range: choose {} to {}, or none.",
            range.start(),
            range.end()
        )));
    }
    Ok(())
}

/// Why the dispatching stopped early.
enum Stop {
    Budget(u64),
    /// The member's monthly budget set by the team (team mode).
    MemberBudget(u64),
    CreditLimit(String),
    Cancelled,
    Failed(CoreError),
}

/// A batch of distinct keys and the inputs sent for them.
pub(super) struct SentBatch {
    pub(super) keys: Vec<PendingKey>,
    pub(super) inputs: Vec<Record>,
}

/// What a committed batch changed, for the running totals.
struct Committed {
    credits: u64,
    settled: u64,
    matched: u64,
    limit_hit: bool,
    /// Keys another member's process is buying (team mode): asked again later.
    deferred: u64,
}

impl Committed {
    fn from_commit(commit: &BatchCommit, limit_hit: bool) -> Self {
        Committed {
            credits: commit.credits.max(0) as u64,
            settled: commit.answers.iter().filter(|a| a.settled).count() as u64,
            matched: commit
                .answers
                .iter()
                .filter(|a| a.settled && a.zi_id.is_some())
                .count() as u64,
            limit_hit,
            deferred: 0,
        }
    }

    /// What the team's claims gave on top: keys settled for nothing, keys deferred.
    fn with_team(mut self, team: &TeamShare) -> Self {
        self.settled += team.settled;
        self.matched += team.matched;
        self.deferred = team.held;
        self
    }
}

/// A batch's keys the team settled or holds (zeros outside team mode).
#[derive(Default)]
struct TeamShare {
    settled: u64,
    matched: u64,
    held: u64,
}

pub(super) fn to_commit(
    batch: &SentBatch,
    results: Vec<EnrichResult>,
    batch_ref: Option<String>,
) -> (BatchCommit, bool) {
    let mut records = Vec::new();
    let mut answers = Vec::with_capacity(batch.keys.len());
    let mut limit_hit = false;
    let mut credits = 0i64;
    for (key, result) in batch.keys.iter().zip(results) {
        credits += result.records.len() as i64;
        let zi_id = result
            .records
            .first()
            .and_then(|r| r.get("id"))
            .map(id_text);
        if let (Some(id), Some(record)) = (&zi_id, result.records.first()) {
            records.push(BoughtRecord {
                zi_id: id.clone(),
                data: Value::Object(record.clone()).to_string(),
            });
        }
        let settled = !result.status.is_limit_exceeded();
        limit_hit |= !settled;
        answers.push(KeyAnswer {
            match_key: key.match_key.clone(),
            status: result.status.as_str().to_string(),
            zi_id,
            settled,
        });
    }
    (
        BatchCommit {
            batch_ref,
            answers,
            records,
            credits,
        },
        limit_hit,
    )
}

/// What every batch of a run is bought with.
#[derive(Clone)]
struct Buyer {
    backend: std::sync::Arc<dyn zi_client::ZoomInfoBackend>,
    store: zi_store::Store,
    journal: Journal,
    team: Option<TeamLink>,
    fields: Vec<String>,
    kind: RecordKind,
    job_id: i64,
    fresh: zi_team::Freshness,
}

impl Buyer {
    /// Buys one batch: in team mode, only the keys the team has not answered and nobody else
    /// is buying; the answer told to the team, then committed here.
    async fn buy(&self, batch: SentBatch, batch_ref: String) -> Result<Committed> {
        let (batch, share) = match &self.team {
            Some(team) => {
                let keys: Vec<String> = batch.keys.iter().map(|k| k.match_key.clone()).collect();
                let claim = team
                    .claim_batch(&self.store, self.job_id, self.kind, &keys, self.fresh)
                    .await?;
                let share = TeamShare {
                    settled: claim.settled,
                    matched: claim.matched,
                    held: claim.held,
                };
                (batch.only(&claim.to_buy), share)
            }
            None => (batch, TeamShare::default()),
        };
        if batch.keys.is_empty() {
            return Ok(Committed {
                credits: 0,
                settled: 0,
                matched: 0,
                limit_hit: false,
                deferred: 0,
            }
            .with_team(&share));
        }
        let keys: Vec<String> = batch.keys.iter().map(|k| k.match_key.clone()).collect();
        let receipt = BatchReceipt::new(&self.journal, &batch_ref, &keys);
        let answer = self
            .backend
            .enrich_with_receipt(self.kind, &batch.inputs, &self.fields, &receipt)
            .await;
        // Recorded before the answer is committed: a batch found committed after a crash has
        // had its unreadable answers recorded.
        self.store
            .record_charged_twice(self.job_id, &receipt.charged_twice())
            .await?;
        match answer {
            Ok(results) => {
                let (commit, limit_hit) = to_commit(&batch, results, Some(batch_ref));
                if let Some(team) = &self.team {
                    publish_purchase(team, self.job_id, self.kind, &keys, &commit).await?;
                }
                self.store
                    .commit_batch(self.job_id, self.kind.as_str(), &commit)
                    .await?;
                Ok(Committed::from_commit(&commit, limit_hit).with_team(&share))
            }
            Err(error) => {
                self.journal.close(&batch_ref);
                if let Some(team) = &self.team {
                    team.release(self.kind, &keys).await;
                }
                Err(CoreError::from(error))
            }
        }
    }
}

impl SentBatch {
    /// The part of the batch whose keys are in `keys`.
    fn only(self, keys: &[String]) -> SentBatch {
        if keys.len() == self.keys.len() {
            return self;
        }
        let wanted: std::collections::HashSet<&str> = keys.iter().map(String::as_str).collect();
        let (keys, inputs) = self
            .keys
            .into_iter()
            .zip(self.inputs)
            .filter(|(key, _)| wanted.contains(key.match_key.as_str()))
            .unzip();
        SentBatch { keys, inputs }
    }
}

fn id_text(value: &Value) -> String {
    match value {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

impl Console {
    /// Runs (or resumes) a planned job until every key is answered or it has to stop.
    pub async fn run_enrichment(
        &self,
        job_id: i64,
        options: &RunOptions,
        control: &JobControl,
        mut on_progress: impl FnMut(&EnrichProgress) + Send,
    ) -> Result<RunOutcome> {
        let store = self.store();
        let job = store
            .job(job_id)
            .await?
            .ok_or_else(|| CoreError::Invalid(format!("No job {job_id}.")))?;
        let kind: RecordKind = job.kind.parse().map_err(CoreError::Invalid)?;
        check_min_accuracy(kind, options.min_accuracy)?;
        // Only fields the account lists and grants are asked for; a column it cannot have
        // stops the run here, before anything is spent.
        let account_fields = self.field_list(kind, Lookup::MayAsk).await?;
        let columns = account_fields.choose_columns(&options.columns)?;
        let fields = account_fields.fetch_fields(&columns);
        store.set_job_state(job_id, state::RUNNING, None).await?;
        let journal = Journal::for_job(store.folder(), job_id);
        self.check_team()?;
        let team = self.team().map(|team| team.for_job(store, job_id));
        if let Some(team) = &team {
            team.record_job(
                job_id,
                &job.source_path,
                &job.kind,
                state::RUNNING,
                job.rows_total,
            )
            .await?;
        }
        replay_journal(store, &journal, job_id, kind, team.as_ref()).await?;
        let member_budget_left = match &team {
            Some(team) => team.budget_left().await?,
            None => None,
        };
        let buyer = Buyer {
            backend: self.backend_arc(),
            store: store.clone(),
            journal: journal.clone(),
            team: team.clone(),
            fields: fields.clone(),
            kind,
            job_id,
            fresh: freshness(crate::cache::max_age_days(store).await?),
        };
        self.store()
            .audit("enrich_start", &format!("job {job_id}"))
            .await?;

        let counts = store.key_counts(job_id).await?;
        let mut spent = store.credits_spent(job_id).await?.max(0) as u64;
        let spent_at_start = spent;
        // Keys another member was buying, passed over in this pass through the keys.
        let mut deferred: u64 = 0;
        let mut progress = EnrichProgress {
            job_id,
            keys_total: counts.total as u64,
            keys_settled: (counts.total - counts.pending) as u64,
            matched_keys: counts.matched as u64,
            credits_spent: spent,
            ..EnrichProgress::default()
        };
        on_progress(&progress);
        let started = Instant::now();
        let settled_at_start = progress.keys_settled;
        let mut last_event = Instant::now();

        let mut in_flight: JoinSet<(u64, Result<Committed>)> = JoinSet::new();
        let mut reserved: u64 = 0;
        let mut requests: u64 = 0;
        let mut cursor = String::new();
        let mut exhausted = false;
        let mut stop: Option<Stop> = None;

        loop {
            // Send more while there is room, keys, budget, and no reason to stop.
            while stop.is_none() && !exhausted && in_flight.len() < IN_FLIGHT {
                if control.is_cancelled() {
                    stop = Some(Stop::Cancelled);
                    break;
                }
                if control.is_paused() {
                    break;
                }
                let job_room = match options.budget {
                    Some(budget) => budget.saturating_sub(spent + reserved),
                    None => u64::MAX,
                };
                let member_room = match member_budget_left {
                    Some(left) => left.saturating_sub(spent - spent_at_start + reserved),
                    None => u64::MAX,
                };
                let room = job_room.min(member_room);
                if room == 0 {
                    if in_flight.is_empty() {
                        stop = Some(if member_room == 0 {
                            Stop::MemberBudget(member_budget_left.unwrap_or(0))
                        } else {
                            Stop::Budget(options.budget.unwrap_or(0))
                        });
                    }
                    break;
                }
                let size = (self.backend().max_enrich_batch() as u64).min(room) as i64;
                let keys = store.pending_keys(job_id, &cursor, size).await?;
                let Some(last) = keys.last() else {
                    exhausted = true;
                    break;
                };
                cursor = last.match_key.clone();
                let inputs = keys
                    .iter()
                    .map(|k| {
                        let mut input =
                            serde_json::from_str::<Record>(&k.input).unwrap_or_default();
                        if let Some(min) = options.min_accuracy {
                            input.insert(CONTACT_ACCURACY_MIN_FIELD.into(), min.into());
                        }
                        input
                    })
                    .collect::<Vec<_>>();
                reserved += keys.len() as u64;
                requests += 1;
                let batch = SentBatch { keys, inputs };
                let batch_ref = new_batch_ref(job_id, batch.keys[0].seq);
                let buyer = buyer.clone();
                // The answer is committed right here, the moment it arrives: credits are spent
                // once ZoomInfo answers, and a crash before the commit would buy them again.
                in_flight.spawn(async move {
                    let sent = batch.keys.len() as u64;
                    (sent, buyer.buy(batch, batch_ref).await)
                });
            }

            if in_flight.is_empty() {
                if stop.is_none() && exhausted && deferred > 0 {
                    // Another member is buying some keys: wait for their answers (or for their
                    // claims to lapse), then go through the keys still pending again.
                    tokio::time::sleep(TEAM_RECHECK).await;
                    (cursor, exhausted, deferred) = (String::new(), false, 0);
                    continue;
                }
                if stop.is_some() || exhausted {
                    break;
                }
                // Paused with nothing in flight: wait for resume or cancel.
                progress.paused = true;
                on_progress(&progress);
                control.wait_while_paused().await;
                progress.paused = false;
                continue;
            }

            let Some(joined) = in_flight.join_next().await else {
                continue;
            };
            let (sent, outcome) =
                joined.map_err(|e| CoreError::Invalid(format!("An enrich task failed: {e}")))?;
            reserved -= sent;
            match outcome {
                Ok(committed) => {
                    deferred += committed.deferred;
                    spent += committed.credits;
                    progress.keys_settled += committed.settled;
                    progress.matched_keys += committed.matched;
                    progress.credits_spent = spent;
                    if committed.limit_hit && stop.is_none() {
                        stop = Some(Stop::CreditLimit("ZoomInfo answered LIMIT_EXCEEDED".into()));
                    }
                }
                Err(CoreError::Client(ClientError::Forbidden { message })) => {
                    stop.get_or_insert(Stop::CreditLimit(message));
                }
                Err(error) => {
                    stop.get_or_insert(Stop::Failed(error));
                }
            }
            if last_event.elapsed() >= PROGRESS_EVERY {
                fill_rates(&mut progress, started, settled_at_start);
                on_progress(&progress);
                last_event = Instant::now();
            }
        }

        fill_rates(&mut progress, started, settled_at_start);
        on_progress(&progress);
        let pending = store.key_counts(job_id).await?.pending.max(0) as u64;
        // An answer that could not be stored (the team's database down, a full disk) stays in
        // the journal for the next run.
        let keep_journal = matches!(stop, Some(Stop::Failed(_)));
        let (job_state, stop_code, reason) = match stop {
            _ if pending == 0 => (state::COMPLETED, None, None),
            Some(Stop::Budget(budget)) => (
                state::STOPPED,
                Some("budget"),
                Some(format!(
                    "Stopped at the budget of {budget} credits with {pending} people or companies still to enrich. Run it again with a higher --budget to continue; nothing bought is lost."
                )),
            ),
            Some(Stop::MemberBudget(budget)) => (
                state::STOPPED,
                Some("member_budget"),
                Some(format!(
                    "Stopped at your team budget of {budget} credits this month with {pending} people or companies still to enrich. Ask your team to raise it (zi team budget), then run the same job again; nothing bought is lost."
                )),
            ),
            Some(Stop::CreditLimit(message)) => (
                state::STOPPED,
                Some("credit_limit"),
                Some(format!(
                    "Stopped: the ZoomInfo account is out of credits ({message}). What was bought is kept; run the same job again once credits are added."
                )),
            ),
            Some(Stop::Cancelled) => (
                state::STOPPED,
                Some("cancelled"),
                Some("Cancelled. What was bought is kept; run the same job again to continue.".to_string()),
            ),
            Some(Stop::Failed(error)) => (
                state::FAILED,
                Some("error"),
                Some(format!("{error} What was bought is kept; run the same job again to continue.")),
            ),
            None => (state::STOPPED, Some("cancelled"), Some("Stopped before every row was enriched.".to_string())),
        };
        store
            .set_job_state(job_id, job_state, reason.as_deref())
            .await?;
        if !keep_journal {
            // Every answer kept so far is committed by now.
            journal.clear();
        }
        if let Some(team) = &team {
            if let Err(error) = team
                .record_job(
                    job_id,
                    &job.source_path,
                    &job.kind,
                    job_state,
                    job.rows_total,
                )
                .await
            {
                tracing::debug!(%error, "could not tell the team the job's state");
            }
        }
        store
            .audit(
                "enrich_end",
                &format!("job {job_id}: {job_state}, {spent} credits"),
            )
            .await?;
        let possibly_charged_twice = store.records_charged_twice(job_id).await?.max(0) as u64;
        Ok(RunOutcome {
            job_id,
            possibly_charged_twice,
            state: job_state.to_string(),
            stop_reason: reason,
            stop_code: stop_code.map(str::to_string),
            credits_spent: spent,
            keys_pending: pending,
            requests,
            seconds: started.elapsed().as_secs_f64(),
        })
    }
}

fn fill_rates(progress: &mut EnrichProgress, started: Instant, settled_at_start: u64) {
    let seconds = started.elapsed().as_secs_f64();
    let done_now = progress.keys_settled.saturating_sub(settled_at_start) as f64;
    progress.rate_per_second = if seconds > 0.0 {
        done_now / seconds
    } else {
        0.0
    };
    let left = progress.keys_total.saturating_sub(progress.keys_settled) as f64;
    progress.eta_seconds =
        (progress.rate_per_second > 0.0).then(|| left / progress.rate_per_second);
}

/// A name for one sent batch, unique across runs.
fn new_batch_ref(job_id: i64, first_seq: i64) -> String {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_nanos())
        .unwrap_or(0);
    format!("{job_id}:{first_seq}:{nanos}")
}
