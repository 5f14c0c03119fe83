//! How zi-console reaches the internet, for every client it has (ZoomInfo, SCIM, identity
//! providers):
//!
//! - **Trust**: certificates are verified by the operating system (Keychain on macOS, the
//!   certificate store on Windows, the system bundle on Linux, where `SSL_CERT_FILE` names
//!   another), so a company's TLS-inspecting proxy works once IT has installed its root.
//! - **Proxy**: `HTTPS_PROXY`/`HTTP_PROXY`/`NO_PROXY`, and on macOS and Windows the system's
//!   proxy settings; a proxy entered in Settings overrides them ([`configure`]).
//! - **Failures** in plain words ([`Problem`]): a certificate this computer does not trust
//!   names its host; a proxy that refuses or wants a password says so.

mod problem;
mod proxy;
mod reach;
mod tls;

pub use problem::{problem_of, Problem};
pub use proxy::{check_proxy_url, configure, current, NetError, ProxyOverride};
pub use reach::{env_proxy, reach};

/// A client builder that trusts what the operating system trusts and goes through the proxy
/// in force (Settings, else the environment and the system's settings).
pub fn client_builder() -> Result<reqwest::ClientBuilder, NetError> {
    let builder = reqwest::Client::builder().use_preconfigured_tls(tls::platform_config()?);
    proxy::apply(builder, &current())
}
