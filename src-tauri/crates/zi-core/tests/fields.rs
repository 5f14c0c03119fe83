//! What comes out and what goes in, as a user would notice them: the columns offered are the
//! account's own, the output cells read as text, hashed e-mails and a minimum accuracy reach
//! ZoomInfo in the request, and a company's name travels with its website.

use std::collections::HashMap;
use std::path::Path;

use serde_json::Value;
use zi_client::RecordKind;
use zi_core::enrich::{EnrichRequest, JobControl, RunOptions};
use zi_core::{Console, CoreError};
use zi_demo::sample::write_sample_file;
use zi_sim::{SimConfig, SimHandle};

mod common;
use common::demo;

/// The rows of a CSV as header → cell maps.
fn read_rows(path: &Path) -> Vec<HashMap<String, String>> {
    let mut reader = csv::Reader::from_path(path).expect("csv");
    let headers = reader.headers().expect("headers").clone();
    reader
        .records()
        .map(|r| {
            let r = r.expect("row");
            headers
                .iter()
                .zip(r.iter())
                .map(|(h, c)| (h.to_string(), c.to_string()))
                .collect()
        })
        .collect()
}

fn headers(path: &Path) -> Vec<String> {
    let mut reader = csv::Reader::from_path(path).expect("csv");
    reader
        .headers()
        .expect("headers")
        .iter()
        .map(str::to_string)
        .collect()
}

/// The `outputFields` and the inputs of every enrich request the simulator received.
fn sent(sim: &SimHandle) -> (Vec<Vec<String>>, Vec<Value>) {
    let mut fields = Vec::new();
    let mut inputs = Vec::new();
    for body in sim.enrich_requests() {
        let names = body["outputFields"]
            .as_array()
            .expect("outputFields")
            .iter()
            .filter_map(|f| f.as_str().map(str::to_string))
            .collect();
        fields.push(names);
        for key in ["matchPersonInput", "matchCompanyInput"] {
            if let Some(items) = body[key].as_array() {
                inputs.extend(items.iter().cloned());
            }
        }
    }
    (fields, inputs)
}

async fn run(console: &Console, request: &EnrichRequest, options: RunOptions) -> i64 {
    let plan = console.plan_enrichment(request).await.expect("plan");
    let outcome = console
        .run_enrichment(plan.job_id, &options, &JobControl::default(), |_| {})
        .await
        .expect("run");
    assert_eq!(outcome.state, "completed", "{outcome:?}");
    plan.job_id
}

