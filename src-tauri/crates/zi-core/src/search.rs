//! Searching contacts and companies, up to what the API lets a client page through.

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use ts_rs::TS;
use zi_client::{search_all, Record, RecordKind};

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
}

/// Groups repeated fields into lists, as the API takes several values of one field.
fn criteria_body(criteria: &[SearchCriterion]) -> Map<String, Value> {
    let mut body = Map::new();
    for c in criteria {
        match body.get_mut(&c.field) {
            Some(Value::Array(values)) => values.push(Value::String(c.value.clone())),
            Some(single) => {
                *single = Value::Array(vec![single.take(), Value::String(c.value.clone())])
            }
            None => {
                body.insert(c.field.clone(), Value::String(c.value.clone()));
            }
        }
    }
    body
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
        let body = criteria_body(&request.criteria);
        let found = search_all(
            self.backend(),
            request.kind,
            &body,
            request.max,
            on_progress,
        )
        .await?;
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
        })
    }

    pub async fn search(&self, request: SearchRequest) -> Result<SearchOutcome> {
        self.search_with_progress(&request, |_, _| {}).await
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn filters_parse_and_repeat_into_lists() {
        let a: SearchCriterion = "jobTitle=CFO".parse().expect("ok");
        let b: SearchCriterion = "jobTitle = VP Sales".parse().expect("ok");
        assert!("nonsense".parse::<SearchCriterion>().is_err());
        assert!("x=".parse::<SearchCriterion>().is_err());
        let body = criteria_body(&[a, b]);
        assert_eq!(body["jobTitle"], serde_json::json!(["CFO", "VP Sales"]));
    }

    #[test]
    fn thousands_are_grouped() {
        assert_eq!(thousands(1000), "1,000");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(1234567), "1,234,567");
    }
}
