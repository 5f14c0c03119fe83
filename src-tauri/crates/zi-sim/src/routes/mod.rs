//! Route handlers and the request-body helpers they share.

pub(crate) mod auth;
pub(crate) mod enrich;
mod fields;
pub(crate) mod output_fields;
pub(crate) mod search;
pub(crate) mod usage;

use serde_json::{Map, Value};

use crate::error::{ApiError, ApiResult};

pub(crate) type JsonObject = Map<String, Value>;

/// The request body as a JSON object; an empty body counts as `{}`.
pub(crate) fn parse_object(body: &[u8]) -> ApiResult<JsonObject> {
    if body.iter().all(u8::is_ascii_whitespace) {
        return Ok(JsonObject::new());
    }
    match serde_json::from_slice::<Value>(body) {
        Ok(Value::Object(map)) => Ok(map),
        Ok(_) => Err(ApiError::bad_request("Request body must be a JSON object")),
        Err(e) => Err(ApiError::bad_request(format!(
            "Malformed JSON in request body: {e}"
        ))),
    }
}

/// A scalar as trimmed text; `None` for null, empty strings, arrays and objects.
pub(crate) fn text(v: &Value) -> Option<String> {
    let s = match v {
        Value::String(s) => s.trim().to_string(),
        Value::Number(n) => n.to_string(),
        Value::Bool(b) => b.to_string(),
        _ => return None,
    };
    (!s.is_empty()).then_some(s)
}

/// A string, number or array of them as a list of non-empty texts.
pub(crate) fn texts(v: &Value) -> Vec<String> {
    match v {
        Value::Array(items) => items.iter().filter_map(text).collect(),
        other => text(other).into_iter().collect(),
    }
}

/// A non-negative integer given as a number or a numeric string.
pub(crate) fn integer(v: &Value) -> Option<u64> {
    match v {
        Value::Number(n) => n.as_u64().or_else(|| {
            n.as_f64()
                .filter(|f| f.fract() == 0.0 && *f >= 0.0 && *f <= u64::MAX as f64)
                .map(|f| f as u64)
        }),
        Value::String(s) => s.trim().parse().ok(),
        _ => None,
    }
}

/// The object with its keys lower-cased: how enrich echoes inputs, and how criteria are read.
pub(crate) fn lowercase_keys(obj: &JsonObject) -> JsonObject {
    obj.iter()
        .map(|(k, v)| (k.to_lowercase(), v.clone()))
        .collect()
}

pub(crate) async fn not_found() -> ApiError {
    ApiError::NotFound
}

pub(crate) async fn method_not_allowed() -> ApiError {
    ApiError::MethodNotAllowed
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn parses_bodies() {
        assert!(parse_object(b"").is_ok_and(|m| m.is_empty()));
        assert!(matches!(
            parse_object(b"{bad"),
            Err(ApiError::BadRequest(_))
        ));
        assert!(matches!(parse_object(b"[1]"), Err(ApiError::BadRequest(_))));
    }

    #[test]
    fn reads_scalars() {
        assert_eq!(
            texts(&json!(["a", 2, "", null])),
            vec!["a".to_string(), "2".to_string()]
        );
        assert_eq!(integer(&json!("25")), Some(25));
        assert_eq!(integer(&json!(25.0)), Some(25));
        assert_eq!(integer(&json!(-1)), None);
    }
}
