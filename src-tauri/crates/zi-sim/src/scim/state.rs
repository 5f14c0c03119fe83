//! What one running SCIM simulator shares between requests.

use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, AtomicU64};
use std::sync::Mutex;
use std::time::Instant;

use super::config::ScimSimConfig;
use super::directory::Directory;
use super::org::PlantedProblems;
use super::quirks::Quirks;

pub(crate) struct ScimShared {
    pub config: ScimSimConfig,
    /// `http://127.0.0.1:PORT/scim/v2`, for `meta.location`.
    pub base_url: String,
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
}

impl ScimShared {
    pub fn new(config: ScimSimConfig, base_url: String) -> Self {
        let (directory, planted) = Directory::new(config.demo_org.then_some(config.seed));
        ScimShared {
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
        }
    }
}
