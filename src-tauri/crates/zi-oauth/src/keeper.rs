//! The current access token, renewed shortly before expiry in a single flight: concurrent
//! callers wait on one lock and share one refresh (as zi-client's JWT manager does).

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, SystemTime};

use secrecy::SecretString;
use tokio::sync::Mutex;

use crate::config::OAuthConfig;
use crate::error::{OAuthError, Result};
use crate::exchange::{refresh, Tokens};

/// Renew this long before the provider's expiry, so a request never leaves with a token
/// about to die.
const RENEW_EARLY: Duration = Duration::from_secs(120);

/// Where the refresh token lives (the OS keychain in the app and CLI).
pub trait TokenStore: Send + Sync {
    /// A rotated refresh token arrived: keep it instead of the old one.
    fn save_refresh_token(&self, token: &SecretString);
    /// The provider no longer accepts the refresh token: forget it.
    fn forget_refresh_token(&self);
}

struct Current {
    access_token: Option<SecretString>,
    expires_at: SystemTime,
    refresh_token: SecretString,
}

pub struct TokenKeeper {
    config: OAuthConfig,
    store: Arc<dyn TokenStore>,
    current: Mutex<Current>,
    /// Bumped by every renewal; read without the lock so a caller can tell, once it holds
    /// the lock, whether someone renewed while it waited.
    generation: AtomicU64,
}

impl TokenKeeper {
    /// From a stored refresh token; the first [`access_token`](Self::access_token) refreshes.
    pub fn new(
        config: OAuthConfig,
        refresh_token: SecretString,
        store: Arc<dyn TokenStore>,
    ) -> Self {
        Self {
            config,
            store,
            current: Mutex::new(Current {
                access_token: None,
                expires_at: SystemTime::UNIX_EPOCH,
                refresh_token,
            }),
            generation: AtomicU64::new(0),
        }
    }

    /// From a fresh sign-in. Without a refresh token the keeper cannot renew.
    pub fn from_tokens(
        config: OAuthConfig,
        tokens: Tokens,
        store: Arc<dyn TokenStore>,
    ) -> Result<Self> {
        let refresh_token = tokens.refresh_token.ok_or(OAuthError::SignInExpired)?;
        let keeper = Self::new(config, refresh_token, store);
        let mut current = keeper.current.try_lock().expect("new keeper is unlocked");
        current.access_token = Some(tokens.access_token);
        current.expires_at = tokens.expires_at;
        drop(current);
        Ok(keeper)
    }

    /// A token good for at least [`RENEW_EARLY`] more; renews when it is not.
    pub async fn access_token(&self) -> Result<SecretString> {
        let mut current = self.current.lock().await;
        if let Some(token) = &current.access_token {
            if SystemTime::now() + RENEW_EARLY < current.expires_at {
                return Ok(token.clone());
            }
        }
        self.renew_locked(&mut current).await
    }

    /// A new token now (after a 401). Callers that were waiting while another renewed get
    /// that renewal's token instead of starting a second one.
    pub async fn renew(&self) -> Result<SecretString> {
        let seen = self.generation.load(Ordering::SeqCst);
        let mut current = self.current.lock().await;
        if self.generation.load(Ordering::SeqCst) != seen {
            if let Some(token) = &current.access_token {
                return Ok(token.clone());
            }
        }
        self.renew_locked(&mut current).await
    }

    async fn renew_locked(&self, current: &mut Current) -> Result<SecretString> {
        match refresh(&self.config, &current.refresh_token).await {
            Ok(tokens) => {
                if let Some(rotated) = tokens.refresh_token {
                    self.store.save_refresh_token(&rotated);
                    current.refresh_token = rotated;
                }
                current.access_token = Some(tokens.access_token.clone());
                current.expires_at = tokens.expires_at;
                self.generation.fetch_add(1, Ordering::SeqCst);
                Ok(tokens.access_token)
            }
            Err(OAuthError::SignInExpired) => {
                current.access_token = None;
                self.store.forget_refresh_token();
                Err(OAuthError::SignInExpired)
            }
            Err(other) => Err(other),
        }
    }
}
