//! Planning: read the file once, map its columns, store each distinct key, and say what
//! the job will cost. The same file with the same options finds its earlier job again. A dry
//! run reads the same way but only counts (see `dry_run`).

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use zi_client::RecordKind;
use zi_store::NewKey;

use super::account_fields::Lookup;
use super::control::JobControl;
use super::dry_run;
use super::keys::KeyReader;
use super::mapping::{self, ColumnMapping};
use super::types::{
    state, EnrichPlan, EnrichRequest, Estimate, PlanProgress, NO_MATCH_MAX_AGE_DAYS,
};
use crate::console::Console;
use crate::error::{CoreError, Result};

/// Rows looked at to suggest the mapping from content.
const SAMPLE_ROWS: usize = 50;
/// Keys handed from the reading thread to the database at a time.
const KEYS_PER_CHUNK: usize = 5_000;
/// The least time between two progress reports while a file is read.
const PROGRESS_EVERY: std::time::Duration = std::time::Duration::from_millis(100);

/// What a job remembers of how it read its file, so resuming and exporting read it the same way.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub(crate) struct JobOptions {
    pub sheet: Option<String>,
    /// The header row as read when planning (the file is not opened again just for it).
    #[serde(default)]
    pub headers: Vec<String>,
    pub overrides: Vec<String>,
    pub mapping: Vec<ColumnMapping>,
}

impl JobOptions {
    pub(crate) fn parse(json: &str) -> Result<Self> {
        serde_json::from_str(json).map_err(|e| {
            CoreError::Invalid(format!(
                "The job's saved options are unreadable ({e}); start it again."
            ))
        })
    }
}

pub(crate) fn open_sheet(path: &Path, sheet: Option<String>) -> Result<zi_sheet::SheetReader> {
    Ok(zi_sheet::open(path, &zi_sheet::ReadOptions { sheet })?)
}

/// Identifies "the same file with the same options": path, size and modification time, plus
/// everything that changes which keys the rows give. Budget, columns and max age do not.
fn fingerprint(
    path: &Path,
    kind: RecordKind,
    sheet: &Option<String>,
    overrides: &[String],
) -> Result<String> {
    let meta = std::fs::metadata(path)
        .map_err(|e| CoreError::Invalid(format!("Cannot read {}: {e}", path.display())))?;
    let modified = meta
        .modified()
        .ok()
        .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
        .map(|d| d.as_nanos())
        .unwrap_or(0);
    let identity = serde_json::json!({
        "path": path.to_string_lossy(),
        "size": meta.len(),
        "modified": modified.to_string(),
        "kind": kind.as_str(),
        "sheet": sheet,
        "overrides": overrides,
    });
    Ok(format!(
        "{:x}",
        Sha256::digest(identity.to_string().as_bytes())
    ))
}

fn canonical(input: &str) -> Result<PathBuf> {
    std::fs::canonicalize(input).map_err(|e| match e.kind() {
        std::io::ErrorKind::NotFound => CoreError::Invalid(format!("{input}: no such file.")),
        _ => CoreError::Invalid(format!("Cannot open {input}: {e}")),
    })
}

/// Seconds a cached match and a cached no-match stay fresh (a no-match is asked again sooner).
/// The freshness rule for `max_age_days`, as the team's store takes it.
pub(crate) fn freshness(max_age_days: u32) -> zi_team::Freshness {
    let (match_max_age, no_match_max_age) = max_ages(max_age_days);
    zi_team::Freshness {
        match_max_age,
        no_match_max_age,
    }
}

fn max_ages(max_age_days: u32) -> (i64, i64) {
    let day = 24 * 60 * 60;
    let no_match_days = NO_MATCH_MAX_AGE_DAYS.min(max_age_days);
    (
        i64::from(max_age_days) * day,
        i64::from(no_match_days) * day,
    )
}

fn nothing_to_enrich(path: &Path) -> CoreError {
    CoreError::Invalid(format!(
        "{} has a header row but no data rows: there is nothing to enrich.",
        path.display()
    ))
}

/// The state of a dry run's plan: no job was stored.
const NOT_STORED: &str = "not_stored";

