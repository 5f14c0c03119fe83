//! ZoomInfo API client for zi-console.
//!
//! Signs in (password or PKI) and keeps the JWT fresh in a single flight, paces itself under
//! the account's rate limits (backing off on 429s), retries what is worth retrying, and
//! reads the API's answers tolerantly. The legacy Enterprise API sits behind
//! [`ZoomInfoBackend`], and the GTM Data API beside it ([`GtmClient`]).

mod backend;
mod calling;
mod credentials;
mod error;
pub mod gtm;
pub mod headers;
mod legacy;
pub mod limits;
mod lookup;
mod model;
mod pacer;
mod parse;
mod rate_board;
mod receipt;
mod retry;
mod search;
pub mod search_fields;
mod session;
mod shared_pace;
mod spec_fields;
mod token;
mod transport;

pub use backend::ZoomInfoBackend;
pub use credentials::Credentials;
pub use error::{ClientError, Result};
pub use gtm::{AccessTokenSource, GtmClient, StaticAccessToken};
pub use legacy::{ClientConfig, LegacyClient};
pub use model::{
    EnrichResult, MatchStatus, OutputField, RateSnapshot, RateWindow, Record, RecordKind,
    SearchCriteria, SearchPage, UsageLimit,
};
pub use pacer::RateLimits;
pub use parse::parse_enrich_answer;
pub use receipt::EnrichReceipt;
pub use retry::RetryPolicy;
pub use search::{search_all, SearchResults};
pub use session::{SavedSession, SessionCache};
pub use shared_pace::SharedPace;
pub use spec_fields::published_output_fields;
pub use token::TokenStatus;

/// The readers of the API's answers, for the fuzz targets in `fuzz/`. Not part of the API.
#[doc(hidden)]
pub mod fuzzing {
    pub use crate::lookup::output_fields;
    pub use crate::parse::{enrich_results, error_message, jwt, loose_i64, search_page, usage};
    pub use crate::token::lifetime_of as token_lifetime;

    /// The GTM Data API's JSON:API readers, beside the legacy ones above.
    pub mod gtm {
        pub use crate::gtm::answer::{enrich_results, is_gtm_enrich, search_page, usage};
    }

    use reqwest::header::{HeaderMap, HeaderName, HeaderValue};

    /// One answer's headers (`name`, raw value) through the reader and the board that keeps
    /// them: the snapshot the Usage screen gets, and how long the pacer would hold.
    pub fn rate_headers(
        pairs: &[(&str, &[u8])],
    ) -> (Option<crate::RateSnapshot>, Option<std::time::Duration>) {
        let mut map = HeaderMap::new();
        for (name, value) in pairs {
            if let (Ok(name), Ok(value)) =
                (HeaderName::try_from(*name), HeaderValue::from_bytes(value))
            {
                map.append(name, value);
            }
        }
        let board = crate::rate_board::RateBoard::default();
        board.update(crate::headers::read(&map));
        (board.snapshot(), board.spent_window_wait())
    }
}
