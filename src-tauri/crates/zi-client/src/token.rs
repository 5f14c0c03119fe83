//! The JWT lifecycle: one login shared by everyone who needs a token (single flight),
//! renewal before expiry, re-login after a 401, patience with `/authenticate`'s 1/s limit.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use secrecy::{ExposeSecret, SecretString};
use serde::{Deserialize, Serialize};
use tokio::sync::Mutex;
use tokio::time::Instant;
use ts_rs::TS;

use crate::credentials::Credentials;
use crate::error::{ClientError, Result};
use crate::limits;
use crate::retry::RetryPolicy;
use crate::session::{SavedSession, SessionCache};
use crate::transport::{Failure, Transport};

/// The longest a sign-in waits for the session cache (a locked keychain may wait for the user);
/// past it, the client signs in as if nothing were kept.
const CACHE_WAIT: Duration = Duration::from_secs(3);

/// A token in use. `generation` tells a stale token from its replacement.
pub(crate) struct Token {
    pub(crate) value: SecretString,
    pub(crate) generation: u64,
    renew_at: Instant,
    expires_at_wall: chrono::DateTime<chrono::Utc>,
    renew_at_wall: chrono::DateTime<chrono::Utc>,
}

/// What the UI shows about the session; never the token itself.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct TokenStatus {
    pub signed_in: bool,
    /// RFC 3339 time the current token expires.
    pub valid_until: Option<String>,
    /// RFC 3339 time the client will renew it (a few minutes early).
    pub renews_at: Option<String>,
    /// Logins made by this session so far.
    #[ts(type = "number")]
    pub logins: u64,
}

struct State {
    current: Option<Arc<Token>>,
    generation: u64,
    last_attempt: Option<Instant>,
    /// The session cache has been read (once per client).
    cache_read: bool,
}

pub(crate) struct TokenManager {
    transport: Arc<Transport>,
    credentials: Credentials,
    retry: RetryPolicy,
    state: Mutex<State>,
    logins: AtomicU64,
    cache: Option<Arc<dyn SessionCache>>,
}

/// Claims we read from ZoomInfo's JWT; only `exp` matters.
#[derive(Deserialize)]
struct ExpiryClaim {
    exp: Option<i64>,
}

/// Claims of the client-signed JWT for the PKI login.
#[derive(Serialize)]
struct PkiClaims<'a> {
    aud: &'static str,
    iss: &'static str,
    iat: i64,
    exp: i64,
    client_id: &'a str,
    username: &'a str,
}

fn unix_now() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or(0)
}

/// Time left until a whole-second `exp`, measured against the clock to the
/// millisecond: rounding "now" down would overstate the life by up to a second.
fn time_until(exp: i64) -> Duration {
    let now = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap_or_default();
    Duration::from_secs(exp.max(0) as u64).saturating_sub(now)
}

/// How long the token lives from now: its `exp` claim when it decodes (at most
/// [`limits::MAX_TOKEN_LIFETIME`]), else the documented 60 minutes.
pub fn lifetime_of(jwt: &str) -> Duration {
    let mut validation = jsonwebtoken::Validation::default();
    validation.insecure_disable_signature_validation();
    validation.validate_exp = false;
    validation.validate_aud = false;
    validation.required_spec_claims.clear();
    let key = jsonwebtoken::DecodingKey::from_secret(&[]);
    match jsonwebtoken::decode::<ExpiryClaim>(jwt, &key, &validation) {
        Ok(data) => match data.claims.exp {
            Some(exp) => time_until(exp).min(limits::MAX_TOKEN_LIFETIME),
            None => limits::ASSUMED_TOKEN_LIFETIME,
        },
        Err(_) => limits::ASSUMED_TOKEN_LIFETIME,
    }
}

/// Renew a few minutes early; for short-lived tokens, in the last fifth of their life.
fn renewal_margin(lifetime: Duration) -> Duration {
    limits::RENEW_BEFORE_EXPIRY.min(lifetime / 5)
}

