//! Every code an error carries to the UI: one list, exported to TypeScript, so the UI's
//! switch on a code is checked by the compiler instead of matching free strings.

use std::fmt;

use scim_client::ScimError;
use serde::{Deserialize, Serialize};
use ts_rs::TS;
use zi_client::ClientError;
use zi_connect::ConnectorError;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum ErrorCode {
    // ZoomInfo answered (zi-client).
    /// `/authenticate` refused the username and password or the key.
    CredentialsRejected,
    /// A call still answered 401 after signing in again.
    SessionRejected,
    /// 403: a limit is reached or the API user lacks access.
    Forbidden,
    /// 400 and other refusals of the request itself (ZoomInfo or a SCIM server).
    BadRequest,
    /// 429 on every attempt.
    RateLimited,
    /// 5xx on every attempt (ZoomInfo or a SCIM server).
    ServerError,
    /// No connection, or it dropped (ZoomInfo or a SCIM server).
    Network,
    /// An answer that could not be read.
    InvalidResponse,
    /// The client was set up wrongly (bad URL, unreadable key).
    Config,

    // A SCIM server answered (scim-client).
    /// The SCIM server refused the bearer token.
    ScimTokenRejected,
    /// The OAuth token endpoint refused the client credentials.
    ScimOauthRejected,
    /// 404 on a SCIM resource or on the endpoint itself.
    NotFound,
    /// 409 on a SCIM change.
    Conflict,

    // The app's own rules (zi-core).
    Store,
    /// The team's database (team mode) refused or failed a request.
    TeamDatabase,
    /// The team's database cannot be reached: the job stops, and resumes once it is back.
    TeamDatabaseUnreachable,
    NoCredentials,
    Keychain,
    InvalidInput,
    UnreadableFile,
    Mapping,
    OutputField,
    WriteFailed,
    Demo,
    /// A demo-only action asked outside the demo.
    NotDemo,
    Cancelled,
    /// No session is open yet.
    NotConnected,
    /// A job is started twice.
    AlreadyRunning,
    /// Pause or cancel of a job that is not running.
    NotRunning,
    /// A part of the app this build lacks (file dialogs, the log file).
    NotAvailable,
    /// A path the user did not choose in a dialog or drop on the window.
    FileNotChosen,
    /// A watched SCIM endpoint whose token this session does not hold.
    TokenMissing,
    /// A SCIM check that could not run; `detail` holds the cause's code.
    ScimCheckFailed,
    /// An update whose signature is not the publisher's (or is for another version): refused,
    /// nothing installed.
    UpdateRejected,
    /// A verified update that could not be downloaded whole or installed.
    UpdateFailed,
    /// A fault of the app itself.
    Internal,
    /// The WebView refused the call before it reached a command (UI only).
    Ipc,
}

impl ErrorCode {
    /// The code of a ZoomInfo client failure.
    pub fn of_client(error: &ClientError) -> Self {
        match error {
            ClientError::CredentialsRejected { .. } => Self::CredentialsRejected,
            ClientError::SessionRejected { .. } => Self::SessionRejected,
            ClientError::Forbidden { .. } => Self::Forbidden,
            ClientError::BadRequest { .. } => Self::BadRequest,
            ClientError::RateLimited { .. } => Self::RateLimited,
            ClientError::Server { .. } => Self::ServerError,
            ClientError::Network { .. }
            | ClientError::Unreachable { .. }
            | ClientError::Blocked { .. } => Self::Network,
            ClientError::InvalidResponse { .. } => Self::InvalidResponse,
            ClientError::Config(_) => Self::Config,
        }
    }

    /// The code of a data connector's failure.
    pub fn of_connector(error: &ConnectorError) -> Self {
        match error {
            ConnectorError::SignIn { .. } => Self::SessionRejected,
            ConnectorError::KeyRefused { .. } => Self::CredentialsRejected,
            ConnectorError::NoKey { .. } => Self::NoCredentials,
            ConnectorError::GaveUp { .. } => Self::ServerError,
            ConnectorError::Unreachable { .. } => Self::Network,
            ConnectorError::Unreadable { .. } | ConnectorError::UnexpectedAnswer { .. } => {
                Self::InvalidResponse
            }
            ConnectorError::Refused { .. } => Self::BadRequest,
            ConnectorError::File { .. }
            | ConnectorError::Invalid { .. }
            | ConnectorError::NoSuchAction { .. }
            | ConnectorError::MissingParam { .. } => Self::InvalidInput,
        }
    }

    /// The code of a SCIM client failure.
    pub fn of_scim(error: &ScimError) -> Self {
        match error {
            ScimError::Rejected { .. } => Self::ScimTokenRejected,
            ScimError::OAuthRejected { .. } => Self::ScimOauthRejected,
            ScimError::Unreachable { .. }
            | ScimError::Network { .. }
            | ScimError::Blocked { .. } => Self::Network,
            ScimError::Throttled { .. } => Self::RateLimited,
            ScimError::Server { .. } => Self::ServerError,
            ScimError::NotFound { .. } => Self::NotFound,
            ScimError::Conflict { .. } => Self::Conflict,
            ScimError::BadRequest { .. } => Self::BadRequest,
            ScimError::InvalidResponse { .. } => Self::InvalidResponse,
            ScimError::Config(_) => Self::Config,
        }
    }
}

/// The snake_case form the UI receives, for logs and the CLI.
impl fmt::Display for ErrorCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match serde_json::to_value(self) {
            Ok(serde_json::Value::String(name)) => f.write_str(&name),
            _ => write!(f, "{self:?}"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::ErrorCode;

    #[test]
    fn codes_read_as_the_ui_switches_on_them() {
        assert_eq!(ErrorCode::FileNotChosen.to_string(), "file_not_chosen");
        assert_eq!(
            ErrorCode::ScimOauthRejected.to_string(),
            "scim_oauth_rejected"
        );
        let back: ErrorCode =
            serde_json::from_str("\"not_connected\"").unwrap_or(ErrorCode::Internal);
        assert_eq!(back, ErrorCode::NotConnected);
    }
}
