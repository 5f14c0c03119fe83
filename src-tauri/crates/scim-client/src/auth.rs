//! How the client proves itself: a static bearer token (ZoomInfo, Entra ID and Okta style,
//! seeds 001/002) or OAuth client credentials exchanged for a short-lived token (Zoom style,
//! seed 003). Secrets are wrapped: `Debug` never prints them.

use chrono::{DateTime, Utc};
use secrecy::{ExposeSecret, SecretString};
use serde::Deserialize;

#[derive(Clone)]
pub enum ScimAuth {
    /// `Authorization: Bearer <token>` on every call.
    Bearer(SecretString),
    /// A token fetched from an OAuth token endpoint, renewed before it expires.
    OAuth(OAuthClientCredentials),
}

impl ScimAuth {
    pub fn bearer(token: impl Into<String>) -> Self {
        ScimAuth::Bearer(SecretString::from(token.into()))
    }

    /// The static token, when there is one (OAuth tokens are fetched as needed).
    pub fn static_token(&self) -> Option<&SecretString> {
        match self {
            ScimAuth::Bearer(token) => Some(token),
            ScimAuth::OAuth(_) => None,
        }
    }
}

impl std::fmt::Debug for ScimAuth {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ScimAuth::Bearer(_) => f.write_str("Bearer([redacted])"),
            ScimAuth::OAuth(oauth) => f.debug_tuple("OAuth").field(oauth).finish(),
        }
    }
}

/// OAuth 2.0 client credentials (RFC 6749 §4.4), sent with HTTP Basic auth as Zoom expects.
#[derive(Clone)]
pub struct OAuthClientCredentials {
    /// e.g. `https://zoom.us/oauth/token`.
    pub token_url: String,
    pub client_id: String,
    pub client_secret: SecretString,
    /// Zoom server-to-server apps: sent as `grant_type=account_credentials&account_id=…`.
    /// `None`: the standard `grant_type=client_credentials`.
    pub account_id: Option<String>,
    pub scope: Option<String>,
}

impl OAuthClientCredentials {
    pub fn new(
        token_url: impl Into<String>,
        client_id: impl Into<String>,
        client_secret: impl Into<String>,
    ) -> Self {
        OAuthClientCredentials {
            token_url: token_url.into(),
            client_id: client_id.into(),
            client_secret: SecretString::from(client_secret.into()),
            account_id: None,
            scope: None,
        }
    }

    /// The form fields of the token request.
    pub(crate) fn form(&self) -> Vec<(&'static str, String)> {
        let mut form = match &self.account_id {
            Some(account) => vec![
                ("grant_type", "account_credentials".to_string()),
                ("account_id", account.clone()),
            ],
            None => vec![("grant_type", "client_credentials".to_string())],
        };
        if let Some(scope) = &self.scope {
            form.push(("scope", scope.clone()));
        }
        form
    }
}

impl std::fmt::Debug for OAuthClientCredentials {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("OAuthClientCredentials")
            .field("token_url", &self.token_url)
            .field("client_id", &self.client_id)
            .field("client_secret", &"[redacted]")
            .field("account_id", &self.account_id)
            .field("scope", &self.scope)
            .finish()
    }
}

#[derive(Deserialize)]
struct ExpiryClaim {
    exp: Option<serde_json::Value>,
}

/// When the token says it expires: its `exp` claim if it is a JWT that carries one.
/// The signature is not checked (we only read a date the server put there); `None` for
/// opaque tokens and JWTs without `exp`.
pub fn token_expiry(token: &SecretString) -> Option<DateTime<Utc>> {
    let token = token.expose_secret().trim();
    if token.split('.').count() != 3 {
        return None;
    }
    let mut validation = jsonwebtoken::Validation::default();
    validation.insecure_disable_signature_validation();
    validation.validate_exp = false;
    validation.validate_nbf = false;
    validation.validate_aud = false;
    validation.required_spec_claims.clear();
    let key = jsonwebtoken::DecodingKey::from_secret(&[]);
    let claims = jsonwebtoken::decode::<ExpiryClaim>(token, &key, &validation)
        .ok()?
        .claims;
    let exp = match claims.exp? {
        serde_json::Value::Number(n) => n.as_i64().or_else(|| n.as_f64().map(|f| f as i64))?,
        serde_json::Value::String(s) => s.trim().parse().ok()?,
        _ => return None,
    };
    DateTime::from_timestamp(exp, 0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use jsonwebtoken::{encode, EncodingKey, Header};
    use serde_json::json;

    #[test]
    fn expiry_comes_from_a_jwt_exp_claim() {
        let jwt = encode(
            &Header::default(),
            &json!({"sub": "scim", "exp": 1_900_000_000}),
            &EncodingKey::from_secret(b"whatever"),
        )
        .expect("jwt");
        let expiry = token_expiry(&SecretString::from(jwt)).expect("exp read");
        assert_eq!(expiry.timestamp(), 1_900_000_000);
        let rs = "eyJhbGciOiJSUzI1NiJ9.eyJleHAiOjE5MDAwMDAwMDB9.c2ln";
        assert_eq!(
            token_expiry(&SecretString::from(rs.to_string())).map(|d| d.timestamp()),
            Some(1_900_000_000),
            "any algorithm: only the claim is read"
        );
    }

    #[test]
    fn opaque_tokens_and_jwts_without_exp_have_no_expiry() {
        assert!(token_expiry(&SecretString::from("abc123opaque".to_string())).is_none());
        let jwt = encode(
            &Header::default(),
            &json!({"sub": "scim"}),
            &EncodingKey::from_secret(b"k"),
        )
        .expect("jwt");
        assert!(token_expiry(&SecretString::from(jwt)).is_none());
        assert!(token_expiry(&SecretString::from("a.b.c".to_string())).is_none());
    }

    #[test]
    fn secrets_never_print() {
        let shown = format!("{:?}", ScimAuth::bearer("s3cret-token"));
        assert!(!shown.contains("s3cret"), "{shown}");
        let mut oauth = OAuthClientCredentials::new("https://x.test/oauth/token", "cid", "hush");
        oauth.account_id = Some("acct".into());
        let shown = format!("{:?}", ScimAuth::OAuth(oauth.clone()));
        assert!(shown.contains("cid") && !shown.contains("hush"), "{shown}");
        assert_eq!(
            oauth.form(),
            vec![
                ("grant_type", "account_credentials".to_string()),
                ("account_id", "acct".to_string())
            ]
        );
    }
}
