//! The one place the shell names zi-core: the console (session) and the types that cross IPC.

pub use zi_core::{
    ConnectionStatus, Console, CoreError, CreditHistory, LiveUsage, SearchOutcome, SearchRequest,
    UsageReport,
};