impl TokenManager {
    pub(crate) fn new(
        transport: Arc<Transport>,
        credentials: Credentials,
        retry: RetryPolicy,
    ) -> Self {
        TokenManager {
            transport,
            credentials,
            retry,
            state: Mutex::new(State {
                current: None,
                generation: 0,
                last_attempt: None,
                cache_read: false,
            }),
            logins: AtomicU64::new(0),
            cache: None,
        }
    }

    /// Starts from the session `cache` keeps and hands it every new token.
    pub(crate) fn with_cache(mut self, cache: Arc<dyn SessionCache>) -> Self {
        self.cache = Some(cache);
        self
    }

    pub(crate) fn username(&self) -> &str {
        self.credentials.username()
    }

    /// A token fresh enough to use, logging in first if needed. Callers that arrive while a
    /// login is under way wait for it and share its token.
    pub(crate) async fn token(&self) -> Result<Arc<Token>> {
        let mut state = self.state.lock().await;
        if state.current.is_none() && !state.cache_read {
            state.cache_read = true;
            if let Some(saved) = self.load_cached().await {
                self.adopt(&mut state, saved);
            }
        }
        if let Some(token) = &state.current {
            if Instant::now() < token.renew_at {
                return Ok(token.clone());
            }
        }
        self.login_locked(&mut state).await
    }

    /// A request made with token `generation` got 401. Log in again unless someone already did.
    pub(crate) async fn replace(&self, generation: u64) -> Result<Arc<Token>> {
        let mut state = self.state.lock().await;
        if let Some(token) = &state.current {
            if token.generation != generation && Instant::now() < token.renew_at {
                return Ok(token.clone());
            }
        }
        state.current = None;
        // The kept token may be the one refused: never offer it again, even if signing in fails.
        self.forget_cached().await;
        self.login_locked(&mut state).await
    }

    /// Forces a new login (the "test connection" button).
    pub(crate) async fn sign_in(&self) -> Result<TokenStatus> {
        let mut state = self.state.lock().await;
        state.current = None;
        state.cache_read = true;
        self.login_locked(&mut state).await?;
        drop(state);
        Ok(self.status().await)
    }

    pub(crate) async fn status(&self) -> TokenStatus {
        let state = self.state.lock().await;
        let logins = self.logins.load(Ordering::Relaxed);
        match &state.current {
            Some(token) => TokenStatus {
                signed_in: true,
                valid_until: Some(token.expires_at_wall.to_rfc3339()),
                renews_at: Some(token.renew_at_wall.to_rfc3339()),
                logins,
            },
            None => TokenStatus {
                logins,
                ..TokenStatus::default()
            },
        }
    }

    pub(crate) fn login_count(&self) -> u64 {
        self.logins.load(Ordering::Relaxed)
    }

    async fn login_locked(&self, state: &mut State) -> Result<Arc<Token>> {
        let mut backoff = self.retry.backoff();
        let mut attempts = crate::retry::Attempts::default();
        loop {
            // `/authenticate` allows about one call per second: never go faster.
            if let Some(last) = state.last_attempt {
                tokio::time::sleep_until(last + limits::AUTH_MIN_INTERVAL).await;
            }
            state.last_attempt = Some(Instant::now());
            attempts.start();
            let failure = match self.authenticate_once().await {
                Ok(jwt) => {
                    let (token, saved) = self.install(state, jwt);
                    self.save_cached(saved).await;
                    return Ok(token);
                }
                Err(failure) => failure,
            };
            let error = match failure {
                Failure::Unauthorized(message) => {
                    return Err(ClientError::CredentialsRejected { message })
                }
                Failure::Error(error) => error,
            };
            if !error.is_retryable() {
                return Err(error);
            }
            let delay = match &error {
                // Throttled login: wait and try again, this is not a failure.
                ClientError::RateLimited { retry_after, .. }
                    if attempts.made < self.retry.max_attempts * 2 =>
                {
                    retry_after.unwrap_or(limits::AUTH_MIN_INTERVAL)
                        + crate::retry::jitter(Duration::from_millis(250))
                }
                _ => match backoff.next() {
                    Some(delay) if !attempts.exhausted_by(&error, self.retry.max_attempts) => delay,
                    _ => return Err(crate::retry::with_attempts(error, attempts.made)),
                },
            };
            tracing::debug!(
                attempts = attempts.made,
                ?delay,
                code = error.code(),
                "login failed; trying again"
            );
            tokio::time::sleep(delay).await;
        }
    }

