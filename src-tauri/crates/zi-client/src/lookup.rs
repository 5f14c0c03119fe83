//! Reading `GET /lookup/outputfields/{kind}/enrich`: the output fields an account may request.

use serde_json::Value;

use crate::error::{ClientError, Result};
use crate::model::OutputField;

/// `[{"fieldName", "description", "accessGranted": "true"}, …]`. Tolerates the list nested in
/// another list (as the published example is) or under `data`, `accessGranted` as a string
/// or a boolean (missing: granted, the field is listed as requestable), and skips items
/// without a name.
pub fn output_fields(value: &Value) -> Result<Vec<OutputField>> {
    let mut fields = Vec::new();
    collect(value, &mut fields, 0);
    if fields.is_empty() {
        return Err(ClientError::InvalidResponse {
            detail: "the output field lookup lists no fields".into(),
        });
    }
    Ok(fields)
}

/// Lists nested deeper than this are not a lookup answer.
const MAX_DEPTH: usize = 3;

fn collect(value: &Value, out: &mut Vec<OutputField>, depth: usize) {
    if depth > MAX_DEPTH {
        return;
    }
    match value {
        Value::Array(items) => {
            for item in items {
                collect(item, out, depth + 1);
            }
        }
        Value::Object(object) => {
            if let Some(field) = field(value) {
                if !out.iter().any(|f| f.field_name == field.field_name) {
                    out.push(field);
                }
            } else if let Some(inner) = object.get("data").or_else(|| object.get("outputFields")) {
                collect(inner, out, depth + 1);
            }
        }
        _ => {}
    }
}

fn field(item: &Value) -> Option<OutputField> {
    let name = item
        .get("fieldName")
        .or_else(|| item.get("name"))
        .and_then(Value::as_str)
        .map(str::trim)
        .filter(|n| !n.is_empty())?;
    Some(OutputField {
        field_name: name.to_string(),
        description: item
            .get("description")
            .and_then(Value::as_str)
            .unwrap_or_default()
            .trim()
            .to_string(),
        access_granted: item.get("accessGranted").is_none_or(granted),
    })
}

/// "true" / true / "TRUE" / 1 → granted; anything else (including "false") → not.
fn granted(value: &Value) -> bool {
    match value {
        Value::Bool(b) => *b,
        Value::String(s) => matches!(s.trim().to_ascii_lowercase().as_str(), "true" | "yes" | "1"),
        Value::Number(n) => n.as_i64() == Some(1),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn string_and_real_booleans_read_alike() {
        let answer = json!([
            {"fieldName": "id", "description": "Unique ZoomInfo identifier", "accessGranted": "true"},
            {"fieldName": "techSkills", "description": "Skills", "accessGranted": "false"},
            {"fieldName": "email", "description": "Work email", "accessGranted": true},
            {"fieldName": "picture", "accessGranted": false},
            {"fieldName": "  ", "accessGranted": "true"},
            {"fieldName": "phone"}
        ]);
        let fields = output_fields(&answer).expect("reads");
        let granted: Vec<(&str, bool)> = fields
            .iter()
            .map(|f| (f.field_name.as_str(), f.access_granted))
            .collect();
        assert_eq!(
            granted,
            [
                ("id", true),
                ("techSkills", false),
                ("email", true),
                ("picture", false),
                ("phone", true)
            ]
        );
        assert_eq!(fields[0].description, "Unique ZoomInfo identifier");
        assert_eq!(fields[3].description, "");
    }

    #[test]
    fn nested_and_wrapped_lists_are_read_and_empty_ones_refused() {
        let nested = json!([[{"fieldName": "id", "accessGranted": "true"}]]);
        assert_eq!(output_fields(&nested).expect("nested").len(), 1);
        let wrapped = json!({"data": [{"fieldName": "id", "accessGranted": "TRUE"}]});
        assert!(output_fields(&wrapped).expect("wrapped")[0].access_granted);
        assert!(matches!(
            output_fields(&json!({"error": "nope"})),
            Err(ClientError::InvalidResponse { .. })
        ));
    }
}