#[tokio::test]
async fn only_the_accounts_granted_fields_are_offered_requested_and_appended() {
    let dir = tempfile::tempdir().expect("dir");
    let input = dir.path().join("contacts.csv");
    write_sample_file(RecordKind::Contact, 120, &input).expect("sample");
    let console = demo(&dir.path().join("data"), SimConfig::unlimited()).await;
    let sim = zi_demo::simulator(&console).expect("sim").clone();
    sim.knobs()
        .withhold_contact_fields(&["mobilePhone", "companyWebsite", "techSkills"]);

    let offered = console
        .output_columns(RecordKind::Contact)
        .await
        .expect("columns");
    assert!(offered.from_account);
    let mobile = offered
        .fields
        .iter()
        .find(|f| f.field_name == "mobilePhone")
        .expect("listed");
    assert!(!mobile.access_granted, "shown, but not granted");
    assert!(!offered.available.contains(&"mobilePhone".to_string()));
    assert!(!offered.default.contains(&"mobilePhone".to_string()));
    assert!(offered.default.contains(&"email".to_string()));
    assert!(offered.fields.iter().all(|f| f.field_name != "department"));
    let described = offered
        .fields
        .iter()
        .find(|f| f.field_name == "jobFunction")
        .expect("jobFunction");
    assert!(!described.description.is_empty(), "descriptions are hints");

    // A column the plan withholds, or one ZoomInfo does not have, is refused in words.
    let mut asking = EnrichRequest::for_file(RecordKind::Contact, &input);
    asking.columns = vec!["email".into(), "techSkills".into()];
    let refused = console.plan_enrichment(&asking).await.expect_err("refused");
    assert_eq!(refused.code(), zi_core::ErrorCode::OutputField);
    let message = refused.to_string();
    assert!(
        message.starts_with("'techSkills' is not included in this ZoomInfo account's plan"),
        "{message}"
    );
    assert!(
        message.contains("jobFunction") && !message.contains("mobilePhone,"),
        "{message}"
    );
    asking.columns = vec!["department".into()];
    let unknown = console
        .plan_enrichment(&asking)
        .await
        .expect_err("refused")
        .to_string();
    assert!(unknown.contains("'department' is not a ZoomInfo contact field. The department is part of 'jobFunction'."), "{unknown}");

    let request = EnrichRequest::for_file(RecordKind::Contact, &input);
    let job = run(&console, &request, RunOptions::default()).await;
    let (fields, _) = sent(&sim);
    assert!(!fields.is_empty());
    for asked in &fields {
        for name in asked {
            assert!(
                offered.available.contains(name) || name == "id",
                "requested {name}, which the account does not grant"
            );
        }
    }
    let out = dir.path().join("out.csv");
    console
        .export_enrichment(job, &out, &[])
        .await
        .expect("export");
    let columns = headers(&out);
    assert!(columns.contains(&"zi_email".to_string()), "{columns:?}");
    assert!(
        !columns
            .iter()
            .any(|c| c == "zi_mobilePhone" || c == "zi_companyWebsite"),
        "{columns:?}"
    );
    let refused = console
        .export_enrichment(job, &out, &["mobilePhone".into()])
        .await
        .expect_err("refused");
    assert_eq!(refused.code(), zi_core::ErrorCode::OutputField);
}

#[tokio::test]
async fn a_dry_run_checks_columns_without_calling_the_api() {
    let dir = tempfile::tempdir().expect("dir");
    let data = dir.path().join("data");
    let input = dir.path().join("contacts.csv");
    write_sample_file(RecordKind::Contact, 60, &input).expect("sample");
    {
        // A first session reads the account's list (mobilePhone withheld) and keeps it.
        let console = demo(&data, SimConfig::unlimited()).await;
        let sim = zi_demo::simulator(&console).expect("sim");
        sim.knobs().withhold_contact_fields(&["mobilePhone"]);
        console
            .output_columns(RecordKind::Contact)
            .await
            .expect("columns");
    }
    let console = demo(&data, SimConfig::unlimited()).await;
    let sim = zi_demo::simulator(&console).expect("sim").clone();
    sim.reset_stats();
    let mut request = EnrichRequest::for_file(RecordKind::Contact, &input);
    request.columns = vec!["email".into(), "jobFunction".into()];
    let plan = console
        .estimate_enrichment(&request)
        .await
        .expect("estimate");
    assert_eq!(plan.estimate.rows, 60);
    request.columns = vec!["mobilePhone".into()];
    let refused = console
        .estimate_enrichment(&request)
        .await
        .expect_err("refused");
    assert!(matches!(refused, CoreError::Field(_)), "{refused}");
    assert_eq!(sim.stats().requests, 0, "the dry run asked nothing");
}

