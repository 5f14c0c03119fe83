//! The network settings: a proxy entered in Settings (its password in the OS keychain), which
//! overrides the environment and the system's proxy settings, and a connection check that says
//! in plain words what stands between this computer and a server.

use secrecy::SecretString;
use serde::{Deserialize, Serialize};
use ts_rs::TS;
use zi_net::ProxyOverride;
use zi_store::Store;

use crate::error::{CoreError, Result};
use crate::sessions::SessionVault;

const KEY_PROXY_URL: &str = "proxy_url";
const KEY_NO_PROXY: &str = "no_proxy";
const KEY_PROXY_USERNAME: &str = "proxy_username";
/// The keychain account of the proxy's password.
pub const PROXY_PASSWORD_ACCOUNT: &str = "proxy password";

/// The proxy entered in Settings; an empty address means the system's settings.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct NetworkSettings {
    /// `http://host:port`, or empty for the system's proxy settings.
    pub proxy_url: String,
    /// Hosts that bypass the proxy, comma-separated (`*.corp.example, 10.0.0.0/8`).
    pub no_proxy: String,
    /// For a proxy that asks for a password; empty when it does not.
    pub proxy_username: String,
}

/// What the Settings screen and `zi network` show.
#[derive(Clone, Debug, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct NetworkView {
    pub settings: NetworkSettings,
    /// A proxy password is kept in the keychain.
    pub password_kept: bool,
    /// With no proxy entered: the proxy the environment names (`HTTPS_PROXY`, …), if any.
    pub env_proxy: Option<String>,
}

impl NetworkSettings {
    pub async fn load(store: &Store) -> Result<Self> {
        let text = |value: Option<String>| value.unwrap_or_default();
        Ok(NetworkSettings {
            proxy_url: text(store.setting(KEY_PROXY_URL).await?),
            no_proxy: text(store.setting(KEY_NO_PROXY).await?),
            proxy_username: text(store.setting(KEY_PROXY_USERNAME).await?),
        })
    }

    /// Trimmed, or why not: an http(s) proxy address naming a host; a user name only with one.
    pub fn checked(&self) -> Result<Self> {
        let settings = NetworkSettings {
            proxy_url: self.proxy_url.trim().trim_end_matches('/').to_string(),
            no_proxy: self.no_proxy.trim().to_string(),
            proxy_username: self.proxy_username.trim().to_string(),
        };
        if !settings.proxy_url.is_empty() {
            zi_net::check_proxy_url(&settings.proxy_url)
                .map_err(|e| CoreError::Invalid(e.to_string()))?;
        } else if !settings.proxy_username.is_empty() {
            return Err(CoreError::Invalid(
                "Enter the proxy's address along with its user name.".into(),
            ));
        }
        Ok(settings)
    }

    /// Saves them and the password (`Some("")` forgets the kept one, `None` keeps it), then
    /// uses them for every connection made from now on.
    pub async fn save(
        &self,
        store: &Store,
        vault: Option<&dyn SessionVault>,
        password: Option<&str>,
    ) -> Result<NetworkView> {
        let settings = self.checked()?;
        store
            .set_setting(KEY_PROXY_URL, &settings.proxy_url)
            .await?;
        store.set_setting(KEY_NO_PROXY, &settings.no_proxy).await?;
        store
            .set_setting(KEY_PROXY_USERNAME, &settings.proxy_username)
            .await?;
        if let Some(password) = password {
            let vault = vault.ok_or_else(|| {
                CoreError::Invalid("No keychain is available to keep the proxy password.".into())
            })?;
            if password.is_empty() || settings.proxy_url.is_empty() {
                vault.delete(PROXY_PASSWORD_ACCOUNT)?;
            } else {
                vault.save(
                    PROXY_PASSWORD_ACCOUNT,
                    &SecretString::from(password.to_string()),
                )?;
            }
        }
        let detail = if settings.proxy_url.is_empty() {
            "the system's proxy settings".to_string()
        } else {
            format!("proxy {}", settings.proxy_url)
        };
        store.audit("network_saved", &detail).await?;
        apply_network(store, vault).await
    }
}

/// Reads the saved settings and the kept password and makes them the process's proxy. Called
/// at start (app and `zi`) and after saving.
pub async fn apply_network(store: &Store, vault: Option<&dyn SessionVault>) -> Result<NetworkView> {
    let settings = NetworkSettings::load(store).await?;
    // A keychain that cannot be read leaves the proxy without its password (it will say so
    // with a 407) rather than stopping every command.
    let password = kept_password(&settings, vault).unwrap_or_else(|error| {
        tracing::warn!("the proxy password could not be read from the keychain: {error}");
        None
    });
    let password_kept = password.is_some();
    let entered = (!settings.proxy_url.is_empty()).then(|| ProxyOverride {
        url: Some(settings.proxy_url.clone()),
        no_proxy: settings.no_proxy.clone(),
        username: (!settings.proxy_username.is_empty()).then(|| settings.proxy_username.clone()),
        password,
    });
    zi_net::configure(entered).map_err(|e| CoreError::Invalid(e.to_string()))?;
    Ok(network_view(settings, password_kept))
}

fn network_view(settings: NetworkSettings, password_kept: bool) -> NetworkView {
    let env_proxy = settings
        .proxy_url
        .is_empty()
        .then(zi_net::env_proxy)
        .flatten();
    NetworkView {
        settings,
        password_kept,
        env_proxy,
    }
}

/// The network settings in force, for a screen or `zi network`.
pub async fn network_view_of(
    store: &Store,
    vault: Option<&dyn SessionVault>,
) -> Result<NetworkView> {
    let settings = NetworkSettings::load(store).await?;
    let password_kept = kept_password(&settings, vault)?.is_some();
    Ok(network_view(settings, password_kept))
}

/// The proxy's password from the keychain; none without an entered proxy or a keychain.
fn kept_password(
    settings: &NetworkSettings,
    vault: Option<&dyn SessionVault>,
) -> Result<Option<SecretString>> {
    match vault {
        Some(vault) if !settings.proxy_url.is_empty() => vault.load(PROXY_PASSWORD_ACCOUNT),
        _ => Ok(None),
    }
}

/// Whether a server can be reached from here, as the clients would reach it.
#[derive(Clone, Debug, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct ConnectionCheck {
    pub url: String,
    /// A connection was made and the server answered (any HTTP status: the way is open).
    pub reached: bool,
    /// The HTTP status of the answer.
    pub status: Option<u16>,
    /// What stood in the way, in plain words.
    pub problem: Option<String>,
}

/// Tries `url` through the proxy in force with the system's trust store.
pub async fn check_connection(url: &str) -> Result<ConnectionCheck> {
    let parsed = url::Url::parse(url.trim())
        .ok()
        .filter(|u| matches!(u.scheme(), "http" | "https") && u.host_str().is_some())
        .ok_or_else(|| CoreError::Invalid(format!("'{url}' is not an http(s) address.")))?;
    let host = parsed.host_str().unwrap_or("the server").to_string();
    let reached = zi_net::reach(&parsed)
        .await
        .map_err(|e| CoreError::Invalid(e.to_string()))?;
    let (status, problem) = match reached {
        Ok(status) => (Some(status), None),
        Err(problem) => (None, Some(problem.explain(&host))),
    };
    Ok(ConnectionCheck {
        url: parsed.to_string(),
        reached: problem.is_none(),
        status,
        problem,
    })
}
