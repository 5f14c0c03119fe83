use serde_json::json;
use zi_sim::SimConfig;

use crate::common::*;

const HIT_KEYS: &[&str] = &[
    "id",
    "firstName",
    "middleName",
    "lastName",
    "validDate",
    "lastUpdatedDate",
    "jobTitle",
    "contactAccuracyScore",
    "hasEmail",
    "hasSupplementalEmail",
    "hasDirectPhone",
    "hasMobilePhone",
    "hasCompanyIndustry",
    "hasCompanyPhone",
    "hasCompanyStreet",
    "hasCompanyState",
    "hasCompanyZipCode",
    "hasCompanyCountry",
    "hasCompanyRevenue",
    "hasCompanyEmployeeCount",
    "company",
];

#[tokio::test]
async fn empty_search_matches_everyone_in_the_published_shape() {
    let sim = start(SimConfig::unlimited()).await;
    let token = login(&sim).await;
    let a = post(&sim, &token, "/search/contact", &json!({})).await;
    assert_eq!(a.status, 200, "{}", a.body);
    let body = a.json();
    // As in the published examples: every match, then the records on this page.
    assert_eq!(body["maxResults"], 20_000);
    assert_eq!(body["totalResults"], 25);
    assert_eq!(body["currentPage"], 1);
    let data = body["data"].as_array().expect("data");
    assert_eq!(data.len(), 25, "default rpp");
    let hit = data[0].as_object().expect("hit");
    for key in HIT_KEYS {
        assert!(hit.contains_key(*key), "hit lacks {key}");
    }
    assert!(hit["company"]["id"].is_i64() && hit["company"]["name"].is_string());
    assert!(
        hit.get("email").is_none(),
        "search gives hints, not details"
    );
    let valid = hit["validDate"].as_str().expect("validDate");
    assert!(valid.ends_with(" AM") || valid.ends_with(" PM"), "{valid}");
    assert_eq!(sim.stats().credits_used, 0, "searches are free");
}

#[tokio::test]
async fn rpp_over_100_is_400() {
    let sim = start(small()).await;
    let token = login(&sim).await;
    let a = post(&sim, &token, "/search/contact", &json!({ "rpp": 101 })).await;
    assert_eq!(
        (a.status, a.error().as_str()),
        (400, "rpp must be between 1 and 100")
    );
    let a = post(&sim, &token, "/search/company", &json!({ "rpp": 0 })).await;
    assert_eq!(a.status, 400);
}

#[tokio::test]
async fn paging_stops_at_record_1000() {
    let sim = start(small()).await;
    let token = login(&sim).await;
    let ok = post(
        &sim,
        &token,
        "/search/contact",
        &json!({ "rpp": 100, "page": 10 }),
    )
    .await;
    assert_eq!(ok.status, 200, "{}", ok.body);
    assert_eq!(ok.json()["data"].as_array().map(Vec::len), Some(100));
    assert_eq!(ok.json()["currentPage"], 10);

    let deep = post(
        &sim,
        &token,
        "/search/contact",
        &json!({ "rpp": 100, "page": 11 }),
    )
    .await;
    assert_eq!(deep.status, 400);
    assert_eq!(
        deep.error(),
        "Total record pagination is over max allowed value"
    );
}

#[tokio::test]
async fn criteria_narrow_the_results() {
    let sim = start(small()).await;
    let token = login(&sim).await;
    let person = sim.dataset().people()[123].clone();

    let body = json!({
        "lastName": person.last_name.to_uppercase(),
        "companyId": person.company_id,
        "rpp": 100,
    });
    let a = post(&sim, &token, "/search/contact", &body).await;
    assert_eq!(a.status, 200);
    let data = a.json()["data"].as_array().cloned().expect("data");
    assert!(data.iter().any(|h| h["id"] == person.id));
    assert!(data.iter().all(|h| h["company"]["id"] == person.company_id));

    let a = post(
        &sim,
        &token,
        "/search/contact",
        &json!({ "emailAddress": person.email }),
    )
    .await;
    assert_eq!(a.json()["totalResults"], 1);

    let a = post(
        &sim,
        &token,
        "/search/contact",
        &json!({ "managementLevel": ["C-Level"], "unknownKey": 1 }),
    )
    .await;
    let data = a.json()["data"].as_array().cloned().expect("data");
    assert!(!data.is_empty());
    for hit in &data {
        let p = sim
            .dataset()
            .person(hit["id"].as_i64().expect("id"))
            .expect("person");
        assert_eq!(p.management_level, "C-Level");
    }
}

