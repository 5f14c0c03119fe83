//! One sign-in: the authorization URL to open, then the browser's answer turned into tokens.

use std::time::Duration;

use oauth2::{CsrfToken, PkceCodeVerifier, RedirectUrl, Scope};
use secrecy::{ExposeSecret, SecretString};
use tokio::net::TcpListener;
use url::Url;

use crate::config::OAuthConfig;
use crate::error::{OAuthError, Result};
use crate::exchange::{client, exchange_code, Tokens};
use crate::loopback::{bind, next_callback};
use crate::pkce::{new_state, same, Pkce};

const SUCCESS_PAGE: &str = "You are signed in. You can close this tab and return to zi-console.";

/// A sign-in waiting for the browser.
pub struct PendingSignIn {
    config: OAuthConfig,
    listener: TcpListener,
    redirect_uri: RedirectUrl,
    authorization_url: Url,
    state: SecretString,
    verifier: PkceCodeVerifier,
}

/// Listens on loopback, makes the PKCE pair and `state`, and builds the URL to open.
pub async fn begin_sign_in(config: OAuthConfig) -> Result<PendingSignIn> {
    let (listener, redirect_uri) = bind().await?;
    let redirect_uri = RedirectUrl::new(redirect_uri).map_err(|e| {
        OAuthError::Listener(std::io::Error::new(std::io::ErrorKind::InvalidData, e))
    })?;
    let pkce = Pkce::new();
    let state = new_state();
    let expected = state.expose_secret().to_string();
    let (authorization_url, _) = client(&config)
        .authorize_url(move || CsrfToken::new(expected))
        .set_redirect_uri(std::borrow::Cow::Borrowed(&redirect_uri))
        .add_scopes(config.scopes.iter().cloned().map(Scope::new))
        .set_pkce_challenge(pkce.challenge)
        .url();
    Ok(PendingSignIn {
        config,
        listener,
        redirect_uri,
        authorization_url,
        state,
        verifier: pkce.verifier,
    })
}

impl PendingSignIn {
    /// The address to open in the browser (or print, when there is none).
    pub fn authorization_url(&self) -> &Url {
        &self.authorization_url
    }

    pub fn redirect_uri(&self) -> &str {
        self.redirect_uri.as_str()
    }

    /// Waits for the browser's redirect, answers it with a page, and exchanges the code.
    pub async fn finish(self, timeout: Duration) -> Result<Tokens> {
        let callback = tokio::time::timeout(timeout, next_callback(&self.listener))
            .await
            .map_err(|_| OAuthError::TimedOut(timeout.as_secs()))??;
        let params = &callback.params;
        // State first: an answer meant for another sign-in is neither trusted nor exchanged.
        // An error without any state is still reported (some providers, oidc-provider-mock
        // 0.3.4 among them, drop it on a refusal): it carries no code, so nothing is at stake.
        let state_ok = match params.get("state") {
            Some(state) => same(&self.state, state),
            None => params.contains_key("error") && !params.contains_key("code"),
        };
        let outcome = if !state_ok {
            Err(OAuthError::StateMismatch)
        } else if let Some(code) = params.get("error") {
            Err(match code.as_str() {
                "access_denied" => OAuthError::Declined,
                _ => OAuthError::Refused {
                    code: code.clone(),
                    description: params.get("error_description").cloned(),
                },
            })
        } else if let Some(code) = params.get("code") {
            exchange_code(&self.config, code, &self.redirect_uri, self.verifier).await
        } else {
            Err(OAuthError::MissingCode)
        };
        match &outcome {
            Ok(_) => callback.answer(true, SUCCESS_PAGE).await,
            Err(error) => {
                let message = format!("{error} You can close this tab and return to zi-console.");
                callback.answer(false, &message).await
            }
        }
        outcome
    }
}
