//! Token issuing and checking: password and PKI logins, expiry, revocation.

use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Mutex;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use jsonwebtoken::{Algorithm, DecodingKey, EncodingKey, Header, Validation};
use rand::distr::{Alphanumeric, SampleString};
use serde::{Deserialize, Serialize};

use crate::limits;
use crate::util::lock;

/// Length of an opaque (non-JWT) token.
const OPAQUE_TOKEN_LEN: usize = 40;
/// Registry size above which expired and revoked entries are swept.
const SWEEP_ABOVE: usize = 4_096;

/// Claims of the JWTs the simulator issues. The real claims are undocumented; clients may
/// only rely on `exp` (and must assume 60 minutes when the token does not decode).
#[derive(Debug, Serialize, Deserialize)]
struct IssuedClaims {
    sub: String,
    iat: u64,
    exp: u64,
    /// Registry key: lets the server expire (precisely) and revoke the token.
    jti: String,
}

/// Claims the client puts in its self-signed PKI login JWT.
#[derive(Debug, Deserialize)]
struct PkiClaims {
    client_id: String,
    username: String,
}

struct Issued {
    expires: Instant,
    epoch: u64,
}

/// Issues tokens and remembers them so expiry and revocation are enforced server-side
/// (to the millisecond, independent of the whole-second `exp` claim).
pub(crate) struct Tokens {
    encoding: EncodingKey,
    decoding: DecodingKey,
    next_jti: AtomicU64,
    issued: Mutex<HashMap<String, Issued>>,
}

fn unix_secs() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0)
}

impl Tokens {
    pub fn new() -> Self {
        // A fresh secret per simulator: tokens from another instance never validate.
        let secret: [u8; 32] = rand::random();
        Self {
            encoding: EncodingKey::from_secret(&secret),
            decoding: DecodingKey::from_secret(&secret),
            next_jti: AtomicU64::new(1),
            issued: Mutex::new(HashMap::new()),
        }
    }

    /// A new token for `username` living `lifetime`, tied to the current revocation `epoch`.
    pub fn issue(
        &self,
        username: &str,
        lifetime: Duration,
        epoch: u64,
        opaque: bool,
    ) -> Result<String, jsonwebtoken::errors::Error> {
        let jti = self.next_jti.fetch_add(1, Ordering::Relaxed).to_string();
        let (token, key) = if opaque {
            let token = Alphanumeric.sample_string(&mut rand::rng(), OPAQUE_TOKEN_LEN);
            let key = opaque_key(&token);
            (token, key)
        } else {
            let iat = unix_secs();
            let claims = IssuedClaims {
                sub: username.to_string(),
                iat,
                // Whole seconds rounded down: a client reading `exp` never overestimates.
                exp: iat.saturating_add(lifetime.as_secs()),
                jti: jti.clone(),
            };
            let header = Header::new(Algorithm::HS256);
            (
                jsonwebtoken::encode(&header, &claims, &self.encoding)?,
                jwt_key(&jti),
            )
        };
        let expires = Instant::now()
            .checked_add(lifetime)
            .unwrap_or_else(far_future);
        let mut issued = lock(&self.issued);
        if issued.len() > SWEEP_ABOVE {
            let now = Instant::now();
            issued.retain(|_, t| t.expires > now && t.epoch == epoch);
        }
        issued.insert(key, Issued { expires, epoch });
        Ok(token)
    }

    /// True if `token` was issued here, has not expired and was not revoked.
    pub fn is_valid(&self, token: &str, epoch: u64) -> bool {
        let key = if token.contains('.') {
            let mut validation = Validation::new(Algorithm::HS256);
            // Expiry is checked below against the registry, to the millisecond.
            validation.validate_exp = false;
            validation.required_spec_claims.clear();
            match jsonwebtoken::decode::<IssuedClaims>(token, &self.decoding, &validation) {
                Ok(data) => jwt_key(&data.claims.jti),
                Err(_) => return false,
            }
        } else {
            opaque_key(token)
        };
        lock(&self.issued)
            .get(&key)
            .is_some_and(|t| t.epoch == epoch && Instant::now() < t.expires)
    }
}

/// Registry keys are namespaced so a bare jti sent as an "opaque" token never validates.
fn jwt_key(jti: &str) -> String {
    format!("jwt:{jti}")
}

fn opaque_key(token: &str) -> String {
    format!("opaque:{token}")
}

fn far_future() -> Instant {
    Instant::now() + Duration::from_secs(100 * 365 * 24 * 3600)
}

/// Checks a PKI login: an RS256 JWT signed with the customer's private key, whose public
/// half the simulator was configured with.
pub(crate) fn verify_pki(token: &str, key: &DecodingKey, client_id: &str, username: &str) -> bool {
    let mut validation = Validation::new(Algorithm::RS256);
    validation.leeway = 0;
    validation.set_audience(&[limits::PKI_AUDIENCE]);
    validation.set_issuer(&[limits::PKI_ISSUER]);
    validation.set_required_spec_claims(&["exp", "aud", "iss"]);
    match jsonwebtoken::decode::<PkiClaims>(token, key, &validation) {
        Ok(data) => data.claims.client_id == client_id && data.claims.username == username,
        Err(_) => false,
    }
}

/// The token of an `Authorization: Bearer <token>` header value.
pub(crate) fn bearer(value: Option<&axum::http::HeaderValue>) -> Option<&str> {
    let value = value?.to_str().ok()?.trim();
    let (scheme, token) = value.split_once(' ')?;
    let token = token.trim();
    (scheme.eq_ignore_ascii_case("bearer") && !token.is_empty()).then_some(token)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn issued_jwt_validates_until_revoked() {
        let tokens = Tokens::new();
        let t = tokens
            .issue("u", Duration::from_secs(60), 0, false)
            .expect("issue");
        assert!(tokens.is_valid(&t, 0));
        assert!(!tokens.is_valid(&t, 1));
        assert!(!tokens.is_valid("garbage.token.here", 0));
        assert!(!tokens.is_valid("1", 0), "a bare jti is not a token");
    }

    #[test]
    fn opaque_tokens_are_40_chars_and_expire() {
        let tokens = Tokens::new();
        let t = tokens.issue("u", Duration::ZERO, 0, true).expect("issue");
        assert_eq!(t.len(), 40);
        assert!(!tokens.is_valid(&t, 0));
    }
}
