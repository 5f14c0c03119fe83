//! Credentials live in the OS keychain only (macOS Keychain, Windows Credential Manager,
//! Secret Service on Linux) — never in SQLite, logs or IPC replies.

use std::sync::{Arc, Mutex};

use secrecy::{ExposeSecret, SecretString};
use serde::{Deserialize, Serialize};
use zi_client::Credentials;

use crate::error::{CoreError, Result};
use crate::sessions::SessionVault;

const KEYCHAIN_SERVICE: &str = "zi-console";
const KEYCHAIN_ACCOUNT: &str = "zoominfo-api";

/// Where credentials are kept between runs.
pub trait CredentialStore: Send + Sync {
    fn load(&self) -> Result<Option<Credentials>>;
    fn save(&self, credentials: &Credentials) -> Result<()>;
    fn delete(&self) -> Result<()>;
    /// Where sessions are kept between runs; none: every run signs in.
    fn session_vault(&self) -> Option<Arc<dyn SessionVault>> {
        None
    }
}

/// What the keychain entry holds (serialized only on its way into the keychain).
#[derive(Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "lowercase")]
enum Stored {
    Password {
        username: String,
        password: String,
    },
    Pki {
        username: String,
        client_id: String,
        private_key_pem: String,
    },
}

fn to_stored(credentials: &Credentials) -> Stored {
    match credentials {
        Credentials::Password { username, password } => Stored::Password {
            username: username.clone(),
            password: password.expose_secret().to_string(),
        },
        Credentials::Pki {
            username,
            client_id,
            private_key_pem,
        } => Stored::Pki {
            username: username.clone(),
            client_id: client_id.clone(),
            private_key_pem: private_key_pem.expose_secret().to_string(),
        },
    }
}

fn from_stored(stored: Stored) -> Credentials {
    match stored {
        Stored::Password { username, password } => Credentials::Password {
            username,
            password: SecretString::from(password),
        },
        Stored::Pki {
            username,
            client_id,
            private_key_pem,
        } => Credentials::Pki {
            username,
            client_id,
            private_key_pem: SecretString::from(private_key_pem),
        },
    }
}

/// The OS keychain through `keyring`'s platform backends.
#[derive(Clone)]
pub struct Keychain {
    entry_service: String,
}

/// Lets tests and side-by-side installs use their own keychain entry.
pub const KEYCHAIN_SERVICE_ENV: &str = "ZI_KEYCHAIN_SERVICE";

impl Default for Keychain {
    fn default() -> Self {
        let entry_service = std::env::var(KEYCHAIN_SERVICE_ENV)
            .ok()
            .filter(|s| !s.trim().is_empty())
            .unwrap_or_else(|| KEYCHAIN_SERVICE.to_string());
        Keychain { entry_service }
    }
}

impl Keychain {
    /// The keychain entries of another service name (tests; side-by-side installs).
    pub fn with_service(service: impl Into<String>) -> Self {
        Keychain {
            entry_service: service.into(),
        }
    }

    fn entry(&self) -> Result<keyring::Entry> {
        self.entry_for(KEYCHAIN_ACCOUNT)
    }

    fn entry_for(&self, account: &str) -> Result<keyring::Entry> {
        keyring::Entry::new(&self.entry_service, account).map_err(keychain_error)
    }
}

/// keyring's messages name the backend problem, never the secret.
fn keychain_error(error: keyring::Error) -> CoreError {
    CoreError::Keychain(error.to_string())
}

impl CredentialStore for Keychain {
    fn load(&self) -> Result<Option<Credentials>> {
        match self.entry()?.get_password() {
            Ok(json) => serde_json::from_str::<Stored>(&json)
                .map(|stored| Some(from_stored(stored)))
                .map_err(|_| {
                    CoreError::Keychain(
                        "the stored credentials are unreadable; run `zi login` again".into(),
                    )
                }),
            Err(keyring::Error::NoEntry) => Ok(None),
            Err(error) => Err(keychain_error(error)),
        }
    }

    fn save(&self, credentials: &Credentials) -> Result<()> {
        let json = SecretString::from(
            serde_json::to_string(&to_stored(credentials))
                .map_err(|e| CoreError::Keychain(e.to_string()))?,
        );
        self.entry()?
            .set_password(json.expose_secret())
            .map_err(keychain_error)
    }

    fn delete(&self) -> Result<()> {
        match self.entry()?.delete_credential() {
            Ok(()) | Err(keyring::Error::NoEntry) => Ok(()),
            Err(error) => Err(keychain_error(error)),
        }
    }

