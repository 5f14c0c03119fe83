//! Reading what SCIM servers really send: attribute names in any case (RFC 7643 §2.1 makes
//! them case-insensitive), booleans and numbers as strings, list responses with missing or
//! lower-case parts.

use std::time::Duration;

use serde::Deserialize;
use serde_json::{Map, Value};

use crate::error::{Result, ScimError};
use crate::limits;

/// An attribute of an object, its name compared case-insensitively (exact match first).
pub(crate) fn get_ci<'a>(object: &'a Map<String, Value>, name: &str) -> Option<&'a Value> {
    object.get(name).or_else(|| {
        object
            .iter()
            .find(|(key, _)| key.eq_ignore_ascii_case(name))
            .map(|(_, value)| value)
    })
}

/// A boolean sent as `true`, `"True"`, `"false"`, `"1"`, `0`, …; `None` when it is none of these.
pub fn loose_bool(value: &Value) -> Option<bool> {
    match value {
        Value::Bool(b) => Some(*b),
        Value::String(s) => match s.trim().to_ascii_lowercase().as_str() {
            "true" | "1" | "yes" | "y" | "t" => Some(true),
            "false" | "0" | "no" | "n" | "f" => Some(false),
            _ => None,
        },
        Value::Number(n) => n.as_i64().map(|n| n != 0),
        _ => None,
    }
}

/// A non-negative integer sent as a number or as a string.
pub(crate) fn loose_u64(value: &Value) -> Option<u64> {
    match value {
        Value::Number(n) => n
            .as_u64()
            .or_else(|| n.as_f64().filter(|f| *f >= 0.0).map(|f| f as u64)),
        Value::String(s) => s.trim().parse().ok(),
        _ => None,
    }
}

/// A scalar as trimmed text; `None` for null, empty strings, arrays and objects.
pub(crate) fn text(value: &Value) -> Option<String> {
    let s = match value {
        Value::String(s) => s.trim().to_string(),
        Value::Number(n) => n.to_string(),
        Value::Bool(b) => b.to_string(),
        _ => return None,
    };
    (!s.is_empty()).then_some(s)
}

/// One page of a list response (RFC 7644 §3.4.2), read tolerantly.
#[derive(Clone, Debug, PartialEq)]
pub struct ListPage {
    /// `None` when the server left it out.
    pub total_results: Option<u64>,
    /// What the server claims; never relied upon.
    pub items_per_page: Option<u64>,
    pub start_index: Option<u64>,
    /// `Resources`, `resources` (any case) or nothing at all when there are none.
    pub resources: Vec<Value>,
}

impl ListPage {
    pub fn parse(value: Value) -> Result<ListPage> {
        match value {
            // A few servers answer a bare array.
            Value::Array(resources) => Ok(ListPage {
                total_results: None,
                items_per_page: None,
                start_index: None,
                resources,
            }),
            Value::Object(object) => {
                let resources = match get_ci(&object, "Resources") {
                    Some(Value::Array(items)) => items.clone(),
                    Some(Value::Null) | None => Vec::new(),
                    Some(Value::Object(one)) => vec![Value::Object(one.clone())],
                    Some(_) => {
                        return Err(ScimError::InvalidResponse {
                            detail: "'Resources' is not a list".into(),
                        })
                    }
                };
                let number = |name| get_ci(&object, name).and_then(loose_u64);
                Ok(ListPage {
                    total_results: number("totalResults"),
                    items_per_page: number("itemsPerPage"),
                    start_index: number("startIndex"),
                    resources,
                })
            }
            other => Err(ScimError::InvalidResponse {
                detail: format!("expected a list response, got {}", kind_of(&other)),
            }),
        }
    }
}

/// The body of a successful answer: `None` when empty (e.g. PATCH answered with 204).
/// Whatever the Content-Type says (scim+json, json, text/plain…): JSON is JSON.
pub fn answer_body(text: &str) -> Result<Option<Value>> {
    if text.trim().is_empty() {
        return Ok(None);
    }
    serde_json::from_str(text)
        .map(Some)
        .map_err(|e| ScimError::InvalidResponse {
            detail: format!("not valid JSON: {e}"),
        })
}

#[derive(Deserialize)]
struct TokenAnswer {
    access_token: String,
    #[serde(default)]
    expires_in: Option<Value>,
}

