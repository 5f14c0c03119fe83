//! What one running SCIM simulator shares between requests.

use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, AtomicU32, AtomicU64};
use std::sync::Mutex;
use std::time::Instant;

use super::config::ScimSimConfig;
use super::directory::Directory;
use super::idp::IdpState;
use super::org::PlantedProblems;
use super::quirks::Quirks;

pub(crate) struct ScimShared {
    pub config: ScimSimConfig,
    /// `http://127.0.0.1:PORT/scim/v2`, for `meta.location`.
    pub base_url: String,
    /// `http://127.0.0.1:PORT`: Okta's org URL and the base of Graph's links.
    pub root_url: String,
    pub quirks: Quirks,
    pub directory: Mutex<Directory>,
    pub planted: Option<PlantedProblems>,
    /// The static token accepted now (it can be rotated at run time).
    pub bearer_token: Mutex<String>,
    /// OAuth access tokens issued, with their expiry.
    pub oauth_tokens: Mutex<HashMap<String, Instant>>,
    /// Every token refused (an expired or revoked API token).
    pub tokens_rejected: AtomicBool,
    pub oauth_issued: AtomicU64,
    pub requests: AtomicU64,
    /// Requests let through per second (0: no limit), as a tenant's API limit.
    pub rate_limit: AtomicU32,
    /// The current one-second window: when it began and how many requests it let through.
    pub rate_window: Mutex<(Instant, u32)>,
    /// Requests refused with 429.
    pub throttled: AtomicU64,
    /// The identity provider's side: Okta, Graph and Entra.
    pub idp: IdpState,
}

impl ScimShared {
    pub fn new(config: ScimSimConfig, base_url: String) -> Self {
        let (directory, planted) = Directory::new(config.demo_org.then_some(config.seed));
        let root_url = base_url
            .strip_suffix(super::facts::BASE_PATH)
            .unwrap_or(&base_url)
            .to_string();
        ScimShared {
            idp: IdpState::new(config.seed, &config.idp_failures),
            root_url,
            quirks: Quirks::with(&config.quirks),
            bearer_token: Mutex::new(config.bearer_token.clone()),
            config,
            base_url,
            directory: Mutex::new(directory),
            planted,
            oauth_tokens: Mutex::new(HashMap::new()),
            tokens_rejected: AtomicBool::new(false),
            oauth_issued: AtomicU64::new(0),
            requests: AtomicU64::new(0),
            rate_limit: AtomicU32::new(0),
            rate_window: Mutex::new((Instant::now(), 0)),
            throttled: AtomicU64::new(0),
        }
    }
}
