//! The flow without a real provider: a fake token endpoint (axum) and reqwest playing the
//! browser against the loopback listener.

#![allow(clippy::unwrap_used)] // A test that cannot set up should stop loudly.

use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::extract::State;
use axum::http::StatusCode;
use axum::routing::post;
use axum::{Form, Json, Router};
use secrecy::{ExposeSecret, SecretString};
use zi_oauth::{begin_sign_in, OAuthConfig, OAuthError, TokenKeeper, TokenStore};

#[derive(Clone, Default)]
struct Fake {
    calls: Arc<AtomicUsize>,
    revoked: Arc<AtomicBool>,
}

async fn token(
    State(fake): State<Fake>,
    Form(_form): Form<HashMap<String, String>>,
) -> (StatusCode, Json<serde_json::Value>) {
    let n = fake.calls.fetch_add(1, Ordering::SeqCst) + 1;
    // Slow enough that concurrent callers overlap.
    tokio::time::sleep(Duration::from_millis(100)).await;
    if fake.revoked.load(Ordering::SeqCst) {
        return (
            StatusCode::BAD_REQUEST,
            Json(serde_json::json!({"error": "invalid_grant"})),
        );
    }
    (
        StatusCode::OK,
        Json(serde_json::json!({
            "access_token": format!("access-{n}"),
            "refresh_token": format!("refresh-{n}"),
            "expires_in": 3600,
            "token_type": "Bearer",
        })),
    )
}

async fn fake_provider() -> (OAuthConfig, Fake) {
    let fake = Fake::default();
    let app = Router::new()
        .route("/token", post(token))
        .with_state(fake.clone());
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    let mut config = OAuthConfig::zoominfo("test-client");
    config.authorization_url = format!("http://{addr}/authorize").parse().unwrap();
    config.token_url = format!("http://{addr}/token").parse().unwrap();
    (config, fake)
}

fn param(url: &url::Url, name: &str) -> String {
    url.query_pairs()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.into_owned())
        .unwrap()
}

/// Plays the browser coming back to the loopback listener.
async fn redirect(redirect_uri: &str, query: &str) -> (u16, String) {
    let response = reqwest::get(format!("{redirect_uri}?{query}"))
        .await
        .unwrap();
    (response.status().as_u16(), response.text().await.unwrap())
}

#[tokio::test]
async fn the_authorization_url_asks_for_a_code_with_pkce_s256_and_state() {
    let (config, _) = fake_provider().await;
    let pending = begin_sign_in(config).await.unwrap();
    let url = pending.authorization_url();
    assert_eq!(param(url, "response_type"), "code");
    assert_eq!(param(url, "code_challenge_method"), "S256");
    assert_eq!(param(url, "code_challenge").len(), 43);
    assert_eq!(param(url, "scope"), "api:data:contact api:data:company");
    assert!(param(url, "redirect_uri").starts_with("http://127.0.0.1:"));
    assert!(param(url, "redirect_uri").ends_with("/callback"));
}

#[tokio::test]
async fn a_good_redirect_gives_tokens_and_a_page_saying_so() {
    let (config, fake) = fake_provider().await;
    let pending = begin_sign_in(config).await.unwrap();
    let state = param(pending.authorization_url(), "state");
    let uri = pending.redirect_uri().to_string();
    let finish = tokio::spawn(pending.finish(Duration::from_secs(10)));
    let (status, page) = redirect(&uri, &format!("code=good&state={state}")).await;
    let tokens = finish.await.unwrap().unwrap();
    assert_eq!(status, 200);
    assert!(page.contains("You can close this tab and return to zi-console"));
    assert_eq!(tokens.access_token.expose_secret(), "access-1");
    assert!(!format!("{tokens:?}").contains("access-1"));
    assert_eq!(fake.calls.load(Ordering::SeqCst), 1);
}

#[tokio::test]
async fn a_wrong_state_is_refused_and_nothing_is_exchanged() {
    let (config, fake) = fake_provider().await;
    let pending = begin_sign_in(config).await.unwrap();
    let uri = pending.redirect_uri().to_string();
    let finish = tokio::spawn(pending.finish(Duration::from_secs(10)));
    let (status, page) = redirect(&uri, "code=good&state=someone-else").await;
    let error = finish.await.unwrap().unwrap_err();
    assert!(matches!(error, OAuthError::StateMismatch), "{error}");
    assert_eq!(status, 400);
    assert!(page.contains("does not belong to this sign-in"));
    assert_eq!(fake.calls.load(Ordering::SeqCst), 0);
}

#[tokio::test]
async fn access_denied_reads_as_declined() {
    let (config, fake) = fake_provider().await;
    let pending = begin_sign_in(config).await.unwrap();
    let state = param(pending.authorization_url(), "state");
    let uri = pending.redirect_uri().to_string();
    let finish = tokio::spawn(pending.finish(Duration::from_secs(10)));
    let (_, page) = redirect(&uri, &format!("error=access_denied&state={state}")).await;
    let error = finish.await.unwrap().unwrap_err();
    assert_eq!(
        error.to_string(),
        "You declined access in ZoomInfo's sign-in page; nothing was changed. Sign in again and choose Allow."
    );
    assert!(page.contains("You declined access"));
    assert_eq!(fake.calls.load(Ordering::SeqCst), 0);
}

