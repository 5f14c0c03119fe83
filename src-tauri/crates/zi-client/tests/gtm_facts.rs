//! The GTM facts the client keeps against the published GTM description itself
//! (`tests/conformance/spec/zoominfo-gtm-data-v1-openapi.json`).
#![allow(clippy::unwrap_used)] // A test that cannot read the spec should stop loudly.

use serde_json::Value;
use zi_client::gtm::facts;

fn spec() -> Value {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../../tests/conformance/spec/zoominfo-gtm-data-v1-openapi.json"
    );
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

fn output_enum(spec: &Value, schema: &str) -> Vec<String> {
    spec["components"]["schemas"][schema]["properties"]["outputFields"]["items"]["enum"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap().to_string())
        .collect()
}

#[test]
fn output_fields_are_the_published_enums() {
    let spec = spec();
    assert_eq!(
        facts::output_fields::CONTACT,
        output_enum(&spec, "ContactEnrichRequestAttributes")
    );
    assert_eq!(
        facts::output_fields::COMPANY,
        output_enum(&spec, "CompanyEnrichRequestAttributes")
    );
}

#[test]
fn limits_are_the_published_ones() {
    let spec = spec();
    let schemas = &spec["components"]["schemas"];
    assert_eq!(
        schemas["ContactEnrichRequestAttributes"]["properties"]["matchPersonInput"]["maxItems"],
        facts::MAX_ENRICH_BATCH
    );
    assert_eq!(spec["servers"][0]["url"], facts::DEFAULT_BASE_URL);
}
