//! The review of a job, one distinct person or company per line: what was sent, the answer,
//! and the chosen fields of the record, a page at a time with counts per outcome. It reads the
//! store only, so a 100,000-key job scrolls without touching the source file.

use std::collections::HashMap;
use std::sync::Mutex;

use serde::{Deserialize, Serialize};
use serde_json::Value;
use ts_rs::TS;
use zi_client::RecordKind;
use zi_store::{ReviewFilter, ReviewKey, ReviewOutcome, ScoreBelow};

use super::account_fields::Lookup;
use super::fields::{record_cells, stored_record};
use super::types::STATUS_NOT_PROCESSED;
use super::waterfall::StepColumns;
use crate::console::Console;
use crate::error::{CoreError, Result};

/// Most lines one page may ask for (a screenful is ~30; the table asks a few screens ahead).
pub const MAX_REVIEW_PAGE: u32 = 1_000;

/// A matched contact whose `contactAccuracyScore` is under this is "low confidence". ZoomInfo
/// returns scores from 70 to 99 (legacy spec, line 123: "Minimum score is 70 and maximum is
/// 99"); 85 is the middle of that range, so the facet shows the lower half of what ZoomInfo is
/// willing to return: the matches worth a second look before they go into a CRM.
pub const LOW_CONFIDENCE_BELOW: u32 = 85;

/// The record field holding a contact's accuracy score (contact enrich output table).
pub(crate) const ACCURACY_SCORE_FIELD: &str = "contactAccuracyScore";

