//! What can go wrong while signing in, in sentences a RevOps person can act on. No message
//! carries a token, a code or a verifier. Messages name the provider signed in to: ZoomInfo
//! when shown as they are, another one (a data connector's) through [`OAuthError::explain`].

use std::fmt;

pub type Result<T, E = OAuthError> = std::result::Result<T, E>;

/// The provider messages name unless told otherwise.
pub const ZOOMINFO: &str = "ZoomInfo";

#[derive(Debug)]
pub enum OAuthError {
    Declined,
    Refused {
        code: String,
        description: Option<String>,
    },
    StateMismatch,
    MissingCode,
    TimedOut(u64),
    SignInExpired,
    TokenRefused {
        code: String,
        description: Option<String>,
    },
    BadTokenResponse(String),
    /// The token endpoint gave no answer.
    Network(Unreached),
    Listener(std::io::Error),
    Net(zi_net::NetError),
    Browser(String),
}

/// Why the token endpoint gave no answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Unreached {
    /// What zi-net made of the failure (a certificate, the proxy, the connection).
    Problem(zi_net::Problem),
    /// The HTTP client's own words.
    Other(String),
}

impl Unreached {
    fn explain(&self, provider: &str) -> String {
        match self {
            Unreached::Problem(problem) => problem.explain(provider),
            Unreached::Other(detail) => detail.clone(),
        }
    }
}

impl OAuthError {
    /// The message, naming `provider` as the one signed in to.
    pub fn explain(&self, provider: &str) -> String {
        let detail = |description: &Option<String>| {
            description
                .as_deref()
                .map(|d| format!(": {d}"))
                .unwrap_or_default()
        };
        match self {
            OAuthError::Declined => format!("You declined access in {provider}'s sign-in page; nothing was changed. Sign in again and choose Allow."),
            OAuthError::Refused { code, description } => format!("The sign-in page answered with an error ({code}{}). Sign in again; if it repeats, ask your {provider} admin to check the app's registration.", detail(description)),
            OAuthError::StateMismatch => "The browser came back with a sign-in answer that does not belong to this sign-in (its state did not match); nothing was exchanged. Sign in again from zi-console.".into(),
            OAuthError::MissingCode => "The browser came back without a sign-in code. Sign in again.".into(),
            OAuthError::TimedOut(seconds) => format!("Nobody finished signing in within {seconds} seconds. Sign in again when you are ready."),
            OAuthError::SignInExpired => format!("{provider} no longer accepts the saved sign-in (it was revoked or expired). Sign in to {provider} again."),
            OAuthError::TokenRefused { code, description } => format!("{provider}'s token endpoint refused the request ({code}{}). Sign in again; if it repeats, ask your {provider} admin to check the app's registration.", detail(description)),
            OAuthError::BadTokenResponse(why) => format!("{provider}'s token endpoint answered something zi-console cannot read ({why}). Try again later."),
            OAuthError::Network(unreached) => format!("Could not reach {provider}'s token endpoint: {}. Check the network and proxy settings, then try again.", unreached.explain(provider)),
            OAuthError::Listener(error) => format!("Could not listen for the browser's answer on this computer: {error}. Close other programs using local ports, then try again."),
            OAuthError::Net(error) => format!("zi-console cannot reach the internet with the current network settings: {error}"),
            OAuthError::Browser(why) => format!("Could not open the web browser: {why}. Open the printed address yourself."),
        }
    }
}

impl fmt::Display for OAuthError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.explain(ZOOMINFO))
    }
}

impl std::error::Error for OAuthError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            OAuthError::Listener(error) => Some(error),
            OAuthError::Net(error) => Some(error),
            _ => None,
        }
    }
}

impl From<zi_net::NetError> for OAuthError {
    fn from(error: zi_net::NetError) -> Self {
        OAuthError::Net(error)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_name_the_provider_signed_in_to() {
        let expired = OAuthError::SignInExpired;
        assert!(expired
            .to_string()
            .starts_with("ZoomInfo no longer accepts"));
        assert!(expired
            .explain("Acme OAuth")
            .starts_with("Acme OAuth no longer accepts"));
        let unreached = OAuthError::Network(Unreached::Problem(zi_net::Problem::TimedOut));
        let message = unreached.explain("Acme OAuth");
        assert!(
            message.contains("Could not reach Acme OAuth's token endpoint: Could not reach Acme OAuth: the request timed out."),
            "{message}"
        );
        assert!(!message.contains("ZoomInfo"), "{message}");
    }
}
