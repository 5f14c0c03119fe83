//! The output field lookups against the published legacy API description: the names are
//! exactly the spec's, the descriptions its own, and what the plan withholds says "false".

use std::collections::BTreeSet;

use serde_json::Value;

use crate::common::*;

/// name → description: the lookup example's, then the "Output fields" table's rows, then the
/// request example's `outputFields` (described nowhere).
fn published(kind: &str) -> Vec<(String, Option<String>)> {
    let mut fields: Vec<(String, Option<String>)> = Vec::new();
    let mut add = |name: &str, description: Option<String>| {
        if !fields.iter().any(|(n, _)| n == name) {
            fields.push((name.to_string(), description));
        }
    };
    let lookup = zi_spec::answer_example(&format!("/lookup/outputfields/{kind}/enrich"));
    for item in lookup.as_array().expect("the lookup example") {
        let name = item["fieldName"].as_str().expect("fieldName");
        add(
            name,
            item["description"].as_str().map(|d| d.trim().to_string()),
        );
    }
    for row in zi_spec::field_table(&format!("/enrich/{kind}"), "Output fields") {
        add(&row.name, Some(row.description));
    }
    let operation = zi_spec::operation(&format!("/enrich/{kind}"));
    let example =
        &operation["requestBody"]["content"]["application/json"]["example"]["outputFields"];
    for name in example.as_array().expect("request example") {
        add(name.as_str().expect("name"), None);
    }
    fields
}

async fn lookup(sim: &zi_sim::SimHandle, kind: &str) -> Vec<Value> {
    let token = login(sim).await;
    let a = get(sim, &token, &format!("/lookup/outputfields/{kind}/enrich")).await;
    assert_eq!(a.status, 200, "{}", a.body);
    a.json().as_array().expect("a list").clone()
}

#[tokio::test]
async fn the_lookups_list_exactly_the_published_fields() {
    let sim = start(small()).await;
    for kind in ["contact", "company"] {
        let expected = published(kind);
        let answer = lookup(&sim, kind).await;
        let names: BTreeSet<&str> = answer
            .iter()
            .filter_map(|f| f["fieldName"].as_str())
            .collect();
        let wanted: BTreeSet<&str> = expected.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(names, wanted, "{kind}");
        assert_eq!(answer.len(), expected.len(), "{kind}: a field listed twice");
        for field in &answer {
            let name = field["fieldName"].as_str().unwrap_or_default();
            let granted = field["accessGranted"].as_str().expect("a string boolean");
            assert!(
                granted == "true" || granted == "false",
                "{kind}.{name}: {granted}"
            );
            let described = expected
                .iter()
                .find(|(n, _)| n == name)
                .and_then(|(_, d)| d.clone());
            if let Some(described) = described {
                assert_eq!(field["description"], described.as_str(), "{kind}.{name}");
            }
        }
    }
    // Names the API does not have are not offered.
    let contact = lookup(&sim, "contact").await;
    for absent in ["department", "linkedInUrl"] {
        assert!(
            !contact.iter().any(|f| f["fieldName"] == absent),
            "{absent}"
        );
    }
}

#[tokio::test]
async fn withheld_fields_say_false_and_are_left_out_of_enrich_answers() {
    let sim = start(small()).await;
    let granted = |answer: &[Value], name: &str| {
        answer
            .iter()
            .find(|f| f["fieldName"] == name)
            .map(|f| f["accessGranted"].clone())
    };
    // By default, those the published example withholds.
    let contact = lookup(&sim, "contact").await;
    assert_eq!(granted(&contact, "techSkills"), Some("false".into()));
    assert_eq!(granted(&contact, "engagements"), Some("false".into()));
    assert_eq!(granted(&contact, "mobilePhone"), Some("true".into()));

    sim.knobs().withhold_contact_fields(&["mobilePhone"]);
    sim.knobs().withhold_company_fields(&["revenue"]);
    assert_eq!(
        granted(&lookup(&sim, "contact").await, "mobilePhone"),
        Some("false".into())
    );
    assert_eq!(
        granted(&lookup(&sim, "contact").await, "techSkills"),
        Some("true".into())
    );
    assert_eq!(
        granted(&lookup(&sim, "company").await, "revenue"),
        Some("false".into())
    );

    let token = login(&sim).await;
    let person = sim.dataset().people()[3].clone();
    let body = serde_json::json!({
        "matchPersonInput": [{ "personId": person.id }],
        "outputFields": ["mobilePhone", "email", "techSkills"],
    });
    let a = post(&sim, &token, "/enrich/contact", &body).await;
    assert_eq!(a.status, 200, "{}", a.body);
    let record = &a.json()["data"]["result"][0]["data"][0];
    assert_eq!(record["email"], person.email.as_str());
    assert!(record.get("mobilePhone").is_none(), "{record}");
    assert!(record["techSkills"].is_array(), "{record}");
}
