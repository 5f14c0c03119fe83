//! Connection settings, kept in the local store and overridable from the environment.

use serde::{Deserialize, Serialize};
use ts_rs::TS;
use zi_client::{limits, ClientConfig, RateLimits};
use zi_store::Store;

use crate::error::{CoreError, Result};

pub const API_URL_ENV: &str = "ZI_API_URL";
const KEY_API_URL: &str = "api_url";
const KEY_RATE_PER_SECOND: &str = "rate_per_second";
const KEY_RATE_PER_MINUTE: &str = "rate_per_minute";

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ConnectionSettings {
    pub api_url: String,
    pub rate_per_second: u32,
    pub rate_per_minute: u32,
}

impl Default for ConnectionSettings {
    fn default() -> Self {
        ConnectionSettings {
            api_url: limits::DEFAULT_BASE_URL.to_string(),
            rate_per_second: limits::DEFAULT_REQUESTS_PER_SECOND,
            rate_per_minute: limits::DEFAULT_REQUESTS_PER_MINUTE,
        }
    }
}

impl ConnectionSettings {
    /// Stored settings, then `ZI_API_URL` on top.
    pub async fn load(store: &Store) -> Result<Self> {
        let defaults = ConnectionSettings::default();
        let number = |value: Option<String>, default: u32| {
            value.and_then(|v| v.parse().ok()).unwrap_or(default)
        };
        let mut settings = ConnectionSettings {
            api_url: store
                .setting(KEY_API_URL)
                .await?
                .unwrap_or(defaults.api_url),
            rate_per_second: number(
                store.setting(KEY_RATE_PER_SECOND).await?,
                defaults.rate_per_second,
            ),
            rate_per_minute: number(
                store.setting(KEY_RATE_PER_MINUTE).await?,
                defaults.rate_per_minute,
            ),
        };
        if let Ok(url) = std::env::var(API_URL_ENV) {
            if !url.trim().is_empty() {
                settings.api_url = url.trim().to_string();
            }
        }
        Ok(settings)
    }

    /// Saves the settings as [`checked`](Self::checked) made them, notes it in the audit trail,
    /// and returns what was saved. They apply from the next sign-in.
    pub async fn save(&self, store: &Store) -> Result<Self> {
        let settings = self.checked()?;
        store.set_setting(KEY_API_URL, &settings.api_url).await?;
        store
            .set_setting(KEY_RATE_PER_SECOND, &settings.rate_per_second.to_string())
            .await?;
        store
            .set_setting(KEY_RATE_PER_MINUTE, &settings.rate_per_minute.to_string())
            .await?;
        store
            .audit(
                "settings_saved",
                &format!(
                    "api {} at {}/s, {}/min",
                    settings.api_url, settings.rate_per_second, settings.rate_per_minute
                ),
            )
            .await?;
        Ok(settings)
    }

    /// The settings as a form sent them, trimmed, or why they cannot be used: an http(s)
    /// address that names a host, and request limits of at least 1.
    pub fn checked(&self) -> Result<Self> {
        let api_url = self.api_url.trim().trim_end_matches('/').to_string();
        let host = api_url
            .strip_prefix("https://")
            .or_else(|| api_url.strip_prefix("http://"))
            .unwrap_or_default();
        if host.is_empty() || host.starts_with('/') || host.contains(char::is_whitespace) {
            return Err(CoreError::Invalid(
                "The API base URL must start with https:// and name a host, e.g. https://api.zoominfo.com.".into(),
            ));
        }
        if self.rate_per_second == 0 || self.rate_per_minute == 0 {
            return Err(CoreError::Invalid(
                "Request limits must be at least 1 per second and 1 per minute.".into(),
            ));
        }
        Ok(ConnectionSettings {
            api_url,
            ..self.clone()
        })
    }

    pub fn client_config(&self) -> ClientConfig {
        ClientConfig {
            rate_limits: RateLimits {
                per_second: self.rate_per_second,
                per_minute: self.rate_per_minute,
            },
            ..ClientConfig::with_base_url(self.api_url.clone())
        }
    }
}
