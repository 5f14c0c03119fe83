//! Reading the API's answers. Tolerant where real answers vary, strict where a wrong
//! reading would cost money (the enrich result count must match the inputs).

use serde_json::Value;

use crate::error::{ClientError, Result};
use crate::limits;
use crate::model::{EnrichResult, MatchStatus, Record, SearchPage, UsageLimit};

fn invalid(detail: impl Into<String>) -> ClientError {
    ClientError::InvalidResponse {
        detail: detail.into(),
    }
}

/// Reads an integer sent as a number or as a string.
pub fn loose_i64(value: &Value) -> Option<i64> {
    match value {
        Value::Number(n) => n.as_i64().or_else(|| n.as_f64().map(|f| f as i64)),
        Value::String(s) => s.trim().replace(',', "").parse().ok(),
        _ => None,
    }
}

/// The human message of an error answer: `{"error": "..."}`, `{"message": ...}`,
/// GTM's `{"error": {"message"}}`, `{"detail"}` or JSON:API `{"errors": [{"detail"}]}`;
/// else the start of the body.
pub fn error_message(body: &str) -> String {
    if let Ok(value) = serde_json::from_str::<Value>(body) {
        let candidates = [
            value.get("error").and_then(|e| e.get("message")),
            value.get("error"),
            value.get("message"),
            value.get("detail"),
        ];
        // A JSON:API title ("Bad Request") says less than the listed error's detail.
        let listed = crate::gtm::errors::first_listed_message(&value);
        let found = candidates
            .into_iter()
            .flatten()
            .filter_map(Value::as_str)
            .chain(listed)
            .chain(value.get("title").and_then(Value::as_str))
            .find(|text| !text.trim().is_empty());
        if let Some(text) = found {
            return text.trim().to_string();
        }
    }
    let trimmed = body.trim();
    if trimmed.is_empty() {
        "no message".to_string()
    } else {
        trimmed.chars().take(200).collect()
    }
}

/// `POST /authenticate` → `{"jwt": "..."}`.
pub fn jwt(value: &Value) -> Result<String> {
    value
        .get("jwt")
        .and_then(Value::as_str)
        .filter(|t| !t.trim().is_empty())
        .map(|t| t.trim().to_string())
        .ok_or_else(|| invalid("the login answer has no 'jwt'"))
}

/// `POST /search/*` → `{"maxResults", "totalResults", "currentPage", "data": [...]}`.
///
/// In the published examples `maxResults` counts every match and `totalResults` the records
/// on this page (`maxResults: 30579, totalResults: 10` at spec line 542; with paging
/// `maxResults: 327, totalResults: 10, currentPage: 2` at line 32999), so the total is
/// `maxResults`; an answer without it tells no more than its own page.
pub fn search_page(value: &Value, requested_page: u32) -> Result<SearchPage> {
    let data = match value.get("data") {
        Some(Value::Array(items)) => items,
        Some(Value::Null) | None => &Vec::new(),
        Some(_) => return Err(invalid("search 'data' is not a list")),
    };
    let records: Vec<Record> = data
        .iter()
        .filter_map(|item| item.as_object().cloned())
        .collect();
    let total = value
        .get("maxResults")
        .and_then(loose_i64)
        .unwrap_or(records.len() as i64)
        .max(records.len() as i64) as u64;
    let current_page = value
        .get("currentPage")
        .and_then(loose_i64)
        .and_then(|p| u32::try_from(p).ok())
        .unwrap_or(requested_page);
    Ok(SearchPage {
        total_results: total,
        current_page,
        records,
    })
}

/// `POST /enrich/*` → `{"success", "data": {"outputFields", "result": [{"input", "data", "matchStatus"}]}}`.
///
/// Results are matched to inputs by position, so their count must equal the inputs';
/// a missing `matchStatus` means a match when records came back, else no match.
pub fn enrich_results(value: &Value, sent: usize) -> Result<Vec<EnrichResult>> {
    let results = value
        .get("data")
        .and_then(|d| d.get("result"))
        .and_then(Value::as_array)
        .ok_or_else(|| invalid("the enrich answer has no 'data.result' list"))?;
    if results.len() != sent {
        return Err(invalid(format!(
            "the enrich answer has {} results for {} inputs",
            results.len(),
            sent
        )));
    }
    Ok(results.iter().map(enrich_result).collect())
}

