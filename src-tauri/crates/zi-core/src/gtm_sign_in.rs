//! Sign-in with ZoomInfo for the GTM API, kept between runs: the browser sign-in of zi-oauth,
//! its refresh token (with the provider it belongs to) in the OS keychain, and the access
//! tokens the GTM client sends, renewed before expiry in a single flight. `zi login --gtm`, the
//! Connect screen and every later run share these functions.

use std::sync::Arc;
use std::time::Duration;

use async_trait::async_trait;
use secrecy::{ExposeSecret, SecretString};
use serde::{Deserialize, Serialize};
use ts_rs::TS;
use zi_client::{AccessTokenSource, ClientError};
pub use zi_oauth::OAuthConfig;
use zi_oauth::{begin_sign_in, OAuthError, TokenKeeper, TokenStore};

use crate::error::{CoreError, Result};
use crate::secrets::GTM_REFRESH_TOKEN_ACCOUNT;
use crate::sessions::SessionVault;

/// How long the browser has to come back.
pub const SIGN_IN_WAIT: Duration = Duration::from_secs(300);

/// What the keychain keeps for one sign-in: the refresh token and the registration it was
/// issued to (a refresh must name the same client at the same token endpoint).
#[derive(Serialize, Deserialize)]
struct KeptSignIn {
    refresh_token: String,
    client_id: String,
    authorization_url: String,
    token_url: String,
    scopes: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    client_secret: Option<String>,
}

impl KeptSignIn {
    fn new(config: &OAuthConfig, refresh_token: &SecretString) -> Self {
        Self {
            refresh_token: refresh_token.expose_secret().to_string(),
            client_id: config.client_id.clone(),
            authorization_url: config.authorization_url.to_string(),
            token_url: config.token_url.to_string(),
            scopes: config.scopes.clone(),
            client_secret: config
                .client_secret
                .as_ref()
                .map(|s| s.expose_secret().to_string()),
        }
    }

    fn config(&self) -> Result<OAuthConfig> {
        let parse = |url: &str| {
            url.parse()
                .map_err(|_| CoreError::Invalid(SIGN_IN_DAMAGED.into()))
        };
        Ok(OAuthConfig {
            authorization_url: parse(&self.authorization_url)?,
            token_url: parse(&self.token_url)?,
            client_id: self.client_id.clone(),
            scopes: self.scopes.clone(),
            client_secret: self.client_secret.clone().map(SecretString::from),
        })
    }

    fn to_secret(&self) -> Result<SecretString> {
        serde_json::to_string(self)
            .map(SecretString::from)
            .map_err(|e| CoreError::Invalid(format!("could not keep the sign-in: {e}")))
    }
}

const SIGN_IN_DAMAGED: &str =
    "The kept sign-in with ZoomInfo cannot be read. Sign in again (zi login --gtm, or Connect).";
/// Said when the GTM API is chosen and nobody signed in.
pub const NOT_SIGNED_IN: &str = "Not signed in to ZoomInfo's GTM API: sign in with ZoomInfo on the Connect screen or with `zi login --gtm`, or set ZI_GTM_ACCESS_TOKEN to a token obtained elsewhere.";

/// The Connect screen's "Sign in with ZoomInfo": the client id of the app registered with
/// ZoomInfo (Developer Portal), the only thing the user types.
#[derive(Clone, Debug, Deserialize, TS)]
#[ts(export)]
pub struct GtmSignInRequest {
    pub client_id: String,
}

/// Where to sign in: ZoomInfo's endpoints and scopes for the app registered as `client_id`,
/// or, for tests, those of the OpenID provider at `issuer` (`ZI_OAUTH_ISSUER`).
pub fn oauth_config(
    client_id: &str,
    issuer: Option<&str>,
    scopes: &[String],
    client_secret: Option<String>,
) -> Result<OAuthConfig> {
    let client_id = client_id.trim();
    if client_id.is_empty() {
        return Err(CoreError::Invalid(
            "Enter the client ID of the app your ZoomInfo admin registered for zi-console (ZoomInfo Developer Portal).".into(),
        ));
    }
    let mut config = OAuthConfig::zoominfo(client_id);
    if let Some(issuer) = issuer.map(|i| i.trim_end_matches('/')) {
        let parse = |url: String| {
            url.parse()
                .map_err(|_| CoreError::Invalid(format!("{url} is not an address.")))
        };
        config.authorization_url = parse(format!("{issuer}/oauth2/authorize"))?;
        config.token_url = parse(format!("{issuer}/oauth2/token"))?;
    }
    if !scopes.is_empty() {
        config.scopes = scopes.to_vec();
    }
    config.client_secret = client_secret.map(SecretString::from);
    Ok(config)
}

