//! ZoomInfo API client for zi-console.
//!
//! Signs in (password or PKI) and keeps the JWT fresh in a single flight, paces itself under
//! the account's rate limits (backing off on 429s), retries what is worth retrying, and
//! reads the API's answers tolerantly. The legacy Enterprise API sits behind
//! [`ZoomInfoBackend`] so the GTM API can join it later.

mod backend;
mod credentials;
mod error;
mod legacy;
pub mod limits;
mod lookup;
mod model;
mod pacer;
mod parse;
mod receipt;
mod retry;
mod search;
pub mod search_fields;
mod session;
mod spec_fields;
mod token;
mod transport;

pub use backend::ZoomInfoBackend;
pub use credentials::Credentials;
pub use error::{ClientError, Result};
pub use legacy::{ClientConfig, LegacyClient};
pub use model::{
    EnrichResult, MatchStatus, OutputField, Record, RecordKind, SearchCriteria, SearchPage,
    UsageLimit,
};
pub use pacer::RateLimits;
pub use parse::parse_enrich_answer;
pub use receipt::EnrichReceipt;
pub use retry::RetryPolicy;
pub use search::{search_all, SearchResults};
pub use session::{SavedSession, SessionCache};
pub use spec_fields::published_output_fields;
pub use token::TokenStatus;

/// The readers of the API's answers, for the fuzz targets in `fuzz/`. Not part of the API.
#[doc(hidden)]
pub mod fuzzing {
    pub use crate::lookup::output_fields;
    pub use crate::parse::{enrich_results, error_message, jwt, loose_i64, search_page, usage};
    pub use crate::token::lifetime_of as token_lifetime;
}
