//! zi-console's use cases, shared by the desktop app and the `zi` CLI. Knows nothing of Tauri:
//! everything takes its collaborators (backend, store, credential store) as values.

pub mod cache;
mod console;
pub mod enrich;
mod error;
pub mod export;
pub mod paths;
pub mod provisioning;
pub mod redact;
pub mod sample;
mod search;
mod search_export;
pub mod search_selection;
pub mod secrets;
mod settings;
mod usage;
mod usage_history;

pub use console::{ConnectionStatus, Console};
pub use error::{CoreError, ErrorPayload, Result};
pub use search::{thousands, SearchCriterion, SearchOutcome, SearchRequest};
pub use settings::{ConnectionSettings, API_URL_ENV};
pub use usage::{LiveUsage, UsageReport};
pub use usage_history::{CreditHistory, DailyCredits};
pub use zi_client::{Credentials, RecordKind, UsageLimit};
/// Binaries call this first thing in `main`: workbooks are parsed in a child process of the
/// same executable where panics abort (see zi-sheet).
pub use zi_sheet::serve_workbook_reader_if_asked;
