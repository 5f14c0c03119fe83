//! PKCE (RFC 7636, S256) and the `state` value that ties the redirect to this sign-in, made by
//! the `oauth2` crate; only the comparison of the state that comes back is ours.

use oauth2::{CsrfToken, PkceCodeChallenge, PkceCodeVerifier};
use secrecy::{ExposeSecret, SecretString};

pub(crate) struct Pkce {
    pub(crate) verifier: PkceCodeVerifier,
    pub(crate) challenge: PkceCodeChallenge,
}

impl Pkce {
    /// 32 random bytes, base64url: a 43-character verifier, within RFC 7636 §4.1's 43..=128.
    pub(crate) fn new() -> Self {
        let (challenge, verifier) = PkceCodeChallenge::new_random_sha256();
        Self {
            verifier,
            challenge,
        }
    }
}

pub(crate) fn new_state() -> SecretString {
    SecretString::from(CsrfToken::new_random().into_secret())
}

/// Compares in constant time, so the redirect cannot be used to guess the state byte by byte.
pub(crate) fn same(a: &SecretString, b: &str) -> bool {
    // Length leaks nothing: every state is 22 characters (16 random bytes, base64url).
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
        let verifier =
            PkceCodeVerifier::new("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk".to_string());
        let challenge = PkceCodeChallenge::from_code_verifier_sha256(&verifier);
        assert_eq!(
            challenge.as_str(),
            "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"
        );
        assert_eq!(challenge.method().as_str(), "S256");
    }

    #[test]
    fn verifier_is_43_chars_and_matches_its_challenge() {
        let p = Pkce::new();
        assert_eq!(p.verifier.secret().len(), 43);
        assert_eq!(
            PkceCodeChallenge::from_code_verifier_sha256(&p.verifier).as_str(),
            p.challenge.as_str()
        );
    }

    #[test]
    fn states_differ_and_compare() {
        let a = new_state();
        let b = new_state();
        assert!(same(&a, a.expose_secret()));
        assert!(!same(&a, b.expose_secret()));
        assert!(!same(&a, ""));
    }
}
