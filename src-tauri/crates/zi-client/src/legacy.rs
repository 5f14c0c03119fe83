//! The legacy Enterprise API (`/authenticate`, `/search/*`, `/enrich/*`, `/lookup/usage`,
//! `/lookup/outputfields/*/enrich`).

use std::sync::Arc;
use std::time::Duration;

use async_trait::async_trait;
use secrecy::ExposeSecret;
use serde_json::{json, Value};

use crate::backend::ZoomInfoBackend;
use crate::credentials::Credentials;
use crate::error::{ClientError, Result};
use crate::model::{
    EnrichResult, OutputField, RateSnapshot, Record, RecordKind, SearchCriteria, SearchPage,
    UsageLimit,
};
use crate::pacer::{Answer, Pacer, RateLimits, Refusal};
use crate::receipt::EnrichReceipt;
use crate::retry::{with_attempts, Attempts, RetryPolicy};
use crate::session::SessionCache;
use crate::token::{TokenManager, TokenStatus};
use crate::transport::{Failure, Transport};
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

enum Call<'a> {
    Get(&'a str),
    Post(&'a str, &'a Value),
    /// A post whose sending and successful answers a receipt is told of (they cost credits).
    PostWithReceipt(&'a str, &'a Value, &'a dyn EnrichReceipt),
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
        let mut backoff = self.retry.backoff();
        let mut attempts = Attempts::default();
        let mut signed_in_again = false;
        let mut token = self.tokens.token().await?;
        loop {
            attempts.start();
            let ticket = self.pacer.acquire().await;
            let bearer = Some(token.value.expose_secret());
            let outcome = match call {
                Call::Get(path) => self.transport.get(path, bearer).await,
                Call::Post(path, body) => self.transport.post_json(path, body, bearer).await,
                Call::PostWithReceipt(path, body, receipt) => {
                    receipt.sending();
                    let answered = |text: &str| receipt.answered(text);
                    self.transport
                        .post_json_with_receipt(path, body, bearer, &answered)
                        .await
                }
            };
            let refusal = match pacing_answer(&outcome) {
                Some(answer) => self.pacer.on_answer(ticket, answer),
                None => Refusal::None,
            };
            if let Some(reset_in) = self.transport.rate_board().spent_window_wait() {
                self.pacer.on_window_spent(reset_in);
            }
            let error = match outcome {
                Ok(value) => return Ok(value),
                Err(Failure::Unauthorized(message)) => {
                    // The token died early: sign in once more and retry once.
                    if signed_in_again {
                        return Err(ClientError::SessionRejected { message });
                    }
                    signed_in_again = true;
                    token = self.tokens.replace(token.generation).await?;
                    continue;
                }
                Err(Failure::Error(error)) => error,
            };
            if !error.is_retryable() {
                return Err(error);
            }
            let retry_after = match &error {
                ClientError::RateLimited { retry_after, .. } => *retry_after,
                _ => None,
            };
            let delay = match backoff.next() {
                Some(delay) if !attempts.exhausted_by(&error, self.retry.max_attempts) => delay,
                _ => return Err(with_attempts(error, attempts.made)),
            };
            let stray_failure = matches!(error, ClientError::Server { .. })
                && attempts.made == 1
                && self.pacer.failures_are_stray();
            let delay = match retry_after {
                Some(asked) => asked,
                // A stray 429, or a first 5xx amid answers that go through, waits only for
                // its turn in the pacer.
                None if refusal == Refusal::Stray || stray_failure => Duration::ZERO,
                None => delay,
            };
            tracing::debug!(
                attempts = attempts.made,
                ?delay,
                code = error.code(),
                "request failed; trying again"
            );
            tokio::time::sleep(delay).await;
            // The wait may have outlived the token.
            token = self.tokens.token().await?;
        }
    }
}

/// What an outcome tells the pacer: a 429, an answer that went through the server's rate
/// limit (whether it then succeeded or not), or nothing (no answer, or a 401 turned away
/// before any rate limit).
pub(crate) fn pacing_answer(outcome: &std::result::Result<Value, Failure>) -> Option<Answer> {
    match outcome {
        Ok(_) => Some(Answer::Accepted),
        Err(Failure::Error(ClientError::RateLimited { .. })) => Some(Answer::Refused),
        Err(Failure::Error(ClientError::Network { .. } | ClientError::Unreachable { .. }))
        | Err(Failure::Unauthorized(_)) => None,
        Err(Failure::Error(_)) => Some(Answer::Failed),
    }
}

#[async_trait]
impl ZoomInfoBackend for LegacyClient {
    fn base_url(&self) -> &str {
        self.transport.base_url()
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
