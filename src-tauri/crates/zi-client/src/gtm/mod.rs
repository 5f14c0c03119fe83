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

use async_trait::async_trait;
use secrecy::SecretString;
use serde_json::Value;

pub use access::{AccessTokenSource, StaticAccessToken};

use crate::backend::ZoomInfoBackend;
use crate::calling::{Call, CallToken, Caller};
use crate::error::{ClientError, Result};
use crate::legacy::ClientConfig;
use crate::model::{
    EnrichResult, OutputField, RateSnapshot, Record, RecordKind, SearchCriteria, SearchPage,
    UsageLimit,
};
use crate::pacer::Pacer;
use crate::receipt::EnrichReceipt;
use crate::retry::RetryPolicy;
use crate::token::TokenStatus;
use crate::transport::Transport;

/// The paced, retrying GTM API client. Cheap to share (`Arc`).
pub struct GtmClient {
    transport: Transport,
    tokens: Arc<dyn AccessTokenSource>,
    pacer: Pacer,
    retry: RetryPolicy,
    /// An answer has accepted the current token.
    accepted: AtomicBool,
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
        let caller = Caller {
            transport: &self.transport,
            pacer: &self.pacer,
            retry: &self.retry,
        };
        let mut token = FromSource {
            source: self.tokens.as_ref(),
            accepted: &self.accepted,
        };
        caller.call(call, &mut token).await
    }
}

/// GTM's bearer: an access token from its source, renewed by the source when refused.
struct FromSource<'a> {
    source: &'a dyn AccessTokenSource,
    accepted: &'a AtomicBool,
}

#[async_trait]
impl CallToken for FromSource<'_> {
    async fn current(&mut self) -> Result<SecretString> {
        self.source.access_token().await
    }

    async fn refused(&mut self) -> Result<SecretString> {
        self.accepted.store(false, Ordering::Relaxed);
        self.source.renew().await
    }

    fn accepted(&mut self) {
        self.accepted.store(true, Ordering::Relaxed);
    }
}

#[async_trait]
impl ZoomInfoBackend for GtmClient {
    fn base_url(&self) -> &str {
        self.transport.base_url()
    }

    fn share_pace(&self, pace: Option<std::sync::Arc<dyn crate::SharedPace>>) {
        self.pacer.share(pace);
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

    /// The spec's own lists (`facts::output_fields`), not a call to `/data/v1/lookup/enrich`:
    /// that lookup would list the same names, and the spec says its `accessGranted` "is
    /// currently limited to input fields and is not available for output fields"
    /// (`LookupFieldAttributes`), so it could not tell which fields the plan withholds either.
    /// Withheld fields show as empty columns, as on legacy.
    async fn output_fields(&self, kind: RecordKind) -> Result<Vec<OutputField>> {
        Ok(crate::spec_fields::gtm_output_fields(kind))
    }
}
