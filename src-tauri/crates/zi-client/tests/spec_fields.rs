//! The output fields the client falls back to, and its reading of the lookup answer, checked
//! against the published legacy API description (the oracle, not our simulator).

use std::collections::BTreeSet;

use serde_norway::Value as Yaml;
use zi_client::fuzzing::output_fields;
use zi_client::{published_output_fields, RecordKind};

/// The enrich operations of the published description (see the file's header).
const SPEC: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../../tests/fixtures/spec/legacy-enrich.yml"
);

fn spec() -> Yaml {
    let text = std::fs::read_to_string(SPEC).expect("the spec excerpt is in tests/fixtures/spec");
    serde_norway::from_str(&text).expect("the spec excerpt is YAML")
}

fn at<'a>(value: &'a Yaml, path: &[&str]) -> &'a Yaml {
    path.iter().fold(value, |v, key| &v[*key])
}

/// (name, description) rows of the "Output fields" table in an operation's description.
fn output_table(spec: &Yaml, kind: &str) -> Vec<(String, String)> {
    let description = at(
        spec,
        &["paths", &format!("/enrich/{kind}"), "post", "description"],
    )
    .as_str()
    .expect("a description");
    let (_, table) = description
        .split_once("**Output fields**")
        .expect("an Output fields table");
    table
        .lines()
        .filter_map(|line| {
            let cells: Vec<&str> = line
                .trim()
                .strip_prefix('|')?
                .strip_suffix('|')?
                .split('|')
                .collect();
            let name = cells.first()?.trim();
            let named = !name.is_empty() && name.chars().all(|c| c.is_ascii_alphanumeric());
            (named && name != "Field")
                .then(|| (name.to_string(), cells[1..].join("|").trim().to_string()))
        })
        .collect()
}

/// The example answer of `/lookup/outputfields/{kind}/enrich`, as JSON.
fn lookup_example(spec: &Yaml, kind: &str) -> serde_json::Value {
    let content = at(
        spec,
        &[
            "paths",
            &format!("/lookup/outputfields/{kind}/enrich"),
            "get",
            "responses",
            "200",
            "content",
            "application/json",
        ],
    );
    serde_json::to_value(&content["schema"]["examples"][0]).expect("JSON-shaped example")
}

/// The `outputFields` of the enrich operation's request example.
fn request_example(spec: &Yaml, kind: &str) -> Vec<String> {
    let example = at(
        spec,
        &[
            "paths",
            &format!("/enrich/{kind}"),
            "post",
            "requestBody",
            "content",
            "application/json",
            "example",
            "outputFields",
        ],
    );
    example
        .as_sequence()
        .expect("outputFields")
        .iter()
        .filter_map(|f| f.as_str().map(str::to_string))
        .collect()
}

fn kind_of(name: &str) -> RecordKind {
    name.parse().expect("kind")
}

#[test]
fn the_fallback_lists_exactly_the_published_fields_with_their_descriptions() {
    let spec = spec();
    for kind in ["contact", "company"] {
        let table = output_table(&spec, kind);
        let lookup =
            output_fields(&lookup_example(&spec, kind)).expect("the published lookup reads");
        assert!(
            table.len() > 50 && lookup.len() > 50,
            "{kind}: {} / {}",
            table.len(),
            lookup.len()
        );
        let mut published: BTreeSet<String> = table.iter().map(|(n, _)| n.clone()).collect();
        published.extend(lookup.iter().map(|f| f.field_name.clone()));
        published.extend(request_example(&spec, kind));

        let ours = published_output_fields(kind_of(kind));
        let names: BTreeSet<String> = ours.iter().map(|f| f.field_name.clone()).collect();
        assert_eq!(names, published, "{kind}: our list against the spec");
        assert_eq!(names.len(), ours.len(), "{kind}: a field listed twice");
        for field in &ours {
            let described = lookup
                .iter()
                .find(|f| f.field_name == field.field_name)
                .map(|f| f.description.clone())
                .or_else(|| {
                    table
                        .iter()
                        .find(|(n, _)| *n == field.field_name)
                        .map(|(_, d)| d.clone())
                });
            if let Some(described) = described {
                assert_eq!(field.description, described, "{kind}.{}", field.field_name);
            }
            assert!(field.access_granted, "unknown grants are taken as granted");
        }
    }
    // Names the API does not have are gone.
    let contact = published_output_fields(RecordKind::Contact);
    for absent in ["department", "linkedInUrl"] {
        assert!(!contact.iter().any(|f| f.field_name == absent), "{absent}");
    }
}

#[test]
fn the_published_lookup_answer_reads_with_its_string_booleans() {
    let spec = spec();
    let contact = output_fields(&lookup_example(&spec, "contact")).expect("reads");
    let withheld: Vec<&str> = contact
        .iter()
        .filter(|f| !f.access_granted)
        .map(|f| f.field_name.as_str())
        .collect();
    assert_eq!(withheld, ["techSkills", "engagements"]);
    let email = contact
        .iter()
        .find(|f| f.field_name == "email")
        .expect("email");
    assert!(email.access_granted && email.description.starts_with("Work email"));
}
