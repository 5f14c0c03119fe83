//! The quirks really deviate: raw HTTP against the server, as a strict client would see it.

use serde_json::Value;

use super::{Quirk, ScimSim, ScimSimConfig, ScimSimHandle};

async fn start(quirks: &[Quirk]) -> ScimSimHandle {
    ScimSim::start(ScimSimConfig::demo().with_quirks(quirks))
        .await
        .expect("starts")
}

async fn get(sim: &ScimSimHandle, path_and_query: &str) -> (u16, String, Value) {
    let response = reqwest::Client::new()
        .get(format!("{}{path_and_query}", sim.url()))
        .bearer_auth(sim.token())
        .send()
        .await
        .expect("send");
    let status = response.status().as_u16();
    let content_type = response
        .headers()
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_string();
    let body = response.json().await.unwrap_or(Value::Null);
    (status, content_type, body)
}

#[tokio::test]
async fn a_well_behaved_server_follows_rfc_7644() {
    let sim = start(&[]).await;
    let (status, content_type, body) = get(&sim, "/Users?startIndex=1&count=10").await;
    assert_eq!(status, 200);
    assert_eq!(content_type, "application/scim+json");
    assert_eq!(body["totalResults"], 120);
    assert_eq!(body["itemsPerPage"], 10);
    assert_eq!(body["Resources"].as_array().map(Vec::len), Some(10));
    let (_, _, inactive) = get(&sim, "/Users?filter=active%20eq%20false").await;
    assert_eq!(inactive["totalResults"], 7);
    let (_, _, empty) = get(&sim, "/Users?filter=userName%20eq%20%22nobody%22").await;
    assert_eq!(empty["Resources"], serde_json::json!([]));
    let (status, _, _) = get(&sim, "/Users/usr-999999").await;
    assert_eq!(status, 404);
}

#[tokio::test]
async fn each_quirk_changes_what_the_server_sends() {
    let sim = start(&[]).await;
    let q = sim.quirks();

    q.enable(Quirk::HideInactive);
    assert_eq!(get(&sim, "/Users").await.2["totalResults"], 113);
    assert_eq!(
        get(&sim, "/Users?filter=active+eq+false").await.2["totalResults"],
        7
    );
    q.clear();

    q.enable(Quirk::StringBooleans);
    q.enable(Quirk::NullEmailType);
    let user = &get(&sim, "/Users?count=1").await.2["Resources"][0];
    assert_eq!(user["active"], "True");
    assert_eq!(user["emails"][0]["type"], Value::Null);
    q.clear();

    q.enable(Quirk::LowercaseResources);
    q.enable(Quirk::OmitTotalResults);
    q.enable(Quirk::LyingItemsPerPage);
    q.enable(Quirk::SmallPages);
    q.enable(Quirk::PlainJsonContentType);
    let (_, content_type, body) = get(&sim, "/Users?count=50").await;
    assert_eq!(content_type, "application/json");
    assert!(body.get("Resources").is_none() && body.get("totalResults").is_none());
    assert_eq!(body["resources"].as_array().map(Vec::len), Some(7));
    assert_eq!(body["itemsPerPage"], 24);
    q.clear();

    q.enable(Quirk::OmitEmptyResources);
    let body = get(&sim, "/Users?startIndex=500").await.2;
    assert!(body.get("Resources").is_none(), "{body}");
    q.clear();

    q.enable(Quirk::IgnoreStartIndex);
    let body = get(&sim, "/Users?startIndex=101&count=10").await.2;
    assert_eq!(body["Resources"].as_array().map(Vec::len), Some(120));
    q.clear();

    q.enable(Quirk::IgnoreCount);
    let body = get(&sim, "/Users?startIndex=101&count=10").await.2;
    assert_eq!(body["Resources"].as_array().map(Vec::len), Some(20));
    q.clear();

    q.enable(Quirk::OAuthOnly);
    assert_eq!(get(&sim, "/Users").await.0, 401);
}

#[tokio::test]
async fn patch_answers_204_under_the_quirk() {
    let sim = start(&[Quirk::PatchNoContent, Quirk::NoEtags]).await;
    let id = sim.users()[0]["id"].as_str().expect("id").to_string();
    let response = reqwest::Client::new()
        .patch(format!("{}/Users/{id}", sim.url()))
        .bearer_auth(sim.token())
        .json(&serde_json::json!({
            "schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
            "Operations": [{"op": "Replace", "path": "active", "value": "False"}]
        }))
        .send()
        .await
        .expect("send");
    assert_eq!(response.status().as_u16(), 204);
    assert!(response.headers().get("etag").is_none());
    assert_eq!(response.text().await.expect("body"), "");
    assert_eq!(sim.users()[0]["active"], false);
}

#[tokio::test]
async fn the_oauth_endpoint_issues_zoom_style_tokens() {
    let sim = start(&[Quirk::OAuthOnly]).await;
    let app = sim.oauth_app().clone();
    let response = reqwest::Client::new()
        .post(format!(
            "{}?grant_type=account_credentials&account_id={}",
            sim.oauth_token_url(),
            app.account_id
        ))
        .basic_auth(&app.client_id, Some(&app.client_secret))
        .send()
        .await
        .expect("send");
    assert_eq!(response.status().as_u16(), 200);
    let body: Value = response.json().await.expect("json");
    assert_eq!(body["token_type"], "bearer");
    assert_eq!(body["expires_in"], 3599);
    let token = body["access_token"].as_str().expect("token");
    let status = reqwest::Client::new()
        .get(format!("{}/Groups", sim.url()))
        .bearer_auth(token)
        .send()
        .await
        .expect("send")
        .status();
    assert_eq!(status.as_u16(), 200);
    let refused = reqwest::Client::new()
        .post(sim.oauth_token_url())
        .basic_auth(&app.client_id, Some("wrong"))
        .send()
        .await
        .expect("send");
    assert_eq!(refused.status().as_u16(), 401);
}
