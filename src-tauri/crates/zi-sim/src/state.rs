//! Everything one running simulator shares between requests.

use std::collections::VecDeque;
use std::io;
use std::sync::{Arc, Mutex};

use jsonwebtoken::DecodingKey;

use crate::account::Account;
use crate::auth::Tokens;
use crate::config::SimConfig;
use crate::dataset::Dataset;
use crate::knobs::Knobs;
use crate::stats::Counters;
use crate::throttle::RateLimiter;

pub(crate) struct Shared {
    /// The start-up configuration (credentials, PKI, token kind, auth rate).
    pub config: SimConfig,
    pub pki_key: Option<DecodingKey>,
    pub dataset: Arc<Dataset>,
    pub knobs: Knobs,
    pub stats: Counters,
    pub tokens: Tokens,
    pub api_limiter: RateLimiter,
    pub auth_limiter: RateLimiter,
    pub account: Mutex<Account>,
    /// The latest enrich request bodies, for tests to see what a client really sent.
    pub recent_enrich: Mutex<VecDeque<serde_json::Value>>,
}

/// Enrich request bodies kept for [`crate::SimHandle::enrich_requests`].
pub const KEPT_ENRICH_REQUESTS: usize = 200;

impl Shared {
    /// Builds the state; the dataset is generated on a blocking thread (it takes a moment).
    pub async fn new(config: SimConfig) -> io::Result<Arc<Self>> {
        let pki_key = match &config.pki_public_key_pem {
            Some(pem) => Some(DecodingKey::from_rsa_pem(pem.as_bytes()).map_err(|e| {
                io::Error::new(
                    io::ErrorKind::InvalidInput,
                    format!("invalid PKI public key: {e}"),
                )
            })?),
            None => None,
        };
        let (seed, people, companies) = (config.seed, config.people, config.companies);
        let dataset =
            tokio::task::spawn_blocking(move || Dataset::generate(seed, people, companies))
                .await
                .map_err(io::Error::other)?;
        Ok(Arc::new(Self {
            knobs: Knobs::new(&config),
            config,
            pki_key,
            dataset: Arc::new(dataset),
            stats: Counters::default(),
            tokens: Tokens::new(),
            api_limiter: RateLimiter::default(),
            auth_limiter: RateLimiter::default(),
            account: Mutex::new(Account::default()),
            recent_enrich: Mutex::new(VecDeque::with_capacity(KEPT_ENRICH_REQUESTS)),
        }))
    }
}