/// The file's canonical path and the fingerprint that finds its job again.
fn identify(request: &EnrichRequest) -> Result<(PathBuf, String)> {
    let path = canonical(&request.input)?;
    let fingerprint = fingerprint(
        &path,
        request.kind,
        &request.sheet,
        &request.mapping_overrides,
    )?;
    Ok((path, fingerprint))
}

/// Totals of the reading pass.
struct Scan {
    rows: u64,
    invalid: u64,
    max_width: usize,
}

impl Console {
    /// How old a cached answer may be: the run's `--max-age`, else the saved setting.
    async fn max_age_days(&self, request: &EnrichRequest) -> Result<u32> {
        match request.max_age_days {
            Some(days) => Ok(days),
            None => crate::cache::max_age_days(self.store()).await,
        }
    }

    /// Reads the file, maps it and stores its keys (or finds the job an earlier run left),
    /// then estimates the cost. Spends nothing.
    pub async fn plan_enrichment(&self, request: &EnrichRequest) -> Result<EnrichPlan> {
        self.plan_enrichment_with(request, &JobControl::default(), |_| {})
            .await
    }

    /// [`Console::plan_enrichment`], reporting the rows read as it goes; `control`'s cancel
    /// stops the reading, and the half-planned job is forgotten ([`CoreError::Cancelled`]).
    pub async fn plan_enrichment_with(
        &self,
        request: &EnrichRequest,
        control: &JobControl,
        mut on_progress: impl FnMut(&PlanProgress) + Send,
    ) -> Result<EnrichPlan> {
        // Columns the account cannot have are refused before the file is read.
        self.field_list(request.kind, Lookup::MayAsk)
            .await?
            .choose_columns(&request.columns)?;
        self.plan_job(request, control, &mut on_progress).await
    }

    /// Planning without the column check (the callers make it, each its own way).
    async fn plan_job(
        &self,
        request: &EnrichRequest,
        control: &JobControl,
        mut on_progress: impl FnMut(&PlanProgress) + Send,
    ) -> Result<EnrichPlan> {
        let (path, fingerprint) = identify(request)?;
        let store = self.store();
        let mut resumed = false;
        let job = match store.job_by_fingerprint(&fingerprint).await? {
            Some(job) if job.state != state::PLANNING => {
                resumed = true;
                job
            }
            stale => {
                // A planning pass that was interrupted: start it over.
                if let Some(job) = stale {
                    store.delete_job(job.id).await?;
                }
                self.scan_into_new_job(request, &path, &fingerprint, control, &mut on_progress)
                    .await?
            }
        };
        let options = JobOptions::parse(&job.options)?;
        let max_age_days = self.max_age_days(request).await?;
        let estimate = self.estimate(job.id, request.kind, max_age_days).await?;
        let job = store.job(job.id).await?.unwrap_or(job);
        Ok(EnrichPlan {
            job_id: job.id,
            resumed: resumed && (estimate.done_keys > 0 || job.state != state::READY),
            kind: request.kind,
            source: path.display().to_string(),
            headers: options.headers.clone(),
            mapping: options.mapping,
            estimate,
            state: job.state,
        })
    }

    /// What [`Console::plan_enrichment`] would estimate, for a dry run: without a job for this
    /// file and options, the file is read and its keys counted in memory, and nothing is
    /// stored (the plan's `job_id` is 0). With one, that job's estimate as planning gives it.
    pub async fn estimate_enrichment(&self, request: &EnrichRequest) -> Result<EnrichPlan> {
        // A dry run makes no call: the account's list as kept, else the published one.
        self.field_list(request.kind, Lookup::CachedOnly)
            .await?
            .choose_columns(&request.columns)?;
        let (path, fingerprint) = identify(request)?;
        if let Some(job) = self.store().job_by_fingerprint(&fingerprint).await? {
            if job.state != state::PLANNING {
                return self.plan_job(request, &JobControl::default(), |_| {}).await;
            }
        }
        let Mapped {
            headers,
            mapping,
            first_rows,
            rows,
        } = open_mapped(request, &path)?;
        let kind = request.kind;
        let scan_mapping = mapping.clone();
        let scan = tokio::task::spawn_blocking(move || {
            dry_run::scan(kind, &scan_mapping, &first_rows, rows)
        })
        .await
        .map_err(|e| CoreError::Invalid(format!("Reading the file stopped: {e}")))??;
        if scan.rows == 0 {
            return Err(nothing_to_enrich(&path));
        }
        let max_age_days = self.max_age_days(request).await?;
        let estimate = scan
            .estimate(self.store(), kind, max_ages(max_age_days))
            .await?;
        Ok(EnrichPlan {
            job_id: 0,
            resumed: false,
            kind,
            source: path.display().to_string(),
            headers,
            mapping,
            estimate,
            state: NOT_STORED.to_string(),
        })
    }

