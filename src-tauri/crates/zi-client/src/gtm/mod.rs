//! The GTM Data API (`/gtm/data/v1/...`): JSON:API, OAuth 2.0 bearer tokens from an
//! [`AccessTokenSource`]. Paced, retried and receipted like the legacy client, and read into
//! the same records, match statuses, usage limits and errors.

mod access;
pub(crate) mod answer;
pub(crate) mod errors;
pub mod facts;
mod request;

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::Duration;

use async_trait::async_trait;
use secrecy::ExposeSecret;
use serde_json::Value;

pub use access::{AccessTokenSource, StaticAccessToken};

use crate::backend::ZoomInfoBackend;
use crate::error::{ClientError, Result};
use crate::legacy::{pacing_answer, ClientConfig};
use crate::model::{
    EnrichResult, OutputField, RateSnapshot, Record, RecordKind, SearchCriteria, SearchPage,
    UsageLimit,
};
use crate::pacer::{Pacer, Refusal};
use crate::receipt::EnrichReceipt;
use crate::retry::{with_attempts, Attempts, RetryPolicy};
use crate::token::TokenStatus;
use crate::transport::{Failure, Transport};

/// The paced, retrying GTM API client. Cheap to share (`Arc`).
pub struct GtmClient {
    transport: Transport,
    tokens: Arc<dyn AccessTokenSource>,
    pacer: Pacer,
    retry: RetryPolicy,
    /// An answer has accepted the current token.
    accepted: AtomicBool,
}

enum Call<'a> {
    Get(&'a str),
    Post(&'a str, &'a Value),
    /// A post whose sending and successful answers a receipt is told of (they cost credits).
    PostWithReceipt(&'a str, &'a Value, &'a dyn EnrichReceipt),
}

impl GtmClient {
    /// `config.base_url` is the spec's server, `/gtm` included ([`facts::DEFAULT_BASE_URL`]).
    pub fn new(config: ClientConfig, tokens: Arc<dyn AccessTokenSource>) -> Result<Self> {
        let transport = Transport::new(
            &config.base_url,
            config.request_timeout,
            config.connect_timeout,
        )?
        .with_media_type(facts::MEDIA_TYPE);
        Ok(GtmClient {
            transport,
            tokens,
            pacer: Pacer::new(config.rate_limits),
            retry: config.retry,
            accepted: AtomicBool::new(false),
        })
    }

    /// The request rate currently aimed at (falls after 429s, climbs back after).
    pub fn current_rate(&self) -> f64 {
        self.pacer.current_rate()
    }

    /// One API call with pacing, a token, one renewal on 401 and retries with backoff.
    async fn call(&self, call: Call<'_>) -> Result<Value> {
        let mut backoff = self.retry.backoff();
        let mut attempts = Attempts::default();
        let mut renewed = false;
        let mut token = self.tokens.access_token().await?;
        loop {
            attempts.start();
            let ticket = self.pacer.acquire().await;
            let bearer = Some(token.expose_secret());
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
                Ok(value) => {
                    self.accepted.store(true, Ordering::Relaxed);
                    return Ok(value);
                }
                Err(Failure::Unauthorized(message)) => {
                    self.accepted.store(false, Ordering::Relaxed);
                    // The token was refused: ask its source for a new one, once.
                    if renewed {
                        return Err(ClientError::SessionRejected { message });
                    }
                    renewed = true;
                    token = self.tokens.renew().await?;
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
            let delay = match retry_after {
                // GTM says how long to wait (the notes: `Retry-After` on 429).
                Some(asked) => asked,
                None if refusal == Refusal::Stray => Duration::ZERO,
                None => delay,
            };
            tracing::debug!(
                attempts = attempts.made,
                ?delay,
                code = error.code(),
                "GTM request failed; trying again"
            );
            tokio::time::sleep(delay).await;
            token = self.tokens.access_token().await?;
        }
    }
}

#[async_trait]
impl ZoomInfoBackend for GtmClient {
    fn base_url(&self) -> &str {
        self.transport.base_url()
    }

    fn max_search_depth(&self) -> u32 {
        facts::MAX_SEARCH_DEPTH
    }

    fn max_page_size(&self) -> u32 {
        facts::MAX_PAGE_SIZE
    }

    fn max_enrich_batch(&self) -> usize {
        facts::MAX_ENRICH_BATCH
    }

    /// There is no sign-in call on the GTM API: asking for the usage proves the token and the
    /// connection (free of credits).
    async fn sign_in(&self) -> Result<TokenStatus> {
        self.usage().await?;
        Ok(self.token_status().await)
    }

    async fn token_status(&self) -> TokenStatus {
        TokenStatus {
            signed_in: self.accepted.load(Ordering::Relaxed),
            ..TokenStatus::default()
        }
    }

    async fn search_page(
        &self,
        kind: RecordKind,
        criteria: &SearchCriteria,
        page: u32,
        page_size: u32,
    ) -> Result<SearchPage> {
        let page = page.max(1);
        let (path, body) = request::search(
            kind,
            criteria,
            page,
            page_size.clamp(1, facts::MAX_PAGE_SIZE),
        );
        let answer = self.call(Call::Post(&path, &body)).await?;
        answer::search_page(&answer, page)
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
        if inputs.len() > facts::MAX_ENRICH_BATCH {
            return Err(ClientError::Config(format!(
                "{} inputs in one enrich request; ZoomInfo accepts at most {}",
                inputs.len(),
                facts::MAX_ENRICH_BATCH
            )));
        }
        if output_fields.is_empty() {
            return Err(ClientError::Config(
                "An enrich request needs at least one output field.".into(),
            ));
        }
        let (path, body) = request::enrich(kind, inputs, output_fields);
        let answer = self
            .call(Call::PostWithReceipt(path, &body, receipt))
            .await?;
        answer::enrich_results(&answer, inputs.len())
    }

    fn rate_snapshot(&self) -> Option<RateSnapshot> {
        self.transport.rate_board().snapshot()
    }

    async fn usage(&self) -> Result<Vec<UsageLimit>> {
        answer::usage(&self.call(Call::Get(facts::paths::USAGE)).await?)
    }

    /// The published field list: the GTM lookup of output fields answers in another shape
    /// and is not read yet, so every published field is offered.
    async fn output_fields(&self, kind: RecordKind) -> Result<Vec<OutputField>> {
        Ok(crate::spec_fields::published_output_fields(kind))
    }
}
