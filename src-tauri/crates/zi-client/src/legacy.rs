//! The legacy Enterprise API (`/authenticate`, `/search/*`, `/enrich/*`, `/lookup/usage`,
//! `/lookup/outputfields/*/enrich`).

use std::sync::Arc;
use std::time::Duration;

use async_trait::async_trait;
use secrecy::SecretString;
use serde_json::{json, Value};

use crate::backend::ZoomInfoBackend;
use crate::calling::{Call, CallToken, Caller};
use crate::credentials::Credentials;
use crate::error::{ClientError, Result};
use crate::model::{
    EnrichResult, OutputField, RateSnapshot, Record, RecordKind, SearchCriteria, SearchPage,
    UsageLimit,
};
use crate::pacer::{Pacer, RateLimits};
use crate::receipt::EnrichReceipt;
use crate::retry::RetryPolicy;
use crate::session::SessionCache;
use crate::token::{TokenManager, TokenStatus};
use crate::transport::Transport;
use crate::{limits, lookup, parse};

/// How to reach the API.
#[derive(Clone, Debug)]
pub struct ClientConfig {
    pub base_url: String,
    pub rate_limits: RateLimits,
    pub retry: RetryPolicy,
    pub request_timeout: Duration,
    pub connect_timeout: Duration,
}

impl Default for ClientConfig {
    fn default() -> Self {
        ClientConfig {
            base_url: limits::DEFAULT_BASE_URL.to_string(),
            rate_limits: RateLimits::default(),
            retry: RetryPolicy::default(),
            request_timeout: Duration::from_secs(60),
            connect_timeout: Duration::from_secs(10),
        }
    }
}

impl ClientConfig {
    pub fn with_base_url(base_url: impl Into<String>) -> Self {
        ClientConfig {
            base_url: base_url.into(),
            ..ClientConfig::default()
        }
    }
}

/// The paced, retrying, self-authenticating legacy API client. Cheap to share (`Arc`).
pub struct LegacyClient {
    transport: Arc<Transport>,
    tokens: TokenManager,
    pacer: Pacer,
    retry: RetryPolicy,
}

impl LegacyClient {
    pub fn new(config: ClientConfig, credentials: Credentials) -> Result<Self> {
        let transport = Arc::new(Transport::new(
            &config.base_url,
            config.request_timeout,
            config.connect_timeout,
        )?);
        Ok(LegacyClient {
            tokens: TokenManager::new(transport.clone(), credentials, config.retry),
            transport,
            pacer: Pacer::new(config.rate_limits),
            retry: config.retry,
        })
    }

    /// Starts from the session `cache` kept from an earlier run and hands it every new token,
    /// so separate runs share one login until it nears expiry.
    pub fn with_session_cache(mut self, cache: Arc<dyn SessionCache>) -> Self {
        self.tokens = self.tokens.with_cache(cache);
        self
    }

    pub fn username(&self) -> &str {
        self.tokens.username()
    }

    /// Logins made so far (tests and diagnostics).
    pub fn login_count(&self) -> u64 {
        self.tokens.login_count()
    }

    /// The request rate currently aimed at (falls after 429s, climbs back after).
    pub fn current_rate(&self) -> f64 {
        self.pacer.current_rate()
    }

    /// One API call with pacing, a token, one re-login on 401 and retries with backoff.
    async fn call(&self, call: Call<'_>) -> Result<Value> {
        let caller = Caller {
            transport: &self.transport,
            pacer: &self.pacer,
            retry: &self.retry,
        };
        let mut token = SignedIn {
            tokens: &self.tokens,
            generation: None,
        };
        caller.call(call, &mut token).await
    }
}

/// Legacy's bearer: the session's JWT; a refused one is replaced by signing in again, once
/// for all the calls that saw the same one.
struct SignedIn<'a> {
    tokens: &'a TokenManager,
    generation: Option<u64>,
}

#[async_trait]
impl CallToken for SignedIn<'_> {
    async fn current(&mut self) -> Result<SecretString> {
        let token = self.tokens.token().await?;
        self.generation = Some(token.generation);
        Ok(token.value.clone())
    }

    async fn refused(&mut self) -> Result<SecretString> {
        let token = match self.generation {
            Some(generation) => self.tokens.replace(generation).await?,
            None => self.tokens.token().await?,
        };
        self.generation = Some(token.generation);
        Ok(token.value.clone())
    }
}

#[async_trait]
impl ZoomInfoBackend for LegacyClient {
    fn base_url(&self) -> &str {
        self.transport.base_url()
    }

    fn share_pace(&self, pace: Option<std::sync::Arc<dyn crate::SharedPace>>) {
        self.pacer.share(pace);
    }

    fn max_search_depth(&self) -> u32 {
        limits::MAX_SEARCH_DEPTH
    }

    fn max_page_size(&self) -> u32 {
        limits::MAX_SEARCH_RPP
    }

    fn max_enrich_batch(&self) -> usize {
        limits::MAX_ENRICH_BATCH
    }

    async fn sign_in(&self) -> Result<TokenStatus> {
        self.tokens.sign_in().await
    }

    async fn token_status(&self) -> TokenStatus {
        self.tokens.status().await
    }

    async fn search_page(
        &self,
        kind: RecordKind,
        criteria: &SearchCriteria,
        page: u32,
        page_size: u32,
    ) -> Result<SearchPage> {
        let mut body = criteria.clone();
        body.insert(
            "rpp".into(),
            json!(page_size.clamp(1, limits::MAX_SEARCH_RPP)),
        );
        body.insert("page".into(), json!(page.max(1)));
        let path = format!("/search/{}", kind.as_str());
        let answer = self.call(Call::Post(&path, &Value::Object(body))).await?;
        parse::search_page(&answer, page)
    }

    async fn enrich_with_receipt(
        &self,
        kind: RecordKind,
        inputs: &[Record],
        output_fields: &[String],
        receipt: &dyn EnrichReceipt,
    ) -> Result<Vec<EnrichResult>> {
        if inputs.is_empty() {
            return Ok(Vec::new());
        }
        if inputs.len() > limits::MAX_ENRICH_BATCH {
            return Err(ClientError::Config(format!(
                "{} inputs in one enrich request; ZoomInfo accepts at most {}",
                inputs.len(),
                limits::MAX_ENRICH_BATCH
            )));
        }
        if output_fields.is_empty() {
            return Err(ClientError::Config(
                "An enrich request needs at least one output field.".into(),
            ));
        }
        let body = json!({ kind.match_input_key(): inputs, "outputFields": output_fields });
        let path = format!("/enrich/{}", kind.as_str());
        let answer = self
            .call(Call::PostWithReceipt(&path, &body, receipt))
            .await?;
        parse::enrich_results(&answer, inputs.len())
    }

    fn rate_snapshot(&self) -> Option<RateSnapshot> {
        self.transport.rate_board().snapshot()
    }

    async fn usage(&self) -> Result<Vec<UsageLimit>> {
        match self.call(Call::Get("/lookup/usage")).await {
            // Older accounts answer the `/usage` shape only.
            Err(ClientError::BadRequest { status: 404, .. }) => {
                parse::usage(&self.call(Call::Get("/usage")).await?)
            }
            other => parse::usage(&other?),
        }
    }

    async fn output_fields(&self, kind: RecordKind) -> Result<Vec<OutputField>> {
        let path = format!("/lookup/outputfields/{}/enrich", kind.as_str());
        lookup::output_fields(&self.call(Call::Get(&path)).await?)
    }
}
