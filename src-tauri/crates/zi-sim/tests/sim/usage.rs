use zi_sim::SimConfig;

use crate::common::*;

#[tokio::test]
async fn lookup_usage_has_the_published_shape() {
    let sim = start(small()).await;
    let token = login(&sim).await;
    let a = get(&sim, &token, "/lookup/usage").await;
    assert_eq!(a.status, 200);
    let body = a.json();
    let usage = body["usage"].as_array().expect("usage array");
    let types: Vec<&str> = usage
        .iter()
        .filter_map(|e| e["limitType"].as_str())
        .collect();
    for t in [
        "requestLimit",
        "recordLimit",
        "uniqueIdLimit",
        "webSightsApiRequestLimit",
    ] {
        assert!(types.contains(&t), "missing {t}");
    }
    for e in usage {
        for k in [
            "limitType",
            "description",
            "limit",
            "currentUsage",
            "usageRemaining",
        ] {
            assert!(e.get(k).is_some(), "{e} lacks {k}");
        }
        let (limit, used, left) = (
            e["limit"].as_u64().expect("limit"),
            e["currentUsage"].as_u64().expect("used"),
            e["usageRemaining"].as_u64().expect("left"),
        );
        assert_eq!(limit - used, left);
    }
    let record = usage
        .iter()
        .find(|e| e["limitType"] == "recordLimit")
        .expect("recordLimit");
    assert_eq!(record["limit"], 1_000_000);
    assert_eq!(
        record["description"],
        "The maximum number of records you can retrieve"
    );
    let requests = usage
        .iter()
        .find(|e| e["limitType"] == "requestLimit")
        .expect("requestLimit");
    assert_eq!(requests["currentUsage"], 1, "usage calls count as requests");
    assert_eq!(sim.stats().credits_used, 0, "usage calls are free");
}

#[tokio::test]
async fn legacy_usage_reports_credits() {
    let sim = start(SimConfig {
        credit_limit: Some(50),
        ..small()
    })
    .await;
    let token = login(&sim).await;
    let body = get(&sim, &token, "/usage").await.json();
    assert_eq!(
        body,
        serde_json::json!({ "creditsUsed": 0, "creditsAvailable": 50 })
    );
    let lookup = get(&sim, &token, "/lookup/usage").await.json();
    let record = lookup["usage"]
        .as_array()
        .expect("usage")
        .iter()
        .find(|e| e["limitType"] == "recordLimit")
        .cloned()
        .expect("recordLimit");
    assert_eq!(record["limit"], 50);
}
