//! The errors of the use cases, and their one plain-language form for the UI and the CLI.

use serde::{Serialize, Serializer};
use ts_rs::TS;
use zi_client::ClientError;
use zi_store::StoreError;

#[derive(Debug, thiserror::Error)]
pub enum CoreError {
    #[error(transparent)]
    Client(#[from] ClientError),
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("No ZoomInfo credentials are set up. Run `zi login` (or sign in from the app's Connect screen), set ZI_USERNAME and ZI_PASSWORD, or try the demo.")]
    NoCredentials,
    #[error("The OS keychain could not be used ({0}). Unlock the keychain (or start a Secret Service on Linux) and try again.")]
    Keychain(String),
    #[error("{0}")]
    Invalid(String),
    #[error(transparent)]
    Sheet(#[from] zi_sheet::SheetError),
    #[error(transparent)]
    Mapping(#[from] crate::enrich::mapping::MappingError),
    #[error(transparent)]
    Field(#[from] crate::enrich::FieldError),
    #[error("Could not write {path}: {detail}. Nothing was written; check the folder exists and is writable.")]
    Write { path: String, detail: String },
    #[error("The demo could not start: {0}")]
    Demo(String),
    #[error("Stopped before the end, as asked. Nothing was stored and nothing was spent.")]
    Cancelled,
}

impl CoreError {
    /// A stable code the UI switches on.
    pub fn code(&self) -> &'static str {
        match self {
            CoreError::Client(e) => e.code(),
            CoreError::Store(_) => "store",
            CoreError::NoCredentials => "no_credentials",
            CoreError::Keychain(_) => "keychain",
            CoreError::Invalid(_) => "invalid_input",
            CoreError::Sheet(_) => "unreadable_file",
            CoreError::Mapping(_) => "mapping",
            CoreError::Field(_) => "output_field",
            CoreError::Write { .. } => "write_failed",
            CoreError::Demo(_) => "demo",
            CoreError::Cancelled => "cancelled",
        }
    }

    /// What crosses IPC: code and message, never a secret.
    pub fn payload(&self) -> ErrorPayload {
        ErrorPayload {
            code: self.code().to_string(),
            message: self.to_string(),
            detail: None,
        }
    }
}

/// An error as the UI receives it.
#[derive(Clone, Debug, PartialEq, Serialize, serde::Deserialize, TS)]
#[ts(export)]
pub struct ErrorPayload {
    pub code: String,
    pub message: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub detail: Option<String>,
}

impl Serialize for CoreError {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.payload().serialize(serializer)
    }
}

pub type Result<T, E = CoreError> = std::result::Result<T, E>;
