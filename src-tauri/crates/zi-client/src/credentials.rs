//! What a login needs. Secrets are wrapped so `Debug` never prints them.

use secrecy::SecretString;

#[derive(Clone)]
pub enum Credentials {
    /// Username + password posted to `/authenticate`.
    Password {
        username: String,
        password: SecretString,
    },
    /// PKI: a client JWT signed (RS256) with the customer's private key is the bearer of `/authenticate`.
    Pki {
        username: String,
        client_id: String,
        private_key_pem: SecretString,
    },
}

impl Credentials {
    pub fn password(username: impl Into<String>, password: impl Into<String>) -> Self {
        Credentials::Password {
            username: username.into(),
            password: SecretString::from(password.into()),
        }
    }

    pub fn username(&self) -> &str {
        match self {
            Credentials::Password { username, .. } | Credentials::Pki { username, .. } => username,
        }
    }
}

impl std::fmt::Debug for Credentials {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Credentials::Password { username, .. } => f
                .debug_struct("Password")
                .field("username", username)
                .field("password", &"[redacted]")
                .finish(),
            Credentials::Pki {
                username,
                client_id,
                ..
            } => f
                .debug_struct("Pki")
                .field("username", username)
                .field("client_id", client_id)
                .field("private_key_pem", &"[redacted]")
                .finish(),
        }
    }
}
