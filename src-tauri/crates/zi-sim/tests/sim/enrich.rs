use serde_json::{json, Value};
use zi_sim::{Person, SimHandle};

use crate::common::*;

fn people(sim: &SimHandle, n: usize) -> Vec<Person> {
    sim.dataset()
        .people()
        .iter()
        .step_by(37)
        .take(n)
        .cloned()
        .collect()
}

fn by_id(ids: &[i64]) -> Value {
    Value::Array(ids.iter().map(|id| json!({ "personId": id })).collect())
}

async fn enrich_ids(sim: &SimHandle, token: &str, ids: &[i64]) -> Answer {
    let body = json!({ "matchPersonInput": by_id(ids), "outputFields": ["firstName", "email"] });
    post(sim, token, "/enrich/contact", &body).await
}

fn statuses(body: &Value) -> Vec<String> {
    body["data"]["result"]
        .as_array()
        .expect("result")
        .iter()
        .map(|r| r["matchStatus"].as_str().unwrap_or("<none>").to_string())
        .collect()
}

#[tokio::test]
async fn more_than_25_inputs_is_400() {
    let sim = start(small()).await;
    let token = login(&sim).await;
    let ids: Vec<i64> = people(&sim, 26).iter().map(|p| p.id).collect();
    let a = enrich_ids(&sim, &token, &ids).await;
    assert_eq!(
        (a.status, a.error().as_str()),
        (400, "Maximum of 25 inputs allowed")
    );
    assert_eq!(enrich_ids(&sim, &token, &ids[..25]).await.status, 200);
    assert_eq!(sim.stats().credits_used, 25);
}

#[tokio::test]
async fn missing_output_fields_is_400() {
    let sim = start(small()).await;
    let token = login(&sim).await;
    let id = sim.dataset().people()[0].id;
    for body in [
        json!({ "matchPersonInput": [{ "personId": id }] }),
        json!({ "matchPersonInput": [{ "personId": id }], "outputFields": [] }),
    ] {
        let a = post(&sim, &token, "/enrich/contact", &body).await;
        assert_eq!(
            (a.status, a.error().as_str()),
            (400, "Missing outputFields parameter")
        );
    }
    assert_eq!(sim.stats().credits_used, 0);
}

#[tokio::test]
async fn results_are_positional_with_lowercased_echo() {
    let sim = start(small()).await;
    let token = login(&sim).await;
    let ps = people(&sim, 3);
    let company = sim
        .dataset()
        .company(ps[2].company_id)
        .expect("company")
        .clone();
    let body = json!({
        "matchPersonInput": [
            { "personId": ps[0].id },
            { "emailAddress": "nobody@nowhere.invalid" },
            { "firstName": "Only" },
            { "firstName": ps[2].first_name, "lastName": ps[2].last_name, "companyName": company.name },
            { "emailAddress": ps[1].email.to_uppercase() },
        ],
        "outputFields": ["firstName", "lastName", "Email", "companyName", "companyWebsite",
                         "hasCanadianEmail", "withinEu", "validDate", "lastUpdatedDate",
                         "managementLevel", "noSuchField"],
    });
    let a = post(&sim, &token, "/enrich/contact", &body).await;
    assert_eq!(a.status, 200, "{}", a.body);
    let body = a.json();
    assert_eq!(body["success"], true);
    assert_eq!(
        statuses(&body),
        [
            "FULL_MATCH",
            "NO_MATCH",
            "INVALID_INPUT",
            "FULL_MATCH",
            "FULL_MATCH"
        ]
    );

    let fields = &body["data"]["outputFields"];
    assert!(
        fields.is_array() && fields[0].is_array(),
        "nested array: {fields}"
    );
    assert_eq!(fields[0][0], "id");
    assert!(fields[0]
        .as_array()
        .expect("fields")
        .iter()
        .any(|f| f == "email"));

    let results = body["data"]["result"].as_array().expect("result");
    let echo = results[3]["input"].as_object().expect("echo");
    assert!(echo.contains_key("firstname") && echo.contains_key("lastname"));
    assert!(echo.contains_key("companyname") && !echo.contains_key("firstName"));
    assert_eq!(results[1]["data"], json!([]));
    assert_eq!(results[2]["data"], json!([]));

    let rec = &results[0]["data"][0];
    assert_eq!(rec["id"], ps[0].id);
    assert_eq!(rec["email"], ps[0].email);
    assert!(
        rec["hasCanadianEmail"].is_string(),
        "string boolean like the example"
    );
    assert!(rec["withinEu"].is_boolean());
    assert!(rec["managementLevel"].is_array());
    assert!(rec.get("noSuchField").is_none());
    assert_eq!(rec["company"]["id"], ps[0].company_id);
    assert!(rec["company"]["name"].is_string() && rec["company"]["website"].is_string());
    let updated = rec["lastUpdatedDate"].as_str().expect("lastUpdatedDate");
    assert_eq!(updated.len(), 10, "MM/DD/YYYY: {updated}");

    assert_eq!(results[3]["data"][0]["id"], ps[2].id);
    assert_eq!(results[4]["data"][0]["id"], ps[1].id);
    assert_eq!(sim.stats().credits_used, 3);
}