#[tokio::test]
async fn nested_fields_arrive_in_the_file_as_readable_cells() {
    let dir = tempfile::tempdir().expect("dir");
    let input = dir.path().join("contacts.csv");
    write_sample_file(RecordKind::Contact, 80, &input).expect("sample");
    let console = demo(&dir.path().join("data"), SimConfig::unlimited()).await;
    let columns: Vec<String> = [
        "email",
        "jobFunction",
        "externalUrls",
        "companyIndustries",
        "managementLevel",
    ]
    .map(String::from)
    .to_vec();
    let request = EnrichRequest::for_file(RecordKind::Contact, &input);
    let options = RunOptions {
        columns: columns.clone(),
        ..RunOptions::default()
    };
    let job = run(&console, &request, options).await;
    let out = dir.path().join("out.csv");
    console
        .export_enrichment(job, &out, &columns)
        .await
        .expect("export");
    let rows = read_rows(&out);
    let matched: Vec<&HashMap<String, String>> = rows
        .iter()
        .filter(|r| r["zi_match_status"] == "FULL_MATCH")
        .collect();
    assert!(matched.len() > 20, "{}", matched.len());
    for row in &matched {
        for column in &columns {
            let cell = &row[&format!("zi_{column}")];
            assert!(
                !cell.contains('{') && !cell.contains('['),
                "{column}: {cell}"
            );
        }
        // "Engineering (Engineering)": the job function with its department.
        let function = &row["zi_jobFunction"];
        assert!(
            function.ends_with(')') && function.contains(" ("),
            "{function}"
        );
        assert!(!row["zi_companyIndustries"].is_empty());
    }
    let linked = matched
        .iter()
        .map(|r| &r["zi_externalUrls"])
        .find(|c| !c.is_empty())
        .expect("someone has a LinkedIn page");
    assert!(linked.starts_with("linkedin: https://"), "{linked}");

    // The review shows the same cells.
    let review = console
        .review_enrichment(
            job,
            &zi_core::enrich::ReviewQuery {
                facet: Some(zi_core::enrich::ReviewFacet::Matched),
                text: None,
                offset: 0,
                limit: 10,
                columns: vec!["jobFunction".into(), "externalUrls".into()],
            },
        )
        .await
        .expect("review");
    assert!(
        review.lines.iter().all(|l| l.values[0].contains(" (")),
        "{:?}",
        review.lines[0]
    );
}

#[tokio::test]
async fn a_column_of_sha512_digests_is_matched_as_hashed_emails() {
    let dir = tempfile::tempdir().expect("dir");
    let input = dir.path().join("hashed.csv");
    let console = demo(&dir.path().join("data"), SimConfig::unlimited()).await;
    let sim = zi_demo::simulator(&console).expect("sim").clone();
    let people: Vec<zi_sim::Person> = sim
        .dataset()
        .people()
        .iter()
        .step_by(11)
        .take(30)
        .cloned()
        .collect();
    let mut file = String::from("email_sha512,Segment\n");
    for person in &people {
        let [_, _, _, sha512] = zi_sim::email_digests(&person.email);
        file.push_str(&format!("{},enterprise\n", sha512.to_uppercase()));
    }
    file.push_str(&format!("{},unknown\n", "ab".repeat(64)));
    std::fs::write(&input, file).expect("write");

    let request = EnrichRequest::for_file(RecordKind::Contact, &input);
    let plan = console.plan_enrichment(&request).await.expect("plan");
    assert_eq!(
        plan.mapping[0].input,
        Some(zi_core::enrich::mapping::MatchInput::HashedEmail),
        "{:?}",
        plan.mapping[0]
    );
    let job = run(&console, &request, RunOptions::default()).await;
    let (_, inputs) = sent(&sim);
    assert_eq!(inputs.len(), 31);
    let [_, _, _, first] = zi_sim::email_digests(&people[0].email);
    assert!(
        inputs
            .iter()
            .any(|i| i == &serde_json::json!({ "hashedEmail": first })),
        "sent as lower-case hex under hashedEmail: {:?}",
        inputs[0]
    );
    let out = dir.path().join("out.csv");
    console
        .export_enrichment(job, &out, &["email".into()])
        .await
        .expect("export");
    let rows = read_rows(&out);
    for (row, person) in rows.iter().zip(&people) {
        assert_eq!(row["zi_email"], person.email);
    }
    assert_eq!(rows[30]["zi_match_status"], "NO_MATCH");
}

