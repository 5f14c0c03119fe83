//! Where to sign in and what to ask for.

use secrecy::SecretString;
use url::Url;

/// ZoomInfo's GTM Data API sign-in. Source: ZoomInfo's published GTM Data API v1 OpenAPI
/// document (`/work/shared/reference/zoominfo-gtm-data-v1-openapi.json`),
/// `components.securitySchemes.OAuth2Auth`, flow `authorizationCode`.
pub mod zoominfo {
    pub const AUTHORIZATION_URL: &str = "https://login.zoominfo.com";
    pub const TOKEN_URL: &str = "https://okta-login.zoominfo.com/oauth2/default/v1/token";
    /// The scopes zi-console needs: contact and company data.
    pub const SCOPES: &[&str] = &["api:data:contact", "api:data:company"];
}

/// One OAuth 2.0 provider and the app registered with it.
#[derive(Clone)]
pub struct OAuthConfig {
    pub authorization_url: Url,
    pub token_url: Url,
    pub client_id: String,
    pub scopes: Vec<String>,
    /// Only for providers that treat a desktop app as a confidential client; ZoomInfo's PKCE
    /// apps need none (a secret shipped in an app is not secret, RFC 8252 §8.5).
    pub client_secret: Option<SecretString>,
}

impl OAuthConfig {
    /// ZoomInfo's endpoints and scopes for the app registered as `client_id`.
    pub fn zoominfo(client_id: impl Into<String>) -> Self {
        Self {
            authorization_url: Url::parse(zoominfo::AUTHORIZATION_URL)
                .expect("constant URL parses"),
            token_url: Url::parse(zoominfo::TOKEN_URL).expect("constant URL parses"),
            client_id: client_id.into(),
            scopes: zoominfo::SCOPES.iter().map(|s| s.to_string()).collect(),
            client_secret: None,
        }
    }
}

// The secret never prints.
impl std::fmt::Debug for OAuthConfig {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("OAuthConfig")
            .field("authorization_url", &self.authorization_url.as_str())
            .field("token_url", &self.token_url.as_str())
            .field("client_id", &self.client_id)
            .field("scopes", &self.scopes)
            .field(
                "client_secret",
                &self.client_secret.as_ref().map(|_| "[redacted]"),
            )
            .finish()
    }
}
