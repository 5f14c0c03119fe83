//! The waterfall: after ZoomInfo, each data connector in order is asked about the rows still
//! without a match (ZoomInfo's no-match, and no earlier connector's match). One call per
//! distinct input, its answer kept the moment it arrives, so no call is repeated for the same
//! input: within the file, on a re-run, after a crash. Each connector keeps its own pace and
//! its own budget in calls.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use futures::stream::{self, StreamExt};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use ts_rs::TS;
use zi_connect::{fields, Action, ConnectorClient, ConnectorError};
use zi_store::{ConnectorAnswer, JobConnector, PendingKey};

use zi_team::InputClaim;

use crate::console::Console;
use crate::error::{CoreError, Result};
use crate::team::TeamLink;

/// Calls in flight per connector: its pace, not this, sets the rate.
const IN_FLIGHT: usize = 8;
/// How soon to look again at an input another member's process is asking (team mode).
const HELD_INPUT_RECHECK: Duration = Duration::from_millis(500);
/// How often a run reports its progress.
const PROGRESS_EVERY: Duration = Duration::from_millis(250);
/// Inputs looked up in the team's answers at a time.
const TEAM_LOOKUP: usize = 1_000;
/// Keys read from the store at a time, and asked between two progress reports.
const PAGE: usize = 500;

/// A ZoomInfo input (the key's API input object) as the placeholder it fills.
const INPUT_NAMES: &[(&str, &str)] = &[
    ("emailAddress", "email"),
    ("firstName", "firstName"),
    ("lastName", "lastName"),
    ("fullName", "fullName"),
    ("companyName", "companyName"),
    ("companyWebsite", "companyWebsite"),
    ("phone", "phone"),
    ("companyPhone", "phone"),
];

/// One connector's action as a step of the waterfall.
#[derive(Clone)]
pub struct ConnectorStep {
    pub client: Arc<ConnectorClient>,
    pub action: Action,
    /// The output fields its columns show (from the action's output).
    pub fields: Vec<String>,
}

impl ConnectorStep {
    /// A step of `client`'s action `action` (the first when `None`); the action must define
    /// its output, which makes the columns.
    pub fn new(client: ConnectorClient, action: Option<&str>) -> Result<ConnectorStep> {
        let connector = client.connector();
        let action = connector.action(action)?.clone();
        let fields = action
            .output
            .as_ref()
            .map(fields::output_fields)
            .unwrap_or_default();
        if fields.is_empty() {
            return Err(CoreError::Invalid(format!(
                "The action \"{}\" of {} defines no output: add its \"output\" (a sample answer; `zi connector test` shows one) so its columns are known.",
                action.name, connector.name
            )));
        }
        Ok(ConnectorStep {
            client: Arc::new(client),
            action,
            fields,
        })
    }

    pub fn name(&self) -> &str {
        &self.client.connector().name
    }

    /// The step as the job remembers it.
    pub fn job_connector(&self) -> JobConnector {
        JobConnector {
            connector: self.name().to_string(),
            action: self.action.name.clone(),
            fields: self.fields.clone(),
        }
    }
}

/// What one connector did in a run.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ConnectorRun {
    pub connector: String,
    pub action: String,
    /// Keys it has to be asked about in this run (still without a match when its turn came).
    #[ts(type = "number")]
    pub to_ask: u64,
    /// Keys asked about so far (from a call, from earlier calls, or without an input to send).
    #[ts(type = "number")]
    pub asked: u64,
    /// Calls made to it now.
    #[ts(type = "number")]
    pub calls: u64,
    /// Answers taken from earlier calls (free).
    #[ts(type = "number")]
    pub from_cache: u64,
    #[ts(type = "number")]
    pub matched: u64,
    /// Keys without a value for one of its placeholders (not asked).
    #[ts(type = "number")]
    pub no_input: u64,
    /// Why it stopped before the end (its budget, a refused key…).
    pub stopped: Option<String>,
    /// It stopped at its budget (the rest is asked on a later run), not on a failure.
    pub over_budget: bool,
}