fn enrich_result(item: &Value) -> EnrichResult {
    let input = item
        .get("input")
        .and_then(Value::as_object)
        .cloned()
        .unwrap_or_default();
    let records: Vec<Record> = match item.get("data") {
        Some(Value::Array(items)) => items
            .iter()
            .filter_map(|r| r.as_object().cloned())
            .collect(),
        Some(Value::Object(single)) => vec![single.clone()],
        _ => Vec::new(),
    };
    let status = match item.get("matchStatus").and_then(Value::as_str) {
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

/// `GET /lookup/usage` → `{"usage": [{limitType, ...}]}`; the older `GET /usage`
/// → `{"creditsUsed", "creditsAvailable"}` is turned into one `recordLimit`.
pub fn usage(value: &Value) -> Result<Vec<UsageLimit>> {
    if let Some(items) = value.get("usage").and_then(Value::as_array) {
        return Ok(items.iter().filter_map(usage_limit).collect());
    }
    if let Some(items) = value.as_array() {
        return Ok(items.iter().filter_map(usage_limit).collect());
    }
    let used = value.get("creditsUsed").and_then(loose_i64);
    let available = value.get("creditsAvailable").and_then(loose_i64);
    if used.is_some() || available.is_some() {
        return Ok(vec![UsageLimit {
            limit_type: limits::RECORD_LIMIT.to_string(),
            description: Some("Credits (records)".to_string()),
            limit: match (used, available) {
                // Absurd figures that overflow leave the limit unknown.
                (Some(u), Some(a)) => u.checked_add(a),
                _ => None,
            },
            current_usage: used,
            usage_remaining: available,
        }]);
    }
    Err(invalid(
        "the usage answer has neither 'usage' nor 'creditsUsed'",
    ))
}

fn usage_limit(item: &Value) -> Option<UsageLimit> {
    let limit_type = item.get("limitType").and_then(Value::as_str)?.to_string();
    Some(UsageLimit {
        limit_type,
        description: item
            .get("description")
            .and_then(Value::as_str)
            .map(str::to_string),
        limit: item.get("limit").and_then(loose_i64),
        current_usage: item.get("currentUsage").and_then(loose_i64),
        usage_remaining: item.get("usageRemaining").and_then(loose_i64),
    })
}

/// Reads a kept enrich answer (see `ZoomInfoBackend::enrich_with_receipt`) for `sent` inputs.
/// Either API generation's answer is read: a receipt kept by one backend replays under the other.
pub fn parse_enrich_answer(text: &str, sent: usize) -> Result<Vec<EnrichResult>> {
    let value: Value =
        serde_json::from_str(text).map_err(|e| invalid(format!("not valid JSON: {e}")))?;
    if crate::gtm::answer::is_gtm_enrich(&value) {
        return crate::gtm::answer::enrich_results(&value, sent);
    }
    enrich_results(&value, sent)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn enrich_without_match_status_follows_the_data() {
        let answer = json!({"success": true, "data": {"outputFields": [["id"]], "result": [
            {"input": {"emailaddress": "a@b.com"}, "data": [{"id": 1}]},
            {"input": {"emailaddress": "c@d.com"}, "data": []},
            {"input": {"personid": "9"}, "data": [], "matchStatus": "SOMETHING_NEW"}
        ]}});
        let results = enrich_results(&answer, 3).expect("parses");
        assert_eq!(results[0].status, MatchStatus::FullMatch);
        assert_eq!(results[1].status, MatchStatus::NoMatch);
        assert_eq!(
            results[2].status,
            MatchStatus::Other("SOMETHING_NEW".into())
        );
        assert_eq!(
            results[0].input.get("emailaddress"),
            Some(&json!("a@b.com"))
        );
    }

    #[test]
    fn enrich_with_a_missing_result_is_refused_rather_than_misaligned() {
        let answer = json!({"data": {"result": [{"data": []}]}});
        assert!(matches!(
            enrich_results(&answer, 2),
            Err(ClientError::InvalidResponse { .. })
        ));
    }

    /// Found by fuzzing: credits used + available overflowed.
    #[test]
    fn usage_figures_that_overflow_leave_the_limit_unknown() {
        let answer = json!({"creditsUsed": i64::MAX, "creditsAvailable": 1});
        let limits = usage(&answer).expect("old usage shape");
        assert_eq!(limits[0].limit, None);
        assert_eq!(limits[0].current_usage, Some(i64::MAX));
    }

    #[test]
    fn usage_accepts_both_shapes() {
        let new = json!({"usage": [{"limitType": "recordLimit", "limit": "100", "currentUsage": 4, "usageRemaining": 96}]});
        assert_eq!(usage(&new).expect("new shape")[0].limit, Some(100));
        let old = json!({"creditsUsed": 10, "creditsAvailable": 90});
        let limits = usage(&old).expect("old shape");
        assert_eq!(
            (
                limits[0].limit,
                limits[0].current_usage,
                limits[0].usage_remaining
            ),
            (Some(100), Some(10), Some(90))
        );
    }

    #[test]
    fn error_messages_are_found_in_every_known_shape() {
        assert_eq!(
            error_message(r#"{"error":"Authentication failed"}"#),
            "Authentication failed"
        );
        assert_eq!(
            error_message(r#"{"error":{"code":"ZI0001","message":"Nope"}}"#),
            "Nope"
        );
        assert_eq!(
            error_message(r#"{"title":"Bad","detail":"Credit limit"}"#),
            "Credit limit"
        );
        assert_eq!(
            error_message("<html>502 Bad Gateway</html>"),
            "<html>502 Bad Gateway</html>"
        );
    }
}
