//! Start-up configuration of one SCIM simulator.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use jsonwebtoken::{EncodingKey, Header};
use serde_json::json;

use super::facts;
use super::idp::{demo_push_failures, PushFailure};
use super::quirks::Quirk;

/// Days left on the demo token: inside the 30-day warning window, so the demo shows one.
pub const DEMO_TOKEN_DAYS_LEFT: i64 = 23;

/// A Zoom-style OAuth app (seed 003) whose credentials the token endpoint accepts.
#[derive(Clone)]
pub struct OAuthApp {
    pub client_id: String,
    pub client_secret: String,
    /// Zoom server-to-server apps send `account_id` with `grant_type=account_credentials`.
    pub account_id: String,
}

impl std::fmt::Debug for OAuthApp {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("OAuthApp")
            .field("client_id", &self.client_id)
            .field("client_secret", &"[redacted]")
            .field("account_id", &self.account_id)
            .finish()
    }
}

impl Default for OAuthApp {
    fn default() -> Self {
        OAuthApp {
            client_id: "zi-sim-client".into(),
            client_secret: "zi-sim-client-secret".into(),
            account_id: "zi-sim-account".into(),
        }
    }
}

#[derive(Clone, Debug)]
pub struct ScimSimConfig {
    /// Seed of the demo organisation's names.
    pub seed: u64,
    /// Start with the demo organisation (about 120 users in six groups) or empty.
    pub demo_org: bool,
    /// The static bearer token accepted (unless `Quirk::OAuthOnly` is on).
    pub bearer_token: String,
    pub oauth: OAuthApp,
    pub oauth_token_lifetime: Duration,
    /// Quirks switched on from the start (more can be flipped at run time).
    pub quirks: Vec<Quirk>,
    /// Users the identity provider failed to push, as Okta and Graph report them (more can be
    /// added at run time with `fail_provisioning`).
    pub idp_failures: Vec<PushFailure>,
}

impl Default for ScimSimConfig {
    fn default() -> Self {
        ScimSimConfig {
            seed: 7,
            demo_org: true,
            bearer_token: jwt_token(DEMO_TOKEN_DAYS_LEFT),
            oauth: OAuthApp::default(),
            oauth_token_lifetime: facts::OAUTH_TOKEN_LIFETIME,
            quirks: Vec::new(),
            idp_failures: demo_push_failures(),
        }
    }
}

impl ScimSimConfig {
    /// The demo organisation, a JWT token with 23 days left, a well-behaved server, and two
    /// users the identity provider failed to push (no Sales seat; already in ZoomInfo).
    pub fn demo() -> Self {
        Self::default()
    }

    /// No users, no groups and no failed pushes: for tests that seed their own.
    pub fn empty() -> Self {
        ScimSimConfig {
            demo_org: false,
            idp_failures: Vec::new(),
            ..Self::default()
        }
    }

    pub fn with_token(mut self, token: impl Into<String>) -> Self {
        self.bearer_token = token.into();
        self
    }

    pub fn with_quirks(mut self, quirks: &[Quirk]) -> Self {
        self.quirks = quirks.to_vec();
        self
    }
}

fn unix_now() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or(0)
}

/// A token shaped like a JWT API token whose `exp` lies `days_left` days from now
/// (negative: already expired). Signed with a fixed key: the simulator compares tokens as
/// strings and never needs to verify one.
pub fn jwt_token(days_left: i64) -> String {
    let now = unix_now();
    let claims = json!({
        "iss": "zi-sim",
        "sub": "scim-provisioning",
        "iat": now,
        "exp": now + days_left * 86_400,
    });
    // HS256 with a static key cannot fail; fall back to an opaque token all the same.
    jsonwebtoken::encode(
        &Header::default(),
        &claims,
        &EncodingKey::from_secret(b"zi-sim-scim"),
    )
    .unwrap_or_else(|_| format!("zi-sim-opaque-{now}"))
}

/// An opaque token (no expiry can be read from it), as the admin portal may issue.
pub fn opaque_token(seed: u64) -> String {
    format!(
        "zisim{seed:016x}{:016x}",
        seed.wrapping_mul(0x9E37_79B9_7F4A_7C15)
    )
}