    fn session_vault(&self) -> Option<Arc<dyn SessionVault>> {
        Some(Arc::new(self.clone()))
    }
}

/// Sessions sit beside the credentials, under their own account names.
impl SessionVault for Keychain {
    fn load(&self, account: &str) -> Result<Option<SecretString>> {
        match self.entry_for(account)?.get_password() {
            Ok(value) => Ok(Some(SecretString::from(value))),
            Err(keyring::Error::NoEntry) => Ok(None),
            Err(error) => Err(keychain_error(error)),
        }
    }

    fn save(&self, account: &str, value: &SecretString) -> Result<()> {
        self.entry_for(account)?
            .set_password(value.expose_secret())
            .map_err(keychain_error)
    }

    fn delete(&self, account: &str) -> Result<()> {
        match self.entry_for(account)?.delete_credential() {
            Ok(()) | Err(keyring::Error::NoEntry) => Ok(()),
            Err(error) => Err(keychain_error(error)),
        }
    }
}

/// Credentials held in memory only: for tests and for one-off environment overrides.
#[derive(Default)]
pub struct MemoryCredentials {
    credentials: Mutex<Option<Credentials>>,
    sessions: Option<Arc<dyn SessionVault>>,
}

impl MemoryCredentials {
    /// Keeps sessions in `vault` (e.g. the keychain, when only the credentials were read ahead).
    pub fn with_session_vault(mut self, vault: Arc<dyn SessionVault>) -> Self {
        self.sessions = Some(vault);
        self
    }

    fn slot(&self) -> std::sync::MutexGuard<'_, Option<Credentials>> {
        self.credentials
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

impl CredentialStore for MemoryCredentials {
    fn load(&self) -> Result<Option<Credentials>> {
        Ok(self.slot().clone())
    }
    fn save(&self, credentials: &Credentials) -> Result<()> {
        *self.slot() = Some(credentials.clone());
        Ok(())
    }
    fn delete(&self) -> Result<()> {
        *self.slot() = None;
        Ok(())
    }
    fn session_vault(&self) -> Option<Arc<dyn SessionVault>> {
        self.sessions.clone()
    }
}

/// Environment overrides (`ZI_USERNAME`, `ZI_PASSWORD`) on top of what is stored.
pub fn resolve_credentials(
    stored: Option<Credentials>,
    env_username: Option<String>,
    env_password: Option<String>,
) -> Option<Credentials> {
    let env_username = env_username.filter(|u| !u.trim().is_empty());
    match (stored, env_username, env_password) {
        (_, Some(username), Some(password)) => Some(Credentials::password(username, password)),
        (Some(stored), None, Some(password)) => {
            Some(Credentials::password(stored.username(), password))
        }
        (Some(Credentials::Password { password, .. }), Some(username), None) => {
            Some(Credentials::Password { username, password })
        }
        (stored, None, None) => stored,
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_environment_overrides_stored_credentials() {
        let stored = Some(Credentials::password("stored@x.com", "stored-pw"));
        let both = resolve_credentials(
            stored.clone(),
            Some("env@x.com".into()),
            Some("env-pw".into()),
        )
        .expect("some");
        assert_eq!(both.username(), "env@x.com");
        let password_only =
            resolve_credentials(stored.clone(), None, Some("env-pw".into())).expect("some");
        assert_eq!(password_only.username(), "stored@x.com");
        match password_only {
            Credentials::Password { password, .. } => {
                assert_eq!(password.expose_secret(), "env-pw")
            }
            Credentials::Pki { .. } => panic!("expected a password login"),
        }
        assert!(resolve_credentials(None, Some("env@x.com".into()), None).is_none());
        assert_eq!(
            resolve_credentials(stored, None, None)
                .expect("stored")
                .username(),
            "stored@x.com"
        );
    }

    #[test]
    fn credentials_never_print_their_secrets() {
        let shown = format!("{:?}", Credentials::password("me@x.com", "hunter2-secret"));
        assert!(
            shown.contains("me@x.com") && !shown.contains("hunter2-secret"),
            "{shown}"
        );
    }

    #[test]
    fn memory_store_round_trips() {
        let store = MemoryCredentials::default();
        assert!(store.load().expect("load").is_none());
        store
            .save(&Credentials::password("a@b.c", "pw"))
            .expect("save");
        assert_eq!(
            store.load().expect("load").expect("some").username(),
            "a@b.c"
        );
        store.delete().expect("delete");
        assert!(store.load().expect("load").is_none());
    }
}