#[tokio::test]
async fn company_search_hits_are_id_and_name() {
    let sim = start(small()).await;
    let token = login(&sim).await;
    let company = sim.dataset().companies()[7].clone();
    let body = json!({ "companyWebsite": format!("https://{}/about", company.website) });
    let a = post(&sim, &token, "/search/company", &body).await;
    assert_eq!(a.status, 200);
    let body = a.json();
    assert_eq!(body["totalResults"], 1);
    assert_eq!(
        body["data"][0],
        json!({ "id": company.id, "name": company.name })
    );

    let all = post(&sim, &token, "/search/company", &json!({ "rpp": 100 }))
        .await
        .json();
    assert_eq!(all["maxResults"], 300);
}

#[tokio::test]
async fn sorting_orders_the_hits() {
    let sim = start(small()).await;
    let token = login(&sim).await;
    let body = json!({ "sortBy": "contactAccuracyScore", "sortOrder": "desc", "rpp": 50 });
    let data = post(&sim, &token, "/search/contact", &body).await.json()["data"].clone();
    let scores: Vec<i64> = data
        .as_array()
        .expect("data")
        .iter()
        .filter_map(|h| h["contactAccuracyScore"].as_i64())
        .collect();
    assert!(scores.windows(2).all(|w| w[0] >= w[1]), "{scores:?}");
}

#[tokio::test]
async fn malformed_json_is_400_with_a_message() {
    let sim = start(small()).await;
    let token = login(&sim).await;
    let a = post_raw(&sim, &token, "/search/contact", "{\"rpp\": 10,".into()).await;
    assert_eq!(a.status, 400);
    assert!(a.error().contains("Malformed JSON"), "{}", a.body);
}

/// How many records match `body` (`maxResults`).
async fn matches(
    sim: &zi_sim::SimHandle,
    token: &str,
    route: &str,
    body: serde_json::Value,
) -> u64 {
    let answer = post(sim, token, route, &body).await;
    assert_eq!(answer.status, 200, "{}", answer.body);
    answer.json()["maxResults"].as_u64().expect("maxResults")
}

#[tokio::test]
async fn job_titles_joined_with_or_match_either() {
    let sim = start(small()).await;
    let token = login(&sim).await;
    let route = "/search/contact";
    let vp = matches(&sim, &token, route, json!({ "jobTitle": "Vice President" })).await;
    let director = matches(&sim, &token, route, json!({ "jobTitle": "Director" })).await;
    let either = matches(
        &sim,
        &token,
        route,
        json!({ "jobTitle": "Vice President OR Director" }),
    )
    .await;
    assert!(vp > 0 && director > 0);
    assert_eq!(either, vp + director, "no title holds both words");
}

#[tokio::test]
async fn location_search_type_chooses_the_person_or_the_head_office() {
    let sim = start(small()).await;
    let token = login(&sim).await;
    let route = "/search/contact";
    let state = sim.dataset().people()[5].state.clone();
    let count = |kind: &str| {
        matches(
            &sim,
            &token,
            route,
            json!({ "state": state, "locationSearchType": kind }),
        )
    };
    let (person, hq) = (count("Person").await, count("HQ").await);
    let (either, both) = (count("PersonOrHQ").await, count("PersonAndHQ").await);
    assert!(person > 0 && hq > 0);
    assert_eq!(either + both, person + hq, "or and and add up like sets");
    assert!(both < either);
}

#[tokio::test]
async fn typed_ranges_and_flags_filter() {
    let sim = start(small()).await;
    let token = login(&sim).await;
    let all = matches(&sim, &token, "/search/company", json!({})).await;
    let big = matches(
        &sim,
        &token,
        "/search/company",
        json!({ "revenueMin": 100_000_000 }),
    )
    .await;
    let small_ones = matches(
        &sim,
        &token,
        "/search/company",
        json!({ "revenueMax": 99_999_999 }),
    )
    .await;
    assert_eq!(big + small_ones, all);
    let people = matches(&sim, &token, "/search/contact", json!({})).await;
    let executives = matches(
        &sim,
        &token,
        "/search/contact",
        json!({ "executivesOnly": true }),
    )
    .await;
    assert!(0 < executives && executives < people);
}
