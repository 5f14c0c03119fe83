//! ZoomInfo's published legacy API description (`tests/conformance/spec/`), read for tests.
//!
//! The description's request schemas were generated from single examples, but each
//! operation's `description` carries the real field tables ("Input params", "Output fields",
//! "Response data": `| name | DataType | … |`). Tests compare the client's and the
//! simulator's own tables with these, so neither can drift from what ZoomInfo publishes.

use std::path::PathBuf;
use std::sync::OnceLock;

use serde_json::Value;

/// The vendored copy of the legacy description (see `tests/conformance/spec/README.md`).
pub fn legacy_spec_path() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../../tests/conformance/spec/zoominfo-legacy-openapi.yml")
}

/// The legacy description as JSON, parsed once per test process.
pub fn legacy() -> &'static Value {
    static SPEC: OnceLock<Value> = OnceLock::new();
    SPEC.get_or_init(|| {
        let path = legacy_spec_path();
        let text = std::fs::read_to_string(&path)
            .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
        serde_norway::from_str(&text)
            .unwrap_or_else(|e| panic!("{} is not YAML: {e}", path.display()))
    })
}

/// One row of a field table: the field's name, its declared type ("String", "Integer", …;
/// empty in tables without a type column) and its description.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FieldRow {
    pub name: String,
    pub data_type: String,
    pub description: String,
}

/// The operation object at `path` (its first method: every legacy path has one).
pub fn operation(path: &str) -> &'static Value {
    let item = &legacy()["paths"][path];
    ["post", "get"]
        .iter()
        .map(|method| &item[*method])
        .find(|op| op.is_object())
        .unwrap_or_else(|| panic!("the spec has no operation at {path}"))
}

/// The rows of the table headed `**{heading}**` in the description of the operation at `path`.
pub fn field_table(path: &str, heading: &str) -> Vec<FieldRow> {
    let description = operation(path)["description"].as_str().unwrap_or_default();
    let rows = tables_in(description)
        .into_iter()
        .find(|(h, _)| h == heading)
        .map(|(_, rows)| rows)
        .unwrap_or_default();
    assert!(
        !rows.is_empty(),
        "the description of {path} has no '{heading}' table"
    );
    rows
}

/// Every `**Heading**` table in a Markdown description, in order.
fn tables_in(description: &str) -> Vec<(String, Vec<FieldRow>)> {
    let mut tables: Vec<(String, Vec<FieldRow>)> = Vec::new();
    for line in description.lines().map(str::trim) {
        if let Some(heading) = line.strip_prefix("**").and_then(|l| l.strip_suffix("**")) {
            tables.push((heading.trim().to_string(), Vec::new()));
            continue;
        }
        let Some((_, rows)) = tables.last_mut() else {
            continue;
        };
        let cells: Vec<&str> = line
            .strip_prefix('|')
            .map(|l| l.trim_end_matches('|').split('|').map(str::trim).collect())
            .unwrap_or_default();
        let Some(name) = cells.first() else { continue };
        let is_header = matches!(*name, "Parameter" | "Field" | "") || name.starts_with("---");
        if is_header || !name.chars().all(|c| c.is_ascii_alphanumeric()) {
            continue;
        }
        let (data_type, description) = match cells.len() {
            0 | 1 => ("", ""),
            2 => ("", cells[1]),
            _ => (cells[1], cells[2]),
        };
        rows.push(FieldRow {
            name: name.to_string(),
            data_type: data_type.to_string(),
            description: description.to_string(),
        });
    }
    tables
}

/// The first example of the 200 answer of the operation at `path`.
pub fn answer_example(path: &str) -> &'static Value {
    let content = &operation(path)["responses"]["200"]["content"];
    let media = content
        .as_object()
        .and_then(|m| m.values().next())
        .unwrap_or_else(|| panic!("{path} has no 200 answer"));
    let schema = &media["schema"];
    [
        &schema["examples"][0],
        &schema["allOf"][1]["examples"][0],
        &media["example"],
    ]
    .into_iter()
    .find(|v| !v.is_null())
    .unwrap_or_else(|| panic!("{path}'s 200 answer has no example"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_contact_search_input_table() {
        let rows = field_table("/search/contact", "Input params");
        let revenue_min = rows.iter().find(|r| r.name == "revenueMin").expect("row");
        assert_eq!(revenue_min.data_type, "Integer");
        let job_title = rows.iter().find(|r| r.name == "jobTitle").expect("row");
        assert!(job_title.description.contains("`OR`"));
        assert!(rows.len() > 80, "{} rows", rows.len());
    }

    #[test]
    fn reads_output_tables_without_a_type_column() {
        let rows = field_table("/enrich/contact", "Output fields");
        assert!(rows.iter().any(|r| r.name == "jobFunction"));
        assert!(rows.iter().all(|r| r.data_type.is_empty()));
        assert!(!rows.iter().any(|r| r.name == "department"));
    }

    #[test]
    fn reads_answer_examples() {
        let example = answer_example("/search/contact");
        assert_eq!(example["maxResults"], 30579);
        assert_eq!(example["totalResults"], 10);
    }
}
