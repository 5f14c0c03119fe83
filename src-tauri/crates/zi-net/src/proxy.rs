//! The proxy in force. One per process, like the environment variables it overrides: the app
//! sets it from Settings at start and when they are saved; each client built afterwards uses it.

use std::sync::{PoisonError, RwLock};

use secrecy::{ExposeSecret, SecretString};
use url::Url;

/// A proxy entered in Settings, which overrides the environment and the system's settings.
#[derive(Clone, Debug, Default)]
pub struct ProxyOverride {
    /// `http://host:port` (or `https://`; SOCKS is not built in). `None`: the system's
    /// settings.
    pub url: Option<String>,
    /// Hosts that bypass it, comma-separated as in `NO_PROXY` (`*.corp.example, 10.0.0.0/8`).
    pub no_proxy: String,
    /// For a proxy that asks for a password (HTTP 407).
    pub username: Option<String>,
    /// From the keychain.
    pub password: Option<SecretString>,
}

#[derive(Debug, thiserror::Error)]
pub enum NetError {
    #[error("The proxy address '{0}' is not valid: enter it as http://host:port.")]
    ProxyUrl(String),
    #[error("Could not set up HTTPS with this computer's certificate store: {0}")]
    Tls(String),
}

/// Always bypassed by a proxy entered in Settings.
const LOOPBACK: &str = "localhost, 127.0.0.0/8, ::1";

static PROXY: RwLock<Option<ProxyOverride>> = RwLock::new(None);

/// Sets the proxy every client built from now on uses (`None`: the system's settings).
pub fn configure(proxy: Option<ProxyOverride>) -> Result<(), NetError> {
    if let Some(url) = proxy.as_ref().and_then(|p| p.url.as_deref()) {
        check_proxy_url(url)?;
    }
    *PROXY.write().unwrap_or_else(PoisonError::into_inner) = proxy;
    Ok(())
}

/// The proxy entered in Settings, if any.
pub fn current() -> Option<ProxyOverride> {
    PROXY.read().unwrap_or_else(PoisonError::into_inner).clone()
}

/// An http(s):// proxy address with a host, the forms corporate proxies speak.
pub fn check_proxy_url(text: &str) -> Result<Url, NetError> {
    let url = Url::parse(text.trim()).map_err(|_| NetError::ProxyUrl(text.into()))?;
    if !matches!(url.scheme(), "http" | "https") || url.host_str().is_none() {
        return Err(NetError::ProxyUrl(text.into()));
    }
    Ok(url)
}

pub(crate) fn apply(
    builder: reqwest::ClientBuilder,
    proxy: &Option<ProxyOverride>,
) -> Result<reqwest::ClientBuilder, NetError> {
    let Some(entered) = proxy else {
        return Ok(builder); // reqwest reads the environment and the system's settings
    };
    let Some(url) = entered.url.as_deref().filter(|u| !u.trim().is_empty()) else {
        return Ok(builder);
    };
    let url = check_proxy_url(url)?;
    let mut proxy =
        reqwest::Proxy::all(url.as_str()).map_err(|_| NetError::ProxyUrl(url.to_string()))?;
    if let (Some(user), Some(password)) = (&entered.username, &entered.password) {
        proxy = proxy.basic_auth(user, password.expose_secret());
    }
    // This computer's own servers (the demo's simulators) never go through it.
    let bypass = format!("{}, {LOOPBACK}", entered.no_proxy);
    proxy = proxy.no_proxy(reqwest::NoProxy::from_string(&bypass));
    Ok(builder.proxy(proxy))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_proxy_address_is_http_with_a_host() {
        assert!(check_proxy_url("http://proxy.corp.example:3128").is_ok());
        assert!(check_proxy_url(" https://proxy.corp.example ").is_ok());
        for bad in [
            "proxy.corp.example:3128",
            "socks5://proxy:1080",
            "http://",
            "",
        ] {
            let error = check_proxy_url(bad).expect_err(bad).to_string();
            assert!(error.contains("http://host:port"), "{error}");
        }
    }
}
