//! Search, enrich and usage against the simulator's published shapes.

mod common;

use common::*;
use serde_json::json;
use zi_client::{search_all, MatchStatus, Record, RecordKind, ZoomInfoBackend};
use zi_sim::SimConfig;

fn record(value: serde_json::Value) -> Record {
    value.as_object().cloned().expect("object")
}

#[tokio::test]
async fn paging_stops_at_the_ceiling_and_says_so() {
    let (sim, client) = sim_and_client(unlimited()).await;
    let mut progress = Vec::new();
    let found = search_all(
        &client,
        RecordKind::Contact,
        &Default::default(),
        None,
        |n, _| progress.push(n),
    )
    .await
    .expect("search");
    assert_eq!(found.records.len(), 1_000);
    assert_eq!(found.stopped_at_ceiling, Some(1_000));
    assert!(found.total_results > 1_000);
    assert_eq!(
        sim.stats().search_calls,
        10,
        "ten pages of 100, nothing past the ceiling"
    );
    assert_eq!(progress.last(), Some(&1_000));
    let ids: std::collections::HashSet<_> =
        found.records.iter().map(|r| r["id"].to_string()).collect();
    assert_eq!(ids.len(), 1_000, "no page fetched twice");
}

#[tokio::test]
async fn a_small_max_fetches_only_what_is_needed() {
    let (sim, client) = sim_and_client(unlimited()).await;
    let found = search_all(
        &client,
        RecordKind::Company,
        &Default::default(),
        Some(30),
        |_, _| {},
    )
    .await
    .expect("search");
    assert_eq!(found.records.len(), 30);
    assert_eq!(
        found.stopped_at_ceiling, None,
        "the user asked for 30; no ceiling was hit"
    );
    assert_eq!(sim.stats().search_calls, 1);
}

#[tokio::test]
async fn a_narrow_search_returns_every_match() {
    let (sim, client) = sim_and_client(unlimited()).await;
    let person = sim.dataset().people()[7].clone();
    let criteria = record(json!({"lastName": person.last_name}));
    let found = search_all(&client, RecordKind::Contact, &criteria, None, |_, _| {})
        .await
        .expect("search");
    assert!(found.records.iter().any(|r| r["id"] == json!(person.id)));
    assert_eq!(found.records.len() as u64, found.total_results);
    assert_eq!(found.stopped_at_ceiling, None);
}

#[tokio::test]
async fn enrich_keeps_input_order_and_every_status() {
    let (sim, client) = sim_and_client(unlimited()).await;
    let people = sim.dataset().people();
    let inputs = vec![
        record(json!({"emailAddress": people[0].email})),
        record(json!({"emailAddress": "nobody@nowhere.example"})),
        record(json!({"personId": people[1].id})),
        record(json!({"jobTitle": "only a title"})),
    ];
    let results = client
        .enrich(
            RecordKind::Contact,
            &inputs,
            &["id".into(), "email".into(), "companyName".into()],
        )
        .await
        .expect("enrich");
    let statuses: Vec<MatchStatus> = results.iter().map(|r| r.status.clone()).collect();
    assert_eq!(
        statuses,
        vec![
            MatchStatus::FullMatch,
            MatchStatus::NoMatch,
            MatchStatus::FullMatch,
            MatchStatus::InvalidInput
        ]
    );
    assert_eq!(results[0].records[0]["email"], json!(people[0].email));
    assert_eq!(results[2].records[0]["id"], json!(people[1].id));
    assert_eq!(
        sim.stats().credits_used,
        2,
        "one credit per returned record"
    );
}

#[tokio::test]
async fn enrich_without_match_status_still_reads_matches() {
    let (sim, client) = sim_and_client(SimConfig {
        omit_match_status: true,
        ..unlimited()
    })
    .await;
    let company = sim.dataset().companies()[3].clone();
    let inputs = vec![
        record(json!({"companyWebsite": format!("https://{}/about", company.domain)})),
        record(json!({"companyName": "No Such Company Ltd"})),
    ];
    let results = client
        .enrich(RecordKind::Company, &inputs, &["id".into(), "name".into()])
        .await
        .expect("enrich");
    assert_eq!(results[0].status, MatchStatus::FullMatch);
    assert_eq!(results[0].records[0]["id"], json!(company.id));
    assert_eq!(results[1].status, MatchStatus::NoMatch);
}

#[tokio::test]
async fn more_than_25_inputs_are_refused_before_sending() {
    let (sim, client) = sim_and_client(unlimited()).await;
    let inputs = vec![record(json!({"personId": 1})); 26];
    let error = client
        .enrich(RecordKind::Contact, &inputs, &["id".into()])
        .await
        .expect_err("too many");
    assert!(error.to_string().contains("at most 25"), "{error}");
    assert_eq!(sim.stats().enrich_calls, 0);
}

#[tokio::test]
async fn the_credit_limit_mid_batch_marks_the_rest_limit_exceeded() {
    let (sim, client) = sim_and_client(SimConfig {
        credit_limit: Some(2),
        ..unlimited()
    })
    .await;
    let people = sim.dataset().people();
    let inputs: Vec<Record> = people[..4]
        .iter()
        .map(|p| record(json!({"emailAddress": p.email})))
        .collect();
    let results = client
        .enrich(RecordKind::Contact, &inputs, &["id".into()])
        .await
        .expect("enrich");
    let exceeded = results
        .iter()
        .filter(|r| r.status.is_limit_exceeded())
        .count();
    assert_eq!(exceeded, 2);
    assert_eq!(sim.stats().credits_used, 2);
}

#[tokio::test]
async fn usage_lists_every_limit_with_zoominfos_names() {
    let (_sim, client) = sim_and_client(unlimited()).await;
    let limits = client.usage().await.expect("usage");
    let types: Vec<&str> = limits.iter().map(|l| l.limit_type.as_str()).collect();
    assert!(
        types.contains(&"requestLimit")
            && types.contains(&"recordLimit")
            && types.contains(&"uniqueIdLimit"),
        "{types:?}"
    );
    assert!(limits
        .iter()
        .all(|l| l.limit.is_some() && l.current_usage.is_some()));
}

#[tokio::test]
async fn the_account_output_fields_come_marked_granted_or_not() {
    let (sim, client) = sim_and_client(unlimited()).await;
    sim.knobs().withhold_company_fields(&["revenue", "ticker"]);
    let contact = client
        .output_fields(RecordKind::Contact)
        .await
        .expect("contact lookup");
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
    assert!(email.access_granted && !email.description.is_empty());

    let company = client
        .output_fields(RecordKind::Company)
        .await
        .expect("company lookup");
    let withheld: Vec<&str> = company
        .iter()
        .filter(|f| !f.access_granted)
        .map(|f| f.field_name.as_str())
        .collect();
    // The knob replaces the default list: engagements is granted now.
    assert_eq!(withheld, ["ticker", "revenue"]);
}
