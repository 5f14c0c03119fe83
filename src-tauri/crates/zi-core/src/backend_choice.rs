//! Which ZoomInfo API a real account is reached through: the legacy Enterprise API (username
//! and password or PKI) or the GTM Data API (an OAuth 2.0 access token).

use std::str::FromStr;

use zi_client::gtm::facts::DEFAULT_BASE_URL as GTM_DEFAULT_BASE_URL;
use zi_store::Store;

use crate::error::Result;
use crate::settings::{ConnectionSettings, API_URL_ENV};

/// Names the API (`legacy` or `gtm`) when no `--backend` is given.
pub const BACKEND_ENV: &str = "ZI_BACKEND";
/// An access token for the GTM API obtained elsewhere; used as is, never renewed.
pub const GTM_ACCESS_TOKEN_ENV: &str = "ZI_GTM_ACCESS_TOKEN";

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum BackendChoice {
    /// The legacy Enterprise API (`/authenticate`, `/search/*`, `/enrich/*`).
    #[default]
    Legacy,
    /// The GTM Data API (`/gtm/data/v1/...`).
    Gtm,
}

impl FromStr for BackendChoice {
    type Err = String;

    fn from_str(text: &str) -> std::result::Result<Self, Self::Err> {
        match text.trim().to_ascii_lowercase().as_str() {
            "legacy" => Ok(BackendChoice::Legacy),
            "gtm" => Ok(BackendChoice::Gtm),
            other => Err(format!("unknown backend '{other}': use legacy or gtm")),
        }
    }
}

/// The GTM access token from the environment, when one is given.
pub(crate) fn gtm_access_token() -> Option<String> {
    std::env::var(GTM_ACCESS_TOKEN_ENV)
        .ok()
        .map(|token| token.trim().to_string())
        .filter(|token| !token.is_empty())
}

/// The stored rates with the GTM server's address: `ZI_API_URL` when set (it names the
/// server as the spec does, `/gtm` included), else the spec's server. The saved API address
/// is legacy's and is not used.
pub(crate) async fn gtm_settings(store: &Store) -> Result<ConnectionSettings> {
    let mut settings = ConnectionSettings::load(store).await?;
    let from_env = std::env::var(API_URL_ENV).is_ok_and(|url| !url.trim().is_empty());
    if !from_env {
        settings.api_url = GTM_DEFAULT_BASE_URL.to_string();
    }
    Ok(settings)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_read_either_case() {
        assert_eq!("GTM".parse::<BackendChoice>(), Ok(BackendChoice::Gtm));
        assert_eq!("legacy".parse::<BackendChoice>(), Ok(BackendChoice::Legacy));
        assert!("v2".parse::<BackendChoice>().is_err());
    }
}
