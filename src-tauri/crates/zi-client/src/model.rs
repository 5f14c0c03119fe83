//! Shapes exchanged with the API, tolerant of what the published examples really send.

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use ts_rs::TS;

/// A ZoomInfo record as the API sent it (field names kept as-is, unknown fields kept).
pub type Record = Map<String, Value>;

/// Which kind of record a search or enrich is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
#[ts(export)]
pub enum RecordKind {
    Contact,
    Company,
}

impl RecordKind {
    pub fn as_str(self) -> &'static str {
        match self {
            RecordKind::Contact => "contact",
            RecordKind::Company => "company",
        }
    }

    /// The request key that carries enrich inputs for this kind.
    pub fn match_input_key(self) -> &'static str {
        match self {
            RecordKind::Contact => "matchPersonInput",
            RecordKind::Company => "matchCompanyInput",
        }
    }
}

impl std::str::FromStr for RecordKind {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.to_ascii_lowercase().as_str() {
            "contact" | "contacts" | "person" | "people" => Ok(RecordKind::Contact),
            "company" | "companies" => Ok(RecordKind::Company),
            other => Err(format!(
                "unknown record kind '{other}' (expected contact or company)"
            )),
        }
    }
}

/// Search criteria: ZoomInfo field name → value(s). Values are sent as the API expects them.
pub type SearchCriteria = Map<String, Value>;

/// One page of search results.
#[derive(Clone, Debug, PartialEq)]
pub struct SearchPage {
    /// How many records match the query (may exceed what paging can reach).
    pub total_results: u64,
    pub current_page: u32,
    pub records: Vec<Record>,
}

/// The match status of one enrich input. Unknown statuses are kept, not rejected.
///
/// Source: values seen in ZoomInfo's enrich responses (`shared/docs/zoominfo-api.md`).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum MatchStatus {
    FullMatch,
    NoMatch,
    CompanyOnlyMatch,
    ContactOnlyMatch,
    OptOut,
    LimitExceeded,
    InvalidInput,
    /// The NON_MATCH_BY_* family: a candidate existed but failed a filter.
    NonMatchBy(String),
    Other(String),
}

impl MatchStatus {
    pub fn parse(raw: &str) -> Self {
        match raw.trim().to_ascii_uppercase().as_str() {
            "FULL_MATCH" | "MATCH" => MatchStatus::FullMatch,
            "NO_MATCH" => MatchStatus::NoMatch,
            "COMPANY_ONLY_MATCH" => MatchStatus::CompanyOnlyMatch,
            "CONTACT_ONLY_MATCH" => MatchStatus::ContactOnlyMatch,
            "OPT_OUT" => MatchStatus::OptOut,
            "LIMIT_EXCEEDED" => MatchStatus::LimitExceeded,
            "INVALID_INPUT" => MatchStatus::InvalidInput,
            upper if upper.starts_with("NON_MATCH_BY_") => {
                MatchStatus::NonMatchBy(upper.to_string())
            }
            _ => MatchStatus::Other(raw.trim().to_string()),
        }
    }

    pub fn as_str(&self) -> &str {
        match self {
            MatchStatus::FullMatch => "FULL_MATCH",
            MatchStatus::NoMatch => "NO_MATCH",
            MatchStatus::CompanyOnlyMatch => "COMPANY_ONLY_MATCH",
            MatchStatus::ContactOnlyMatch => "CONTACT_ONLY_MATCH",
            MatchStatus::OptOut => "OPT_OUT",
            MatchStatus::LimitExceeded => "LIMIT_EXCEEDED",
            MatchStatus::InvalidInput => "INVALID_INPUT",
            MatchStatus::NonMatchBy(s) | MatchStatus::Other(s) => s,
        }
    }

    /// The account ran out of credits for this input: stop and resume later.
    pub fn is_limit_exceeded(&self) -> bool {
        matches!(self, MatchStatus::LimitExceeded)
    }
}

/// The answer to one enrich input, in input order.
#[derive(Clone, Debug, PartialEq)]
pub struct EnrichResult {
    /// The input as the API echoed it (legacy echoes lower-cased keys).
    pub input: Record,
    pub status: MatchStatus,
    /// Records returned for this input; each one costs a credit.
    pub records: Vec<Record>,
}

/// One account limit as `/lookup/usage` reports it, with ZoomInfo's own field names.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct UsageLimit {
    pub limit_type: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub description: Option<String>,
    #[ts(type = "number | null")]
    pub limit: Option<i64>,
    #[ts(type = "number | null")]
    pub current_usage: Option<i64>,
    #[ts(type = "number | null")]
    pub usage_remaining: Option<i64>,
}

impl UsageLimit {
    /// The limit of `limit_type` among `limits` (`/lookup/usage` lists each type once).
    pub fn of_type<'a>(limits: &'a [UsageLimit], limit_type: &str) -> Option<&'a UsageLimit> {
        limits.iter().find(|l| l.limit_type == limit_type)
    }
}

/// One enrich output field as `/lookup/outputfields/{kind}/enrich` lists it: whether the
/// account's plan includes it, with ZoomInfo's description. The API writes `accessGranted` as
/// the string "true"/"false" (published example); a real boolean is read the same way.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct OutputField {
    pub field_name: String,
    pub description: String,
    pub access_granted: bool,
}

/// The account's request window and usage counters as the latest answers' headers gave them
/// (`X-RateLimit-*`, `X-Usage-*`; see `headers.rs`): fresher than `/lookup/usage`, and free.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct RateSnapshot {
    /// The request window, from the latest answer that described it.
    pub window: Option<RateWindow>,
    /// The usage counters, from the latest search or enrich answer that carried them, under
    /// `/lookup/usage`'s limit types.
    pub usage: Vec<UsageLimit>,
    /// RFC 3339 time that answer arrived.
    pub usage_seen_at: Option<String>,
}

/// The API's request window (`X-RateLimit-*`): the per-minute limit on the legacy API.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct RateWindow {
    #[ts(type = "number | null")]
    pub limit: Option<i64>,
    #[ts(type = "number | null")]
    pub remaining: Option<i64>,
    /// RFC 3339 time the window frees.
    pub resets_at: Option<String>,
    /// RFC 3339 time the answer describing it arrived.
    pub seen_at: String,
}