/// What a connector may cost a job, before it runs.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ConnectorEstimate {
    pub connector: String,
    pub action: String,
    /// Calls at most: every key ZoomInfo has not matched or not answered yet, less those whose
    /// input this connector already answered here or for the team (free), within its budget.
    #[ts(type = "number")]
    pub at_most_calls: u64,
    /// Keys already answered by it (no call).
    #[ts(type = "number")]
    pub from_cache: u64,
    #[ts(type = "number | null")]
    pub max_calls: Option<u64>,
}

enum Asked {
    Answer(ConnectorAnswer, bool),
    NoInput,
    OverBudget,
    /// The call or keeping its answer failed (the message says why).
    Failed(String),
    /// Not asked: an earlier call of this step failed.
    Halted,
}

impl Console {
    /// Runs `steps` in order over job `job_id`'s keys that ZoomInfo did not match.
    pub async fn run_connectors(
        &self,
        job_id: i64,
        steps: &[ConnectorStep],
        mut on_progress: impl FnMut(&ConnectorRun) + Send,
    ) -> Result<Vec<ConnectorRun>> {
        let store = self.store();
        store
            .remember_job_connectors(
                job_id,
                &steps
                    .iter()
                    .map(ConnectorStep::job_connector)
                    .collect::<Vec<_>>(),
            )
            .await?;
        let unmatched = self.unmatched_keys(job_id).await?;
        let columns = self.column_values(job_id, steps, &unmatched).await?;
        let mut answered: HashSet<String> = HashSet::new();
        let mut runs = Vec::new();
        for step in steps {
            let mut run = ConnectorRun {
                connector: step.name().to_string(),
                action: step.action.name.clone(),
                ..ConnectorRun::default()
            };
            let budget = step.client.connector().max_calls;
            let calls = AtomicU64::new(0);
            // Set at the first failure: the keys still queued are not sent into it.
            let halt = AtomicBool::new(false);
            run.to_ask = unmatched
                .iter()
                .filter(|k| !answered.contains(&k.match_key))
                .count() as u64;
            on_progress(&run);
            let mut reported = Instant::now();
            for page in unmatched.chunks(PAGE) {
                // Owned keys: the calls' futures must not borrow across the stream.
                let keys: Vec<PendingKey> = page
                    .iter()
                    .filter(|k| !answered.contains(&k.match_key))
                    .cloned()
                    .collect();
                let mut outcomes = stream::iter(keys)
                    .map(|key| {
                        let (calls, columns, halt) = (&calls, &columns, &halt);
                        async move {
                            let values = values_of(&key, columns);
                            let outcome = if halt.load(Ordering::SeqCst) {
                                Asked::Halted
                            } else {
                                self.ask(job_id, step, &key, &values, budget, calls).await
                            };
                            (key.match_key, outcome)
                        }
                    })
                    .buffer_unordered(IN_FLIGHT);
                while let Some((key, outcome)) = outcomes.next().await {
                    match outcome {
                        Asked::Answer(answer, cached) => {
                            run.asked += 1;
                            if cached {
                                run.from_cache += 1;
                            }
                            if answer.matched {
                                run.matched += 1;
                                answered.insert(key);
                            }
                        }
                        Asked::NoInput => {
                            run.asked += 1;
                            run.no_input += 1;
                        }
                        Asked::OverBudget => {
                            run.asked += 1;
                            if run.stopped.is_none() {
                                run.over_budget = true;
                                run.stopped = Some(format!(
                                    "Stopped at its budget of {} calls; run the same command again to ask the rest (answers kept are not asked again), or raise its maxCalls.",
                                    budget.unwrap_or(0)
                                ));
                            }
                        }
                        Asked::Failed(message) => {
                            run.asked += 1;
                            halt.store(true, Ordering::SeqCst);
                            run.stopped.get_or_insert(message);
                        }
                        Asked::Halted => {}
                    }
                    run.calls = calls.load(Ordering::SeqCst);
                    if reported.elapsed() >= PROGRESS_EVERY {
                        on_progress(&run);
                        reported = Instant::now();
                    }
                }
                if run.stopped.is_some() {
                    break;
                }
            }
            on_progress(&run);
            runs.push(run);
        }
        Ok(runs)
    }

