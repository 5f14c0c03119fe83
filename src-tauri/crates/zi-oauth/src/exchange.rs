//! The token endpoint (RFC 6749 §4.1.3 and §6): a code for tokens, a refresh token for a new
//! access token. Errors name the OAuth error code, never the values sent.

use std::time::{Duration, SystemTime};

use std::borrow::Cow;

use oauth2::basic::{BasicClient, BasicErrorResponse, BasicTokenResponse};
use oauth2::{
    AuthType, AuthUrl, AuthorizationCode, ClientId, ClientSecret, EndpointNotSet, EndpointSet,
    HttpClientError, PkceCodeVerifier, RedirectUrl, RefreshToken, RequestTokenError, Scope,
    TokenResponse, TokenUrl,
};
use secrecy::{ExposeSecret, SecretString};

use crate::config::OAuthConfig;
use crate::error::{OAuthError, Result, Unreached};

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

type Client = BasicClient<EndpointSet, EndpointNotSet, EndpointNotSet, EndpointNotSet, EndpointSet>;

/// The provider as the `oauth2` crate sees it. A public client (no secret) names itself in the
/// body; a confidential one authenticates with HTTP Basic (RFC 6749 §2.3.1).
pub(crate) fn client(config: &OAuthConfig) -> Client {
    let client = BasicClient::new(ClientId::new(config.client_id.clone()))
        .set_auth_uri(AuthUrl::from_url(config.authorization_url.clone()))
        .set_token_uri(TokenUrl::from_url(config.token_url.clone()));
    match &config.client_secret {
        Some(secret) => client
            .set_client_secret(ClientSecret::new(secret.expose_secret().to_string()))
            .set_auth_type(AuthType::BasicAuth),
        None => client.set_auth_type(AuthType::RequestBody),
    }
}

/// The HTTP client for the token endpoint: the workspace's (system trust store, proxy), and
/// no redirects, as the `oauth2` crate asks (a redirect could carry the code elsewhere).
fn http() -> Result<reqwest::Client> {
    zi_net::client_builder()?
        .timeout(Duration::from_secs(30))
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .map_err(|e| OAuthError::Network(Unreached::Problem(zi_net::problem_of(&e))))
}

pub(crate) async fn exchange_code(
    config: &OAuthConfig,
    code: &str,
    redirect_uri: &RedirectUrl,
    verifier: PkceCodeVerifier,
) -> Result<Tokens> {
    let answer = client(config)
        .exchange_code(AuthorizationCode::new(code.to_string()))
        .set_redirect_uri(Cow::Borrowed(redirect_uri))
        .set_pkce_verifier(verifier)
        .request_async(&http()?)
        .await;
    tokens_of(answer)
}

/// A new access token from a refresh token. `invalid_grant` (revoked or expired) becomes
/// [`OAuthError::SignInExpired`]: the caller must forget the stored refresh token.
pub async fn refresh(config: &OAuthConfig, refresh_token: &SecretString) -> Result<Tokens> {
    let refresh_token = RefreshToken::new(refresh_token.expose_secret().to_string());
    let answer = client(config)
        .exchange_refresh_token(&refresh_token)
        .add_scopes(config.scopes.iter().cloned().map(Scope::new))
        .request_async(&http()?)
        .await;
    match tokens_of(answer) {
        Err(OAuthError::TokenRefused { code, .. }) if code == "invalid_grant" => {
            Err(OAuthError::SignInExpired)
        }
        other => other,
    }
}

type Answer = std::result::Result<
    BasicTokenResponse,
    RequestTokenError<HttpClientError<reqwest::Error>, BasicErrorResponse>,
>;

/// The token endpoint's answer as [`Tokens`], or an error that names what went wrong and
/// carries none of the values sent or received.
fn tokens_of(answer: Answer) -> Result<Tokens> {
    match answer {
        Ok(tokens) => Ok(Tokens {
            access_token: SecretString::from(tokens.access_token().secret().clone()),
            refresh_token: tokens
                .refresh_token()
                .map(|t| SecretString::from(t.secret().clone())),
            expires_at: SystemTime::now() + tokens.expires_in().unwrap_or(DEFAULT_LIFETIME),
        }),
        Err(RequestTokenError::ServerResponse(refusal)) => Err(OAuthError::TokenRefused {
            code: refusal.error().to_string(),
            description: refusal.error_description().cloned(),
        }),
        Err(RequestTokenError::Request(HttpClientError::Reqwest(e))) => Err(OAuthError::Network(
            Unreached::Problem(zi_net::problem_of(&e)),
        )),
        Err(RequestTokenError::Request(other)) => {
            Err(OAuthError::Network(Unreached::Other(other.to_string())))
        }
        // The path of the field that did not read, never its value (it may be a token).
        Err(RequestTokenError::Parse(e, _body)) => Err(OAuthError::BadTokenResponse(format!(
            "the field '{}' is missing or malformed",
            e.path()
        ))),
        Err(RequestTokenError::Other(reason)) => Err(OAuthError::BadTokenResponse(reason)),
    }
}
