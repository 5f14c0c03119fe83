//! Why a read from the identity provider failed, in words an admin can act on.

use thiserror::Error;

pub type Result<T> = std::result::Result<T, IdpError>;

#[derive(Debug, Error)]
pub enum IdpError {
    #[error("{0}")]
    Config(String),
    #[error("{provider} could not be reached at {url}. Check the address and the network.")]
    Unreachable { provider: &'static str, url: String },
    /// A certificate this computer does not trust, or a proxy that refused.
    #[error("{message}")]
    Blocked { message: String },
    #[error("{provider} did not answer properly ({detail}).")]
    Network {
        provider: &'static str,
        detail: String,
    },
    /// 401/403, or a refused client secret at the token endpoint.
    #[error("{provider} refused the credentials (HTTP {status}): {message}")]
    Rejected {
        provider: &'static str,
        status: u16,
        message: String,
    },
    #[error("{provider} has no {what} (HTTP 404).")]
    NotFound {
        provider: &'static str,
        what: String,
    },
    #[error("{provider} kept refusing requests as too many (429) after {attempts} tries; try again later.")]
    Throttled {
        provider: &'static str,
        attempts: u32,
    },
    #[error("{provider} answered HTTP {status}: {message}")]
    Server {
        provider: &'static str,
        status: u16,
        message: String,
    },
    #[error("{provider} sent an answer that could not be read ({detail}).")]
    Garbage {
        provider: &'static str,
        detail: String,
    },
}
