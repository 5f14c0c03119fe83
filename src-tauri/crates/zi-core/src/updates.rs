//! Updates: where zi-console looks for a newer version of itself, what it found, and how a
//! refused or failed update is told to the user. The release's own address and publisher key
//! come with the app (the shell's configuration); an admin may point the app at another server
//! (a mirror inside the company) in Settings → Updates. Fetching, verifying the signature and
//! installing are the shell's (the Tauri updater), which maps its failures to [`UpdateFailure`].

use secrecy::ExposeSecret;
use serde::{Deserialize, Serialize};
use ts_rs::TS;
use zi_store::Store;

use crate::error::{CoreError, ErrorCode, ErrorReply, Result};

const KEY_UPDATE_URL: &str = "update_url";

/// The placeholders an update address may hold; the updater fills them in.
pub const URL_PLACEHOLDERS: &[&str] = &[
    "{{target}}",
    "{{arch}}",
    "{{current_version}}",
    "{{bundle_type}}",
];

/// Settings → Updates: the address of the update manifest, or empty for the release's own.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct UpdateSettings {
    /// `https://…/latest.json`, may hold `{{target}}`, `{{arch}}` and `{{current_version}}`;
    /// empty for the address the release came with.
    pub url: String,
}

/// What Settings → Updates shows.
#[derive(Clone, Debug, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct UpdateView {
    pub settings: UpdateSettings,
    /// The address the release came with (used while `settings.url` is empty).
    pub default_url: String,
    /// The version running now.
    pub current_version: String,
    /// The updater is part of this build (not in development builds without its configuration).
    pub available: bool,
}

/// A newer version the update server announced. Nothing is downloaded yet.
#[derive(Clone, Debug, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct AvailableUpdate {
    pub version: String,
    pub current_version: String,
    /// When it was published (RFC 3339, as the server wrote it), if it says.
    pub date: Option<String>,
    /// The release notes, if any.
    pub notes: Option<String>,
}

/// Where an update stands while it is installed; the last message is `Installed`.
#[derive(Clone, Debug, PartialEq, Serialize, TS)]
#[serde(tag = "stage", rename_all = "snake_case")]
#[ts(export)]
pub enum UpdateProgress {
    /// Bytes received so far, of `total` when the server said.
    #[serde(rename_all = "camelCase")]
    Downloading {
        #[ts(type = "number")]
        downloaded: u64,
        #[ts(type = "number | null")]
        total: Option<u64>,
    },
    /// Checking the signature against the publisher key.
    Verifying,
    Installing,
    /// Installed: the new version runs from the next start.
    Installed {
        version: String,
    },
}

impl UpdateSettings {
    pub async fn load(store: &Store) -> Result<Self> {
        Ok(UpdateSettings {
            url: store.setting(KEY_UPDATE_URL).await?.unwrap_or_default(),
        })
    }

    /// Trimmed, or why not: empty, or an https:// address naming a host (updates travel over
    /// TLS; their signature is checked too, but the announcement itself is not signed).
    pub fn checked(&self) -> Result<Self> {
        let url = self.url.trim().to_string();
        if url.is_empty() {
            return Ok(UpdateSettings { url });
        }
        let refuse = || {
            CoreError::Invalid(
                "The update address must start with https:// and name a host, e.g. https://updates.example.com/zi-console/latest.json.".into(),
            )
        };
        // The placeholders are not valid in a host or path as written: check the address with
        // sample values in their place.
        let sample = URL_PLACEHOLDERS
            .iter()
            .fold(url.clone(), |text, placeholder| {
                text.replace(placeholder, "x")
            });
        let parsed = url::Url::parse(&sample).map_err(|_| refuse())?;
        if parsed.scheme() != "https" || parsed.host_str().is_none_or(str::is_empty) {
            return Err(refuse());
        }
        Ok(UpdateSettings { url })
    }

    /// Saves the address as [`checked`](Self::checked) made it and notes it in the audit trail.
    pub async fn save(&self, store: &Store) -> Result<Self> {
        let settings = self.checked()?;
        store.set_setting(KEY_UPDATE_URL, &settings.url).await?;
        let detail = if settings.url.is_empty() {
            "the release's own address".to_string()
        } else {
            settings.url.clone()
        };
        store.audit("update_url_saved", &detail).await?;
        Ok(settings)
    }

    /// The address to ask: the one entered here, else the release's.
    pub fn url_or<'a>(&'a self, default_url: &'a str) -> &'a str {
        if self.url.is_empty() {
            default_url
        } else {
            &self.url
        }
    }
}

/// The proxy entered in Settings → Network as the one address the updater takes (user name and
/// password inside it), or `None` for the system's settings. Never logged.
pub fn entered_proxy() -> Option<url::Url> {
    let entered = zi_net::current()?;
    let mut url = zi_net::check_proxy_url(entered.url.as_deref()?).ok()?;
    if let (Some(user), Some(password)) = (&entered.username, &entered.password) {
        url.set_username(user).ok()?;
        url.set_password(Some(password.expose_secret())).ok()?;
    }
    Some(url)
}

/// Why an update was not found or not installed, in the words the user reads.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum UpdateFailure {
    /// The artefact's signature is not the publisher's (another key, changed bytes, a damaged
    /// signature). The detail is the verifier's, for the log.
    Signature(String),
    /// The signature is the publisher's but for another version than the server announced (an
    /// older release offered as a newer one).
    SignedForAnotherVersion { signed: String, announced: String },
    /// The update server could not be reached or answered with an error.
    Unreachable { url: String, detail: String },
    /// The server answered something that is not an update manifest.
    InvalidManifest(String),
    /// The manifest has nothing for this system.
    NotForThisSystem(String),
    /// The address or the publisher key is set up wrongly.
    Config(String),
    /// Downloading or installing failed after the signature was checked.
    InstallFailed(String),
    /// The updater is not part of this build.
    NotAvailable,
    /// Install asked for without a found update.
    NothingToInstall,
}

