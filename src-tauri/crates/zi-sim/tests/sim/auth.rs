use std::time::Duration;

use jsonwebtoken::{Algorithm, DecodingKey, EncodingKey, Header, Validation};
use serde_json::Value;
use zi_sim::{SimConfig, DEMO_PASSWORD, DEMO_USERNAME};

use crate::common::*;

#[tokio::test]
async fn login_returns_a_jwt_with_a_60_minute_exp() {
    let sim = start(small()).await;
    let token = login(&sim).await;
    let mut v = Validation::new(Algorithm::HS256);
    v.insecure_disable_signature_validation();
    let claims = jsonwebtoken::decode::<Value>(&token, &DecodingKey::from_secret(b""), &v)
        .expect("token decodes")
        .claims;
    let (iat, exp) = (
        claims["iat"].as_u64().expect("iat"),
        claims["exp"].as_u64().expect("exp"),
    );
    assert_eq!(exp - iat, 3_600);
    assert_eq!(claims["sub"], DEMO_USERNAME);
    assert_eq!(get(&sim, &token, "/lookup/usage").await.status, 200);
    let stats = sim.stats();
    assert_eq!((stats.logins, stats.login_attempts), (1, 1));
}

#[tokio::test]
async fn wrong_password_is_401_authentication_failed() {
    let sim = start(small()).await;
    let a = authenticate(&sim, DEMO_USERNAME, "nope").await;
    assert_eq!(a.status, 401);
    assert_eq!(a.error(), "Authentication failed");
    let stats = sim.stats();
    assert_eq!(
        (stats.logins, stats.login_attempts, stats.unauthorized),
        (0, 1, 1)
    );
}

#[tokio::test]
async fn malformed_login_body_is_400_with_a_message() {
    let sim = start(small()).await;
    let resp = client()
        .post(format!("{}/authenticate", sim.url()))
        .body("{\"username\": ")
        .send()
        .await
        .expect("send");
    assert_eq!(resp.status().as_u16(), 400);
    let body: Value = resp.json().await.expect("json error");
    assert!(
        body["error"].as_str().is_some_and(|m| m.contains("JSON")),
        "{body}"
    );
}

#[tokio::test]
async fn calls_without_or_with_a_bad_token_are_401() {
    let sim = start(small()).await;
    let resp = client()
        .get(format!("{}/lookup/usage", sim.url()))
        .send()
        .await
        .expect("send");
    assert_eq!(resp.status().as_u16(), 401);
    let a = get(&sim, "not-a-token", "/lookup/usage").await;
    assert_eq!(
        (a.status, a.error().as_str()),
        (401, "Authentication failed")
    );
}

#[tokio::test]
async fn token_expires_after_its_lifetime() {
    let sim = start(SimConfig {
        token_lifetime: Duration::from_secs(1),
        ..small()
    })
    .await;
    let token = login(&sim).await;
    assert_eq!(get(&sim, &token, "/usage").await.status, 200);
    tokio::time::sleep(Duration::from_millis(1_200)).await;
    let a = get(&sim, &token, "/usage").await;
    assert_eq!(
        (a.status, a.error().as_str()),
        (401, "Authentication failed")
    );
    // Re-authenticating gives a working token again.
    let fresh = login(&sim).await;
    assert_eq!(get(&sim, &fresh, "/usage").await.status, 200);
}

#[tokio::test]
async fn token_lifetime_knob_applies_to_new_tokens() {
    let sim = start(small()).await;
    let old = login(&sim).await;
    sim.knobs().set_token_lifetime(Duration::from_millis(300));
    let short = login(&sim).await;
    tokio::time::sleep(Duration::from_millis(500)).await;
    assert_eq!(get(&sim, &short, "/usage").await.status, 401);
    assert_eq!(get(&sim, &old, "/usage").await.status, 200);
}

