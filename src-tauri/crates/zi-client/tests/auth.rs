//! The JWT lifecycle against the simulator: one login however many callers, renewal before
//! expiry, re-login after a 401, patience with the login rate limit, clear refusals.

mod common;

use std::sync::Arc;
use std::time::Duration;

use common::*;
use zi_client::{ClientError, Credentials, LegacyClient, ZoomInfoBackend};
use zi_sim::{Sim, SimConfig};

#[tokio::test]
async fn a_hundred_concurrent_calls_share_one_login() {
    let (sim, client) = sim_and_client(unlimited()).await;
    let client = Arc::new(client);
    let calls: Vec<_> = (0..100)
        .map(|_| {
            let client = client.clone();
            tokio::spawn(async move { client.usage().await })
        })
        .collect();
    for call in calls {
        call.await.expect("task").expect("usage answered");
    }
    assert_eq!(sim.stats().logins, 1);
    assert_eq!(sim.stats().login_attempts, 1);
    assert_eq!(client.login_count(), 1);
}

#[tokio::test]
async fn a_hundred_concurrent_calls_on_a_stale_token_cause_one_new_login() {
    let config = SimConfig {
        token_lifetime: Duration::from_secs(2),
        ..unlimited()
    };
    let (sim, client) = sim_and_client(config).await;
    let client = Arc::new(client);
    client.usage().await.expect("first call");
    // Past the renewal point (the last fifth of a 2 s token), before or after expiry.
    tokio::time::sleep(Duration::from_millis(1_800)).await;
    let calls: Vec<_> = (0..100)
        .map(|_| {
            let client = client.clone();
            tokio::spawn(async move { client.usage().await })
        })
        .collect();
    for call in calls {
        call.await.expect("task").expect("usage answered");
    }
    assert_eq!(sim.stats().logins, 2, "one login at start, one renewal");
    assert_eq!(
        sim.stats().unauthorized,
        0,
        "the token was renewed before it was refused"
    );
}

