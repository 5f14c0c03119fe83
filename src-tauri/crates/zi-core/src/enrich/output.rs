//! Writing the enriched file: every input row and cell as it was, in order, then the `zi_`
//! columns. Spreadsheet-safe, written to a temporary file and renamed when complete.

use std::path::Path;

use zi_client::RecordKind;
use zi_store::KeyResult;

use super::account_fields::Lookup;
use super::fields::{record_cells, stored_record};
use super::keys::row_key;
use super::plan::{open_sheet, JobOptions};
use super::review::is_low_confidence;
use super::types::{EnrichSummary, STATUS_INVALID, STATUS_NOT_PROCESSED};
use super::waterfall::StepColumns;
use crate::console::Console;
use crate::error::{CoreError, Result};

/// Rows looked up in the store at a time.
const ROWS_PER_LOOKUP: usize = 1_000;

/// The appended header: status and id first, then `zi_<field>` per chosen column.
fn appended_headers(columns: &[String]) -> Vec<String> {
    let mut headers = vec!["zi_match_status".to_string(), "zi_id".to_string()];
    headers.extend(columns.iter().map(|c| format!("zi_{c}")));
    headers
}

struct Pending {
    cells: Vec<String>,
    key: Option<String>,
}

impl Console {
    /// Writes the output of job `job_id` to `output` (.csv or .xlsx) and accounts for every row:
    /// the file's cells, the `zi_` columns, then the columns of the data connectors the job ran
    /// after ZoomInfo (`<connector>_<field>`, in the waterfall's order).
    pub async fn export_enrichment(
        &self,
        job_id: i64,
        output: &Path,
        columns: &[String],
    ) -> Result<EnrichSummary> {
        let store = self.store().clone();
        let connectors = StepColumns::of_job(&store, job_id).await?;
        let job = store
            .job(job_id)
            .await?
            .ok_or_else(|| CoreError::Invalid(format!("No job {job_id}.")))?;
        let kind: RecordKind = job.kind.parse().map_err(CoreError::Invalid)?;
        let options = JobOptions::parse(&job.options)?;
        let columns = self
            .field_list(kind, Lookup::MayAsk)
            .await?
            .choose_columns(columns)?;
        let source = std::path::PathBuf::from(&job.source_path);
        if std::fs::canonicalize(output).ok().as_deref() == Some(source.as_path()) {
            return Err(CoreError::Invalid(
                "The output would overwrite the input file; choose another name.".into(),
            ));
        }
        let output = output.to_path_buf();
        let width = job.max_width.max(0) as usize;
        let credits = store.credits_spent(job_id).await?.max(0) as u64;
        let runtime = tokio::runtime::Handle::current();

        // Reading, looking up and writing all stream; the blocking thread asks the store per chunk.
        tokio::task::spawn_blocking(move || {
            let reader = open_sheet(&source, options.sheet.clone())?;
            let mut headers = reader.info().headers.clone();
            for extra in headers.len()..width {
                headers.push(format!("Column {}", extra + 1));
            }
            headers.extend(appended_headers(&columns));
            for step in &connectors {
                headers.extend(step.headers());
            }
            let mut writer = zi_sheet::create(&output)?;
            writer.write_row(&headers.iter().map(String::as_str).collect::<Vec<_>>())?;

            let mut summary = EnrichSummary {
                credits_spent: credits,
                output: output.display().to_string(),
                ..EnrichSummary::default()
            };
            let mut chunk: Vec<Pending> = Vec::with_capacity(ROWS_PER_LOOKUP);
            let mut flush = |chunk: &mut Vec<Pending>, summary: &mut EnrichSummary| -> Result<()> {
                let keys: Vec<String> = chunk.iter().filter_map(|p| p.key.clone()).collect();
                let results = runtime.block_on(store.key_results(job_id, kind.as_str(), &keys))?;
                let mut answers = Vec::with_capacity(connectors.len());
                for step in &connectors {
                    answers.push(runtime.block_on(store.connector_answers_for(
                        job_id,
                        &step.connector,
                        &step.action,
                        &keys,
                    ))?);
                }
                for pending in chunk.drain(..) {
                    let mut cells = pending.cells;
                    cells.resize(width, String::new());
                    let result = pending.key.as_ref().and_then(|k| results.get(k));
                    cells.extend(appended_cells(kind, result, &columns, summary));
                    for (step, answers) in connectors.iter().zip(&answers) {
                        cells.extend(step.cells(pending.key.as_ref().and_then(|k| answers.get(k))));
                    }
                    writer.write_row(&cells.iter().map(String::as_str).collect::<Vec<_>>())?;
                }
                Ok(())
            };
            for row in reader.rows() {
                let row = row?;
                summary.rows += 1;
                let key = row_key(kind, &options.mapping, &row.cells)
                    .ok()
                    .map(|k| k.key);
                chunk.push(Pending {
                    cells: row.cells,
                    key,
                });
                if chunk.len() >= ROWS_PER_LOOKUP {
                    flush(&mut chunk, &mut summary)?;
                }
            }
            flush(&mut chunk, &mut summary)?;
            writer.finish()?;
            Ok(summary)
        })
        .await
        .map_err(|e| CoreError::Invalid(format!("Writing the output stopped: {e}")))?
    }
}

/// The `zi_` cells of one row, counted into the summary.
fn appended_cells(
    kind: RecordKind,
    result: Option<&KeyResult>,
    columns: &[String],
    summary: &mut EnrichSummary,
) -> Vec<String> {
    let Some(result) = result else {
        summary.invalid += 1;
        let mut cells = vec![STATUS_INVALID.to_string(), String::new()];
        cells.extend(record_cells(None, columns));
        return cells;
    };
    if result.state == "pending" {
        summary.not_processed += 1;
        let mut cells = vec![STATUS_NOT_PROCESSED.to_string(), String::new()];
        cells.extend(record_cells(None, columns));
        return cells;
    }
    if result.state == "cached" {
        summary.from_cache += 1;
    }
    let record = stored_record(result.data.as_deref());
    let status = result.status.clone().unwrap_or_default();
    match (&record, &result.zi_id) {
        (Some(record), Some(_)) => {
            summary.matched += 1;
            if is_low_confidence(kind, record) {
                summary.low_confidence += 1;
            }
        }
        _ => summary.no_match += 1,
    }
    let mut cells = vec![status, result.zi_id.clone().unwrap_or_default()];
    cells.extend(record_cells(record.as_ref(), columns));
    cells
}
