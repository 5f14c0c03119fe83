//! PKCE (RFC 7636, S256) and the `state` value that ties the redirect to this sign-in.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use secrecy::{ExposeSecret, SecretString};
use sha2::{Digest, Sha256};

/// 32 random bytes, base64url: 43 characters, within RFC 7636 §4.1's 43..=128.
fn random_token() -> String {
    URL_SAFE_NO_PAD.encode(rand::random::<[u8; 32]>())
}

pub(crate) struct Pkce {
    pub(crate) verifier: SecretString,
    pub(crate) challenge: String,
}

impl Pkce {
    pub(crate) fn new() -> Self {
        let verifier = random_token();
        let challenge = challenge_of(&verifier);
        Self {
            verifier: SecretString::from(verifier),
            challenge,
        }
    }
}

/// `BASE64URL(SHA256(verifier))` (RFC 7636 §4.2).
pub(crate) fn challenge_of(verifier: &str) -> String {
    URL_SAFE_NO_PAD.encode(Sha256::digest(verifier.as_bytes()))
}

pub(crate) fn new_state() -> SecretString {
    SecretString::from(random_token())
}

pub(crate) fn same(a: &SecretString, b: &str) -> bool {
    // Length leaks nothing: every state is 43 characters.
    let a = a.expose_secret().as_bytes();
    a.len() == b.len()
        && a.iter()
            .zip(b.as_bytes())
            .fold(0u8, |acc, (x, y)| acc | (x ^ y))
            == 0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rfc_7636_appendix_b_example() {
        assert_eq!(
            challenge_of("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"),
            "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"
        );
    }

    #[test]
    fn verifier_is_43_chars() {
        let p = Pkce::new();
        assert_eq!(p.verifier.expose_secret().len(), 43);
        assert_eq!(p.challenge, challenge_of(p.verifier.expose_secret()));
    }
}