#[tokio::test]
async fn phone_and_full_name_inputs_match() {
    let sim = start(small()).await;
    let token = login(&sim).await;
    let with_phone = sim
        .dataset()
        .people()
        .iter()
        .find(|p| !p.phone.is_empty())
        .expect("phone")
        .clone();
    let other = sim.dataset().people()[500].clone();
    let digits: String = with_phone
        .phone
        .chars()
        .filter(char::is_ascii_digit)
        .collect();
    let body = json!({
        "matchPersonInput": [
            { "phone": digits },
            { "fullName": format!("{} {}", other.first_name, other.last_name), "companyId": other.company_id },
        ],
        "outputFields": ["phone"],
    });
    let body = post(&sim, &token, "/enrich/contact", &body).await.json();
    let results = &body["data"]["result"];
    assert_eq!(results[0]["data"][0]["id"], with_phone.id);
    assert_eq!(results[0]["data"][0]["phone"], with_phone.phone);
    assert_eq!(results[1]["matchStatus"], "FULL_MATCH");
}

#[tokio::test]
async fn every_returned_record_costs_a_credit_refetches_too() {
    let sim = start(small()).await;
    let token = login(&sim).await;
    let ids: Vec<i64> = people(&sim, 3).iter().map(|p| p.id).collect();
    enrich_ids(&sim, &token, &ids).await;
    enrich_ids(&sim, &token, &ids).await;
    let stats = sim.stats();
    assert_eq!(stats.credits_used, 6);
    assert_eq!(stats.distinct_records_charged, 3);
    assert_eq!(stats.enrich_calls, 2);

    let usage = get(&sim, &token, "/lookup/usage").await.json();
    let entry = |t: &str| {
        usage["usage"]
            .as_array()
            .expect("usage")
            .iter()
            .find(|e| e["limitType"] == t)
            .cloned()
            .expect("entry")
    };
    assert_eq!(entry("recordLimit")["currentUsage"], 6);
    assert_eq!(entry("uniqueIdLimit")["currentUsage"], 3);
}

#[tokio::test]
async fn credit_limit_mid_batch_then_403() {
    let sim = start(small()).await;
    sim.knobs().set_credit_limit(Some(3));
    let token = login(&sim).await;
    let ids: Vec<i64> = people(&sim, 5).iter().map(|p| p.id).collect();
    let a = enrich_ids(&sim, &token, &ids).await;
    assert_eq!(a.status, 200);
    let body = a.json();
    assert_eq!(
        statuses(&body),
        [
            "FULL_MATCH",
            "FULL_MATCH",
            "FULL_MATCH",
            "LIMIT_EXCEEDED",
            "LIMIT_EXCEEDED"
        ]
    );
    assert_eq!(body["data"]["result"][4]["data"], json!([]));
    assert_eq!(sim.stats().credits_used, 3);

    let a = enrich_ids(&sim, &token, &ids[..1]).await;
    assert_eq!(
        (a.status, a.error().as_str()),
        (403, "You have exceeded your API query limit")
    );
    assert_eq!(sim.stats().credits_used, 3);

    // Raising the limit lets the job resume.
    sim.knobs().set_credit_limit(Some(10));
    assert_eq!(enrich_ids(&sim, &token, &ids[3..]).await.status, 200);
    assert_eq!(sim.stats().credits_used, 5);
}

#[tokio::test]
async fn match_status_can_be_omitted_like_the_published_example() {
    let sim = start(small()).await;
    sim.knobs().set_omit_match_status(true);
    let token = login(&sim).await;
    let ids = [sim.dataset().people()[0].id, 42];
    let body = enrich_ids(&sim, &token, &ids).await.json();
    for r in body["data"]["result"].as_array().expect("result") {
        assert!(r.get("matchStatus").is_none(), "{r}");
    }
    assert_eq!(
        body["data"]["result"][0]["data"].as_array().map(Vec::len),
        Some(1)
    );
    assert_eq!(body["data"]["result"][1]["data"], json!([]));
}

