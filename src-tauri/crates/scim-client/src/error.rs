//! Errors of the SCIM client: each says what happened and what the admin can do.

#[derive(Debug, thiserror::Error)]
pub enum ScimError {
    /// 401/403 on a SCIM call: the token is expired, revoked or wrong.
    #[error("The SCIM server at {url} refused the token (HTTP {status}: {message}). Generate a new API token in the admin portal and update it here and in the identity provider.")]
    Rejected {
        url: String,
        status: u16,
        message: String,
    },

    /// The OAuth token endpoint refused the client credentials.
    #[error("The OAuth token endpoint refused the client credentials (HTTP {status}: {message}). Check the client id, the client secret and the account id.")]
    OAuthRejected { status: u16, message: String },

    /// No connection could be made at all (wrong address, server down, no network).
    #[error("Could not reach the SCIM server at {url}: the connection could not be made. Check the address and the network.")]
    Unreachable { url: String },

    /// The connection dropped or timed out.
    #[error("Could not reach the SCIM server at {url}: {detail}. Check the address and the network, then try again.")]
    Network { url: String, detail: String },

    /// A certificate this computer does not trust, or a proxy that refused.
    #[error("{message}")]
    Blocked { message: String },

    /// 429, still refused after waiting as long as the server asked, several times over.
    #[error("The SCIM server kept limiting requests (HTTP 429: {message}) after {attempts} tries. Its API limit is shared with the identity provider's own syncing; try again in a few minutes.")]
    Throttled {
        message: String,
        /// What the last answer's `Retry-After` asked for.
        retry_after: Option<std::time::Duration>,
        attempts: u32,
    },

    /// 5xx.
    #[error("The SCIM server answered HTTP {status} ({message}). Try again later.")]
    Server { status: u16, message: String },

    /// 404 on a resource or on the endpoint itself.
    #[error("The SCIM server has no {what} (HTTP 404). Check the base URL (it usually ends in /scim/v2 or /v2).")]
    NotFound { what: String },

    /// 409: e.g. a userName that already exists.
    #[error("The SCIM server refused the change as a conflict: {message}")]
    Conflict { message: String },

    /// 400 and other client errors.
    #[error("The SCIM server could not accept the request (HTTP {status}: {message})")]
    BadRequest { status: u16, message: String },

    /// An answer that is not JSON or not the shape SCIM describes.
    #[error("The SCIM server sent an answer that could not be read ({detail}).")]
    InvalidResponse { detail: String },

    /// The client was set up wrongly (bad URL).
    #[error("{0}")]
    Config(String),
}

impl ScimError {
    /// A stable machine-readable code for the UI and the CLI.
    pub fn code(&self) -> &'static str {
        match self {
            ScimError::Rejected { .. } => "scim_token_rejected",
            ScimError::OAuthRejected { .. } => "scim_oauth_rejected",
            ScimError::Unreachable { .. }
            | ScimError::Network { .. }
            | ScimError::Blocked { .. } => "network",
            ScimError::Throttled { .. } => "rate_limited",
            ScimError::Server { .. } => "server_error",
            ScimError::NotFound { .. } => "not_found",
            ScimError::Conflict { .. } => "conflict",
            ScimError::BadRequest { .. } => "bad_request",
            ScimError::InvalidResponse { .. } => "invalid_response",
            ScimError::Config(_) => "config",
        }
    }

    /// The server (or the token endpoint) refused our credentials: a finding, not an outage.
    pub fn is_rejected(&self) -> bool {
        matches!(
            self,
            ScimError::Rejected { .. } | ScimError::OAuthRejected { .. }
        )
    }

    /// The server does not offer this kind of resource at all (404, 405 or 501 on its list):
    /// e.g. an Okta-style endpoint with no `/Groups`.
    pub fn is_unsupported(&self) -> bool {
        matches!(
            self,
            ScimError::NotFound { .. }
                | ScimError::Server { status: 501, .. }
                | ScimError::BadRequest { status: 405, .. }
        )
    }

    /// The server could not be reached (or not safely) or answered with garbage: the check
    /// itself failed.
    pub fn is_unreachable(&self) -> bool {
        matches!(
            self,
            ScimError::Unreachable { .. } | ScimError::Network { .. } | ScimError::Blocked { .. }
        )
    }
}

pub type Result<T, E = ScimError> = std::result::Result<T, E>;
