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
/// The GTM API's OAuth refresh token (`zi login --gtm`), beside the legacy credentials; read and
/// written through [`SessionVault`] under this account.
pub const GTM_REFRESH_TOKEN_ACCOUNT: &str = "gtm refresh token";

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

    fn entry_for(&self, account: &str) -> Result<keyring::Entry> {
        keyring::Entry::new(&self.entry_service, account).map_err(keychain_error)
    }
}

/// keyring's messages name the backend problem, never the secret.
fn keychain_error(error: keyring::Error) -> CoreError {
    CoreError::Keychain(error.to_string())
}

/// One secret per account name: what [`Parts`] needs of a keychain.
trait Entries {
    fn get(&self, account: &str) -> Result<Option<String>>;
    fn set(&self, account: &str, value: &str) -> Result<()>;
    /// False when there was no such entry.
    fn remove(&self, account: &str) -> Result<bool>;
}

impl Entries for Keychain {
    fn get(&self, account: &str) -> Result<Option<String>> {
        match self.entry_for(account)?.get_password() {
            Ok(value) => Ok(Some(value)),
            Err(keyring::Error::NoEntry) => Ok(None),
            Err(error) => Err(keychain_error(error)),
        }
    }

    fn set(&self, account: &str, value: &str) -> Result<()> {
        self.entry_for(account)?
            .set_password(value)
            .map_err(keychain_error)
    }

    fn remove(&self, account: &str) -> Result<bool> {
        match self.entry_for(account)?.delete_credential() {
            Ok(()) => Ok(true),
            Err(keyring::Error::NoEntry) => Ok(false),
            Err(error) => Err(keychain_error(error)),
        }
    }
}

/// Windows' Credential Manager holds at most 2,560 bytes a credential, 1,280 UTF-16 units,
/// less than a PKI sign-in's private key: longer values are split across several entries,
/// `account`, `account#2`, `account#3`…, the first one saying how many there are
/// (`PARTS_MARK`, the count, `PARTS_MARK`, then its share). Short values stay one entry as
/// they are (and values stored before the split read as they always did). On every platform
/// alike, so the Secret Service tests on Linux cover it too.
struct Parts<'a, E: Entries + ?Sized>(&'a E);

/// UTF-16 units a part holds: Windows' limit, less room for the first part's count.
const PART_UNITS: usize = 1_280 - 16;
/// Starts no JSON text and no token: a value that starts with it is split.
const PARTS_MARK: char = '\u{1}';

fn part_name(account: &str, number: usize) -> String {
    format!("{account}#{number}")
}

/// `value` cut into pieces of at most `PART_UNITS` UTF-16 units, never inside a character.
fn split_value(value: &str) -> Vec<&str> {
    let mut parts = Vec::new();
    let (mut start, mut units) = (0, 0);
    for (at, c) in value.char_indices() {
        if units + c.len_utf16() > PART_UNITS {
            parts.push(&value[start..at]);
            (start, units) = (at, 0);
        }
        units += c.len_utf16();
    }
    parts.push(&value[start..]);
    parts
}

impl<E: Entries + ?Sized> Parts<'_, E> {
    fn load(&self, account: &str) -> Result<Option<String>> {
        let Some(first) = self.0.get(account)? else {
            return Ok(None);
        };
        let Some(rest) = first.strip_prefix(PARTS_MARK) else {
            return Ok(Some(first));
        };
        let unreadable =
            || CoreError::Keychain(format!("the keychain entry {account} is incomplete"));
        let (count, head) = rest.split_once(PARTS_MARK).ok_or_else(unreadable)?;
        let count: usize = count.parse().map_err(|_| unreadable())?;
        let mut value = head.to_string();
        for number in 2..=count {
            value.push_str(
                &self
                    .0
                    .get(&part_name(account, number))?
                    .ok_or_else(unreadable)?,
            );
        }
        Ok(Some(value))
    }

    /// The later parts first, the first one (which names them) last, then what is left of a
    /// longer value stored before.
    fn save(&self, account: &str, value: &str) -> Result<()> {
        if value.encode_utf16().count() <= PART_UNITS && !value.starts_with(PARTS_MARK) {
            self.0.set(account, value)?;
            return self.remove_parts_from(account, 2);
        }
        let parts = split_value(value);
        for (number, part) in parts.iter().enumerate().skip(1) {
            self.0.set(&part_name(account, number + 1), part)?;
        }
        let first = format!("{PARTS_MARK}{}{PARTS_MARK}{}", parts.len(), parts[0]);
        self.0.set(account, &first)?;
        self.remove_parts_from(account, parts.len() + 1)
    }

    fn delete(&self, account: &str) -> Result<()> {
        self.0.remove(account)?;
        self.remove_parts_from(account, 2)
    }

    fn remove_parts_from(&self, account: &str, first: usize) -> Result<()> {
        let mut number = first;
        while self.0.remove(&part_name(account, number))? {
            number += 1;
        }
        Ok(())
    }
}

