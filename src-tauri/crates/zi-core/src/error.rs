//! The errors of the use cases, and their one plain-language form for the UI and the CLI.

use serde::{Deserialize, Serialize, Serializer};
use ts_rs::TS;
use zi_client::ClientError;
use zi_store::StoreError;

pub use crate::error_code::ErrorCode;

#[derive(Debug, thiserror::Error)]
pub enum CoreError {
    #[error(transparent)]
    Client(#[from] ClientError),
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error(transparent)]
    Scim(#[from] scim_client::ScimError),
    #[error(transparent)]
    Team(#[from] zi_team::TeamError),
    /// A data connector refused, failed or is not usable; its message says which and what to do.
    #[error(transparent)]
    Connector(#[from] zi_connect::ConnectorError),
    #[error("No ZoomInfo credentials are set up. Run `zi login` (or sign in from the app's Connect screen), set ZI_USERNAME and ZI_PASSWORD, or try the demo.")]
    NoCredentials,
    #[error("The OS keychain could not be used ({0}). Unlock the keychain (or start a Secret Service on Linux) and try again.")]
    Keychain(String),
    #[error("{0}")]
    Invalid(String),
    /// A file the user named (a PKI key) that cannot be read or holds the wrong thing.
    #[error("{0}")]
    UnreadableFile(String),
    #[error(transparent)]
    Sheet(#[from] zi_sheet::SheetError),
    #[error(transparent)]
    Mapping(#[from] crate::enrich::mapping::MappingError),
    #[error(transparent)]
    Field(#[from] crate::enrich::FieldError),
    #[error("Could not write {path}: {detail}. Nothing was written; check the folder exists and is writable.")]
    Write { path: String, detail: String },
    /// A part of the app this build or this machine lacks (e.g. the log file).
    #[error("{0}")]
    NotAvailable(String),
    #[error("The demo could not start: {0}")]
    Demo(String),
    #[error("Job {0} is already running. Wait for it, or cancel it first.")]
    AlreadyRunning(i64),
    #[error("Job {0} is not running (it may have just finished).")]
    NotRunning(i64),
    #[error("{0}")]
    NotDemo(String),
    #[error("Stopped before the end, as asked. Nothing was stored and nothing was spent.")]
    Cancelled,
}

impl CoreError {
    /// The stable code the UI switches on.
    pub fn code(&self) -> ErrorCode {
        match self {
            CoreError::Client(e) => ErrorCode::of_client(e),
            CoreError::Store(_) => ErrorCode::Store,
            CoreError::Team(e) if e.is_unreachable() => ErrorCode::TeamDatabaseUnreachable,
            CoreError::Team(_) => ErrorCode::TeamDatabase,
            CoreError::Connector(e) => ErrorCode::of_connector(e),
            CoreError::Scim(e) => ErrorCode::of_scim(e),
            CoreError::NoCredentials => ErrorCode::NoCredentials,
            CoreError::Keychain(_) => ErrorCode::Keychain,
            CoreError::Invalid(_) => ErrorCode::InvalidInput,
            CoreError::UnreadableFile(_) | CoreError::Sheet(_) => ErrorCode::UnreadableFile,
            CoreError::Mapping(_) => ErrorCode::Mapping,
            CoreError::Field(_) => ErrorCode::OutputField,
            CoreError::Write { .. } => ErrorCode::WriteFailed,
            CoreError::NotAvailable(_) => ErrorCode::NotAvailable,
            CoreError::Demo(_) => ErrorCode::Demo,
            CoreError::AlreadyRunning(_) => ErrorCode::AlreadyRunning,
            CoreError::NotRunning(_) => ErrorCode::NotRunning,
            CoreError::NotDemo(_) => ErrorCode::NotDemo,
            CoreError::Cancelled => ErrorCode::Cancelled,
        }
    }

    /// What crosses IPC: code and message, never a secret.
    pub fn reply(&self) -> ErrorReply {
        ErrorReply::new(self.code(), self.to_string())
    }
}

/// An error as the UI receives it, from zi-core and from the app's shell alike: a stable `code`
/// to switch on and a `message` written for the user, saying what to do next.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, TS, thiserror::Error)]
#[ts(export)]
#[error("{message} ({code})")]
pub struct ErrorReply {
    pub code: ErrorCode,
    pub message: String,
    /// What an engineer needs to dig further (e.g. the code of the cause); never secrets.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub detail: Option<String>,
}

impl ErrorReply {
    pub fn new(code: ErrorCode, message: impl Into<String>) -> Self {
        Self {
            code,
            message: message.into(),
            detail: None,
        }
    }

    /// Refused input, with what to enter instead.
    pub fn invalid(message: impl Into<String>) -> Self {
        Self::new(ErrorCode::InvalidInput, message)
    }

    /// No ZoomInfo session is open yet.
    pub fn not_connected() -> Self {
        Self::new(
            ErrorCode::NotConnected,
            "zi-console is not connected to ZoomInfo. Start the demo, or connect an account first.",
        )
    }
}

impl From<CoreError> for ErrorReply {
    fn from(error: CoreError) -> Self {
        error.reply()
    }
}

impl From<StoreError> for ErrorReply {
    fn from(error: StoreError) -> Self {
        CoreError::from(error).reply()
    }
}

impl Serialize for CoreError {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.reply().serialize(serializer)
    }
}

pub type Result<T, E = CoreError> = std::result::Result<T, E>;