#[tokio::test]
async fn revoked_tokens_get_401_and_new_logins_work() {
    let sim = start(small()).await;
    let token = login(&sim).await;
    sim.knobs().revoke_all_tokens();
    assert_eq!(get(&sim, &token, "/usage").await.status, 401);
    let fresh = login(&sim).await;
    assert_eq!(get(&sim, &fresh, "/usage").await.status, 200);
    assert_eq!(sim.stats().unauthorized, 1);
}

#[tokio::test]
async fn auth_is_throttled_to_one_per_second_without_retry_after() {
    let sim = start(SimConfig {
        auth_rate_per_sec: 1,
        ..small()
    })
    .await;
    let first = authenticate(&sim, DEMO_USERNAME, DEMO_PASSWORD).await;
    let second = authenticate(&sim, DEMO_USERNAME, DEMO_PASSWORD).await;
    assert_eq!(first.status, 200);
    assert_eq!(second.status, 429);
    assert_eq!(second.error(), "Too many requests");
    assert!(second.headers.get("retry-after").is_none());
    tokio::time::sleep(Duration::from_millis(1_050)).await;
    assert_eq!(
        authenticate(&sim, DEMO_USERNAME, DEMO_PASSWORD)
            .await
            .status,
        200
    );
    let stats = sim.stats();
    assert_eq!(
        (stats.logins, stats.login_attempts, stats.login_throttled),
        (2, 3, 1)
    );
    assert_eq!(stats.rate_limited, 0, "auth 429s are counted apart");
}

#[tokio::test]
async fn opaque_tokens_are_random_strings_that_work() {
    let sim = start(SimConfig {
        opaque_tokens: true,
        ..small()
    })
    .await;
    let token = login(&sim).await;
    assert_eq!(token.len(), 40);
    assert!(!token.contains('.'));
    assert_eq!(get(&sim, &token, "/usage").await.status, 200);
}

#[derive(serde::Serialize)]
struct PkiClaims<'a> {
    aud: &'a str,
    iss: &'a str,
    iat: u64,
    exp: u64,
    client_id: &'a str,
    username: &'a str,
}

fn pki_jwt(client_id: &str, exp_in: i64) -> String {
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .expect("clock")
        .as_secs();
    let claims = PkiClaims {
        aud: "enterprise_api",
        iss: "api-client@zoominfo.com",
        iat: now,
        exp: now.saturating_add_signed(exp_in),
        client_id,
        username: DEMO_USERNAME,
    };
    let key = EncodingKey::from_rsa_pem(include_bytes!("fixtures/pki_test_private.pem"))
        .expect("test private key");
    jsonwebtoken::encode(&Header::new(Algorithm::RS256), &claims, &key).expect("sign")
}

async fn pki_login(sim: &zi_sim::SimHandle, client_jwt: &str) -> Answer {
    let resp = client()
        .post(format!("{}/authenticate", sim.url()))
        .bearer_auth(client_jwt)
        .send()
        .await
        .expect("send");
    Answer {
        status: resp.status().as_u16(),
        headers: resp.headers().clone(),
        body: resp.text().await.expect("body"),
    }
}

#[tokio::test]
async fn pki_login_accepts_a_client_signed_jwt() {
    let sim = start(SimConfig {
        pki_public_key_pem: Some(include_str!("fixtures/pki_test_public.pem").to_string()),
        ..small()
    })
    .await;
    let ok = pki_login(&sim, &pki_jwt("demo-client", 300)).await;
    assert_eq!(ok.status, 200, "{}", ok.body);
    let token = ok.json()["jwt"].as_str().expect("jwt").to_string();
    assert_eq!(get(&sim, &token, "/usage").await.status, 200);

    assert_eq!(
        pki_login(&sim, &pki_jwt("other-client", 300)).await.status,
        401
    );
    assert_eq!(
        pki_login(&sim, &pki_jwt("demo-client", -120)).await.status,
        401
    );
    assert_eq!(pki_login(&sim, "garbage").await.status, 401);
}

#[tokio::test]
async fn pki_is_refused_when_not_configured() {
    let sim = start(small()).await;
    let a = pki_login(&sim, &pki_jwt("demo-client", 300)).await;
    assert_eq!(a.status, 401);
}
