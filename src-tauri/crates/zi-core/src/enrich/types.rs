//! What the enrichment use cases take and give; all of it crosses IPC to the UI.

use serde::{Deserialize, Serialize};
use ts_rs::TS;
use zi_client::RecordKind;

use super::mapping::ColumnMapping;

/// Days a cached match stays fresh unless the user says otherwise (`--max-age`).
pub const DEFAULT_MAX_AGE_DAYS: u32 = 90;
/// A no-match is asked again sooner: ZoomInfo keeps adding people.
pub const NO_MATCH_MAX_AGE_DAYS: u32 = 7;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct EnrichRequest {
    pub kind: RecordKind,
    /// The file to enrich.
    pub input: String,
    /// XLSX/ODS sheet to read (default: the first).
    #[ts(optional)]
    pub sheet: Option<String>,
    /// `COLUMN=input` corrections to the automatic mapping.
    pub mapping_overrides: Vec<String>,
    /// ZoomInfo fields to append (empty: sensible defaults).
    pub columns: Vec<String>,
    /// Cached answers older than this are bought again.
    #[ts(optional)]
    pub max_age_days: Option<u32>,
}

impl EnrichRequest {
    /// The whole of `input`, mapped automatically, with the default columns and cache age.
    pub fn for_file(kind: RecordKind, input: &std::path::Path) -> Self {
        EnrichRequest {
            kind,
            input: input.display().to_string(),
            sheet: None,
            mapping_overrides: vec![],
            columns: vec![],
            max_age_days: None,
        }
    }
}

/// What a job will cost, shown before anything is spent.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Estimate {
    #[ts(type = "number")]
    pub rows: u64,
    /// Rows with nothing to match on.
    #[ts(type = "number")]
    pub invalid_rows: u64,
    /// Distinct people or companies in the file.
    #[ts(type = "number")]
    pub distinct_keys: u64,
    /// Rows that repeat someone already in the file (sent once).
    #[ts(type = "number")]
    pub duplicate_rows: u64,
    /// Distinct keys the local cache answers for free.
    #[ts(type = "number")]
    pub cached_keys: u64,
    /// Distinct keys an earlier run of this job already bought.
    #[ts(type = "number")]
    pub done_keys: u64,
    /// Distinct keys still to send.
    #[ts(type = "number")]
    pub to_send: u64,
    /// At most this many credits (one per record returned).
    #[ts(type = "number")]
    pub max_credits: u64,
    /// Credits this job has spent so far.
    #[ts(type = "number")]
    pub credits_spent: u64,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct EnrichPlan {
    #[ts(type = "number")]
    pub job_id: i64,
    /// An earlier run of the same file and options was found and continues.
    pub resumed: bool,
    pub kind: RecordKind,
    pub source: String,
    pub headers: Vec<String>,
    pub mapping: Vec<ColumnMapping>,
    pub estimate: Estimate,
    pub state: String,
}

/// How far planning has got while a large file is read (at most ~10 a second).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct PlanProgress {
    /// Data rows read so far.
    #[ts(type = "number")]
    pub rows_read: u64,
    /// False once the whole file is read and the cache is being checked.
    pub reading: bool,
}

/// Live figures while a job runs (at most ~10 a second).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct EnrichProgress {
    #[ts(type = "number")]
    pub job_id: i64,
    #[ts(type = "number")]
    pub keys_total: u64,
    /// Keys answered (sent, cached or done earlier).
    #[ts(type = "number")]
    pub keys_settled: u64,
    #[ts(type = "number")]
    pub matched_keys: u64,
    #[ts(type = "number")]
    pub credits_spent: u64,
    /// Keys answered per second in this run.
    pub rate_per_second: f64,
    pub eta_seconds: Option<f64>,
    pub paused: bool,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct RunOutcome {
    #[ts(type = "number")]
    pub job_id: i64,
    /// completed | stopped | failed
    pub state: String,
    /// Why it stopped, in words a user understands; and what to do.
    pub stop_reason: Option<String>,
    /// Machine-readable reason: budget | credit_limit | cancelled | error.
    pub stop_code: Option<String>,
    #[ts(type = "number")]
    pub credits_spent: u64,
    /// At most this many records of the job may have been charged twice by ZoomInfo (an
    /// answer arrived unreadable, or a run ended with the request in flight), over all runs.
    #[ts(type = "number")]
    pub possibly_charged_twice: u64,
    #[ts(type = "number")]
    pub keys_pending: u64,
    /// Enrich requests sent in this run, and how long the run took.
    #[ts(type = "number")]
    pub requests: u64,
    pub seconds: f64,
}

/// The end-of-job account, per row of the file.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct EnrichSummary {
    #[ts(type = "number")]
    pub rows: u64,
    #[ts(type = "number")]
    pub matched: u64,
    #[ts(type = "number")]
    pub no_match: u64,
    #[ts(type = "number")]
    pub invalid: u64,
    /// Rows answered from the local cache (free).
    #[ts(type = "number")]
    pub from_cache: u64,
    /// Rows not enriched because the job stopped early.
    #[ts(type = "number")]
    pub not_processed: u64,
    /// Matched rows whose contact scores under the low-confidence bound
    /// ([`super::LOW_CONFIDENCE_BELOW`]; always 0 for companies).
    #[ts(type = "number")]
    pub low_confidence: u64,
    #[ts(type = "number")]
    pub credits_spent: u64,
    pub output: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct JobSummary {
    #[ts(type = "number")]
    pub id: i64,
    pub kind: String,
    pub source: String,
    pub state: String,
    pub stop_reason: Option<String>,
    #[ts(type = "number")]
    pub rows: u64,
    #[ts(type = "number")]
    pub keys_pending: u64,
    #[ts(type = "number")]
    pub credits_spent: u64,
    /// At most this many records of the job may have been charged twice by ZoomInfo (an
    /// answer arrived unreadable, or a run ended with the request in flight).
    #[ts(type = "number")]
    pub possibly_charged_twice: u64,
    /// RFC 3339.
    pub updated_at: String,
}

/// Job states as stored.
pub(crate) mod state {
    pub const PLANNING: &str = "planning";
    pub const READY: &str = "ready";
    pub const RUNNING: &str = "running";
    pub const STOPPED: &str = "stopped";
    pub const COMPLETED: &str = "completed";
    pub const FAILED: &str = "failed";
}

/// Row statuses written for rows the API never answered.
pub(crate) const STATUS_INVALID: &str = "INVALID_INPUT";
pub(crate) const STATUS_NOT_PROCESSED: &str = "NOT_PROCESSED";
