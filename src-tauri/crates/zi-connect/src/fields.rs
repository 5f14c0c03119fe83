//! The output fields an answer defines, and the columns they become: leaf values by their
//! path, nested names joined with `_`, in lower snake case, after the connector's name
//! (`Acme People` + `person.linkedinUrl` → `acme_people_person_linkedin_url`). A list answer
//! (a search returning matches) gives its first item.

use std::collections::BTreeMap;

use heck::ToSnakeCase;
use serde_json::Value;

/// The output fields of `sample`, in the order they appear.
pub fn output_fields(sample: &Value) -> Vec<String> {
    let mut fields = Vec::new();
    collect(first_item(sample), "", &mut |path, _| {
        fields.push(path.to_string())
    });
    fields
}

/// An answer's values by field.
pub fn flatten(answer: &Value) -> BTreeMap<String, String> {
    let mut values = BTreeMap::new();
    collect(first_item(answer), "", &mut |path, value| {
        values.insert(path.to_string(), text(value));
    });
    values
}

/// Whether an answer carries nothing (an empty list or object, or null): no match.
pub fn is_empty_answer(answer: &Value) -> bool {
    match first_item(answer) {
        Value::Null => true,
        Value::Object(map) => map.is_empty(),
        Value::Array(items) => items.is_empty(),
        _ => false,
    }
}

/// The column a field of `connector` becomes.
pub fn column(connector: &str, field: &str) -> String {
    format!("{}_{}", name_prefix(connector), field)
}

/// A connector's name in lower snake case: words split at spaces and punctuation and where a
/// lower-case letter meets a capital ("AcmePeople" → "acme_people"), but a run of capitals
/// stays one word ("Acme OAuth" → "acme_oauth", not "acme_o_auth").
fn name_prefix(name: &str) -> String {
    let mut out = String::new();
    let mut previous: Option<char> = None;
    for c in name.chars() {
        if !c.is_alphanumeric() {
            if !out.is_empty() && !out.ends_with('_') {
                out.push('_');
            }
            previous = None;
            continue;
        }
        if c.is_uppercase() && previous.is_some_and(char::is_lowercase) {
            out.push('_');
        }
        out.extend(c.to_lowercase());
        previous = Some(c);
    }
    out.trim_end_matches('_').to_string()
}

fn first_item(value: &Value) -> &Value {
    match value {
        Value::Array(items) => items.first().unwrap_or(&Value::Null),
        other => other,
    }
}

fn collect(value: &Value, prefix: &str, visit: &mut impl FnMut(&str, &Value)) {
    match value {
        Value::Object(map) => {
            for (key, inner) in map {
                let name = key.to_snake_case();
                let path = if prefix.is_empty() {
                    name
                } else {
                    format!("{prefix}_{name}")
                };
                collect(inner, &path, visit);
            }
        }
        // A list of records inside: its first; a list of values: one cell.
        Value::Array(items) if items.iter().any(Value::is_object) => {
            collect(first_item(value), prefix, visit)
        }
        leaf if !prefix.is_empty() => visit(prefix, leaf),
        _ => {}
    }
}

fn text(value: &Value) -> String {
    match value {
        Value::Null => String::new(),
        Value::String(s) => s.clone(),
        Value::Array(items) => items.iter().map(text).collect::<Vec<_>>().join("; "),
        other => other.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn nested_fields_become_snake_case_columns_after_the_connector_name() {
        let sample = json!({"person": {"title": "…", "linkedinUrl": "…", "phones": ["a", "b"]}});
        assert_eq!(
            output_fields(&sample),
            vec!["person_title", "person_linkedin_url", "person_phones"]
        );
        assert_eq!(
            column("Acme People", "person_title"),
            "acme_people_person_title"
        );
        assert_eq!(column("Acme OAuth", "title"), "acme_oauth_title");
        assert_eq!(column("AcmePeople (EU)", "title"), "acme_people_eu_title");
        let values =
            flatten(&json!([{"person": {"title": "CFO", "phones": ["1", "2"], "age": 41}}]));
        assert_eq!(values["person_title"], "CFO");
        assert_eq!(values["person_phones"], "1; 2");
        assert_eq!(values["person_age"], "41");
        assert!(is_empty_answer(&json!([])) && is_empty_answer(&json!({})));
    }
}