/// The issuer that replaces ZoomInfo's sign-in in tests.
pub const OAUTH_ISSUER_ENV: &str = "ZI_OAUTH_ISSUER";

/// Signs in in the browser: `show` gets the address to open (it opens the system browser, or
/// prints the address when there is none), then the sign-in is kept in `vault`.
pub async fn sign_in(
    config: OAuthConfig,
    vault: &dyn SessionVault,
    show: impl FnOnce(&str),
) -> Result<()> {
    sign_in_kept(
        GTM_REFRESH_TOKEN_ACCOUNT,
        ZOOMINFO,
        config,
        None,
        vault,
        show,
    )
    .await
}

/// The provider the GTM sign-in's messages name.
const ZOOMINFO: &str = "ZoomInfo";

/// Signs in in the browser and keeps the sign-in under the keychain account `account` (the
/// GTM API's, or a data connector's). `refresh_url`: where later refreshes go, when the
/// provider has a refresh endpoint apart from its token endpoint.
pub(crate) async fn sign_in_kept(
    account: &str,
    provider: &str,
    config: OAuthConfig,
    refresh_url: Option<url::Url>,
    vault: &dyn SessionVault,
    show: impl FnOnce(&str),
) -> Result<()> {
    let failed = |error: OAuthError| CoreError::Invalid(oauth_message(&error, provider));
    let pending = begin_sign_in(config.clone()).await.map_err(failed)?;
    show(pending.authorization_url().as_str());
    let tokens = pending.finish(SIGN_IN_WAIT).await.map_err(failed)?;
    let Some(refresh_token) = tokens.refresh_token else {
        return Err(CoreError::Invalid(format!(
            "{provider} signed you in but gave no refresh token, so the sign-in cannot be kept. Ask your {provider} admin to allow refresh tokens for this app (for some providers, the scope offline_access)."
        )));
    };
    let mut kept = config;
    if let Some(refresh_url) = refresh_url {
        kept.token_url = refresh_url;
    }
    vault.save(
        account,
        &KeptSignIn::new(&kept, &refresh_token).to_secret()?,
    )
}

/// Forgets the kept sign-in (`zi logout --gtm`, Disconnect).
pub fn sign_out(vault: &dyn SessionVault) -> Result<()> {
    vault.delete(GTM_REFRESH_TOKEN_ACCOUNT)
}

/// Whether a sign-in is kept.
pub fn is_signed_in(vault: &dyn SessionVault) -> bool {
    matches!(vault.load(GTM_REFRESH_TOKEN_ACCOUNT), Ok(Some(_)))
}

/// The kept sign-in as a source of access tokens, or [`NOT_SIGNED_IN`].
pub(crate) fn kept_tokens(vault: Arc<dyn SessionVault>) -> Result<Arc<dyn AccessTokenSource>> {
    let keeper = kept_sign_in(GTM_REFRESH_TOKEN_ACCOUNT, ZOOMINFO, vault)?
        .ok_or_else(|| CoreError::Invalid(NOT_SIGNED_IN.into()))?;
    Ok(Arc::new(keeper))
}

/// The sign-in kept under `account`, as a keeper of access tokens; `None` when none is kept.
pub(crate) fn kept_sign_in(
    account: &str,
    provider: &str,
    vault: Arc<dyn SessionVault>,
) -> Result<Option<KeptTokens>> {
    let Some(kept) = vault.load(account)? else {
        return Ok(None);
    };
    let kept: KeptSignIn = serde_json::from_str(kept.expose_secret())
        .map_err(|_| CoreError::Invalid(SIGN_IN_DAMAGED.into()))?;
    let config = kept.config()?;
    let refresh_token = SecretString::from(kept.refresh_token);
    let store = Arc::new(KeychainTokenStore {
        vault,
        account: account.to_string(),
        config: config.clone(),
    });
    Ok(Some(KeptTokens {
        keeper: TokenKeeper::new(config, refresh_token, store),
        provider: provider.to_string(),
    }))
}

/// zi-oauth's message, naming the provider signed in to (ZoomInfo, or a data connector's).
fn oauth_message(error: &OAuthError, provider: &str) -> String {
    error.explain(provider)
}