#[tokio::test]
async fn other_errors_are_named() {
    let (config, _) = fake_provider().await;
    let pending = begin_sign_in(config).await.unwrap();
    let state = param(pending.authorization_url(), "state");
    let uri = pending.redirect_uri().to_string();
    let finish = tokio::spawn(pending.finish(Duration::from_secs(10)));
    redirect(&uri, &format!("error=invalid_scope&state={state}")).await;
    let error = finish.await.unwrap().unwrap_err();
    assert!(error.to_string().contains("invalid_scope"), "{error}");
}

#[tokio::test]
async fn a_favicon_request_does_not_end_the_wait() {
    let (config, _) = fake_provider().await;
    let pending = begin_sign_in(config).await.unwrap();
    let state = param(pending.authorization_url(), "state");
    let uri = pending.redirect_uri().to_string();
    let base = uri.trim_end_matches("/callback").to_string();
    let finish = tokio::spawn(pending.finish(Duration::from_secs(10)));
    let favicon = reqwest::get(format!("{base}/favicon.ico")).await.unwrap();
    assert_eq!(favicon.status().as_u16(), 404);
    redirect(&uri, &format!("code=good&state={state}")).await;
    assert!(finish.await.unwrap().is_ok());
}

#[tokio::test]
async fn nobody_coming_back_times_out() {
    let (config, _) = fake_provider().await;
    let pending = begin_sign_in(config).await.unwrap();
    let error = pending
        .finish(Duration::from_millis(200))
        .await
        .unwrap_err();
    assert!(matches!(error, OAuthError::TimedOut(_)));
}

#[derive(Default)]
struct MemoryStore {
    saved: Mutex<Vec<String>>,
    forgotten: AtomicUsize,
}

impl TokenStore for MemoryStore {
    fn save_refresh_token(&self, token: &SecretString) {
        self.saved
            .lock()
            .unwrap()
            .push(token.expose_secret().to_string());
    }
    fn forget_refresh_token(&self) {
        self.forgotten.fetch_add(1, Ordering::SeqCst);
    }
}

#[tokio::test]
async fn concurrent_callers_share_one_refresh_and_the_rotated_token_is_saved() {
    let (config, fake) = fake_provider().await;
    let store = Arc::new(MemoryStore::default());
    let keeper = Arc::new(TokenKeeper::new(
        config,
        SecretString::from("refresh-0"),
        store.clone(),
    ));
    let mut callers = Vec::new();
    for _ in 0..8 {
        let keeper = keeper.clone();
        callers.push(tokio::spawn(async move { keeper.access_token().await }));
    }
    for caller in callers {
        assert_eq!(caller.await.unwrap().unwrap().expose_secret(), "access-1");
    }
    assert_eq!(fake.calls.load(Ordering::SeqCst), 1);
    assert_eq!(*store.saved.lock().unwrap(), vec!["refresh-1".to_string()]);

    // After a 401, concurrent renewals are one refresh too.
    let mut callers = Vec::new();
    for _ in 0..4 {
        let keeper = keeper.clone();
        callers.push(tokio::spawn(async move { keeper.renew().await }));
    }
    for caller in callers {
        assert_eq!(caller.await.unwrap().unwrap().expose_secret(), "access-2");
    }
    assert_eq!(fake.calls.load(Ordering::SeqCst), 2);
}

#[tokio::test]
async fn a_revoked_refresh_token_is_sign_in_expired_and_forgotten() {
    let (config, fake) = fake_provider().await;
    fake.revoked.store(true, Ordering::SeqCst);
    let store = Arc::new(MemoryStore::default());
    let keeper = TokenKeeper::new(config, SecretString::from("refresh-0"), store.clone());
    let error = keeper.access_token().await.unwrap_err();
    assert!(matches!(error, OAuthError::SignInExpired));
    assert_eq!(
        error.to_string(),
        "ZoomInfo no longer accepts the saved sign-in (it was revoked or expired). Sign in to ZoomInfo again."
    );
    assert_eq!(store.forgotten.load(Ordering::SeqCst), 1);
}

#[tokio::test]
async fn a_code_without_state_is_refused_and_nothing_is_exchanged() {
    let (config, fake) = fake_provider().await;
    let pending = begin_sign_in(config).await.unwrap();
    let uri = pending.redirect_uri().to_string();
    let finish = tokio::spawn(pending.finish(Duration::from_secs(10)));
    redirect(&uri, "code=good").await;
    let error = finish.await.unwrap().unwrap_err();
    assert!(matches!(error, OAuthError::StateMismatch), "{error}");
    assert_eq!(fake.calls.load(Ordering::SeqCst), 0);
}
