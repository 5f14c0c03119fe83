//! The token endpoint (RFC 6749 §4.1.3 and §6): a code for tokens, a refresh token for a new
//! access token. Errors name the OAuth error code, never the values sent.

use std::time::{Duration, SystemTime};

use secrecy::{ExposeSecret, SecretString};
use serde::Deserialize;

use crate::config::OAuthConfig;
use crate::error::{OAuthError, Result};

/// What a sign-in or a refresh gives.
pub struct Tokens {
    pub access_token: SecretString,
    /// Absent when the provider keeps the old one (no rotation).
    pub refresh_token: Option<SecretString>,
    pub expires_at: SystemTime,
}

impl std::fmt::Debug for Tokens {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Tokens")
            .field("access_token", &"[redacted]")
            .field(
                "refresh_token",
                &self.refresh_token.as_ref().map(|_| "[redacted]"),
            )
            .field("expires_at", &self.expires_at)
            .finish()
    }
}

/// When a provider leaves out `expires_in` (it is only RECOMMENDED), assume an hour.
const DEFAULT_LIFETIME: Duration = Duration::from_secs(3600);

#[derive(Deserialize)]
struct TokenResponse {
    access_token: String,
    refresh_token: Option<String>,
    expires_in: Option<u64>,
}

#[derive(Deserialize)]
struct ErrorResponse {
    error: String,
    error_description: Option<String>,
}

pub(crate) async fn exchange_code(
    config: &OAuthConfig,
    code: &str,
    redirect_uri: &str,
    verifier: &SecretString,
) -> Result<Tokens> {
    let form = vec![
        ("grant_type", "authorization_code".to_string()),
        ("code", code.to_string()),
        ("redirect_uri", redirect_uri.to_string()),
        ("code_verifier", verifier.expose_secret().to_string()),
    ];
    post(config, form).await
}

/// A new access token from a refresh token. `invalid_grant` (revoked or expired) becomes
/// [`OAuthError::SignInExpired`]: the caller must forget the stored refresh token.
pub async fn refresh(config: &OAuthConfig, refresh_token: &SecretString) -> Result<Tokens> {
    let mut form = vec![
        ("grant_type", "refresh_token".to_string()),
        ("refresh_token", refresh_token.expose_secret().to_string()),
    ];
    if !config.scopes.is_empty() {
        form.push(("scope", config.scopes.join(" ")));
    }
    match post(config, form).await {
        Err(OAuthError::TokenRefused { code, .. }) if code == "invalid_grant" => {
            Err(OAuthError::SignInExpired)
        }
        other => other,
    }
}

async fn post(config: &OAuthConfig, mut form: Vec<(&'static str, String)>) -> Result<Tokens> {
    let client = zi_net::client_builder()?
        .timeout(Duration::from_secs(30))
        .build()
        .map_err(|e| OAuthError::Network(zi_net::problem_of(&e).explain("ZoomInfo")))?;
    let mut request = client.post(config.token_url.clone());
    // A public client names itself in the body; a confidential one authenticates (§2.3.1).
    match &config.client_secret {
        Some(secret) => {
            request = request.basic_auth(&config.client_id, Some(secret.expose_secret()));
        }
        None => form.push(("client_id", config.client_id.clone())),
    }
    let response = request
        .header("Accept", "application/json")
        .form(&form)
        .send()
        .await
        .map_err(|e| OAuthError::Network(zi_net::problem_of(&e).explain("ZoomInfo")))?;
    let status = response.status();
    let body = response
        .bytes()
        .await
        .map_err(|e| OAuthError::Network(zi_net::problem_of(&e).explain("ZoomInfo")))?;
    if status.is_success() {
        let parsed: TokenResponse =
            serde_json::from_slice(&body).map_err(|_| OAuthError::BadTokenResponse {
                status: status.as_u16(),
            })?;
        let lifetime = parsed
            .expires_in
            .map(Duration::from_secs)
            .unwrap_or(DEFAULT_LIFETIME);
        return Ok(Tokens {
            access_token: SecretString::from(parsed.access_token),
            refresh_token: parsed.refresh_token.map(SecretString::from),
            expires_at: SystemTime::now() + lifetime,
        });
    }
    match serde_json::from_slice::<ErrorResponse>(&body) {
        Ok(e) => Err(OAuthError::TokenRefused {
            code: e.error,
            description: e.error_description,
        }),
        Err(_) => Err(OAuthError::BadTokenResponse {
            status: status.as_u16(),
        }),
    }
}