impl UpdateFailure {
    pub fn code(&self) -> ErrorCode {
        match self {
            UpdateFailure::Signature(_) | UpdateFailure::SignedForAnotherVersion { .. } => {
                ErrorCode::UpdateRejected
            }
            UpdateFailure::Unreachable { .. } => ErrorCode::Network,
            UpdateFailure::InvalidManifest(_) => ErrorCode::InvalidResponse,
            UpdateFailure::NotForThisSystem(_) => ErrorCode::NotFound,
            UpdateFailure::Config(_) => ErrorCode::Config,
            UpdateFailure::InstallFailed(_) => ErrorCode::UpdateFailed,
            UpdateFailure::NotAvailable => ErrorCode::NotAvailable,
            UpdateFailure::NothingToInstall => ErrorCode::InvalidInput,
        }
    }

    pub fn message(&self) -> String {
        match self {
            UpdateFailure::Signature(_) => {
                "The update's signature does not match zi-console's publisher key; nothing was installed.".into()
            }
            UpdateFailure::SignedForAnotherVersion { signed, announced } => format!(
                "The update server announced version {announced}, but the download is signed for version {signed}; nothing was installed."
            ),
            UpdateFailure::Unreachable { url, .. } => format!(
                "zi-console could not reach the update server at {url}. Check the connection (Settings → Network) and the update address, then try again."
            ),
            UpdateFailure::InvalidManifest(_) => {
                "The update server's answer is not an update manifest zi-console can read. Check the update address in Settings → Updates.".into()
            }
            UpdateFailure::NotForThisSystem(_) => {
                "The update server has a newer version, but none for this system yet.".into()
            }
            UpdateFailure::Config(_) => {
                "Updates are set up wrongly in this build (the update address or the publisher key). Nothing was downloaded.".into()
            }
            UpdateFailure::InstallFailed(detail) => format!(
                "The update was verified but could not be installed ({detail}). The version you have keeps running."
            ),
            UpdateFailure::NotAvailable => "Updates are not available in this build.".into(),
            UpdateFailure::NothingToInstall => {
                "There is no update to install: check for updates first.".into()
            }
        }
    }

    /// What the engineer needs: the cause as the updater told it (no secrets in it).
    fn detail(&self) -> Option<String> {
        match self {
            UpdateFailure::Signature(detail)
            | UpdateFailure::Unreachable { detail, .. }
            | UpdateFailure::InvalidManifest(detail)
            | UpdateFailure::NotForThisSystem(detail)
            | UpdateFailure::Config(detail) => Some(detail.clone()),
            _ => None,
        }
    }

    pub fn reply(&self) -> ErrorReply {
        ErrorReply {
            code: self.code(),
            message: self.message(),
            detail: self.detail(),
        }
    }
}

impl From<UpdateFailure> for ErrorReply {
    fn from(failure: UpdateFailure) -> Self {
        failure.reply()
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;

    fn settings(url: &str) -> UpdateSettings {
        UpdateSettings { url: url.into() }
    }

    #[test]
    fn an_update_address_is_https_with_a_host() {
        assert_eq!(settings("  ").checked().unwrap(), settings(""));
        assert_eq!(
            settings(" https://mirror.corp.example/zi/{{target}}/{{arch}}/{{current_version}} ")
                .checked()
                .unwrap()
                .url,
            "https://mirror.corp.example/zi/{{target}}/{{arch}}/{{current_version}}"
        );
        for bad in [
            "http://mirror.corp.example/latest.json",
            "mirror.corp.example",
            "https://",
            "ftp://x/y",
        ] {
            let error = settings(bad).checked().unwrap_err();
            assert_eq!(error.code(), ErrorCode::InvalidInput, "{bad}");
            assert!(error.to_string().contains("https://"), "{bad}: {error}");
        }
    }

    #[test]
    fn the_entered_address_wins_over_the_release_s() {
        assert_eq!(
            settings("").url_or("https://r.example"),
            "https://r.example"
        );
        assert_eq!(
            settings("https://m.example").url_or("https://r.example"),
            "https://m.example"
        );
    }

    #[tokio::test]
    async fn the_address_is_saved_and_audited() {
        let store = Store::in_memory().await.unwrap();
        assert_eq!(UpdateSettings::load(&store).await.unwrap(), settings(""));
        settings("https://m.example/latest.json")
            .save(&store)
            .await
            .unwrap();
        assert_eq!(
            UpdateSettings::load(&store).await.unwrap().url,
            "https://m.example/latest.json"
        );
        let audit = store.recent_audit(1).await.unwrap();
        assert_eq!(audit[0].action, "update_url_saved");
        assert!(settings("http://m.example").save(&store).await.is_err());
    }

    #[test]
    fn a_refused_signature_reads_plainly() {
        let reply = UpdateFailure::Signature("Invalid signature".into()).reply();
        assert_eq!(reply.code, ErrorCode::UpdateRejected);
        assert_eq!(
            reply.message,
            "The update's signature does not match zi-console's publisher key; nothing was installed."
        );
        assert_eq!(reply.detail.as_deref(), Some("Invalid signature"));
    }
}
