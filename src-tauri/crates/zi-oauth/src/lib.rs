//! Sign in with ZoomInfo like a desktop app should (RFC 8252): the authorization code flow
//! with PKCE (RFC 7636) in the system browser, the redirect caught by a loopback listener on
//! `127.0.0.1`, the code exchanged at the token endpoint, then the access token renewed with
//! the refresh token in a single flight.
//!
//! Knows nothing of Tauri or the keychain: the caller stores the refresh token through
//! [`TokenStore`].

mod config;
mod error;
mod exchange;
mod keeper;
mod loopback;
mod pkce;
mod sign_in;

pub use config::OAuthConfig;
pub use error::{OAuthError, Result, Unreached, ZOOMINFO};
pub use exchange::{refresh, Tokens};
pub use keeper::{TokenKeeper, TokenStore};
pub use sign_in::{begin_sign_in, PendingSignIn};
