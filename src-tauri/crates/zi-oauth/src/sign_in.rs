//! One sign-in: the authorization URL to open, then the browser's answer turned into tokens.

use std::time::Duration;

use secrecy::{ExposeSecret, SecretString};
use tokio::net::TcpListener;
use url::Url;

use crate::config::OAuthConfig;
use crate::error::{OAuthError, Result};
use crate::exchange::{exchange_code, Tokens};
use crate::loopback::{bind, next_callback};
use crate::pkce::{new_state, same, Pkce};

const SUCCESS_PAGE: &str = "You are signed in. You can close this tab and return to zi-console.";

/// A sign-in waiting for the browser.
pub struct PendingSignIn {
    config: OAuthConfig,
    listener: TcpListener,
    redirect_uri: String,
    authorization_url: Url,
    state: SecretString,
    verifier: SecretString,
}

/// Listens on loopback, makes the PKCE pair and `state`, and builds the URL to open.
pub async fn begin_sign_in(config: OAuthConfig) -> Result<PendingSignIn> {
    let (listener, redirect_uri) = bind().await?;
    let pkce = Pkce::new();
    let state = new_state();
    let mut authorization_url = config.authorization_url.clone();
    {
        let mut query = authorization_url.query_pairs_mut();
        query
            .append_pair("response_type", "code")
            .append_pair("client_id", &config.client_id)
            .append_pair("redirect_uri", &redirect_uri)
            .append_pair("code_challenge", &pkce.challenge)
            .append_pair("code_challenge_method", "S256")
            .append_pair("state", state.expose_secret());
        if !config.scopes.is_empty() {
            query.append_pair("scope", &config.scopes.join(" "));
        }
    }
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
        &self.redirect_uri
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
            exchange_code(&self.config, code, &self.redirect_uri, &self.verifier).await
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
