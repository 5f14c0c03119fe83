//! The sign-in form, as the Connect screen and `zi login` fill it: the checks a form's fields
//! pass before anything is sent to ZoomInfo. The secret is read once and never sent back.

use secrecy::SecretString;
use serde::Deserialize;
use ts_rs::TS;
use zi_client::Credentials;

use crate::error::{CoreError, Result};

/// A password or a PKI key file.
#[derive(Clone, Deserialize, TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
#[ts(export)]
pub enum SignInRequest {
    Password {
        username: String,
        password: String,
    },
    Pki {
        username: String,
        client_id: String,
        /// The private key file (PEM) picked in the file dialog; read here, never returned.
        private_key_path: String,
    },
}

/// Turns the form into credentials, refusing empty fields and key files that are unreadable or
/// hold no PEM private key.
pub async fn credentials_from(request: SignInRequest) -> Result<Credentials> {
    let missing = |what: &str| CoreError::Invalid(format!("Enter your {what}."));
    match request {
        SignInRequest::Password { username, password } => {
            if username.trim().is_empty() {
                return Err(missing("ZoomInfo username"));
            }
            if password.is_empty() {
                return Err(missing("password"));
            }
            Ok(Credentials::password(username.trim(), password))
        }
        SignInRequest::Pki {
            username,
            client_id,
            private_key_path,
        } => {
            if username.trim().is_empty() {
                return Err(missing("ZoomInfo username"));
            }
            if client_id.trim().is_empty() {
                return Err(missing("client ID"));
            }
            let pem = read_private_key(&private_key_path).await?;
            Ok(Credentials::Pki {
                username: username.trim().to_string(),
                client_id: client_id.trim().to_string(),
                private_key_pem: pem,
            })
        }
    }
}

async fn read_private_key(path: &str) -> Result<SecretString> {
    let pem = tokio::fs::read_to_string(path).await.map_err(|error| {
        CoreError::UnreadableFile(format!(
            "The private key file {path} could not be read ({error}). Pick the PEM file ZoomInfo gave you."
        ))
    })?;
    if !pem.contains("PRIVATE KEY") {
        return Err(CoreError::UnreadableFile(format!(
            "{path} holds no PEM private key (a file starting with -----BEGIN PRIVATE KEY-----)."
        )));
    }
    Ok(SecretString::from(pem))
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::{credentials_from, SignInRequest};
    use crate::ErrorCode;

    fn pki(path: &str, client_id: &str) -> SignInRequest {
        SignInRequest::Pki {
            username: "ops@example.com".into(),
            client_id: client_id.into(),
            private_key_path: path.into(),
        }
    }

    #[tokio::test]
    async fn a_form_with_a_gap_or_a_wrong_key_file_is_refused_in_words() {
        let dir = tempfile::tempdir().unwrap();
        let not_a_key = dir.path().join("notes.txt");
        std::fs::write(&not_a_key, "hello").unwrap();
        let key = dir.path().join("key.pem");
        std::fs::write(
            &key,
            "-----BEGIN PRIVATE KEY-----\nMII\n-----END PRIVATE KEY-----\n",
        )
        .unwrap();

        let cases = [
            (
                SignInRequest::Password {
                    username: " ".into(),
                    password: "p".into(),
                },
                ErrorCode::InvalidInput,
                "Enter your ZoomInfo username.",
            ),
            (
                SignInRequest::Password {
                    username: "u".into(),
                    password: String::new(),
                },
                ErrorCode::InvalidInput,
                "Enter your password.",
            ),
            (
                pki(key.to_str().unwrap(), " "),
                ErrorCode::InvalidInput,
                "Enter your client ID.",
            ),
            (
                pki("/nonexistent/key.pem", "c"),
                ErrorCode::UnreadableFile,
                "could not be read",
            ),
            (
                pki(not_a_key.to_str().unwrap(), "c"),
                ErrorCode::UnreadableFile,
                "holds no PEM private key",
            ),
        ];
        for (request, code, words) in cases {
            let error = credentials_from(request).await.err().unwrap();
            assert_eq!(error.code(), code, "{error}");
            assert!(error.to_string().contains(words), "{error}");
        }
        assert!(credentials_from(pki(key.to_str().unwrap(), "client"))
            .await
            .is_ok());
    }
}
