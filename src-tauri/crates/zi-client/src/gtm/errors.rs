//! Reading the GTM API's error answers: JSON:API `{"title", "detail", "errors": [{code,
//! detail, ...}]}` (the spec's `ErrorResponseModel`) and `{"error": {code, message, ...}}`
//! (the notes, "Errors").

use serde_json::Value;

use super::facts::CREDIT_LIMIT_CODE;

/// The error codes an answer carries, in either shape.
fn codes(value: &Value) -> Vec<&str> {
    let listed = value
        .get("errors")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(|e| e.get("code").and_then(Value::as_str));
    let single = value
        .get("error")
        .and_then(|e| e.get("code"))
        .and_then(Value::as_str);
    listed.chain(single).collect()
}

/// Whether an error answer says the account's credits are used up.
pub(crate) fn is_credit_limit(body: &str) -> bool {
    serde_json::from_str::<Value>(body)
        .is_ok_and(|value| codes(&value).contains(&CREDIT_LIMIT_CODE))
}

/// The first listed error's words, for answers whose top level says nothing readable.
pub(crate) fn first_listed_message(value: &Value) -> Option<&str> {
    let first = value.get("errors")?.as_array()?.first()?;
    ["detail", "title", "message"]
        .iter()
        .filter_map(|key| first.get(*key).and_then(Value::as_str))
        .find(|text| !text.trim().is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_credit_limit_is_found_in_both_shapes() {
        assert!(is_credit_limit(
            r#"{"errors":[{"id":"1","status":"400","code":"PFAPI0011","detail":"Credit limit reached"}]}"#
        ));
        assert!(is_credit_limit(
            r#"{"error":{"code":"PFAPI0011","message":"No credits"}}"#
        ));
        assert!(!is_credit_limit(
            r#"{"errors":[{"id":"1","status":"400","code":"PFAPI0001"}]}"#
        ));
        assert!(!is_credit_limit("<html>"));
    }
}
