//! zi-console's use cases, shared by the desktop app and the `zi` CLI. Knows nothing of Tauri:
//! everything takes its collaborators (backend, store, credential store) as values.

mod backend_choice;
pub mod cache;
mod cells;
pub mod connectors;
mod console;
pub mod enrich;
mod error;
mod error_code;
pub mod export;
pub mod gtm_sign_in;
pub mod network;
pub mod paths;
pub mod provisioning;
pub mod redact;
mod search;
mod search_export;
/// The search criteria ZoomInfo publishes, as the client types them.
pub mod search_fields {
    pub use zi_client::search_fields::{SearchFieldSpec, Several, ValueType};
}
pub mod search_selection;
pub mod secrets;
pub mod sessions;
mod settings;
pub mod settings_view;
pub mod sign_in;
pub mod team;
#[cfg(test)]
mod test_support;
pub mod updates;
mod usage;
mod usage_history;

pub use backend_choice::{BackendChoice, BACKEND_ENV, GTM_ACCESS_TOKEN_ENV};
pub use console::{ConnectionStatus, Console, DemoScimServer, DemoScimStart, DemoWorld};
pub use error::{CoreError, ErrorCode, ErrorReply, Result};
pub use search::{
    search_fields, thousands, SearchCost, SearchCriterion, SearchOutcome, SearchRequest,
};
/// Secrets as every crate holds them: `Debug` never prints them.
pub use secrecy::SecretString;
pub use settings::{ConnectionSettings, API_URL_ENV};
pub use usage::{LiveUsage, UsageReport};
pub use usage_history::{CreditHistory, DailyCredits};
pub use zi_client::{Credentials, RecordKind, UsageLimit};
/// Binaries call this first thing in `main`: workbooks are parsed in a child process of the
/// same executable where panics abort (see zi-sheet).
pub use zi_sheet::serve_workbook_reader_if_asked;
/// The local database, for the app's state to hold without naming the store crate.
pub use zi_store::Store;