    /// The most each step may call for job `job_id`: its keys ZoomInfo did not match (or has
    /// not answered yet), less the inputs the step answered before.
    pub async fn estimate_connectors(
        &self,
        job_id: i64,
        steps: &[ConnectorStep],
    ) -> Result<Vec<ConnectorEstimate>> {
        let store = self.store();
        let unmatched_keys = self.unmatched_keys(job_id).await?;
        let columns = self.column_values(job_id, steps, &unmatched_keys).await?;
        let pending = store.key_counts(job_id).await?.pending.max(0) as u64;
        let team = self.team();
        let mut estimates = Vec::new();
        for step in steps {
            let needed = step.action.parameters();
            let (mut unmatched, mut cached) = (0u64, 0u64);
            // Inputs this machine never asked: the team may have.
            let mut not_here = Vec::new();
            for key in &unmatched_keys {
                let values = values_of(key, &columns);
                if needed
                    .iter()
                    .any(|p| values.get(p).is_none_or(|v| v.trim().is_empty()))
                {
                    continue;
                }
                unmatched += 1;
                let input = input_key(&needed, &values);
                if store
                    .connector_answer(step.name(), &step.action.name, &input)
                    .await?
                    .is_some()
                {
                    cached += 1;
                } else {
                    not_here.push(input);
                }
            }
            if let Some(team) = &team {
                for chunk in not_here.chunks(TEAM_LOOKUP) {
                    cached += team
                        .store
                        .connector_inputs_answered(step.name(), &step.action.name, chunk)
                        .await
                        .map_err(CoreError::from)?
                        .len() as u64;
                }
            }
            let max_calls = step.client.connector().max_calls;
            let calls = pending + unmatched - cached;
            estimates.push(ConnectorEstimate {
                connector: step.name().to_string(),
                action: step.action.name.clone(),
                at_most_calls: max_calls.map_or(calls, |m| calls.min(m)),
                from_cache: cached,
                max_calls,
            });
        }
        Ok(estimates)
    }

    /// Asks one step about one key: from the answers kept here or by the team when this input
    /// was asked before, else with a call (within the budget), kept at once.
    async fn ask(
        &self,
        job_id: i64,
        step: &ConnectorStep,
        key: &PendingKey,
        values: &BTreeMap<String, String>,
        budget: Option<u64>,
        calls: &AtomicU64,
    ) -> Asked {
        let needed = step.action.parameters();
        if needed
            .iter()
            .any(|p| values.get(p).is_none_or(|v| v.trim().is_empty()))
        {
            return Asked::NoInput;
        }
        let input = Input {
            job_id,
            match_key: &key.match_key,
            connector: step.name(),
            action: &step.action.name,
            key: input_key(&needed, values),
        };
        match self.earlier_answer(&input).await {
            Ok(Some(answer)) => return self.keep(&input, answer, true).await,
            Ok(None) => {}
            Err(message) => return Asked::Failed(message),
        }
        let team = self.team();
        let made = calls.fetch_add(1, Ordering::SeqCst);
        if budget.is_some_and(|b| made >= b) {
            calls.fetch_sub(1, Ordering::SeqCst);
            if let Some(team) = &team {
                release(team, &input).await;
            }
            return Asked::OverBudget;
        }
        let answer = match step.client.call(&step.action, values).await {
            Ok(answer) => ConnectorAnswer {
                matched: answer.matched,
                body: answer.body.to_string(),
            },
            Err(error) => {
                if let Some(team) = &team {
                    release(team, &input).await;
                }
                return Asked::Failed(error.to_string());
            }
        };
        // Kept here first: a team outage now costs no second call on the next run.
        let kept = self.keep(&input, answer.clone(), false).await;
        if let Some(team) = &team {
            if let Err(error) = publish(team, &input, &answer).await {
                return Asked::Failed(error);
            }
        }
        kept
    }

    /// An answer to `input` from earlier calls: this machine's, else the team's. In team mode
    /// the input is claimed first; while another member's process asks it, this one waits for
    /// that answer rather than making the same call.
    async fn earlier_answer(&self, input: &Input<'_>) -> Result<Option<ConnectorAnswer>, String> {
        let store = self.store();
        let local = store
            .connector_answer(input.connector, input.action, &input.key)
            .await
            .map_err(|e| stored_failure(input.connector, e))?;
        let Some(team) = self.team() else {
            return Ok(local);
        };
        if let Some(answer) = local {
            // Told again, in case it was received while the team database was away.
            publish(&team, input, &answer).await?;
            return Ok(Some(answer));
        }
        loop {
            match team
                .store
                .claim_connector_input(input.connector, input.action, &input.key)
                .await
                .map_err(|e| e.to_string())?
            {
                InputClaim::Answered(answer) => {
                    return Ok(Some(ConnectorAnswer {
                        matched: answer.matched,
                        body: answer.body,
                    }))
                }
                InputClaim::Mine => return Ok(None),
                InputClaim::Held => tokio::time::sleep(HELD_INPUT_RECHECK).await,
            }
        }
    }