/// An OAuth token endpoint's answer (RFC 6749 §5.1): the access token and how long it lives
/// (`expires_in` in seconds, as a number or a string; assumed when absent; at most
/// [`limits::OAUTH_MAX_LIFETIME`]).
pub fn oauth_token(text: &str) -> Result<(String, Duration)> {
    let answer: TokenAnswer =
        serde_json::from_str(text).map_err(|e| ScimError::InvalidResponse {
            detail: format!("the OAuth token answer has no access_token ({e})"),
        })?;
    let lifetime = answer
        .expires_in
        .as_ref()
        .and_then(|v| match v {
            Value::Number(n) => n.as_u64(),
            Value::String(s) => s.trim().parse().ok(),
            _ => None,
        })
        .map(Duration::from_secs)
        .unwrap_or(limits::OAUTH_ASSUMED_LIFETIME)
        .min(limits::OAUTH_MAX_LIFETIME);
    Ok((answer.access_token, lifetime))
}

fn kind_of(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "a list",
        Value::Object(_) => "an object",
    }
}

/// The human message of an error answer: SCIM's `detail`, OAuth's `error_description`,
/// or `message` / `error`; else the start of the body.
pub fn error_message(body: &str) -> String {
    if let Ok(Value::Object(object)) = serde_json::from_str::<Value>(body) {
        for key in ["detail", "error_description", "message", "reason", "error"] {
            if let Some(message) = get_ci(&object, key).and_then(text) {
                return message;
            }
        }
    }
    let trimmed = body.trim();
    if trimmed.is_empty() {
        "no message".into()
    } else {
        trimmed.chars().take(200).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    /// Found by fuzzing: a huge `expires_in` overflowed the renewal clock.
    #[test]
    fn oauth_lifetimes_are_read_and_capped() {
        let read = |body: &str| oauth_token(body).map(|(_, lifetime)| lifetime.as_secs());
        assert_eq!(
            read(r#"{"access_token":"t","expires_in":"600"}"#).ok(),
            Some(600)
        );
        assert_eq!(read(r#"{"access_token":"t"}"#).ok(), Some(3_600));
        assert_eq!(
            read(r#"{"access_token":"t","expires_in":18446744073709551615}"#).ok(),
            Some(limits::OAUTH_MAX_LIFETIME.as_secs())
        );
        assert!(read(r#"{"expires_in":60}"#).is_err());
    }

    #[test]
    fn booleans_as_strings_are_read() {
        assert_eq!(loose_bool(&json!("False")), Some(false));
        assert_eq!(loose_bool(&json!("TRUE")), Some(true));
        assert_eq!(loose_bool(&json!(true)), Some(true));
        assert_eq!(loose_bool(&json!(0)), Some(false));
        assert_eq!(loose_bool(&json!("maybe")), None);
        assert_eq!(loose_bool(&json!(null)), None);
    }

    #[test]
    fn list_pages_survive_missing_and_lowercase_parts() {
        let page = ListPage::parse(json!({"resources": [{"id": "1"}], "itemsPerPage": "50"}))
            .expect("page");
        assert_eq!(page.resources.len(), 1);
        assert_eq!(page.total_results, None);
        assert_eq!(page.items_per_page, Some(50));
        let empty = ListPage::parse(json!({"totalResults": 0})).expect("page");
        assert!(empty.resources.is_empty());
        assert_eq!(empty.total_results, Some(0));
        let bare = ListPage::parse(json!([{"id": "a"}, {"id": "b"}])).expect("page");
        assert_eq!(bare.resources.len(), 2);
        assert!(ListPage::parse(json!("nope")).is_err());
        assert!(ListPage::parse(json!({"Resources": 3})).is_err());
    }

    #[test]
    fn error_messages_come_from_scim_or_oauth_shapes() {
        assert_eq!(
            error_message(r#"{"schemas":[],"status":"401","detail":"token expired"}"#),
            "token expired"
        );
        assert_eq!(
            error_message(r#"{"error":"invalid_client","error_description":"bad secret"}"#),
            "bad secret"
        );
        assert_eq!(error_message(""), "no message");
        assert_eq!(error_message("<html>oops</html>"), "<html>oops</html>");
    }
}
