//! End to end against a real OpenID provider (PyPI's oidc-provider-mock, started by
//! `scripts/oauth-interop.sh`, which sets `ZI_OAUTH_ISSUER`). reqwest plays the browser: it
//! submits the provider's consent form and follows the redirect to our loopback listener.
//! Without the variable these tests return at once; with it, an unreachable provider fails.
#![allow(clippy::unwrap_used)] // A test that cannot set up should stop loudly.

use std::time::Duration;

use secrecy::ExposeSecret;
use zi_oauth::{begin_sign_in, refresh, OAuthConfig, OAuthError, Tokens};

fn issuer() -> Option<String> {
    std::env::var("ZI_OAUTH_ISSUER")
        .ok()
        .map(|s| s.trim_end_matches('/').to_string())
}

fn config(issuer: &str) -> OAuthConfig {
    let mut config = OAuthConfig::zoominfo("zi-console-interop");
    config.authorization_url = format!("{issuer}/oauth2/authorize").parse().unwrap();
    config.token_url = format!("{issuer}/oauth2/token").parse().unwrap();
    // The mock knows only OpenID's scopes, not ZoomInfo's.
    config.scopes = vec!["openid".into(), "profile".into(), "email".into()];
    // Version 0.3.4 authenticates every client (any secret), unlike ZoomInfo's public PKCE apps.
    config.client_secret = Some(secrecy::SecretString::from("interop-secret"));
    config
}

/// Submits the consent form as `sub` (or denies it) and delivers the redirect to the
/// loopback listener; returns what the sign-in finished with.
async fn sign_in(issuer: &str, answer: &[(&str, &str)]) -> Result<Tokens, OAuthError> {
    let pending = begin_sign_in(config(issuer)).await.unwrap();
    let browser = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    let page = browser
        .get(pending.authorization_url().clone())
        .send()
        .await
        .expect("the provider at ZI_OAUTH_ISSUER answers");
    assert_eq!(
        page.status().as_u16(),
        200,
        "{}",
        page.text().await.unwrap()
    );
    let consent = browser
        .post(pending.authorization_url().clone())
        .form(answer)
        .send()
        .await
        .unwrap();
    assert_eq!(consent.status().as_u16(), 302);
    let location = consent.headers()["location"].to_str().unwrap().to_string();
    assert!(location.starts_with(pending.redirect_uri()), "{location}");
    let finish = tokio::spawn(pending.finish(Duration::from_secs(20)));
    browser.get(location).send().await.unwrap();
    finish.await.unwrap()
}

#[tokio::test]
async fn sign_in_gives_tokens_the_provider_accepts_and_refresh_renews_them() {
    let Some(issuer) = issuer() else { return };
    let tokens = sign_in(&issuer, &[("sub", "ada@example.com")])
        .await
        .unwrap();
    let userinfo = reqwest::Client::new()
        .get(format!("{issuer}/userinfo"))
        .bearer_auth(tokens.access_token.expose_secret())
        .send()
        .await
        .unwrap();
    assert_eq!(userinfo.status().as_u16(), 200);
    assert!(userinfo.text().await.unwrap().contains("ada@example.com"));

    let refresh_token = tokens
        .refresh_token
        .expect("the mock issues refresh tokens");
    let renewed = refresh(&config(&issuer), &refresh_token).await.unwrap();
    assert_ne!(
        renewed.access_token.expose_secret(),
        tokens.access_token.expose_secret()
    );
}

#[tokio::test]
async fn a_refused_consent_reads_as_declined_and_gives_no_tokens() {
    let Some(issuer) = issuer() else { return };
    let error = sign_in(&issuer, &[("action", "deny")]).await.unwrap_err();
    assert!(matches!(error, OAuthError::Declined), "{error}");
    assert!(error.to_string().starts_with("You declined access"));
}

#[tokio::test]
async fn a_revoked_refresh_token_is_sign_in_expired() {
    let Some(issuer) = issuer() else { return };
    let sub = "revoked@example.com";
    let tokens = sign_in(&issuer, &[("sub", sub)]).await.unwrap();
    // The mock's own revocation: every token of the user goes.
    let revoked = reqwest::Client::new()
        .post(format!("{issuer}/users/{sub}/revoke-tokens"))
        .send()
        .await
        .unwrap();
    assert_eq!(revoked.status().as_u16(), 204);
    let error = refresh(&config(&issuer), &tokens.refresh_token.unwrap())
        .await
        .unwrap_err();
    assert!(matches!(error, OAuthError::SignInExpired), "{error}");
}

#[tokio::test]
async fn a_redirect_with_a_wrong_state_is_refused() {
    let Some(issuer) = issuer() else { return };
    let pending = begin_sign_in(config(&issuer)).await.unwrap();
    let uri = pending.redirect_uri().to_string();
    let finish = tokio::spawn(pending.finish(Duration::from_secs(20)));
    reqwest::get(format!("{uri}?code=anything&state=forged"))
        .await
        .unwrap();
    let error = finish.await.unwrap().unwrap_err();
    assert!(matches!(error, OAuthError::StateMismatch), "{error}");
}
