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
use super::receipt::BatchReceipt;
use super::replay::replay_journal;
use super::types::{state, EnrichProgress, RunOutcome};
use crate::console::Console;
use crate::error::{CoreError, Result};

/// Batches in flight at once: enough to fill 25 requests/s at a few hundred ms latency.
const IN_FLIGHT: usize = 8;
/// Progress events at most this often (the UI asks for ≤ 10/s).
const PROGRESS_EVERY: Duration = Duration::from_millis(100);

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
        }
    }
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
        replay_journal(store, &journal, job_id, kind).await?;
        self.store()
            .audit("enrich_start", &format!("job {job_id}"))
            .await?;

        let counts = store.key_counts(job_id).await?;
        let mut spent = store.credits_spent(job_id).await?.max(0) as u64;
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
                let room = match options.budget {
                    Some(budget) => budget.saturating_sub(spent + reserved),
                    None => u64::MAX,
                };
                if room == 0 {
                    if in_flight.is_empty() {
                        stop = Some(Stop::Budget(options.budget.unwrap_or(0)));
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
                let backend = self.backend_arc();
                let (fields, store, journal) = (fields.clone(), store.clone(), journal.clone());
                let batch_ref = new_batch_ref(job_id, batch.keys[0].seq);
                // The answer is committed right here, the moment it arrives: credits are spent
                // once ZoomInfo answers, and a crash before the commit would buy them again.
                in_flight.spawn(async move {
                    let sent = batch.keys.len() as u64;
                    let keys: Vec<String> =
                        batch.keys.iter().map(|k| k.match_key.clone()).collect();
                    let receipt = BatchReceipt::new(&journal, &batch_ref, &keys);
                    let answer = backend
                        .enrich_with_receipt(kind, &batch.inputs, &fields, &receipt)
                        .await;
                    let outcome = async {
                        // Recorded before the answer is committed: a batch found committed
                        // after a crash has had its unreadable answers recorded.
                        store
                            .record_charged_twice(job_id, &receipt.charged_twice())
                            .await?;
                        match answer {
                            Ok(results) => {
                                let (commit, limit_hit) =
                                    to_commit(&batch, results, Some(batch_ref.clone()));
                                store.commit_batch(job_id, kind.as_str(), &commit).await?;
                                Ok(Committed::from_commit(&commit, limit_hit))
                            }
                            Err(error) => {
                                journal.close(&batch_ref);
                                Err(CoreError::from(error))
                            }
                        }
                    }
                    .await;
                    (sent, outcome)
                });
            }

            if in_flight.is_empty() {
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
        let (job_state, stop_code, reason) = match stop {
            _ if pending == 0 => (state::COMPLETED, None, None),
            Some(Stop::Budget(budget)) => (
                state::STOPPED,
                Some("budget"),
                Some(format!(
                    "Stopped at the budget of {budget} credits with {pending} people or companies still to enrich. Run it again with a higher --budget to continue; nothing bought is lost."
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
        // Every answer kept so far is committed by now.
        journal.clear();
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