/// Rotated refresh tokens replace the kept one; a revoked one is forgotten, so the next run
/// asks for a sign-in instead of failing the same way again.
struct KeychainTokenStore {
    vault: Arc<dyn SessionVault>,
    account: String,
    config: OAuthConfig,
}

impl TokenStore for KeychainTokenStore {
    fn save_refresh_token(&self, token: &SecretString) {
        let saved = KeptSignIn::new(&self.config, token)
            .to_secret()
            .and_then(|kept| self.vault.save(&self.account, &kept));
        if let Err(error) = saved {
            tracing::warn!(%error, account = %self.account, "could not keep the rotated refresh token");
        }
    }

    fn forget_refresh_token(&self) {
        if let Err(error) = self.vault.delete(&self.account) {
            tracing::warn!(%error, account = %self.account, "could not forget the revoked sign-in");
        }
    }
}

/// A kept sign-in's access tokens: the GTM client's token source, and a data connector's
/// bearer tokens.
pub(crate) struct KeptTokens {
    keeper: TokenKeeper,
    /// Who the messages name.
    provider: String,
}

#[async_trait]
impl zi_connect::BearerSource for KeptTokens {
    async fn token(&self) -> std::result::Result<SecretString, String> {
        self.keeper
            .access_token()
            .await
            .map_err(|e| oauth_message(&e, &self.provider))
    }

    async fn renew(&self) -> std::result::Result<SecretString, String> {
        self.keeper
            .renew()
            .await
            .map_err(|e| oauth_message(&e, &self.provider))
    }
}

#[async_trait]
impl AccessTokenSource for KeptTokens {
    async fn access_token(&self) -> zi_client::Result<SecretString> {
        self.keeper
            .access_token()
            .await
            .map_err(|e| client_error(e, &self.provider))
    }

    async fn renew(&self) -> zi_client::Result<SecretString> {
        self.keeper
            .renew()
            .await
            .map_err(|e| client_error(e, &self.provider))
    }
}

/// A refused or expired sign-in stops the work with a message saying to sign in again; a
/// token endpoint out of reach is a network problem like any other.
fn client_error(error: OAuthError, provider: &str) -> ClientError {
    match error {
        OAuthError::Network(_) => ClientError::Network {
            url: format!("{provider}'s sign-in"),
            detail: error.explain(provider),
        },
        other => ClientError::SessionRejected {
            message: other.explain(provider),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sessions::MemorySessions;

    fn config() -> OAuthConfig {
        let mut config = OAuthConfig::zoominfo("client-1");
        config.token_url = "http://127.0.0.1:9/token".parse().expect("url");
        config
    }

    #[test]
    fn a_kept_sign_in_names_its_provider_and_reads_back() {
        let vault: Arc<dyn SessionVault> = Arc::new(MemorySessions::default());
        let kept = KeptSignIn::new(&config(), &SecretString::from("refresh-1"));
        vault
            .save(GTM_REFRESH_TOKEN_ACCOUNT, &kept.to_secret().expect("json"))
            .expect("save");
        assert!(is_signed_in(vault.as_ref()));
        assert!(kept_tokens(vault.clone()).is_ok());
        let read: KeptSignIn = serde_json::from_str(
            vault
                .load(GTM_REFRESH_TOKEN_ACCOUNT)
                .expect("load")
                .expect("kept")
                .expose_secret(),
        )
        .expect("parses");
        assert_eq!(read.config().expect("config").token_url, config().token_url);
        sign_out(vault.as_ref()).expect("sign out");
        assert!(!is_signed_in(vault.as_ref()));
    }

    #[test]
    fn nobody_signed_in_says_how_to() {
        let vault: Arc<dyn SessionVault> = Arc::new(MemorySessions::default());
        let error = kept_tokens(vault).err().expect("refused");
        assert!(error.to_string().contains("zi login --gtm"), "{error}");
    }

    #[test]
    fn a_damaged_entry_says_to_sign_in_again() {
        let vault: Arc<dyn SessionVault> = Arc::new(MemorySessions::default());
        vault
            .save(GTM_REFRESH_TOKEN_ACCOUNT, &SecretString::from("not json"))
            .expect("save");
        let error = kept_tokens(vault).err().expect("refused");
        assert!(error.to_string().contains("Sign in again"), "{error}");
    }
}
