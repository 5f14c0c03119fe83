//! Errors of the ZoomInfo client: each says what happened and what the user can do.

use std::time::Duration;

#[derive(Debug, thiserror::Error)]
pub enum ClientError {
    /// `/authenticate` answered 401: the username/password or key was refused.
    #[error("ZoomInfo rejected the credentials ({message}). Check the username and password (or the PKI key and client id) and sign in again.")]
    CredentialsRejected { message: String },

    /// A normal call still answered 401 after one re-login and one retry.
    #[error("ZoomInfo refused the session ({message}) even after signing in again. Sign in again; if it persists, the API user may have been disabled.")]
    SessionRejected { message: String },

    /// 403: the account's limits are reached or the feature is not licensed. Never retried.
    #[error("ZoomInfo refused the request: {message}. The account's credit or request limit may be reached, or the API user lacks access; check usage or ask your ZoomInfo admin.")]
    Forbidden { message: String },

    /// 400 and other client errors: the request itself is wrong. Never retried.
    #[error("ZoomInfo could not accept the request: {message}")]
    BadRequest { status: u16, message: String },

    /// Rate limited (429) on every attempt.
    #[error("ZoomInfo kept answering 'too many requests' after {attempts} attempts. Wait a minute and try again, or lower the request rate in Settings.")]
    RateLimited {
        attempts: u32,
        retry_after: Option<Duration>,
    },

    /// 5xx on every attempt.
    #[error("ZoomInfo's servers answered {status} ({message}) after {attempts} attempts. Try again later.")]
    Server {
        status: u16,
        message: String,
        attempts: u32,
    },

    /// No connection could be made at all (wrong address, no network): retried only briefly.
    #[error("Could not reach ZoomInfo at {url}: the connection could not be made. Check the network connection and the API address (ZI_API_URL or Settings).")]
    Unreachable { url: String },

    /// Connection dropped or timed out on every attempt.
    #[error("Could not reach ZoomInfo at {url}: {detail}. Check the network connection and the API address.")]
    Network { url: String, detail: String },

    /// The way to ZoomInfo is blocked: a certificate this computer does not trust, or a
    /// proxy that refused. Not retried: another try meets the same refusal.
    #[error("{message}")]
    Blocked { message: String },

    /// An answer that is not the JSON we expect (truncated, HTML error page, wrong shape).
    #[error("ZoomInfo sent an answer that could not be read ({detail}). Try again; if it persists, the API may have changed.")]
    InvalidResponse { detail: String },

    /// The client was set up wrongly (bad URL, unreadable private key).
    #[error("{0}")]
    Config(String),
}

impl ClientError {
    /// Whether another attempt may succeed.
    pub fn is_retryable(&self) -> bool {
        matches!(
            self,
            ClientError::RateLimited { .. }
                | ClientError::Server { .. }
                | ClientError::Network { .. }
                | ClientError::Unreachable { .. }
                | ClientError::InvalidResponse { .. }
        )
    }

    /// After this many of these failures in a row, more tries are not worth the wait: a refused
    /// connection rarely heals within a minute, and five unreadable answers in a row mean a
    /// broken server (a truncated answer alone heals on retry). Others use the whole policy.
    pub(crate) fn give_up_after_in_a_row(&self) -> Option<u32> {
        match self {
            ClientError::Unreachable { .. } => Some(3),
            ClientError::InvalidResponse { .. } => Some(5),
            _ => None,
        }
    }

    /// A stable machine-readable code for the UI and the CLI.
    pub fn code(&self) -> &'static str {
        match self {
            ClientError::CredentialsRejected { .. } => "credentials_rejected",
            ClientError::SessionRejected { .. } => "session_rejected",
            ClientError::Forbidden { .. } => "forbidden",
            ClientError::BadRequest { .. } => "bad_request",
            ClientError::RateLimited { .. } => "rate_limited",
            ClientError::Server { .. } => "server_error",
            ClientError::Network { .. }
            | ClientError::Unreachable { .. }
            | ClientError::Blocked { .. } => "network",
            ClientError::InvalidResponse { .. } => "invalid_response",
            ClientError::Config(_) => "config",
        }
    }
}

pub type Result<T, E = ClientError> = std::result::Result<T, E>;