    /// Settles what the cache answers, then counts.
    pub(crate) async fn estimate(
        &self,
        job_id: i64,
        kind: RecordKind,
        max_age_days: u32,
    ) -> Result<Estimate> {
        let store = self.store();
        let (match_max_age, no_match_max_age) = max_ages(max_age_days);
        self.check_team()?;
        if let Some(team) = self.team() {
            // What a colleague bought costs nothing: settled before counting.
            crate::team::team_answers_for_job(&team, store, job_id, kind, freshness(max_age_days))
                .await?;
        }
        store
            .settle_from_cache(job_id, kind.as_str(), match_max_age, no_match_max_age)
            .await?;
        let job = store
            .job(job_id)
            .await?
            .ok_or_else(|| CoreError::Invalid(format!("No job {job_id}.")))?;
        let counts = store.key_counts(job_id).await?;
        let rows = job.rows_total.max(0) as u64;
        let invalid_rows = job.rows_invalid.max(0) as u64;
        let distinct_keys = counts.total.max(0) as u64;
        Ok(Estimate {
            rows,
            invalid_rows,
            distinct_keys,
            duplicate_rows: rows
                .saturating_sub(invalid_rows)
                .saturating_sub(distinct_keys),
            cached_keys: counts.cached.max(0) as u64,
            done_keys: counts.done.max(0) as u64,
            to_send: counts.pending.max(0) as u64,
            max_credits: counts.pending.max(0) as u64,
            credits_spent: store.credits_spent(job_id).await?.max(0) as u64,
        })
    }

    async fn scan_into_new_job(
        &self,
        request: &EnrichRequest,
        path: &Path,
        fingerprint: &str,
        control: &JobControl,
        on_progress: &mut (impl FnMut(&PlanProgress) + Send),
    ) -> Result<zi_store::JobRow> {
        let ScanStart {
            headers,
            mapping,
            keys: keys_rx,
            done: scan,
        } = start_scan(request, path)?;
        let options = JobOptions {
            sheet: request.sheet.clone(),
            headers,
            overrides: request.mapping_overrides.clone(),
            mapping,
        };
        let options_json =
            serde_json::to_string(&options).map_err(|e| CoreError::Invalid(e.to_string()))?;
        let store = self.store();
        let job_id = store
            .create_job(
                fingerprint,
                request.kind.as_str(),
                &path.display().to_string(),
                &options_json,
            )
            .await?;
        let outcome = async {
            let mut keys_rx = keys_rx;
            let mut loader = store.key_loader(job_id).await?;
            let mut reported = std::time::Instant::now();
            while let Some(chunk) = keys_rx.recv().await {
                if control.is_cancelled() {
                    // Dropping the receiver stops the reading thread at its next chunk.
                    return Err(CoreError::Cancelled);
                }
                loader.add(&chunk.keys).await?;
                if reported.elapsed() >= PROGRESS_EVERY {
                    reported = std::time::Instant::now();
                    on_progress(&PlanProgress {
                        rows_read: chunk.rows_read,
                        reading: true,
                    });
                }
            }
            let scan = scan
                .await
                .map_err(|e| CoreError::Invalid(format!("Reading the file stopped: {e}")))??;
            if control.is_cancelled() {
                return Err(CoreError::Cancelled);
            }
            if scan.rows == 0 {
                return Err(nothing_to_enrich(path));
            }
            // Storing the keys in order and checking the cache take a while on a large file.
            on_progress(&PlanProgress {
                rows_read: scan.rows,
                reading: false,
            });
            loader.finish().await?;
            store
                .finish_planning(
                    job_id,
                    scan.rows as i64,
                    scan.invalid as i64,
                    scan.max_width as i64,
                )
                .await?;
            Ok::<_, CoreError>(())
        }
        .await;
        if let Err(error) = outcome {
            store.delete_job(job_id).await?;
            return Err(error);
        }
        store
            .job(job_id)
            .await?
            .ok_or_else(|| CoreError::Invalid("The job vanished while planning.".into()))
    }
}

