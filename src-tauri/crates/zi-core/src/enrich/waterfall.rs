//! The waterfall: after ZoomInfo, each data connector in order is asked about the rows still
//! without a match (ZoomInfo's no-match, and no earlier connector's match). One call per
//! distinct input, its answer kept the moment it arrives, so no call is repeated for the same
//! input: within the file, on a re-run, after a crash. Each connector keeps its own pace and
//! its own budget in calls.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::sync::Arc;

use futures::stream::{self, StreamExt};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use ts_rs::TS;
use zi_connect::{fields, Action, ConnectorClient, ConnectorError};
use zi_store::{ConnectorAnswer, PendingKey};

use crate::console::Console;
use crate::error::{CoreError, Result};

/// Calls in flight per connector: its pace, not this, sets the rate.
const IN_FLIGHT: usize = 8;
/// Keys read from the store at a time.
const PAGE: i64 = 500;

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

    /// The columns it adds, in order.
    pub fn columns(&self) -> Vec<String> {
        self.fields
            .iter()
            .map(|f| fields::column(self.name(), f))
            .collect()
    }
}

/// What one connector did in a run.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ConnectorRun {
    pub connector: String,
    pub action: String,
    /// Keys it was asked about (still without a match when its turn came).
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
    /// input this connector already answered (free), within its budget.
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
    Failed(ConnectorError),
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
        let columns = self.column_values(job_id, steps).await?;
        let mut answered: HashSet<String> = HashSet::new();
        let mut runs = Vec::new();
        for step in steps {
            let mut run = ConnectorRun {
                connector: step.name().to_string(),
                action: step.action.name.clone(),
                ..ConnectorRun::default()
            };
            let budget = step.client.connector().max_calls;
            let calls = std::sync::atomic::AtomicU64::new(0);
            let mut cursor = String::new();
            'pages: loop {
                let keys = store.unmatched_keys(job_id, &cursor, PAGE).await?;
                let Some(last) = keys.last() else { break };
                cursor = last.match_key.clone();
                let keys: Vec<PendingKey> = keys
                    .into_iter()
                    .filter(|k| !answered.contains(&k.match_key))
                    .collect();
                run.asked += keys.len() as u64;
                let outcomes: Vec<(String, Asked)> = stream::iter(keys)
                    .map(|key| {
                        let (calls, columns) = (&calls, &columns);
                        async move {
                            let values = values_of(&key, columns);
                            let outcome =
                                self.ask(job_id, step, &key, &values, budget, calls).await;
                            (key.match_key, outcome)
                        }
                    })
                    .buffer_unordered(IN_FLIGHT)
                    .collect()
                    .await;
                for (key, outcome) in outcomes {
                    match outcome {
                        Asked::Answer(answer, cached) => {
                            if cached {
                                run.from_cache += 1;
                            }
                            if answer.matched {
                                run.matched += 1;
                                answered.insert(key);
                            }
                        }
                        Asked::NoInput => run.no_input += 1,
                        Asked::OverBudget => {
                            if run.stopped.is_none() {
                                run.over_budget = true;
                                run.stopped = Some(format!(
                                    "Stopped at its budget of {} calls; run the same command again to ask the rest (answers kept are not asked again), or raise its maxCalls.",
                                    budget.unwrap_or(0)
                                ));
                            }
                        }
                        Asked::Failed(error) => {
                            run.stopped.get_or_insert_with(|| error.to_string());
                        }
                    }
                }
                run.calls = calls.load(std::sync::atomic::Ordering::SeqCst);
                on_progress(&run);
                if run.stopped.is_some() {
                    break 'pages;
                }
            }
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
        let columns = self.column_values(job_id, steps).await?;
        let pending = store.key_counts(job_id).await?.pending.max(0) as u64;
        let mut estimates = Vec::new();
        for step in steps {
            let needed = step.action.parameters();
            let (mut unmatched, mut cached, mut cursor) = (0u64, 0u64, String::new());
            loop {
                let keys = store.unmatched_keys(job_id, &cursor, PAGE).await?;
                let Some(last) = keys.last() else { break };
                cursor = last.match_key.clone();
                for key in keys {
                    let values = values_of(&key, &columns);
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
                    }
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

    /// Asks one step about one key: from the kept answers when this input was asked before,
    /// else with a call (within the budget), kept at once.
    async fn ask(
        &self,
        job_id: i64,
        step: &ConnectorStep,
        key: &PendingKey,
        values: &BTreeMap<String, String>,
        budget: Option<u64>,
        calls: &std::sync::atomic::AtomicU64,
    ) -> Asked {
        let needed = step.action.parameters();
        if needed
            .iter()
            .any(|p| values.get(p).is_none_or(|v| v.trim().is_empty()))
        {
            return Asked::NoInput;
        }
        let input_key = input_key(&needed, values);
        let (name, action) = (step.name(), step.action.name.as_str());
        let store = self.store();
        match store.connector_answer(name, action, &input_key).await {
            Ok(Some(answer)) => {
                return match store
                    .keep_connector_answer(
                        job_id,
                        &key.match_key,
                        name,
                        action,
                        &input_key,
                        &answer,
                    )
                    .await
                {
                    Ok(()) => Asked::Answer(answer, true),
                    Err(error) => Asked::Failed(stored_failure(name, error)),
                }
            }
            Ok(None) => {}
            Err(error) => return Asked::Failed(stored_failure(name, error)),
        }
        let made = calls.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
        if budget.is_some_and(|b| made >= b) {
            calls.fetch_sub(1, std::sync::atomic::Ordering::SeqCst);
            return Asked::OverBudget;
        }
        let answer = match step.client.call(&step.action, values).await {
            Ok(answer) => answer,
            Err(error) => return Asked::Failed(error),
        };
        let kept = ConnectorAnswer {
            matched: answer.matched,
            body: answer.body.to_string(),
        };
        match store
            .keep_connector_answer(job_id, &key.match_key, name, action, &input_key, &kept)
            .await
        {
            Ok(()) => Asked::Answer(kept, false),
            Err(error) => Asked::Failed(stored_failure(name, error)),
        }
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
    async fn column_values(&self, job_id: i64, steps: &[ConnectorStep]) -> Result<ColumnValues> {
        let standard: HashSet<&str> = INPUT_NAMES.iter().map(|(_, p)| *p).collect();
        let wanted: HashSet<String> = steps
            .iter()
            .flat_map(|s| s.action.parameters())
            .filter(|p| !standard.contains(p.as_str()))
            .collect();
        if wanted.is_empty() {
            return Ok(ColumnValues::new());
        }
        let store = self.store();
        let mut unmatched = HashSet::new();
        let mut cursor = String::new();
        loop {
            let keys = store.unmatched_keys(job_id, &cursor, PAGE).await?;
            let Some(last) = keys.last() else { break };
            cursor = last.match_key.clone();
            unmatched.extend(keys.into_iter().map(|k| k.match_key));
        }
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

fn stored_failure(connector: &str, error: zi_store::StoreError) -> ConnectorError {
    ConnectorError::Invalid {
        connector: connector.to_string(),
        detail: format!("its answer could not be kept ({error})"),
    }
}

/// The columns a step adds to each row of the output, and how to fill them.
pub(crate) struct StepColumns {
    pub connector: String,
    pub action: String,
    pub fields: Vec<String>,
}

impl From<&ConnectorStep> for StepColumns {
    fn from(step: &ConnectorStep) -> Self {
        StepColumns {
            connector: step.name().to_string(),
            action: step.action.name.clone(),
            fields: step.fields.clone(),
        }
    }
}

impl StepColumns {
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
