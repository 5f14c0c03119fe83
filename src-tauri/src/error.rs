//! The error every command returns over IPC: `{code, message, detail?}`.
//!
//! zi-core's `CoreError` already serializes to that shape; converting it here keeps its code and
//! message exactly. Errors that only the shell can raise (no session yet) use
//! the same shape with codes of their own, so the UI handles both one way.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::domain::CoreError;

/// An error as the UI receives it. The UI switches on `code` and shows `message`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, TS, thiserror::Error)]
#[ts(export)]
#[error("{message} ({code})")]
pub struct ShellError {
    /// Stable, machine-readable, snake_case (e.g. `not_connected`, `rate_limited`).
    pub code: String,
    /// A sentence a RevOps person understands, saying what to do next.
    pub message: String,
    /// What an engineer needs to dig further; never secrets.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional, type = "unknown")]
    pub detail: Option<serde_json::Value>,
}

impl ShellError {
    pub fn new(code: &str, message: impl Into<String>) -> Self {
        Self {
            code: code.to_owned(),
            message: message.into(),
            detail: None,
        }
    }

    /// No ZoomInfo session is open yet.
    pub fn not_connected() -> Self {
        Self::new(
            "not_connected",
            "zi-console is not connected to ZoomInfo. Start the demo, or connect an account first.",
        )
    }
}

impl From<CoreError> for ShellError {
    fn from(error: CoreError) -> Self {
        // Exactly what CoreError itself sends over IPC: its code, message and detail.
        let payload = error.payload();
        Self {
            code: payload.code,
            message: payload.message,
            detail: payload.detail.map(serde_json::Value::String),
        }
    }
}

/// What every command returns.
pub type CommandResult<T> = Result<T, ShellError>;
