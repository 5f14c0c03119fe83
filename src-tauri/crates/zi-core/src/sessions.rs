//! The ZoomInfo session kept between runs, so `zi` signs in once per token and not once per
//! command (ZoomInfo: "Do not generate a new JWT with every call/request"). Kept where the
//! credentials are, the OS keychain, one entry per API address and user; never on disk, in
//! SQLite or in logs.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use secrecy::{ExposeSecret, SecretString};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use zi_client::{Credentials, SavedSession, SessionCache};

use crate::error::Result;

/// Where kept sessions live: secret values by account name.
pub trait SessionVault: Send + Sync {
    fn load(&self, account: &str) -> Result<Option<SecretString>>;
    fn save(&self, account: &str, value: &SecretString) -> Result<()>;
    fn delete(&self, account: &str) -> Result<()>;
}

/// The vault's account name of the session of `username` at `api_url`.
pub fn session_account(api_url: &str, username: &str) -> String {
    format!(
        "session {} {}",
        api_url.trim().trim_end_matches('/'),
        username.trim()
    )
}

/// What the vault entry holds (serialized only on its way into the vault).
#[derive(Serialize, Deserialize)]
struct Stored {
    jwt: String,
    expires_at: chrono::DateTime<chrono::Utc>,
    renew_at: chrono::DateTime<chrono::Utc>,
    /// Digest of the credentials that signed in: a session is only reused with them (a wrong
    /// password in `ZI_PASSWORD` must still be refused).
    credentials: String,
}

fn fingerprint(credentials: &Credentials) -> String {
    let mut digest = Sha256::new();
    let parts: [&str; 4] = match credentials {
        Credentials::Password { username, password } => {
            ["password", username, "", password.expose_secret()]
        }
        Credentials::Pki {
            username,
            client_id,
            private_key_pem,
        } => ["pki", username, client_id, private_key_pem.expose_secret()],
    };
    for part in parts {
        digest.update(part.as_bytes());
        digest.update([0]);
    }
    digest
        .finalize()
        .iter()
        .map(|byte| format!("{byte:02x}"))
        .collect()
}

/// The session of one user at one API address, as the client sees its cache. Failures of the
/// vault are logged (without the token) and otherwise ignored: the client signs in instead.
pub struct KeptSession {
    vault: Arc<dyn SessionVault>,
    account: String,
    credentials: String,
}

impl KeptSession {
    pub fn new(vault: Arc<dyn SessionVault>, api_url: &str, credentials: &Credentials) -> Self {
        KeptSession {
            vault,
            account: session_account(api_url, credentials.username()),
            credentials: fingerprint(credentials),
        }
    }
}

impl SessionCache for KeptSession {
    fn load(&self) -> Option<SavedSession> {
        let value = match self.vault.load(&self.account) {
            Ok(value) => value?,
            Err(error) => {
                tracing::debug!(%error, "no kept session");
                return None;
            }
        };
        let stored: Stored = serde_json::from_str(value.expose_secret()).ok()?;
        (stored.credentials == self.credentials).then(|| SavedSession {
            jwt: SecretString::from(stored.jwt),
            expires_at: stored.expires_at,
            renew_at: stored.renew_at,
        })
    }

    fn save(&self, session: &SavedSession) {
        let stored = Stored {
            jwt: session.jwt.expose_secret().to_string(),
            expires_at: session.expires_at,
            renew_at: session.renew_at,
            credentials: self.credentials.clone(),
        };
        let Ok(json) = serde_json::to_string(&stored) else {
            return;
        };
        if let Err(error) = self.vault.save(&self.account, &SecretString::from(json)) {
            tracing::debug!(%error, "the session could not be kept");
        }
    }

    fn forget(&self) {
        if let Err(error) = self.vault.delete(&self.account) {
            tracing::debug!(%error, "the kept session could not be removed");
        }
    }
}

/// Sessions held in memory: tests, and runs that must not touch the keychain.
#[derive(Default)]
pub struct MemorySessions(Mutex<HashMap<String, SecretString>>);

impl MemorySessions {
    fn entries(&self) -> std::sync::MutexGuard<'_, HashMap<String, SecretString>> {
        self.0
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// How many sessions are kept.
    pub fn len(&self) -> usize {
        self.entries().len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries().is_empty()
    }
}

impl SessionVault for MemorySessions {
    fn load(&self, account: &str) -> Result<Option<SecretString>> {
        Ok(self.entries().get(account).cloned())
    }
    fn save(&self, account: &str, value: &SecretString) -> Result<()> {
        self.entries().insert(account.to_string(), value.clone());
        Ok(())
    }
    fn delete(&self, account: &str) -> Result<()> {
        self.entries().remove(account);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn session(jwt: &str) -> SavedSession {
        let now = chrono::Utc::now();
        SavedSession {
            jwt: SecretString::from(jwt.to_string()),
            expires_at: now + chrono::Duration::minutes(60),
            renew_at: now + chrono::Duration::minutes(55),
        }
    }

    #[test]
    fn a_session_is_kept_per_address_and_user_and_only_for_its_credentials() {
        let vault: Arc<dyn SessionVault> = Arc::new(MemorySessions::default());
        let me = Credentials::password("me@x.com", "pw");
        let kept = KeptSession::new(vault.clone(), "https://api.zoominfo.com/", &me);
        kept.save(&session("token-1"));
        let again = KeptSession::new(vault.clone(), "https://api.zoominfo.com", &me);
        assert_eq!(
            again.load().map(|s| s.jwt.expose_secret().to_string()),
            Some("token-1".into())
        );
        let elsewhere = KeptSession::new(vault.clone(), "http://127.0.0.1:9", &me);
        assert!(elsewhere.load().is_none(), "another address");
        let other_user = KeptSession::new(
            vault.clone(),
            "https://api.zoominfo.com",
            &Credentials::password("you@x.com", "pw"),
        );
        assert!(other_user.load().is_none(), "another user");
        let wrong_password = KeptSession::new(
            vault.clone(),
            "https://api.zoominfo.com",
            &Credentials::password("me@x.com", "not-it"),
        );
        assert!(wrong_password.load().is_none(), "other credentials");
        again.forget();
        assert!(kept.load().is_none());
    }

    #[test]
    fn the_vault_entry_holds_no_password() {
        let vault = Arc::new(MemorySessions::default());
        let kept = KeptSession::new(
            vault.clone(),
            "https://api.zoominfo.com",
            &Credentials::password("me@x.com", "hunter2-secret"),
        );
        kept.save(&session("token-1"));
        let account = session_account("https://api.zoominfo.com", "me@x.com");
        let value = vault.load(&account).expect("load").expect("kept");
        assert!(!value.expose_secret().contains("hunter2-secret"));
        assert!(format!("{:?}", session("token-1")).contains("redacted"));
    }
}