    /// Puts a freshly issued token in use; returns what the session cache should keep.
    fn install(&self, state: &mut State, jwt: String) -> (Arc<Token>, SavedSession) {
        let lifetime = lifetime_of(&jwt);
        let renew_in = lifetime - renewal_margin(lifetime);
        let now_wall = chrono::Utc::now();
        let saved = SavedSession {
            jwt: SecretString::from(jwt),
            expires_at: now_wall + chrono::Duration::from_std(lifetime).unwrap_or_default(),
            renew_at: now_wall + chrono::Duration::from_std(renew_in).unwrap_or_default(),
        };
        let token = self.put_in_use(state, &saved, renew_in);
        self.logins.fetch_add(1, Ordering::Relaxed);
        tracing::info!(lifetime_s = lifetime.as_secs(), "signed in to ZoomInfo");
        (token, saved)
    }

    /// Uses a kept token while it has life left before its renewal time.
    fn adopt(&self, state: &mut State, saved: SavedSession) {
        let left = (saved.renew_at.min(saved.expires_at) - chrono::Utc::now())
            .to_std()
            .unwrap_or_default()
            .min(limits::MAX_TOKEN_LIFETIME);
        if left.is_zero() {
            return;
        }
        self.put_in_use(state, &saved, left);
        tracing::debug!(left_s = left.as_secs(), "using the kept ZoomInfo session");
    }

    fn put_in_use(
        &self,
        state: &mut State,
        saved: &SavedSession,
        renew_in: Duration,
    ) -> Arc<Token> {
        state.generation += 1;
        let token = Arc::new(Token {
            value: saved.jwt.clone(),
            generation: state.generation,
            renew_at: Instant::now() + renew_in,
            expires_at_wall: saved.expires_at,
            renew_at_wall: saved.renew_at,
        });
        state.current = Some(token.clone());
        token
    }

    async fn load_cached(&self) -> Option<SavedSession> {
        let cache = self.cache.clone()?;
        self.off_runtime(move || cache.load()).await.flatten()
    }

    async fn save_cached(&self, saved: SavedSession) {
        if let Some(cache) = self.cache.clone() {
            self.off_runtime(move || cache.save(&saved)).await;
        }
    }

    async fn forget_cached(&self) {
        if let Some(cache) = self.cache.clone() {
            self.off_runtime(move || cache.forget()).await;
        }
    }

    /// Runs a (possibly blocking) session cache call on a thread of its own, waiting at most
    /// [`CACHE_WAIT`]; `None` when it failed or took longer. The thread is not joined: a
    /// keychain that never answers must not hold up the process either.
    async fn off_runtime<T: Send + 'static>(
        &self,
        call: impl FnOnce() -> T + Send + 'static,
    ) -> Option<T> {
        let (tx, rx) = tokio::sync::oneshot::channel();
        let spawned = std::thread::Builder::new()
            .name("zi-session-cache".into())
            .spawn(move || {
                let _ = tx.send(call());
            });
        if let Err(error) = spawned {
            tracing::warn!(%error, "could not reach the session cache");
            return None;
        }
        match tokio::time::timeout(CACHE_WAIT, rx).await {
            Ok(Ok(value)) => Some(value),
            Ok(Err(_)) => {
                tracing::warn!("the session cache failed");
                None
            }
            Err(_) => {
                tracing::warn!("the session cache did not answer in time; signing in instead");
                None
            }
        }
    }

    async fn authenticate_once(&self) -> std::result::Result<String, Failure> {
        let answer = match &self.credentials {
            Credentials::Password { username, password } => {
                let body =
                    serde_json::json!({"username": username, "password": password.expose_secret()});
                self.transport
                    .post_json("/authenticate", &body, None)
                    .await?
            }
            Credentials::Pki {
                username,
                client_id,
                private_key_pem,
            } => {
                let client_jwt =
                    pki_client_jwt(username, client_id, private_key_pem).map_err(Failure::Error)?;
                self.transport
                    .post_empty("/authenticate", Some(&client_jwt))
                    .await?
            }
        };
        crate::parse::jwt(&answer).map_err(Failure::Error)
    }
}