#[tokio::test]
async fn company_enrich_matches_id_name_website_and_ticker() {
    let sim = start(small()).await;
    let token = login(&sim).await;
    let ds = sim.dataset();
    let c = ds.companies()[5].clone();
    let listed = ds.companies().iter().find(|c| c.ticker.is_some()).cloned();
    let mut inputs = vec![
        json!({ "companyId": c.id }),
        json!({ "companyName": format!("  {}  ", c.name.to_uppercase()) }),
        json!({ "companyWebsite": format!("https://{}/contact", c.website) }),
        json!({ "companyName": "No Such Company Anywhere" }),
        json!({ "ipAddress": "10.0.0.1" }),
    ];
    if let Some(l) = &listed {
        inputs.push(json!({ "companyTicker": l.ticker_symbol() }));
    }
    let body = json!({
        "matchCompanyInput": inputs,
        "outputFields": ["id", "name", "website", "revenue", "employeeCount", "industries", "ticker", "bogus"],
    });
    let a = post(&sim, &token, "/enrich/company", &body).await;
    assert_eq!(a.status, 200, "{}", a.body);
    let body = a.json();
    let mut expected = vec![
        "FULL_MATCH",
        "FULL_MATCH",
        "FULL_MATCH",
        "NO_MATCH",
        "INVALID_INPUT",
    ];
    if listed.is_some() {
        expected.push("FULL_MATCH");
    }
    assert_eq!(statuses(&body), expected);
    let results = &body["data"]["result"];
    for i in 0..3 {
        assert_eq!(results[i]["data"][0]["id"], c.id);
    }
    let rec = &results[0]["data"][0];
    assert_eq!(rec["name"], c.name);
    assert_eq!(rec["website"], c.website);
    assert_eq!(rec["revenue"], c.revenue);
    assert!(rec["industries"].is_array());
    assert!(rec.get("bogus").is_none());
    assert_eq!(results[4]["input"], json!({ "ipaddress": "10.0.0.1" }));
    if let Some(l) = listed {
        assert_eq!(results[5]["data"][0]["id"], l.id);
    }
}

#[tokio::test]
async fn hashed_emails_of_every_published_algorithm_find_the_person() {
    let sim = start(small()).await;
    let token = login(&sim).await;
    let person = people(&sim, 5)[4].clone();
    // Hashes of the e-mail as a customer's tool writes them: trimmed, lower-cased, hex.
    let digests = zi_sim::email_digests(&format!("  {}  ", person.email.to_uppercase()));
    let mut inputs: Vec<Value> = digests
        .iter()
        .map(|d| json!({ "hashedEmail": d.to_uppercase() }))
        .collect();
    inputs.push(json!({ "hashedEmail": "0".repeat(128) }));
    let body = json!({ "matchPersonInput": inputs, "outputFields": ["email"] });
    let a = post(&sim, &token, "/enrich/contact", &body).await;
    assert_eq!(a.status, 200, "{}", a.body);
    let body = a.json();
    assert_eq!(
        statuses(&body),
        [
            "FULL_MATCH",
            "FULL_MATCH",
            "FULL_MATCH",
            "FULL_MATCH",
            "NO_MATCH"
        ]
    );
    for i in 0..4 {
        assert_eq!(body["data"]["result"][i]["data"][0]["id"], person.id);
    }
}

#[tokio::test]
async fn a_minimum_accuracy_leaves_out_people_below_it_free_of_charge() {
    let sim = start(small()).await;
    let token = login(&sim).await;
    let everyone = sim.dataset().people();
    let low = everyone
        .iter()
        .find(|p| p.contact_accuracy_score < 80)
        .expect("someone under 80");
    let high = everyone
        .iter()
        .find(|p| p.contact_accuracy_score >= 90)
        .expect("someone at 90 or more");
    let body = json!({
        "matchPersonInput": [
            { "personId": low.id, "contactAccuracyScoreMin": 85 },
            { "personId": high.id, "contactAccuracyScoreMin": "85" },
            { "personId": low.id },
        ],
        "outputFields": ["contactAccuracyScore"],
    });
    let a = post(&sim, &token, "/enrich/contact", &body).await;
    assert_eq!(a.status, 200, "{}", a.body);
    let body = a.json();
    assert_eq!(
        statuses(&body),
        [
            "NON_MATCH_BY_CONTACT_ACCURACY_MIN",
            "FULL_MATCH",
            "FULL_MATCH"
        ]
    );
    assert_eq!(body["data"]["result"][0]["data"], json!([]));
    assert_eq!(sim.stats().credits_used, 2);
}

#[tokio::test]
async fn a_website_sent_with_a_company_name_decides_the_match() {
    let sim = start(small()).await;
    let token = login(&sim).await;
    let companies = sim.dataset().companies();
    let (a, b) = (&companies[1], &companies[2]);
    let body = json!({
        "matchCompanyInput": [{ "companyName": a.name, "companyWebsite": b.website }],
        "outputFields": ["name"],
    });
    let answer = post(&sim, &token, "/enrich/company", &body).await;
    assert_eq!(answer.status, 200, "{}", answer.body);
    assert_eq!(answer.json()["data"]["result"][0]["data"][0]["id"], b.id);
    let kept = sim.enrich_requests();
    assert_eq!(
        kept.last(),
        Some(&body),
        "the simulator keeps what it was sent"
    );
}
