//! The GTM backend against the embedded simulator's `/gtm` API: the same data set, matching
//! and account as the legacy API, so both find the same people and count the same credits.

mod common;

use std::sync::Arc;

use serde_json::{json, Value};
use zi_client::{
    ClientConfig, ClientError, GtmClient, MatchStatus, Record, RecordKind, SearchCriteria,
    StaticAccessToken, UsageLimit, ZoomInfoBackend,
};
use zi_sim::{SimHandle, GTM_DEMO_TOKEN};

fn gtm_client(sim: &SimHandle, token: &str) -> GtmClient {
    let config = ClientConfig {
        base_url: format!("{}/gtm", sim.url()),
        ..common::config_for(sim)
    };
    GtmClient::new(config, Arc::new(StaticAccessToken::new(token))).expect("client")
}

fn input(value: Value) -> Record {
    serde_json::from_value(value).expect("object")
}

fn records_used(limits: &[UsageLimit]) -> i64 {
    limits
        .iter()
        .find(|l| l.limit_type == "recordLimit")
        .and_then(|l| l.current_usage)
        .expect("recordLimit is listed")
}

fn fields() -> Vec<String> {
    vec!["firstName".into(), "lastName".into(), "email".into()]
}

#[tokio::test]
async fn search_pages_past_the_first() {
    let (sim, _) = common::sim_and_client(common::unlimited()).await;
    let client = gtm_client(&sim, GTM_DEMO_TOKEN);
    let criteria = SearchCriteria::new();
    let first = client
        .search_page(RecordKind::Contact, &criteria, 1, 10)
        .await
        .expect("page 1");
    let second = client
        .search_page(RecordKind::Contact, &criteria, 2, 10)
        .await
        .expect("page 2");
    assert_eq!(second.current_page, 2);
    assert_eq!(first.records.len(), 10);
    assert_eq!(second.records.len(), 10);
    assert!(first.total_results > 20);
    assert_ne!(first.records[0]["id"], second.records[0]["id"]);
    assert!(second.records[0]["id"].is_i64(), "ids read back as numbers");
}

#[tokio::test]
async fn enrich_matches_and_misses_and_the_usage_counts_up() {
    let (sim, _) = common::sim_and_client(common::unlimited()).await;
    let client = gtm_client(&sim, GTM_DEMO_TOKEN);
    let person = sim.dataset().people()[5].clone();
    let before = records_used(&client.usage().await.expect("usage"));
    let results = client
        .enrich(
            RecordKind::Contact,
            &[
                input(json!({"emailAddress": person.email})),
                input(json!({"emailAddress": "nobody@nowhere.invalid"})),
            ],
            &fields(),
        )
        .await
        .expect("enrich");
    assert_eq!(results[0].status, MatchStatus::FullMatch);
    assert_eq!(results[0].records[0]["id"], json!(person.id));
    assert_eq!(results[0].input["emailAddress"], json!(person.email));
    assert_eq!(results[1].status, MatchStatus::NoMatch);
    assert!(results[1].records.is_empty());
    let after = records_used(&client.usage().await.expect("usage"));
    assert_eq!(after, before + 1, "one credit for the one match");
}

#[tokio::test]
async fn a_wrong_token_is_an_auth_error() {
    let (sim, _) = common::sim_and_client(common::unlimited()).await;
    let client = gtm_client(&sim, "not-a-token-the-sim-knows");
    let error = client.usage().await.expect_err("refused");
    assert!(
        matches!(error, ClientError::SessionRejected { .. }),
        "{error:?}"
    );
}

#[tokio::test]
async fn the_credit_limit_is_refused_as_gtm_does() {
    let (sim, _) = common::sim_and_client(common::unlimited()).await;
    sim.knobs().set_credit_limit(Some(0));
    let client = gtm_client(&sim, GTM_DEMO_TOKEN);
    let person = sim.dataset().people()[1].clone();
    let error = client
        .enrich(
            RecordKind::Contact,
            &[input(json!({"personId": person.id}))],
            &fields(),
        )
        .await
        .expect_err("no credits");
    // Legacy's 403 and GTM's 400 PFAPI0011 read alike: the job stops.
    assert!(
        matches!(&error, ClientError::Forbidden { message } if message == "You have exceeded your API query limit"),
        "{error:?}"
    );
}

#[tokio::test]
async fn more_than_25_inputs_are_refused_by_the_sim() {
    let (sim, _) = common::sim_and_client(common::unlimited()).await;
    let body = json!({"data": {"type": "ContactEnrich", "attributes": {
        "matchPersonInput": vec![json!({"personId": 1}); 26], "outputFields": ["email"]}}});
    let answer = reqwest::Client::new()
        .post(format!("{}/gtm/data/v1/contacts/enrich", sim.url()))
        .bearer_auth(GTM_DEMO_TOKEN)
        .header("content-type", "application/vnd.api+json")
        .json(&body)
        .send()
        .await
        .expect("answer");
    assert_eq!(answer.status(), 400);
    let document: Value = answer.json().await.expect("json");
    assert_eq!(document["errors"][0]["status"], "400");
}

#[tokio::test]
async fn legacy_and_gtm_find_the_same_person() {
    let (sim, legacy) = common::sim_and_client(common::unlimited()).await;
    let gtm = gtm_client(&sim, GTM_DEMO_TOKEN);
    let person = sim.dataset().people()[42].clone();
    let company = sim
        .dataset()
        .company_of(&person)
        .expect("has a company")
        .name
        .clone();
    let by_name = input(
        json!({"firstName": person.first_name, "lastName": person.last_name,
        "companyName": company}),
    );
    let through_legacy = legacy
        .enrich(
            RecordKind::Contact,
            std::slice::from_ref(&by_name),
            &fields(),
        )
        .await
        .expect("legacy");
    let through_gtm = gtm
        .enrich(RecordKind::Contact, &[by_name], &fields())
        .await
        .expect("gtm");
    assert_eq!(through_legacy[0].records[0]["id"], json!(person.id));
    assert_eq!(
        through_gtm[0].records[0]["id"],
        through_legacy[0].records[0]["id"]
    );
    assert_eq!(
        through_gtm[0].records[0]["email"],
        through_legacy[0].records[0]["email"]
    );
}

#[tokio::test]
async fn a_missing_token_is_refused_with_a_json_api_error() {
    let (sim, _) = common::sim_and_client(common::unlimited()).await;
    let answer = reqwest::Client::new()
        .get(format!("{}/gtm/data/v1/users/usage", sim.url()))
        .send()
        .await
        .expect("answer");
    assert_eq!(answer.status(), 401);
    assert_eq!(
        answer.headers()["content-type"],
        zi_client::gtm::facts::MEDIA_TYPE
    );
    let document: Value = answer.json().await.expect("json");
    assert_eq!(document["errors"][0]["status"], "401");
}