#[tokio::test]
async fn a_token_expiring_mid_run_is_renewed_once_without_a_401() {
    let config = SimConfig {
        token_lifetime: Duration::from_secs(3),
        ..unlimited()
    };
    let (sim, client) = sim_and_client(config).await;
    let started = tokio::time::Instant::now();
    while started.elapsed() < Duration::from_millis(3_400) {
        client.usage().await.expect("call during the run");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    assert_eq!(sim.stats().logins, 2, "exactly one renewal during the run");
    assert_eq!(sim.stats().unauthorized, 0);
}

#[tokio::test]
async fn opaque_tokens_are_assumed_to_live_an_hour() {
    let (sim, client) = sim_and_client(SimConfig {
        opaque_tokens: true,
        ..unlimited()
    })
    .await;
    let status = client.sign_in().await.expect("signed in");
    let valid_until =
        chrono::DateTime::parse_from_rfc3339(status.valid_until.as_deref().expect("expiry"))
            .expect("rfc3339");
    let minutes = (valid_until.with_timezone(&chrono::Utc) - chrono::Utc::now()).num_minutes();
    assert!(
        (58..=60).contains(&minutes),
        "assumed lifetime {minutes} min"
    );
    client.usage().await.expect("works with the opaque token");
    assert_eq!(sim.stats().logins, 1);
}

#[tokio::test]
async fn a_401_mid_run_causes_one_relogin_and_one_retry() {
    let (sim, client) = sim_and_client(unlimited()).await;
    let client = Arc::new(client);
    client.usage().await.expect("first call");
    sim.knobs().revoke_all_tokens();
    let calls: Vec<_> = (0..20)
        .map(|_| {
            let client = client.clone();
            tokio::spawn(async move { client.usage().await })
        })
        .collect();
    for call in calls {
        call.await
            .expect("task")
            .expect("call recovers after the 401");
    }
    assert_eq!(
        sim.stats().logins,
        2,
        "the revoked token is replaced by exactly one login"
    );
}

#[tokio::test]
async fn a_session_refused_twice_is_reported_not_looped() {
    let (sim, client) = sim_and_client(unlimited()).await;
    client.usage().await.expect("first call");
    // Every token dies instantly from now on: the retry after re-login is refused too.
    sim.knobs().set_token_lifetime(Duration::ZERO);
    sim.knobs().revoke_all_tokens();
    let error = client.usage().await.expect_err("refused");
    assert!(
        matches!(error, ClientError::SessionRejected { .. }),
        "{error:?}"
    );
    assert!(
        sim.stats().logins <= 3,
        "no login storm: {}",
        sim.stats().logins
    );
}

#[tokio::test]
async fn a_throttled_login_waits_and_succeeds() {
    let config = SimConfig {
        auth_rate_per_sec: 1,
        ..unlimited()
    };
    let (sim, client) = sim_and_client(config).await;
    // Someone else just used this second's login.
    let raw = reqwest::Client::new();
    let body =
        serde_json::json!({"username": zi_sim::DEMO_USERNAME, "password": zi_sim::DEMO_PASSWORD});
    raw.post(format!("{}/authenticate", sim.url()))
        .json(&body)
        .send()
        .await
        .expect("raw login");
    let status = client
        .sign_in()
        .await
        .expect("login succeeds after waiting");
    assert!(status.signed_in);
    assert!(
        sim.stats().login_throttled >= 1,
        "the sim throttled the login"
    );
    assert_eq!(client.login_count(), 1);
}

#[tokio::test]
async fn a_wrong_password_says_the_credentials_were_rejected() {
    let sim = Sim::start(SimConfig {
        people: 100,
        companies: 10,
        ..unlimited()
    })
    .await
    .expect("sim");
    let client = LegacyClient::new(
        config_for(&sim),
        Credentials::password(zi_sim::DEMO_USERNAME, "wrong"),
    )
    .expect("client");
    let error = client.usage().await.expect_err("refused");
    assert!(
        matches!(error, ClientError::CredentialsRejected { .. }),
        "{error:?}"
    );
    let message = error.to_string();
    assert!(message.contains("rejected the credentials"), "{message}");
    assert!(
        !message.contains("wrong"),
        "the password is not echoed: {message}"
    );
    assert_eq!(
        sim.stats().login_attempts,
        1,
        "a refused password is not retried"
    );
}

#[tokio::test]
async fn pki_login_signs_a_client_jwt_with_the_private_key() {
    let public = include_str!("fixtures/pki-test-public.pem");
    let private = include_str!("fixtures/pki-test-private.pem");
    let config = SimConfig {
        pki_public_key_pem: Some(public.to_string()),
        people: 100,
        companies: 10,
        ..unlimited()
    };
    let sim = Sim::start(config.clone()).await.expect("sim");
    let credentials = Credentials::Pki {
        username: config.username.clone(),
        client_id: config.client_id.clone(),
        private_key_pem: private.to_string().into(),
    };
    let client = LegacyClient::new(config_for(&sim), credentials).expect("client");
    client.usage().await.expect("PKI login works");
    assert_eq!(sim.stats().logins, 1);

    let wrong_client = Credentials::Pki {
        username: config.username,
        client_id: "someone-else".into(),
        private_key_pem: private.to_string().into(),
    };
    let refused = LegacyClient::new(config_for(&sim), wrong_client)
        .expect("client")
        .usage()
        .await;
    assert!(
        matches!(refused, Err(ClientError::CredentialsRejected { .. })),
        "{refused:?}"
    );
}

#[tokio::test]
async fn an_unreadable_private_key_is_a_clear_setup_error() {
    let sim = Sim::start(SimConfig {
        people: 100,
        companies: 10,
        ..unlimited()
    })
    .await
    .expect("sim");
    let credentials = Credentials::Pki {
        username: "u".into(),
        client_id: "c".into(),
        private_key_pem: "not a key".to_string().into(),
    };
    let error = LegacyClient::new(config_for(&sim), credentials)
        .expect("client")
        .usage()
        .await
        .expect_err("refused");
    assert!(
        error.to_string().contains("private key could not be read"),
        "{error}"
    );
    assert_eq!(sim.stats().login_attempts, 0);
}