    /// Keeps `answer` for the input and records that the key took it.
    async fn keep(&self, input: &Input<'_>, answer: ConnectorAnswer, earlier: bool) -> Asked {
        match self
            .store()
            .keep_connector_answer(
                input.job_id,
                input.match_key,
                input.connector,
                input.action,
                &input.key,
                &answer,
            )
            .await
        {
            Ok(()) => Asked::Answer(answer, earlier),
            Err(error) => Asked::Failed(stored_failure(input.connector, error)),
        }
    }
}

/// One key's input to one connector's action.
struct Input<'a> {
    job_id: i64,
    match_key: &'a str,
    connector: &'a str,
    action: &'a str,
    /// The normalized values sent.
    key: String,
}

/// Tells the team `input`'s answer, so no other member asks it again.
async fn publish(
    team: &TeamLink,
    input: &Input<'_>,
    answer: &ConnectorAnswer,
) -> Result<(), String> {
    let shared = zi_team::ConnectorAnswer {
        matched: answer.matched,
        body: answer.body.clone(),
    };
    team.store
        .publish_connector_answer(input.connector, input.action, &input.key, &shared)
        .await
        .map_err(|e| e.to_string())
}

/// Gives up the team's claim on an input not asked after all.
async fn release(team: &TeamLink, input: &Input<'_>) {
    if let Err(error) = team
        .store
        .release_connector_input(input.connector, input.action, &input.key)
        .await
    {
        // A claim left behind lapses after the timeout; nothing is lost.
        tracing::debug!(%error, "could not release a connector input's claim");
    }
}

impl Console {
    /// The job's settled keys ZoomInfo did not match, in key order, read once per run.
    async fn unmatched_keys(&self, job_id: i64) -> Result<Vec<PendingKey>> {
        let store = self.store();
        let mut keys = Vec::new();
        let mut cursor = String::new();
        loop {
            let page = store.unmatched_keys(job_id, &cursor, PAGE as i64).await?;
            let Some(last) = page.last() else { break };
            cursor = last.match_key.clone();
            keys.extend(page);
        }
        Ok(keys)
    }
}

/// Cells of the file by column header, for the keys whose placeholders name columns.
type ColumnValues = HashMap<String, BTreeMap<String, String>>;

/// A key's placeholder values: its ZoomInfo inputs, then the cells of the first row carrying
/// it, by column header.
fn values_of(key: &PendingKey, columns: &ColumnValues) -> BTreeMap<String, String> {
    let mut values = placeholder_values(&key.input);
    if let Some(cells) = columns.get(&key.match_key) {
        for (header, cell) in cells {
            values.entry(header.clone()).or_insert_with(|| cell.clone());
        }
    }
    values
}

