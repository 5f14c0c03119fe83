//! Searching contacts and companies, up to what the API lets a client page through.

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use ts_rs::TS;
use zi_client::limits::{RECORD_LIMIT, REQUEST_LIMIT};
use zi_client::search_fields::{criteria_for, SearchFieldSpec};
use zi_client::{search_all, Record, RecordKind, UsageLimit};

use crate::console::Console;
use crate::error::{CoreError, Result};

/// One filter: a ZoomInfo search field and the value wanted.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct SearchCriterion {
    pub field: String,
    pub value: String,
}

impl std::str::FromStr for SearchCriterion {
    type Err = CoreError;
    /// `NAME=VALUE`, as typed on the command line.
    fn from_str(text: &str) -> Result<Self> {
        match text.split_once('=') {
            Some((field, value)) if !field.trim().is_empty() && !value.trim().is_empty() => {
                Ok(SearchCriterion {
                    field: field.trim().to_string(),
                    value: value.trim().to_string(),
                })
            }
            _ => Err(CoreError::Invalid(format!(
                "'{text}' is not a filter; write it as NAME=VALUE, e.g. jobTitle=CFO"
            ))),
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct SearchRequest {
    pub kind: RecordKind,
    pub criteria: Vec<SearchCriterion>,
    /// Most records wanted; `None` = as many as the API allows.
    #[ts(optional)]
    pub max: Option<u32>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct SearchOutcome {
    pub kind: RecordKind,
    #[ts(type = "Array<Record<string, unknown>>")]
    pub records: Vec<Record>,
    /// How many records match in all.
    #[ts(type = "number")]
    pub total_results: u64,
    /// Set when the search stopped at the API's paging ceiling (e.g. 1000).
    pub stopped_at_ceiling: Option<u32>,
    /// A sentence for the user when the results are not the whole story.
    pub notice: Option<String>,
    /// What the search cost by the account's counters; `None` when they could not be read.
    #[ts(optional)]
    pub cost: Option<SearchCost>,
}

/// The request body's criteria, typed and combined as ZoomInfo's published field table says
/// (zi-client's `search_fields`, the one place that knows it).
fn criteria_body(kind: RecordKind, criteria: &[SearchCriterion]) -> Result<Map<String, Value>> {
    let pairs: Vec<(String, String)> = criteria
        .iter()
        .map(|c| (c.field.clone(), c.value.clone()))
        .collect();
    criteria_for(kind, &pairs).map_err(|e| CoreError::Invalid(format!("{e}.")))
}

/// Every criterion a search of `kind` takes, typed as ZoomInfo publishes it: the command line's
/// `--list-fields` and the app's filters (exported to `ui/src/bindings/searchFields.json`).
pub fn search_fields(kind: RecordKind) -> Vec<SearchFieldSpec> {
    zi_client::search_fields::search_fields(kind)
        .iter()
        .map(SearchFieldSpec::from)
        .collect()
}

/// What a search cost, read from the account's own counters before and after it: sources
/// disagree on whether search results consume credits, so the console measures it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct SearchCost {
    /// Change of the account's record (credit) count.
    #[ts(type = "number")]
    pub credits: i64,
    /// Change of the account's request count (the search's pages and the two readings).
    #[ts(type = "number")]
    pub requests: i64,
}

/// The account counters a search is measured by (`limitType` values of `/lookup/usage`).
fn counters(limits: &[UsageLimit]) -> Option<(i64, i64)> {
    let used = |kind: &str| UsageLimit::of_type(limits, kind).and_then(|l| l.current_usage);
    Some((used(RECORD_LIMIT)?, used(REQUEST_LIMIT)?))
}

/// "1,000" — numbers as people read them.
pub fn thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(ch);
    }
    out
}

impl Console {
    /// Runs a search; `on_progress(fetched, total)` after each page.
    pub async fn search_with_progress(
        &self,
        request: &SearchRequest,
        on_progress: impl FnMut(usize, u64) + Send,
    ) -> Result<SearchOutcome> {
        if request.max == Some(0) {
            return Err(CoreError::Invalid(
                "Ask for at least one record (--max 1 or more).".into(),
            ));
        }
        let body = criteria_body(request.kind, &request.criteria)?;
        let before = self.usage_counters().await;
        let found = search_all(
            self.backend(),
            request.kind,
            &body,
            request.max,
            on_progress,
        )
        .await?;
        let cost = match (before, self.usage_counters().await) {
            (Some((credits, requests)), Some((credits_after, requests_after))) => {
                Some(SearchCost {
                    credits: credits_after - credits,
                    requests: requests_after - requests,
                })
            }
            _ => None,
        };
        let notice = found.stopped_at_ceiling.map(|depth| {
            format!(
                "Stopped at {} records, the API's limit for one search ({} match); narrow the search to reach the rest.",
                thousands(depth as u64),
                thousands(found.total_results)
            )
        });
        let detail = format!(
            "{} {:?}: {} of {}",
            request.kind.as_str(),
            request.criteria,
            found.records.len(),
            found.total_results
        );
        self.store().audit("search", &detail).await?;
        Ok(SearchOutcome {
            kind: request.kind,
            records: found.records,
            total_results: found.total_results,
            stopped_at_ceiling: found.stopped_at_ceiling,
            notice,
            cost,
        })
    }

    /// The account's record and request counts now, if the API tells them.
    async fn usage_counters(&self) -> Option<(i64, i64)> {
        match self.backend().usage().await {
            Ok(limits) => counters(&limits),
            Err(e) => {
                tracing::debug!("usage counters unreadable: {e}");
                None
            }
        }
    }

    pub async fn search(&self, request: SearchRequest) -> Result<SearchOutcome> {
        self.search_with_progress(&request, |_, _| {}).await
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn filters_parse_and_repeat_as_the_field_says() {
        let a: SearchCriterion = "jobTitle=CFO".parse().expect("ok");
        let b: SearchCriterion = "jobTitle = VP Sales".parse().expect("ok");
        assert!("nonsense".parse::<SearchCriterion>().is_err());
        assert!("x=".parse::<SearchCriterion>().is_err());
        let body = criteria_body(RecordKind::Contact, &[a, b]).expect("valid");
        assert_eq!(body["jobTitle"], serde_json::json!("CFO OR VP Sales"));
        let typo: SearchCriterion = "revenueMin=a lot".parse().expect("ok");
        assert!(criteria_body(RecordKind::Company, &[typo]).is_err());
    }

    /// The app's filters read the same table as `--field`: written beside the IPC bindings (and
    /// checked in CI the same way) so the UI needs no call to know them.
    #[test]
    fn export_search_fields_for_the_ui() {
        let dir = std::env::var("TS_RS_EXPORT_DIR").unwrap_or_else(|_| "bindings".into());
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../..");
        let fields = serde_json::json!({
            "contact": search_fields(RecordKind::Contact),
            "company": search_fields(RecordKind::Company),
        });
        let text = serde_json::to_string_pretty(&fields).expect("serializable") + "\n";
        let path = root.join(dir).join("searchFields.json");
        if std::fs::read_to_string(&path).ok().as_deref() != Some(text.as_str()) {
            std::fs::write(&path, text).expect("writable bindings folder");
        }
    }

    #[test]
    fn thousands_are_grouped() {
        assert_eq!(thousands(1000), "1,000");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(1234567), "1,234,567");
    }
}
