//! Where the GTM client gets its OAuth 2.0 access tokens. The client only asks; obtaining,
//! keeping and refreshing them (client credentials, PKCE sign-in) belongs to the source.

use async_trait::async_trait;
use secrecy::SecretString;

use crate::error::{ClientError, Result};

/// A supplier of bearer tokens for the GTM API.
///
/// The client calls [`access_token`](Self::access_token) before each request and
/// [`renew`](Self::renew) once when an answer is 401; if the renewed token is refused too, the
/// request fails with [`ClientError::SessionRejected`]. A source that cannot renew (a token
/// obtained elsewhere) returns an error from `renew` that tells the user what to do.
#[async_trait]
pub trait AccessTokenSource: Send + Sync {
    /// The token to send now.
    async fn access_token(&self) -> Result<SecretString>;
    /// A fresh token, replacing one the API refused.
    async fn renew(&self) -> Result<SecretString>;
}

/// A token obtained elsewhere (e.g. `ZI_GTM_ACCESS_TOKEN`): sent as is, never renewed.
pub struct StaticAccessToken {
    token: SecretString,
}

impl StaticAccessToken {
    pub fn new(token: impl Into<String>) -> Self {
        StaticAccessToken {
            token: SecretString::from(token.into()),
        }
    }
}

#[async_trait]
impl AccessTokenSource for StaticAccessToken {
    async fn access_token(&self) -> Result<SecretString> {
        Ok(self.token.clone())
    }

    async fn renew(&self) -> Result<SecretString> {
        Err(ClientError::SessionRejected {
            message: "the access token was refused and cannot be renewed here; obtain a new one (ZI_GTM_ACCESS_TOKEN)".into(),
        })
    }
}