#[tokio::test]
async fn a_minimum_accuracy_is_sent_with_every_contact_and_nobody_under_it_is_bought() {
    let dir = tempfile::tempdir().expect("dir");
    let input = dir.path().join("contacts.csv");
    write_sample_file(RecordKind::Contact, 200, &input).expect("sample");
    let console = demo(&dir.path().join("data"), SimConfig::unlimited()).await;
    let sim = zi_demo::simulator(&console).expect("sim").clone();
    let request = EnrichRequest::for_file(RecordKind::Contact, &input);
    let plan = console.plan_enrichment(&request).await.expect("plan");

    for (wrong, says) in [
        (Some(60), "choose 70 to 99"),
        (Some(100), "choose 70 to 99"),
    ] {
        let options = RunOptions {
            min_accuracy: wrong,
            ..RunOptions::default()
        };
        let error = console
            .run_enrichment(plan.job_id, &options, &JobControl::default(), |_| {})
            .await
            .expect_err("refused");
        assert!(error.to_string().contains(says), "{error}");
    }
    assert_eq!(sim.stats().enrich_calls, 0);

    let options = RunOptions {
        min_accuracy: Some(90),
        columns: vec!["contactAccuracyScore".into()],
        ..RunOptions::default()
    };
    let outcome = console
        .run_enrichment(plan.job_id, &options, &JobControl::default(), |_| {})
        .await
        .expect("run");
    let (_, inputs) = sent(&sim);
    assert!(!inputs.is_empty());
    assert!(
        inputs.iter().all(|i| i["contactAccuracyScoreMin"] == 90),
        "{:?}",
        inputs[0]
    );
    let out = dir.path().join("out.csv");
    console
        .export_enrichment(plan.job_id, &out, &["contactAccuracyScore".into()])
        .await
        .expect("export");
    let rows = read_rows(&out);
    let scores: Vec<u32> = rows
        .iter()
        .filter(|r| r["zi_match_status"] == "FULL_MATCH")
        .map(|r| r["zi_contactAccuracyScore"].parse().expect("a score"))
        .collect();
    assert!(
        !scores.is_empty() && scores.iter().all(|s| *s >= 90),
        "{scores:?}"
    );
    assert!(
        rows.iter()
            .any(|r| r["zi_match_status"] == "NON_MATCH_BY_CONTACT_ACCURACY_MIN"),
        "someone was under 90"
    );
    assert_eq!(outcome.credits_spent, sim.stats().credits_used);

    // Companies have no score.
    let companies = dir.path().join("companies.csv");
    write_sample_file(RecordKind::Company, 20, &companies).expect("sample");
    let company_plan = console
        .plan_enrichment(&EnrichRequest::for_file(RecordKind::Company, &companies))
        .await
        .expect("plan");
    let error = console
        .run_enrichment(
            company_plan.job_id,
            &RunOptions {
                min_accuracy: Some(80),
                ..RunOptions::default()
            },
            &JobControl::default(),
            |_| {},
        )
        .await
        .expect_err("refused");
    assert!(error.to_string().contains("contacts only"), "{error}");
}

#[tokio::test]
async fn a_company_name_goes_with_its_website_in_one_input() {
    let dir = tempfile::tempdir().expect("dir");
    let input = dir.path().join("companies.csv");
    write_sample_file(RecordKind::Company, 60, &input).expect("sample");
    let console = demo(&dir.path().join("data"), SimConfig::unlimited()).await;
    let sim = zi_demo::simulator(&console).expect("sim").clone();
    let request = EnrichRequest::for_file(RecordKind::Company, &input);
    run(&console, &request, RunOptions::default()).await;
    let (_, inputs) = sent(&sim);
    let both = inputs
        .iter()
        .filter(|i| i.get("companyWebsite").is_some() && i.get("companyName").is_some())
        .count();
    assert!(
        both > 10,
        "name and website together: {both} of {}",
        inputs.len()
    );
    assert!(
        inputs
            .iter()
            .all(|i| i.as_object().is_some_and(|o| !o.is_empty())),
        "no empty input"
    );
}
