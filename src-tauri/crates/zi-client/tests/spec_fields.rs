//! The output fields the client falls back to, and its reading of the lookup answer, checked
//! against the published legacy API description (the oracle, not our simulator).

use std::collections::BTreeSet;

use serde_json::Value;
use zi_client::fuzzing::output_fields;
use zi_client::{published_output_fields, RecordKind};

/// (name, description) rows of the "Output fields" table of the enrich operation.
fn output_table(kind: &str) -> Vec<(String, String)> {
    zi_spec::field_table(&format!("/enrich/{kind}"), "Output fields")
        .into_iter()
        .map(|row| (row.name, row.description))
        .collect()
}

/// The example answer of `/lookup/outputfields/{kind}/enrich`.
fn lookup_example(kind: &str) -> &'static Value {
    zi_spec::answer_example(&format!("/lookup/outputfields/{kind}/enrich"))
}

/// The `outputFields` of the enrich operation's request example.
fn request_example(kind: &str) -> Vec<String> {
    zi_spec::operation(&format!("/enrich/{kind}"))["requestBody"]["content"]["application/json"]
        ["example"]["outputFields"]
        .as_array()
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
    for kind in ["contact", "company"] {
        let table = output_table(kind);
        let lookup = output_fields(lookup_example(kind)).expect("the published lookup reads");
        assert!(
            table.len() > 50 && lookup.len() > 50,
            "{kind}: {} / {}",
            table.len(),
            lookup.len()
        );
        let mut published: BTreeSet<String> = table.iter().map(|(n, _)| n.clone()).collect();
        published.extend(lookup.iter().map(|f| f.field_name.clone()));
        published.extend(request_example(kind));

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
    let contact = output_fields(lookup_example("contact")).expect("reads");
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
