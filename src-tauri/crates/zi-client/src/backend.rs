//! What zi-console needs from a ZoomInfo API, whichever generation answers it.
//! The legacy Enterprise API implements it today; the GTM API can be added beside it.

use async_trait::async_trait;

use crate::error::Result;
use crate::model::{
    EnrichResult, OutputField, RateSnapshot, Record, RecordKind, SearchCriteria, SearchPage,
    UsageLimit,
};
use crate::receipt::{EnrichReceipt, Unkept};
use crate::token::TokenStatus;

#[async_trait]
pub trait ZoomInfoBackend: Send + Sync {
    /// The API's base address, for display.
    fn base_url(&self) -> &str;
    /// The deepest record a search can page to.
    fn max_search_depth(&self) -> u32;
    /// Most records one search page may carry.
    fn max_page_size(&self) -> u32;
    /// Most inputs one enrich request may carry.
    fn max_enrich_batch(&self) -> usize;

    /// Signs in afresh: checks the credentials and the connection.
    async fn sign_in(&self) -> Result<TokenStatus>;
    async fn token_status(&self) -> TokenStatus;

    /// One page (1-based) of search results (whether it costs credits is measured, not assumed).
    async fn search_page(
        &self,
        kind: RecordKind,
        criteria: &SearchCriteria,
        page: u32,
        page_size: u32,
    ) -> Result<SearchPage>;
    /// Enriches up to `max_enrich_batch` inputs; one result per input, in order. Costs credits.
    async fn enrich(
        &self,
        kind: RecordKind,
        inputs: &[Record],
        output_fields: &[String],
    ) -> Result<Vec<EnrichResult>> {
        self.enrich_with_receipt(kind, inputs, output_fields, &Unkept)
            .await
    }
    /// `enrich`, telling `receipt` when the request leaves and handing it the raw text of the
    /// paid-for answer the moment it arrives, so a crash while it is being read and stored
    /// does not lose what was bought. [`crate::parse_enrich_answer`] reads an answer back.
    async fn enrich_with_receipt(
        &self,
        kind: RecordKind,
        inputs: &[Record],
        output_fields: &[String],
        receipt: &dyn EnrichReceipt,
    ) -> Result<Vec<EnrichResult>>;
    /// The account's limits and how much of each is used.
    async fn usage(&self) -> Result<Vec<UsageLimit>>;
    /// The enrich output fields of `kind` the account may request, each marked granted or not
    /// by its plan. Free of credits.
    async fn output_fields(&self, kind: RecordKind) -> Result<Vec<OutputField>>;
    /// What the latest answers' rate and usage headers said, without asking the API; `None`
    /// until an answer carried them (or for an API that sends none).
    fn rate_snapshot(&self) -> Option<RateSnapshot> {
        None
    }
    /// Paces every request also by `pace`, the account's schedule shared with other
    /// processes (team mode); `None` goes back to this process's pace alone.
    fn share_pace(&self, pace: Option<std::sync::Arc<dyn crate::SharedPace>>);
}
