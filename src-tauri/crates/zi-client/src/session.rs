//! A session token kept between runs by the caller (the OS keychain, for the app and `zi`):
//! ZoomInfo asks clients not to sign in for every call ("Do not generate a new JWT with every
//! call/request", legacy spec line 27, on `/authenticate`), and a command line run is one call.
//! The client only starts from what it is given and reports each new token; where it is kept
//! is the caller's business.

use secrecy::SecretString;

/// A token the API issued, with the times the client planned for it.
#[derive(Clone)]
pub struct SavedSession {
    pub jwt: SecretString,
    /// When the token stops working.
    pub expires_at: chrono::DateTime<chrono::Utc>,
    /// When the client stops using it and signs in again (a few minutes before expiry).
    pub renew_at: chrono::DateTime<chrono::Utc>,
}

impl std::fmt::Debug for SavedSession {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SavedSession")
            .field("jwt", &"[redacted]")
            .field("expires_at", &self.expires_at)
            .field("renew_at", &self.renew_at)
            .finish()
    }
}

/// Where the caller keeps the session between runs. The methods may block (a keychain may);
/// the client calls them off the async runtime and never waits long for them. Failing to keep
/// or read a session is never an error for the client: it signs in instead.
pub trait SessionCache: Send + Sync {
    /// The session kept last time, if any.
    fn load(&self) -> Option<SavedSession>;
    /// A new token was issued: keep it in place of the one before.
    fn save(&self, session: &SavedSession);
    /// The kept token was refused: forget it.
    fn forget(&self);
}
