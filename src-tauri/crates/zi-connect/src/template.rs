//! `{parameter}` placeholders: URL-encoded in the endpoint, JSON-encoded in the body.

use std::collections::BTreeMap;

use serde_json::Value;

/// The placeholder names in `text`, in order; an error for one left open.
pub fn placeholders(text: &str) -> Result<Vec<String>, String> {
    let mut names = Vec::new();
    let mut rest = text;
    while let Some(open) = rest.find('{') {
        let after = &rest[open + 1..];
        let close = after
            .find('}')
            .ok_or_else(|| format!("a placeholder is not closed in {text}"))?;
        let name = after[..close].trim();
        if name.is_empty() {
            return Err(format!("an empty placeholder {{}} in {text}"));
        }
        names.push(name.to_string());
        rest = &after[close + 1..];
    }
    Ok(names)
}

/// Placeholders in every string of a JSON body.
pub fn body_placeholders(body: &Value) -> Vec<String> {
    let mut names = Vec::new();
    walk_strings(body, &mut |s| {
        names.extend(placeholders(s).unwrap_or_default())
    });
    names
}

fn walk_strings(value: &Value, visit: &mut impl FnMut(&str)) {
    match value {
        Value::String(s) => visit(s),
        Value::Array(items) => items.iter().for_each(|v| walk_strings(v, visit)),
        Value::Object(map) => map.values().for_each(|v| walk_strings(v, visit)),
        _ => {}
    }
}

/// Fills `text`'s placeholders, each value passed through `encode`.
pub fn fill(
    text: &str,
    values: &BTreeMap<String, String>,
    encode: impl Fn(&str) -> String,
) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        match after.find('}') {
            Some(close) => {
                let name = after[..close].trim();
                out.push_str(&encode(values.get(name).map(String::as_str).unwrap_or("")));
                rest = &after[close + 1..];
            }
            None => {
                out.push_str(&rest[open..]);
                rest = "";
            }
        }
    }
    out.push_str(rest);
    out
}

/// The endpoint with its values URL-encoded.
pub fn fill_endpoint(endpoint: &str, values: &BTreeMap<String, String>) -> String {
    fill(endpoint, values, |v| {
        url::form_urlencoded::byte_serialize(v.as_bytes())
            .collect::<String>()
            .replace('+', "%20")
    })
}

/// The body with its values as JSON: a string that is one placeholder becomes the value (a
/// JSON string); placeholders inside longer strings are filled in place.
pub fn fill_body(body: &Value, values: &BTreeMap<String, String>) -> Value {
    match body {
        Value::String(s) => Value::String(fill(s, values, str::to_string)),
        Value::Array(items) => Value::Array(items.iter().map(|v| fill_body(v, values)).collect()),
        Value::Object(map) => Value::Object(
            map.iter()
                .map(|(k, v)| (k.clone(), fill_body(v, values)))
                .collect(),
        ),
        other => other.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn values() -> BTreeMap<String, String> {
        [
            ("email", "ana+lead@acme.example"),
            ("companyName", "Müller & Söhne \"GmbH\""),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
    }

    #[test]
    fn values_are_url_encoded_in_the_endpoint_and_json_encoded_in_the_body() {
        assert_eq!(
            fill_endpoint("/v1/people?email={email}&company={companyName}", &values()),
            "/v1/people?email=ana%2Blead%40acme.example&company=M%C3%BCller%20%26%20S%C3%B6hne%20%22GmbH%22"
        );
        let body =
            serde_json::json!({"q": {"email": "{email}", "text": "at {companyName}"}, "n": 1});
        let filled = fill_body(&body, &values());
        assert_eq!(filled["q"]["email"], "ana+lead@acme.example");
        assert_eq!(filled["q"]["text"], "at Müller & Söhne \"GmbH\"");
        assert!(
            filled.to_string().contains(r#"Söhne \"GmbH\""#),
            "quotes escaped by JSON"
        );
        assert_eq!(filled["n"], 1);
    }

    #[test]
    fn an_unclosed_placeholder_is_named() {
        assert!(placeholders("/people?email={email")
            .expect_err("unclosed")
            .contains("not closed"));
        assert_eq!(
            placeholders("/a/{x}/b?{y}").expect("closed"),
            vec!["x", "y"]
        );
    }
}
