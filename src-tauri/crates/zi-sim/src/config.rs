//! Start-up configuration of one simulator instance.

use std::time::Duration;

use crate::limits;
use crate::routes::output_fields::{WITHHELD_COMPANY, WITHHELD_CONTACT};

fn strings(names: &[&str]) -> Vec<String> {
    names.iter().map(|n| n.to_string()).collect()
}

/// Username accepted by the demo simulator.
pub const DEMO_USERNAME: &str = "demo@zi-console.test";
/// Password accepted by the demo simulator.
pub const DEMO_PASSWORD: &str = "demo-password";
/// The bearer token every simulator's GTM API (`/gtm/...`) accepts, besides the tokens it
/// issued through `/authenticate`: the GTM API has no sign-in call of its own to get one from.
pub const GTM_DEMO_TOKEN: &str = "zi-sim-gtm-demo-token";

/// Everything a simulator is started with. Faults can be changed later via [`crate::Knobs`].
#[derive(Clone, Debug)]
pub struct SimConfig {
    /// Seed of the synthetic dataset: same seed, same data on every machine.
    pub seed: u64,
    /// Number of synthetic people.
    pub people: usize,
    /// Number of synthetic companies.
    pub companies: usize,
    pub username: String,
    pub password: String,
    /// `client_id` claim expected in PKI logins.
    pub client_id: String,
    /// RS256 public key (PEM) accepted for PKI logins; `None` disables PKI.
    pub pki_public_key_pem: Option<String>,
    pub token_lifetime: Duration,
    /// Issue random non-JWT tokens (the client cannot read an expiry and must assume 60 min).
    pub opaque_tokens: bool,
    /// Added to every answer.
    pub latency: Duration,
    /// Non-auth requests per rolling second; 0 = unlimited.
    pub rate_per_sec: u32,
    /// Non-auth requests per rolling minute; 0 = unlimited.
    pub rate_per_min: u32,
    /// `/authenticate` calls per rolling second; 0 = unlimited.
    pub auth_rate_per_sec: u32,
    /// Share of authorised calls answered with a random 429 (no Retry-After).
    pub share_429: f64,
    /// Share of authorised calls answered with 500.
    pub share_500: f64,
    /// Share of authorised calls answered 200 with the JSON body cut in half.
    pub share_truncated: f64,
    /// Account record (credit) limit; `None` = no cap ([`limits::DEFAULT_RECORD_LIMIT`] shown).
    pub credit_limit: Option<u64>,
    /// Like the published example: no `matchStatus` key in enrich results.
    pub omit_match_status: bool,
    /// Also accept GTM bearer tokens that this OpenID provider's `userinfo` endpoint accepts,
    /// as a resource server checks a token with the issuer that signed the user in.
    pub gtm_userinfo_url: Option<String>,
    /// Contact output fields the account's plan does not grant (the lookup says
    /// `accessGranted: "false"`, enrich leaves them out). Default: the published example's.
    pub withheld_contact_fields: Vec<String>,
    /// Company output fields the plan does not grant. Default: the published example's.
    pub withheld_company_fields: Vec<String>,
}

impl Default for SimConfig {
    fn default() -> Self {
        Self {
            seed: 42,
            people: 20_000,
            companies: 2_000,
            username: DEMO_USERNAME.to_string(),
            password: DEMO_PASSWORD.to_string(),
            client_id: "demo-client".to_string(),
            pki_public_key_pem: None,
            token_lifetime: limits::TOKEN_LIFETIME,
            opaque_tokens: false,
            latency: Duration::ZERO,
            rate_per_sec: limits::RATE_PER_SEC,
            rate_per_min: limits::RATE_PER_MIN,
            auth_rate_per_sec: limits::AUTH_RATE_PER_SEC,
            share_429: 0.0,
            share_500: 0.0,
            share_truncated: 0.0,
            credit_limit: None,
            omit_match_status: false,
            gtm_userinfo_url: None,
            withheld_contact_fields: strings(WITHHELD_CONTACT),
            withheld_company_fields: strings(WITHHELD_COMPANY),
        }
    }
}

impl SimConfig {
    /// The defaults: real ZoomInfo limits, no faults.
    /// The demo account: a realistic credit allowance, so the Usage screen means something.
    pub fn demo() -> Self {
        Self {
            credit_limit: Some(limits::DEMO_RECORD_LIMIT),
            ..Self::default()
        }
    }

    /// No rate limits at all (request and auth): for fast tests where pacing does not matter.
    pub fn unlimited() -> Self {
        Self {
            rate_per_sec: 0,
            rate_per_min: 0,
            auth_rate_per_sec: 0,
            ..Self::default()
        }
    }
}