impl Console {
    /// When a step's placeholders name columns of the file rather than ZoomInfo inputs: the
    /// file read once more for the cells of the keys ZoomInfo did not match.
    async fn column_values(
        &self,
        job_id: i64,
        steps: &[ConnectorStep],
        unmatched: &[PendingKey],
    ) -> Result<ColumnValues> {
        let standard: HashSet<&str> = INPUT_NAMES.iter().map(|(_, p)| *p).collect();
        let wanted: HashSet<String> = steps
            .iter()
            .flat_map(|s| s.action.parameters())
            .filter(|p| !standard.contains(p.as_str()))
            .collect();
        if wanted.is_empty() {
            return Ok(ColumnValues::new());
        }
        let unmatched: HashSet<String> = unmatched.iter().map(|k| k.match_key.clone()).collect();
        let store = self.store();
        let job = store
            .job(job_id)
            .await?
            .ok_or_else(|| CoreError::Invalid(format!("No job {job_id}.")))?;
        let kind: zi_client::RecordKind = job.kind.parse().map_err(CoreError::Invalid)?;
        let options = super::plan::JobOptions::parse(&job.options)?;
        let source = std::path::PathBuf::from(&job.source_path);
        tokio::task::spawn_blocking(move || -> Result<ColumnValues> {
            let reader = super::plan::open_sheet(&source, options.sheet.clone())?;
            let headers = reader.info().headers.clone();
            let mut found = ColumnValues::new();
            for row in reader.rows() {
                let row = row?;
                let Ok(key) = super::keys::row_key(kind, &options.mapping, &row.cells) else {
                    continue;
                };
                if !unmatched.contains(&key.key) || found.contains_key(&key.key) {
                    continue;
                }
                let cells = headers
                    .iter()
                    .zip(&row.cells)
                    .filter(|(header, _)| wanted.contains(header.trim()))
                    .map(|(header, cell)| (header.trim().to_string(), cell.trim().to_string()))
                    .collect();
                found.insert(key.key, cells);
            }
            Ok(found)
        })
        .await
        .map_err(|e| CoreError::Invalid(format!("Reading the file stopped: {e}")))?
    }
}

/// A key's ZoomInfo input as placeholder values.
fn placeholder_values(input: &str) -> BTreeMap<String, String> {
    let Ok(Value::Object(input)) = serde_json::from_str::<Value>(input) else {
        return BTreeMap::new();
    };
    INPUT_NAMES
        .iter()
        .filter_map(|(api, placeholder)| {
            let value = input.get(*api)?;
            let text = match value {
                Value::String(s) => s.trim().to_string(),
                Value::Null => return None,
                other => other.to_string(),
            };
            Some((placeholder.to_string(), text))
        })
        .collect()
}

/// The normalized values an action sends: the same input, whatever its case or spacing, is
/// asked once.
fn input_key(needed: &[String], values: &BTreeMap<String, String>) -> String {
    let mut names: Vec<&String> = needed.iter().collect();
    names.sort();
    names
        .iter()
        .map(|name| {
            let value = values.get(*name).map(String::as_str).unwrap_or("");
            format!("{name}={}", value.trim().to_lowercase())
        })
        .collect::<Vec<_>>()
        .join("&")
}

fn stored_failure(connector: &str, error: zi_store::StoreError) -> String {
    ConnectorError::Invalid {
        connector: connector.to_string(),
        detail: format!("its answer could not be kept ({error})"),
    }
    .to_string()
}

/// The columns a step adds to each row of the output, and how to fill them.
pub(crate) struct StepColumns {
    pub connector: String,
    pub action: String,
    pub fields: Vec<String>,
}

impl From<JobConnector> for StepColumns {
    fn from(step: JobConnector) -> Self {
        StepColumns {
            connector: step.connector,
            action: step.action,
            fields: step.fields,
        }
    }
}

impl StepColumns {
    /// The steps job `job_id` ran, in order, as they were when it ran.
    pub(crate) async fn of_job(store: &zi_store::Store, job_id: i64) -> Result<Vec<StepColumns>> {
        let steps = store.job_connectors(job_id).await?;
        Ok(steps.into_iter().map(StepColumns::from).collect())
    }

    pub(crate) fn headers(&self) -> Vec<String> {
        self.fields
            .iter()
            .map(|f| fields::column(&self.connector, f))
            .collect()
    }

    /// The cells of one row from the answer its key took (empty without one).
    pub(crate) fn cells(&self, answer: Option<&ConnectorAnswer>) -> Vec<String> {
        let values = answer
            .filter(|a| a.matched)
            .and_then(|a| serde_json::from_str::<Value>(&a.body).ok())
            .map(|body| fields::flatten(&body))
            .unwrap_or_default();
        self.fields
            .iter()
            .map(|f| values.get(f).cloned().unwrap_or_default())
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_input_in_another_case_or_spacing_is_one_input() {
        let needed = vec!["email".to_string()];
        let a = placeholder_values(r#"{"emailAddress":" Ana@Acme.example "}"#);
        let b = placeholder_values(r#"{"emailAddress":"ana@acme.example","firstName":"Ana"}"#);
        assert_eq!(input_key(&needed, &a), input_key(&needed, &b));
        assert_eq!(a["email"], "Ana@Acme.example", "sent as written, trimmed");
    }
}
