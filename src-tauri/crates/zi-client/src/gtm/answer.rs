//! Reading the GTM API's JSON:API answers into the shapes the legacy backend gives, so the
//! rest of the product (columns, cache, review, export) cannot tell the two apart.

use serde_json::{Map, Value};

use super::facts::NO_MATCH_TYPE;
use crate::error::{ClientError, Result};
use crate::model::{EnrichResult, MatchStatus, Record, SearchPage, UsageLimit};
use crate::parse::loose_i64;

fn invalid(detail: impl Into<String>) -> ClientError {
    ClientError::InvalidResponse {
        detail: detail.into(),
    }
}

/// A resource `{id, type, attributes}` as the flat record legacy sends: the attributes with
/// `id` among them, a number when it is one (legacy's ids are numbers; the cache and the
/// exported columns must not change with the API).
fn record_of(resource: &Value) -> Record {
    let mut record = Map::new();
    if let Some(id) = resource.get("id") {
        let id = match id {
            Value::String(text) => text
                .trim()
                .parse::<i64>()
                .map_or_else(|_| id.clone(), Value::from),
            other => other.clone(),
        };
        record.insert("id".into(), id);
    }
    if let Some(Value::Object(attributes)) = resource.get("attributes") {
        for (key, value) in attributes {
            record.entry(key.clone()).or_insert_with(|| value.clone());
        }
    }
    record
}

fn resources(value: &Value) -> Result<&[Value]> {
    match value.get("data") {
        Some(Value::Array(items)) => Ok(items),
        Some(Value::Null) | None => Ok(&[]),
        Some(_) => Err(invalid("the answer's 'data' is not a list")),
    }
}

/// `ContactSearchResponse` / `CompanySearchResponse`: `data[]`, `meta.totalResults`,
/// `meta.page.number`.
pub fn search_page(value: &Value, requested_page: u32) -> Result<SearchPage> {
    let records: Vec<Record> = resources(value)?.iter().map(record_of).collect();
    let meta = value.get("meta");
    let total = meta
        .and_then(|m| m.get("totalResults"))
        .and_then(loose_i64)
        .unwrap_or(records.len() as i64)
        .max(records.len() as i64) as u64;
    let current_page = meta
        .and_then(|m| m.get("page"))
        .and_then(|p| p.get("number"))
        .and_then(loose_i64)
        .and_then(|p| u32::try_from(p).ok())
        .unwrap_or(requested_page);
    Ok(SearchPage {
        total_results: total,
        current_page,
        records,
    })
}

/// Whether an enrich answer is GTM's (`data` is the list of results) rather than legacy's.
pub fn is_gtm_enrich(value: &Value) -> bool {
    matches!(value.get("data"), Some(Value::Array(_)))
}

/// `ContactEnrichResponse` / `CompanyEnrichResponse`: one resource per input, in order, each
/// with `meta.input` and `meta.matchStatus`; a `NoMatch` resource carries no record. Like the
/// legacy reader, a count that differs from the inputs is refused rather than misaligned.
pub fn enrich_results(value: &Value, sent: usize) -> Result<Vec<EnrichResult>> {
    let items = resources(value)?;
    if items.len() != sent {
        return Err(invalid(format!(
            "the enrich answer has {} results for {} inputs",
            items.len(),
            sent
        )));
    }
    Ok(items.iter().map(enrich_result).collect())
}

fn enrich_result(item: &Value) -> EnrichResult {
    let meta = item.get("meta");
    let input = meta
        .and_then(|m| m.get("input"))
        .and_then(Value::as_object)
        .cloned()
        .unwrap_or_default();
    let no_match = item.get("type").and_then(Value::as_str) == Some(NO_MATCH_TYPE);
    let records = if no_match {
        Vec::new()
    } else {
        vec![record_of(item)]
    };
    let status = match meta
        .and_then(|m| m.get("matchStatus"))
        .and_then(Value::as_str)
    {
        Some(raw) if !raw.trim().is_empty() => MatchStatus::parse(raw),
        _ if records.is_empty() => MatchStatus::NoMatch,
        _ => MatchStatus::FullMatch,
    };
    EnrichResult {
        input,
        status,
        records,
    }
}

/// `UsageResponse`: `data[].attributes.usage[] {limitType, totalLimit, currentUsage,
/// usageRemaining}`, as `/lookup/usage`'s limits (`totalLimit` is legacy's `limit`).
pub fn usage(value: &Value) -> Result<Vec<UsageLimit>> {
    let mut limits = Vec::new();
    for resource in resources(value)? {
        let Some(items) = resource
            .get("attributes")
            .and_then(|a| a.get("usage"))
            .and_then(Value::as_array)
        else {
            continue;
        };
        limits.extend(items.iter().filter_map(|item| {
            Some(UsageLimit {
                limit_type: item.get("limitType").and_then(Value::as_str)?.to_string(),
                description: item
                    .get("description")
                    .and_then(Value::as_str)
                    .map(str::to_string),
                limit: item
                    .get("totalLimit")
                    .or_else(|| item.get("limit"))
                    .and_then(loose_i64),
                current_usage: item.get("currentUsage").and_then(loose_i64),
                usage_remaining: item.get("usageRemaining").and_then(loose_i64),
            })
        }));
    }
    Ok(limits)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    /// The spec's example answer of `/data/v1/contacts/enrich`, plus a NoMatch.
    #[test]
    fn enrich_reads_like_legacy() {
        let answer = json!({"data": [
            {"attributes": {"company": {"id": 346572700, "name": "ZoomInfo"},
              "email": "henry@zoominfo.com", "hasCanadianEmail": false, "personHasMoved": "No"},
             "id": "344589814", "meta": {"input": {"personId": 4191419698u64}, "matchStatus": "FULL_MATCH"},
             "type": "Contact"},
            {"id": "0", "type": "NoMatch", "meta": {"input": {"emailAddress": "x@y.z"}, "matchStatus": "NO_MATCH"}}
        ]});
        let results = enrich_results(&answer, 2).expect("reads");
        assert_eq!(results[0].status, MatchStatus::FullMatch);
        assert_eq!(results[0].records[0]["id"], json!(344589814));
        assert_eq!(results[0].records[0]["email"], json!("henry@zoominfo.com"));
        assert_eq!(results[0].records[0]["company"]["name"], json!("ZoomInfo"));
        assert_eq!(results[1].status, MatchStatus::NoMatch);
        assert!(results[1].records.is_empty());
        assert!(enrich_results(&answer, 3).is_err());
    }

    #[test]
    fn search_reads_totals_and_page() {
        let answer = json!({"data": [{"id": "57295081", "type": "Company", "attributes": {"name": "123cd.org"}}],
            "meta": {"page": {"number": 2, "total": 2}, "totalResults": 2845}});
        let page = search_page(&answer, 2).expect("reads");
        assert_eq!((page.total_results, page.current_page), (2845, 2));
        assert_eq!(page.records[0]["name"], json!("123cd.org"));
    }
}