/// The outcomes the review can be narrowed to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum ReviewFacet {
    Matched,
    NoMatch,
    /// Not sent yet: the job stopped before it.
    Pending,
    /// Answered by the local cache, free.
    FromCache,
    /// Matched contacts whose accuracy score is under [`LOW_CONFIDENCE_BELOW`].
    LowConfidence,
    /// Not matched by ZoomInfo, then matched by a data connector of the waterfall.
    FoundByConnector,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ReviewQuery {
    #[ts(optional)]
    pub facet: Option<ReviewFacet>,
    /// Part of an email, name or domain.
    #[ts(optional)]
    pub text: Option<String>,
    #[ts(type = "number")]
    pub offset: u64,
    pub limit: u32,
    /// ZoomInfo fields to show (empty: the default output columns).
    pub columns: Vec<String>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ReviewCounts {
    #[ts(type = "number")]
    pub total: u64,
    #[ts(type = "number")]
    pub matched: u64,
    #[ts(type = "number")]
    pub no_match: u64,
    #[ts(type = "number")]
    pub pending: u64,
    #[ts(type = "number")]
    pub from_cache: u64,
    /// Matched contacts under [`LOW_CONFIDENCE_BELOW`] (always 0 for companies).
    #[ts(type = "number")]
    pub low_confidence: u64,
    /// The score under which a match counts as low confidence.
    pub low_confidence_below: u32,
    /// ZoomInfo's no-matches a data connector then matched.
    #[ts(type = "number")]
    pub found_by_connector: u64,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ReviewLine {
    /// The first row of the file with this person or company (1 = the first data row).
    #[ts(type = "number")]
    pub row: u64,
    /// What was sent to match on, e.g. "ann@acme.com" or "Ann · Lee · Acme".
    pub sent: String,
    /// ZoomInfo's match status, or NOT_PROCESSED.
    pub status: String,
    pub zi_id: String,
    pub from_cache: bool,
    /// One value per column of the page.
    pub values: Vec<String>,
    /// The data connector that matched it after ZoomInfo did not, if one did.
    pub found_by: Option<String>,
    /// One value per connector column of the page (empty cells where none matched).
    pub connector_values: Vec<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ReviewPage {
    /// Lines matching the query in all.
    #[ts(type = "number")]
    pub total: u64,
    #[ts(type = "number")]
    pub offset: u64,
    pub columns: Vec<String>,
    /// The columns of the data connectors the job ran after ZoomInfo (`<connector>_<field>`,
    /// as in the exported file).
    pub connector_columns: Vec<String>,
    pub lines: Vec<ReviewLine>,
    /// Per outcome, for the whole job (not narrowed by the query). Only with the first page
    /// (offset 0): later pages, fetched while scrolling, skip the count over every key.
    pub counts: Option<ReviewCounts>,
}

/// Low-confidence counts already made, per job, with what they were made from: they read
/// every matched record (about a second for 78,000 of them), and the filter buttons ask for
/// the counts again on every click.
#[derive(Default)]
pub struct ReviewMemo(Mutex<HashMap<i64, (String, i64)>>);

impl ReviewMemo {
    fn get(&self, job_id: i64, made_from: &str) -> Option<i64> {
        let memo = self.0.lock().ok()?;
        memo.get(&job_id)
            .filter(|(from, _)| from == made_from)
            .map(|(_, count)| *count)
    }

    fn put(&self, job_id: i64, made_from: String, count: i64) {
        if let Ok(mut memo) = self.0.lock() {
            memo.insert(job_id, (made_from, count));
        }
    }
}

/// The score filter of low-confidence matches, for contacts (companies have no score).
pub(crate) fn low_confidence(kind: RecordKind) -> Option<ScoreBelow> {
    (kind == RecordKind::Contact).then_some(ScoreBelow {
        field: ACCURACY_SCORE_FIELD,
        below: i64::from(LOW_CONFIDENCE_BELOW),
    })
}

/// A score sent as a number or as text ("94.0").
fn score(value: &Value) -> Option<f64> {
    match value {
        Value::Number(n) => n.as_f64(),
        Value::String(s) => s.trim().parse().ok(),
        _ => None,
    }
}

/// Whether a stored record is a low-confidence match of `kind`.
pub(crate) fn is_low_confidence(kind: RecordKind, record: &Value) -> bool {
    kind == RecordKind::Contact
        && record
            .get(ACCURACY_SCORE_FIELD)
            .and_then(score)
            .is_some_and(|score| score < f64::from(LOW_CONFIDENCE_BELOW))
}

impl Console {
    pub async fn review_enrichment(&self, job_id: i64, query: &ReviewQuery) -> Result<ReviewPage> {
        let store = self.store();
        let job = store
            .job(job_id)
            .await?
            .ok_or_else(|| CoreError::Invalid(format!("No job {job_id}.")))?;
        let kind: RecordKind = job.kind.parse().map_err(CoreError::Invalid)?;
        let columns = self
            .field_list(kind, Lookup::MayAsk)
            .await?
            .choose_columns(&query.columns)?;
        let low = low_confidence(kind);
        let filter = ReviewFilter {
            outcome: query.facet.map(|facet| match facet {
                ReviewFacet::Matched => ReviewOutcome::Matched,
                ReviewFacet::NoMatch => ReviewOutcome::NoMatch,
                ReviewFacet::Pending => ReviewOutcome::Pending,
                ReviewFacet::FromCache => ReviewOutcome::FromCache,
                ReviewFacet::FoundByConnector => ReviewOutcome::FoundByConnector,
                // Companies have no score: nothing is low confidence.
                ReviewFacet::LowConfidence => match low {
                    Some(score) => ReviewOutcome::ScoreBelow(score),
                    None => ReviewOutcome::Nothing,
                },
            }),
            text: query.text.clone(),
        };
        let limit = query.limit.clamp(1, MAX_REVIEW_PAGE);
        let offset = i64::try_from(query.offset).unwrap_or(i64::MAX);
        let (total, keys) = store
            .review_keys(job_id, kind.as_str(), &filter, offset, i64::from(limit))
            .await?;
        let count = |n: i64| n.max(0) as u64;
        let counts = if query.offset == 0 {
            let counts = store.review_counts(job_id).await?;
            // What the counts were made from: a commit moves `updated_at`, settling from the
            // cache moves the outcomes.
            let made_from = format!(
                "{}:{}:{}:{}",
                job.updated_at, counts.matched, counts.pending, counts.from_cache
            );
            let low_score = match low {
                Some(score) => match self.review_memo().get(job_id, &made_from) {
                    Some(known) => known,
                    None => {
                        let counted = store
                            .score_below_count(job_id, kind.as_str(), score)
                            .await?;
                        self.review_memo().put(job_id, made_from, counted);
                        counted
                    }
                },
                None => 0,
            };
            Some(ReviewCounts {
                total: count(counts.total),
                matched: count(counts.matched),
                no_match: count(counts.no_match),
                pending: count(counts.pending),
                from_cache: count(counts.from_cache),
                low_confidence: count(low_score),
                low_confidence_below: LOW_CONFIDENCE_BELOW,
                found_by_connector: count(counts.found_by_connector),
            })
        } else {
            None
        };
        let connectors = StepColumns::of_job(store, job_id).await?;
        let match_keys: Vec<String> = keys.iter().map(|k| k.match_key.clone()).collect();
        let mut answers = Vec::with_capacity(connectors.len());
        for step in &connectors {
            answers.push(
                store
                    .connector_answers_for(job_id, &step.connector, &step.action, &match_keys)
                    .await?,
            );
        }
        let lines = keys
            .iter()
            .map(|key| {
                let mut line = line_of(key, &columns);
                for (step, answers) in connectors.iter().zip(&answers) {
                    let answer = answers.get(&key.match_key);
                    if line.found_by.is_none()
                        && line.zi_id.is_empty()
                        && answer.is_some_and(|a| a.matched)
                    {
                        line.found_by = Some(step.connector.clone());
                    }
                    line.connector_values.extend(step.cells(answer));
                }
                line
            })
            .collect();
        Ok(ReviewPage {
            total: count(total),
            offset: query.offset,
            lines,
            columns,
            connector_columns: connectors.iter().flat_map(StepColumns::headers).collect(),
            counts,
        })
    }
}

fn line_of(key: &ReviewKey, columns: &[String]) -> ReviewLine {
    let record = stored_record(key.data.as_deref());
    let pending = key.state == "pending";
    ReviewLine {
        row: key.seq.max(0) as u64,
        sent: sent_text(&key.input),
        status: if pending {
            STATUS_NOT_PROCESSED.to_string()
        } else {
            key.status.clone().unwrap_or_default()
        },
        zi_id: key.zi_id.clone().unwrap_or_default(),
        from_cache: key.state == "cached",
        values: record_cells(record.as_ref(), columns),
        found_by: None,
        connector_values: Vec::new(),
    }
}

/// The values of the API input, in the order they were sent.
fn sent_text(input: &str) -> String {
    match serde_json::from_str::<Value>(input) {
        Ok(Value::Object(fields)) => fields
            .values()
            .map(|v| {
                v.as_str()
                    .map(str::to_string)
                    .unwrap_or_else(|| v.to_string())
            })
            .collect::<Vec<_>>()
            .join(" · "),
        _ => input.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_sent_input_reads_as_its_values() {
        assert_eq!(
            sent_text(r#"{"emailAddress":"ann@acme.com"}"#),
            "ann@acme.com"
        );
        assert_eq!(
            sent_text(r#"{"firstName":"Ann","lastName":"Lee","companyName":"Acme"}"#),
            "Ann · Lee · Acme"
        );
        assert_eq!(sent_text("not json"), "not json");
    }

    #[test]
    fn low_confidence_reads_the_score_as_a_number_or_text() {
        let record = |score: Value| serde_json::json!({ "id": 1, "contactAccuracyScore": score });
        assert!(is_low_confidence(RecordKind::Contact, &record(84.into())));
        assert!(is_low_confidence(
            RecordKind::Contact,
            &record("72.0".into())
        ));
        assert!(!is_low_confidence(RecordKind::Contact, &record(85.into())));
        assert!(!is_low_confidence(
            RecordKind::Contact,
            &record(Value::Null)
        ));
        assert!(!is_low_confidence(RecordKind::Company, &record(70.into())));
    }
}
