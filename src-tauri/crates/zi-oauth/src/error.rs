//! What can go wrong while signing in, in sentences a RevOps person can act on. No message
//! carries a token, a code or a verifier.

pub type Result<T, E = OAuthError> = std::result::Result<T, E>;

#[derive(Debug, thiserror::Error)]
pub enum OAuthError {
    #[error("You declined access in ZoomInfo's sign-in page; nothing was changed. Sign in again and choose Allow.")]
    Declined,
    #[error("The sign-in page answered with an error ({code}{}). Sign in again; if it repeats, ask your ZoomInfo admin to check the app's registration.", description.as_deref().map(|d| format!(": {d}")).unwrap_or_default())]
    Refused {
        code: String,
        description: Option<String>,
    },
    #[error("The browser came back with a sign-in answer that does not belong to this sign-in (its state did not match); nothing was exchanged. Sign in again from zi-console.")]
    StateMismatch,
    #[error("The browser came back without a sign-in code. Sign in again.")]
    MissingCode,
    #[error("Nobody finished signing in within {0} seconds. Sign in again when you are ready.")]
    TimedOut(u64),
    #[error(
        "ZoomInfo no longer accepts the saved sign-in (it was revoked or expired). Sign in again."
    )]
    SignInExpired,
    #[error("ZoomInfo's token endpoint refused the request ({code}{}). Sign in again; if it repeats, ask your ZoomInfo admin to check the app's registration.", description.as_deref().map(|d| format!(": {d}")).unwrap_or_default())]
    TokenRefused {
        code: String,
        description: Option<String>,
    },
    #[error("ZoomInfo's token endpoint answered something zi-console cannot read ({0}). Try again later.")]
    BadTokenResponse(String),
    #[error("Could not reach ZoomInfo's token endpoint: {0}. Check the network and proxy settings, then try again.")]
    Network(String),
    #[error("Could not listen for the browser's answer on this computer: {0}. Close other programs using local ports, then try again.")]
    Listener(#[source] std::io::Error),
    #[error("zi-console cannot reach the internet with the current network settings: {0}")]
    Net(#[from] zi_net::NetError),
    #[error("Could not open the web browser: {0}. Open the printed address yourself.")]
    Browser(String),
}