/// The short RS256 JWT the PKI flow signs with the customer's private key.
fn pki_client_jwt(
    username: &str,
    client_id: &str,
    private_key_pem: &SecretString,
) -> Result<String> {
    let key = jsonwebtoken::EncodingKey::from_rsa_pem(private_key_pem.expose_secret().as_bytes())
        .map_err(|_| {
        ClientError::Config(
            "The PKI private key could not be read: expected an RSA private key in PEM format."
                .into(),
        )
    })?;
    let now = unix_now();
    let claims = PkiClaims {
        aud: limits::PKI_AUDIENCE,
        iss: limits::PKI_ISSUER,
        iat: now,
        exp: now + limits::PKI_CLIENT_JWT_LIFETIME.as_secs() as i64,
        client_id,
        username,
    };
    jsonwebtoken::encode(
        &jsonwebtoken::Header::new(jsonwebtoken::Algorithm::RS256),
        &claims,
        &key,
    )
    .map_err(|e| ClientError::Config(format!("Could not sign the PKI login token: {e}")))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn unsigned_jwt(claims: serde_json::Value) -> String {
        use base64::Engine;
        let enc = base64::engine::general_purpose::URL_SAFE_NO_PAD;
        format!(
            "{}.{}.sig",
            enc.encode(r#"{"alg":"HS256","typ":"JWT"}"#),
            enc.encode(claims.to_string())
        )
    }

    #[test]
    fn lifetime_comes_from_exp_when_the_token_decodes() {
        let jwt = unsigned_jwt(serde_json::json!({"exp": unix_now() + 600}));
        let lifetime = lifetime_of(&jwt).as_secs();
        assert!((598..=600).contains(&lifetime), "lifetime {lifetime}");
    }

    /// A 3-second token issued late in a second lives just over 2 seconds;
    /// counting from the whole second renewed it after the server had refused it.
    #[test]
    fn lifetime_counts_the_part_of_the_second_already_gone() {
        let now = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .expect("clock after 1970");
        let exp = now.as_secs() as i64 + 3;
        let expected = Duration::from_secs(3) - Duration::from_nanos(now.subsec_nanos() as u64);
        let lifetime = lifetime_of(&unsigned_jwt(serde_json::json!({ "exp": exp })));
        let error = expected.abs_diff(lifetime);
        assert!(
            error < Duration::from_millis(50),
            "lifetime {lifetime:?}, expected {expected:?}"
        );
    }

    #[test]
    fn lifetime_is_assumed_when_the_token_is_opaque_or_has_no_exp() {
        assert_eq!(lifetime_of("not-a-jwt"), limits::ASSUMED_TOKEN_LIFETIME);
        assert_eq!(
            lifetime_of(&unsigned_jwt(serde_json::json!({"sub": "x"}))),
            limits::ASSUMED_TOKEN_LIFETIME
        );
    }

    /// Found by fuzzing: an `exp` thousands of years ahead overflowed the renewal clocks.
    #[test]
    fn a_far_future_exp_is_capped() {
        for exp in [99_999_999_999_999_i64, i64::MAX] {
            let lifetime = lifetime_of(&unsigned_jwt(serde_json::json!({ "exp": exp })));
            assert_eq!(lifetime, limits::MAX_TOKEN_LIFETIME);
            assert!(Instant::now().checked_add(lifetime).is_some());
            let wall = chrono::Duration::from_std(lifetime).expect("fits chrono");
            assert!(chrono::Utc::now().checked_add_signed(wall).is_some());
        }
    }

    #[test]
    fn renewal_is_five_minutes_early_for_hour_tokens_and_proportional_for_short_ones() {
        assert_eq!(
            renewal_margin(Duration::from_secs(3600)),
            Duration::from_secs(300)
        );
        assert_eq!(
            renewal_margin(Duration::from_secs(5)),
            Duration::from_secs(1)
        );
    }
}