/// Keys read, and how many rows had been read when they were handed over.
struct KeyChunk {
    keys: Vec<NewKey>,
    rows_read: u64,
}

type KeyChunks = tokio::sync::mpsc::Receiver<KeyChunk>;

/// A reading pass under way: what the header and mapping are, and the keys as they come.
struct ScanStart {
    headers: Vec<String>,
    mapping: Vec<ColumnMapping>,
    keys: KeyChunks,
    done: tokio::task::JoinHandle<Result<Scan>>,
}

/// An opened, mapped file: the rows sampled for the mapping, and the reader at the next one.
struct Mapped {
    headers: Vec<String>,
    mapping: Vec<ColumnMapping>,
    first_rows: Vec<zi_sheet::Row>,
    rows: zi_sheet::Rows,
}

/// Opens the file and maps it here, so bad files and mapping errors come back at once.
fn open_mapped(request: &EnrichRequest, path: &Path) -> Result<Mapped> {
    let reader = open_sheet(path, request.sheet.clone())?;
    let headers = reader.info().headers.clone();
    let mut rows = reader.rows();
    let mut first_rows = Vec::with_capacity(SAMPLE_ROWS);
    for row in rows.by_ref().take(SAMPLE_ROWS) {
        first_rows.push(row?);
    }
    let samples: Vec<Vec<String>> = first_rows.iter().map(|r| r.cells.clone()).collect();
    let mut mapping = mapping::suggest(request.kind, &headers, &samples);
    mapping::apply_overrides(&mut mapping, &request.mapping_overrides)?;
    mapping::check_usable(request.kind, &mapping)?;
    Ok(Mapped {
        headers,
        mapping,
        first_rows,
        rows,
    })
}

/// Maps the file (errors come back at once), then streams the rows' keys from a blocking
/// thread: the file is never held in memory whole.
fn start_scan(request: &EnrichRequest, path: &Path) -> Result<ScanStart> {
    let Mapped {
        headers,
        mapping,
        first_rows,
        mut rows,
    } = open_mapped(request, path)?;
    let (tx, rx) = tokio::sync::mpsc::channel::<KeyChunk>(4);
    let kind = request.kind;
    let scan_mapping = mapping.clone();
    let width = headers.len();
    let handle = tokio::task::spawn_blocking(move || {
        let mut scan = Scan {
            rows: 0,
            invalid: 0,
            max_width: width,
        };
        let mut keys = KeyReader::new(kind, &scan_mapping);
        let mut chunk = Vec::with_capacity(KEYS_PER_CHUNK);
        // `false` once the receiving side gave up (its error is reported there).
        let mut take = |row: zi_sheet::RowView<'_>| {
            scan.rows += 1;
            scan.max_width = scan.max_width.max(row.len());
            match keys.row_key(&row) {
                Ok(key) => chunk.push(NewKey {
                    seq: row.number as i64,
                    match_key: key.key,
                    input: serde_json::Value::Object(key.input).to_string(),
                }),
                Err(_) => scan.invalid += 1,
            }
            chunk.len() < KEYS_PER_CHUNK
                || tx
                    .blocking_send(KeyChunk {
                        keys: std::mem::take(&mut chunk),
                        rows_read: scan.rows,
                    })
                    .is_ok()
        };
        let mut going = first_rows.iter().all(|row| take(row.view()));
        while going {
            match rows.next_lent() {
                Some(row) => going = take(row?),
                None => break,
            }
        }
        if going && !chunk.is_empty() {
            let _ = tx.blocking_send(KeyChunk {
                keys: chunk,
                rows_read: scan.rows,
            });
        }
        Ok(scan)
    });
    Ok(ScanStart {
        headers,
        mapping,
        keys: rx,
        done: handle,
    })
}
