//! `zi login --gtm`: sign in to ZoomInfo's GTM API in the browser (zi-oauth) and keep the
//! refresh token in the OS keychain; no token is ever printed.

use std::time::Duration;

use zi_core::secrets::{Keychain, GTM_REFRESH_TOKEN_ACCOUNT};
use zi_core::sessions::SessionVault;
use zi_core::{CoreError, Result, SecretString};
use zi_oauth::{begin_sign_in, OAuthConfig};

use crate::cli::LoginArgs;

/// How long the browser has to come back.
const SIGN_IN_WAIT: Duration = Duration::from_secs(300);

fn config(args: &LoginArgs) -> Result<OAuthConfig> {
    let client_id = args
        .gtm_client_id
        .clone()
        .filter(|c| !c.trim().is_empty())
        .ok_or_else(|| {
            CoreError::Invalid(
                "No GTM client id: pass --gtm-client-id or set ZI_GTM_CLIENT_ID.".into(),
            )
        })?;
    let mut config = OAuthConfig::zoominfo(client_id);
    if let Some(issuer) = &args.oauth_issuer {
        let issuer = issuer.trim_end_matches('/');
        let parse = |url: String| {
            url.parse()
                .map_err(|_| CoreError::Invalid(format!("{url} is not an address.")))
        };
        config.authorization_url = parse(format!("{issuer}/oauth2/authorize"))?;
        config.token_url = parse(format!("{issuer}/oauth2/token"))?;
    }
    if !args.scopes.is_empty() {
        config.scopes = args.scopes.clone();
    }
    config.client_secret = args.gtm_client_secret.clone().map(SecretString::from);
    Ok(config)
}

fn oauth_error(error: zi_oauth::OAuthError) -> CoreError {
    CoreError::Invalid(error.to_string())
}

pub async fn login(args: &LoginArgs) -> Result<()> {
    let config = config(args)?;
    let scopes = config.scopes.join(" ");
    let pending = begin_sign_in(config).await.map_err(oauth_error)?;
    // The system browser, as RFC 8252 asks (never an embedded view); the address is printed
    // either way, for when no browser can come up (a remote shell, no display).
    let address = pending.authorization_url().to_string();
    if !args.no_browser && open::that_detached(&address).is_ok() {
        eprintln!(
            "Your browser was opened to sign in to ZoomInfo. If it did not appear, open this address:\n{address}"
        );
    } else {
        eprintln!("Open this address in your browser to sign in to ZoomInfo:\n{address}");
    }
    eprintln!("Waiting for you to sign in in your browser… (Ctrl+C to cancel)");
    let tokens = pending.finish(SIGN_IN_WAIT).await.map_err(oauth_error)?;
    let Some(refresh_token) = tokens.refresh_token else {
        return Err(CoreError::Invalid(
            "ZoomInfo signed you in but gave no refresh token, so the sign-in cannot be kept. Ask your ZoomInfo admin to allow refresh tokens for this app.".into(),
        ));
    };
    SessionVault::save(
        &Keychain::default(),
        GTM_REFRESH_TOKEN_ACCOUNT,
        &refresh_token,
    )?;
    crate::output::emit(format!(
        "Signed in to ZoomInfo's GTM API (scopes: {scopes}); the sign-in is kept in the OS keychain."
    ));
    Ok(())
}

pub fn logout() -> Result<()> {
    SessionVault::delete(&Keychain::default(), GTM_REFRESH_TOKEN_ACCOUNT)
}
