//! The JSON:API request documents the GTM API expects, built from the backend trait's inputs.

use serde_json::{json, Map, Value};

use super::facts::{paths, resource_types, PAGE_NUMBER_PARAM, PAGE_SIZE_PARAM};
use crate::model::{Record, RecordKind, SearchCriteria};

/// Criteria and enrich inputs the spec types as integers (`ContactEnrichRequestCriteria`:
/// `personId`, `companyId` are `integer`); spreadsheets hand them over as text.
const INTEGER_INPUTS: &[&str] = &["personId", "companyId"];

/// `POST /data/v1/{contacts,companies}/search?page[number]=N&page[size]=S` and its body.
pub(crate) fn search(
    kind: RecordKind,
    criteria: &SearchCriteria,
    page: u32,
    page_size: u32,
) -> (String, Value) {
    let (path, resource) = match kind {
        RecordKind::Contact => (paths::CONTACT_SEARCH, resource_types::CONTACT_SEARCH),
        RecordKind::Company => (paths::COMPANY_SEARCH, resource_types::COMPANY_SEARCH),
    };
    let path = format!("{path}?{PAGE_NUMBER_PARAM}={page}&{PAGE_SIZE_PARAM}={page_size}");
    let body = json!({ "data": { "type": resource, "attributes": criteria } });
    (path, body)
}

/// `POST /data/v1/{contacts,companies}/enrich` and its body.
pub(crate) fn enrich(
    kind: RecordKind,
    inputs: &[Record],
    output_fields: &[String],
) -> (&'static str, Value) {
    let (path, resource) = match kind {
        RecordKind::Contact => (paths::CONTACT_ENRICH, resource_types::CONTACT_ENRICH),
        RecordKind::Company => (paths::COMPANY_ENRICH, resource_types::COMPANY_ENRICH),
    };
    let inputs: Vec<Value> = inputs
        .iter()
        .map(|i| Value::Object(typed_input(i)))
        .collect();
    let body = json!({ "data": { "type": resource, "attributes": {
        kind.match_input_key(): inputs,
        "outputFields": output_fields,
    }}});
    (path, body)
}

/// An input with its integer fields sent as numbers (text that is not a whole number is left
/// for the API to refuse as that input's INVALID_INPUT).
fn typed_input(input: &Record) -> Map<String, Value> {
    input
        .iter()
        .map(|(key, value)| {
            let value = match value {
                Value::String(text) if INTEGER_INPUTS.contains(&key.as_str()) => text
                    .trim()
                    .parse::<i64>()
                    .map_or_else(|_| value.clone(), Value::from),
                _ => value.clone(),
            };
            (key.clone(), value)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_typed_as_integers_by_the_spec_are_sent_as_numbers() {
        let input: Record =
            serde_json::from_value(json!({"personId": " 42 ", "emailAddress": "a@b.co"}))
                .expect("object");
        let (_, body) = enrich(RecordKind::Contact, &[input], &["email".into()]);
        assert_eq!(
            body["data"]["attributes"]["matchPersonInput"][0],
            json!({"personId": 42, "emailAddress": "a@b.co"})
        );
        assert_eq!(body["data"]["type"], "ContactEnrich");
    }

    #[test]
    fn search_pages_travel_in_the_query() {
        let (path, body) = search(RecordKind::Company, &SearchCriteria::new(), 3, 100);
        assert_eq!(
            path,
            "/data/v1/companies/search?page[number]=3&page[size]=100"
        );
        assert_eq!(
            body,
            json!({"data": {"type": "CompanySearch", "attributes": {}}})
        );
    }
}
