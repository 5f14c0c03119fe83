//! The client's search criteria against the "Input params" tables ZoomInfo publishes.

use zi_client::search_fields::{search_fields, Several, ValueType};
use zi_client::RecordKind;

fn published(kind: RecordKind) -> Vec<zi_spec::FieldRow> {
    let path = format!("/search/{}", kind.as_str());
    zi_spec::field_table(&path, "Input params")
        .into_iter()
        // Paging is the client's own business (search_all), not a criterion.
        .filter(|row| row.name != "rpp" && row.name != "page")
        .collect()
}

fn value_type(data_type: &str) -> ValueType {
    match data_type {
        "String" => ValueType::Text,
        "Integer" => ValueType::Integer,
        "Boolean" => ValueType::Boolean,
        "Array" | "ArrayList" => ValueType::List,
        other => panic!("a DataType the client does not know: {other}"),
    }
}

/// The rule for several values, as the field's description words it.
fn several(description: &str) -> Several {
    let words: Vec<&str> = description
        .split(|c: char| !c.is_ascii_alphanumeric())
        .collect();
    if words.contains(&"OR") {
        Several::Or
    } else if description.to_ascii_lowercase().contains("comma-separated") {
        Several::Comma
    } else {
        Several::One
    }
}

#[test]
fn every_published_criterion_is_known_with_its_type_and_rule() {
    for kind in [RecordKind::Contact, RecordKind::Company] {
        let ours = search_fields(kind);
        let theirs = published(kind);
        let names = |it: &mut dyn Iterator<Item = String>| {
            let mut v: Vec<String> = it.collect();
            v.sort();
            v
        };
        assert_eq!(
            names(&mut ours.iter().map(|f| f.name.to_string())),
            names(&mut theirs.iter().map(|r| r.name.clone())),
            "{} search fields differ from the published table",
            kind.as_str()
        );
        for row in &theirs {
            let field = ours.iter().find(|f| f.name == row.name).expect("known");
            assert_eq!(
                field.value_type,
                value_type(&row.data_type),
                "{}.{}",
                kind.as_str(),
                row.name
            );
            if field.value_type == ValueType::Text {
                assert_eq!(
                    field.several,
                    several(&row.description),
                    "{}.{}: {}",
                    kind.as_str(),
                    row.name,
                    row.description
                );
            }
        }
    }
}

#[test]
fn enumerated_values_are_the_published_ones() {
    for kind in [RecordKind::Contact, RecordKind::Company] {
        for field in search_fields(kind).iter().filter(|f| !f.choices.is_empty()) {
            let row = published(kind)
                .into_iter()
                .find(|r| r.name == field.name)
                .expect("published");
            for choice in field.choices {
                assert!(
                    row.description.contains(&format!("`{choice}`")),
                    "{}: '{choice}' is not among the values of '{}'",
                    field.name,
                    row.description
                );
            }
        }
    }
}