impl CredentialStore for Keychain {
    fn load(&self) -> Result<Option<Credentials>> {
        match Parts(self).load(KEYCHAIN_ACCOUNT)? {
            Some(json) => serde_json::from_str::<Stored>(&json)
                .map(|stored| Some(from_stored(stored)))
                .map_err(|_| {
                    CoreError::Keychain(
                        "the stored credentials are unreadable; run `zi login` again".into(),
                    )
                }),
            None => Ok(None),
        }
    }

    fn save(&self, credentials: &Credentials) -> Result<()> {
        let json = SecretString::from(
            serde_json::to_string(&to_stored(credentials))
                .map_err(|e| CoreError::Keychain(e.to_string()))?,
        );
        Parts(self).save(KEYCHAIN_ACCOUNT, json.expose_secret())
    }

    fn delete(&self) -> Result<()> {
        Parts(self).delete(KEYCHAIN_ACCOUNT)
    }

    fn session_vault(&self) -> Option<Arc<dyn SessionVault>> {
        Some(Arc::new(self.clone()))
    }
}

/// Sessions sit beside the credentials, under their own account names.
impl SessionVault for Keychain {
    fn load(&self, account: &str) -> Result<Option<SecretString>> {
        Ok(Parts(self).load(account)?.map(SecretString::from))
    }

    fn save(&self, account: &str, value: &SecretString) -> Result<()> {
        Parts(self).save(account, value.expose_secret())
    }

    fn delete(&self, account: &str) -> Result<()> {
        Parts(self).delete(account)
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

    /// Entries as Windows' Credential Manager keeps them: none longer than 1,280 UTF-16 units.
    #[derive(Default)]
    struct FakeEntries(Mutex<std::collections::BTreeMap<String, String>>);

    impl Entries for FakeEntries {
        fn get(&self, account: &str) -> Result<Option<String>> {
            Ok(self.0.lock().expect("entries").get(account).cloned())
        }
        fn set(&self, account: &str, value: &str) -> Result<()> {
            if value.encode_utf16().count() > 1_280 {
                return Err(CoreError::Keychain(
                    "password encoded as UTF-16 too long".into(),
                ));
            }
            self.0
                .lock()
                .expect("entries")
                .insert(account.into(), value.into());
            Ok(())
        }
        fn remove(&self, account: &str) -> Result<bool> {
            Ok(self.0.lock().expect("entries").remove(account).is_some())
        }
    }

    impl FakeEntries {
        fn names(&self) -> Vec<String> {
            self.0.lock().expect("entries").keys().cloned().collect()
        }
    }

    #[test]
    fn long_values_are_split_across_entries_and_joined_back() {
        let entries = FakeEntries::default();
        let parts = Parts(&entries);
        // A PKI key's worth (3,000 characters), with characters of two UTF-16 units across a cut.
        let long: String = "-----BEGIN PRIVATE KEY-----\n".to_string()
            + &"MIIEvQIBADANBgkqhkiG9w0BAQEFAASC€𝄞".repeat(90);
        parts.save("zoominfo-api", &long).expect("save");
        assert_eq!(
            entries.names(),
            ["zoominfo-api", "zoominfo-api#2", "zoominfo-api#3"]
        );
        assert_eq!(
            parts.load("zoominfo-api").expect("load").as_deref(),
            Some(&*long)
        );

        // A shorter value replaces it whole: one entry, nothing of the old parts left.
        parts.save("zoominfo-api", "{\"short\":1}").expect("save");
        assert_eq!(entries.names(), ["zoominfo-api"]);
        assert_eq!(
            parts.load("zoominfo-api").expect("load").as_deref(),
            Some("{\"short\":1}")
        );

        parts.save("zoominfo-api", &long).expect("save");
        parts.delete("zoominfo-api").expect("delete");
        assert!(entries.names().is_empty());
        assert_eq!(parts.load("zoominfo-api").expect("load"), None);
        parts.delete("zoominfo-api").expect("deleting nothing");
    }

    #[test]
    fn split_values_are_read_back_exactly_or_not_at_all() {
        let entries = FakeEntries::default();
        let parts = Parts(&entries);
        // A value that happens to start with the mark is stored split, so it reads back as given.
        let marked = format!("{PARTS_MARK}2{PARTS_MARK}x");
        parts.save("a", &marked).expect("save");
        assert_eq!(parts.load("a").expect("load"), Some(marked));
        // A missing part is an error, never a shortened secret.
        parts.save("b", &"x".repeat(3_000)).expect("save");
        entries.remove("b#2").expect("remove");
        assert!(parts.load("b").is_err());
        // Cuts fall between characters and every piece fits.
        for piece in split_value(&"é𝄞a".repeat(1_000)) {
            assert!(piece.encode_utf16().count() <= PART_UNITS);
        }
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
