//! What the app keeps between commands: the ZoomInfo session (if any) and how it was launched.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use tokio::sync::{OwnedRwLockWriteGuard, RwLock};
use zi_core::provisioning::ScimWatch;
use zi_core::secrets::{CredentialStore, Keychain};
use zi_core::{Credentials, Store};

use crate::domain::Console;
use crate::error::ErrorReply;
use crate::launch::LaunchOptions;

type Session = Arc<RwLock<Option<Console>>>;

/// How long launch waits for the OS keychain before starting signed out.
const KEYCHAIN_WAIT: std::time::Duration = std::time::Duration::from_secs(10);

pub struct AppState {
    /// `None` until the demo starts or an account connects. Held for writing while a session
    /// starts, so commands that need it wait instead of failing with "not connected".
    session: Session,
    /// Why the demo requested with `--demo` failed to start, shown by the Connect screen.
    startup_error: Mutex<Option<ErrorReply>>,
    launch: LaunchOptions,
    /// Where the databases live: `ZI_DATA_DIR`, else the OS app-data directory
    /// (e.g. `~/.local/share/com.zi-console.app`).
    data_dir: PathBuf,
    /// Where a real account's credentials are kept: the OS keychain (tests use memory).
    credentials: Arc<dyn CredentialStore>,
    /// The Provisioning screen's SCIM endpoints: the demo server, and the tokens read from
    /// (and kept in) the credential store's keychain.
    scim: tokio::sync::Mutex<ScimWatch>,
    /// Ends the sign-in with ZoomInfo waiting for the browser, if one is.
    gtm_sign_in_cancel: Mutex<Option<tokio::sync::oneshot::Sender<()>>>,
}

impl AppState {
    pub fn new(launch: LaunchOptions, data_dir: PathBuf) -> Self {
        Self {
            session: Arc::default(),
            startup_error: Mutex::default(),
            launch,
            data_dir,
            credentials: Arc::new(Keychain::default()),
            scim: tokio::sync::Mutex::new(ScimWatch::new(Keychain::default().session_vault())),
            gtm_sign_in_cancel: Mutex::default(),
        }
    }

    /// Keeps credentials somewhere else than the OS keychain (tests: in memory).
    pub fn with_credential_store(mut self, store: Arc<dyn CredentialStore>) -> Self {
        self.scim = tokio::sync::Mutex::new(ScimWatch::new(store.session_vault()));
        self.credentials = store;
        self
    }

    pub fn credential_store(&self) -> &dyn CredentialStore {
        self.credentials.as_ref()
    }

    pub fn scim(&self) -> &tokio::sync::Mutex<ScimWatch> {
        &self.scim
    }

    /// Signs in to a real account; on success the new session replaces the open one (the demo
    /// stops) and the credentials go to the keychain. Rejected credentials change nothing.
    pub async fn sign_in(&self, credentials: Credentials) -> Result<Console, ErrorReply> {
        let mut slot = self.session.write().await;
        let console =
            Console::sign_in_and_remember(&self.data_dir, credentials, self.credentials.as_ref())
                .await?;
        // One account at a time: a kept sign-in with ZoomInfo would otherwise reopen instead.
        if let Some(vault) = self.credentials.session_vault() {
            zi_core::gtm_sign_in::sign_out(vault.as_ref())?;
        }
        self.join_team(&console).await;
        *slot = Some(console.clone());
        self.set_startup_error(None);
        Ok(console)
    }

    /// Signs in with ZoomInfo in the system browser for the GTM API (`show` opens the
    /// address). The session slot is taken only once the browser came back, so the app stays
    /// usable meanwhile; a newer sign-in or [`cancel_gtm_sign_in`](Self::cancel_gtm_sign_in)
    /// ends a waiting one.
    pub async fn sign_in_gtm(
        &self,
        config: zi_core::gtm_sign_in::OAuthConfig,
        show: impl FnOnce(&str),
    ) -> Result<Console, ErrorReply> {
        let vault = self.credentials.session_vault().ok_or_else(|| {
            ErrorReply::from(zi_core::CoreError::Invalid(
                "This computer has no keychain to keep the sign-in in.".into(),
            ))
        })?;
        let (cancel, cancelled) = tokio::sync::oneshot::channel();
        if let Some(previous) = self.swap_gtm_cancel(Some(cancel)) {
            let _ = previous.send(());
        }
        let signing = Console::sign_in_gtm(&self.data_dir, config, vault, show);
        let outcome = tokio::select! {
            outcome = signing => outcome.map_err(ErrorReply::from),
            _ = cancelled => Err(zi_core::CoreError::Cancelled.into()),
        };
        let console = outcome?;
        self.swap_gtm_cancel(None);
        // One account at a time: stored credentials would otherwise reopen at launch instead.
        self.credentials.delete()?;
        self.join_team(&console).await;
        let mut slot = self.session.write().await;
        *slot = Some(console.clone());
        self.set_startup_error(None);
        Ok(console)
    }

    /// Team mode, when set up in Settings: a database that does not answer is shown in
    /// Settings and keeps enrichment from buying, but does not keep the user out.
    async fn join_team(&self, console: &Console) {
        let vault = self.credentials.session_vault();
        if let Err(error) = console.join_team_if_set(vault.as_deref()).await {
            log::warn!("team mode: {error}");
        }
    }

    /// Stops waiting for the browser; nothing is kept.
    pub fn cancel_gtm_sign_in(&self) {
        if let Some(cancel) = self.swap_gtm_cancel(None) {
            let _ = cancel.send(());
        }
    }

    fn swap_gtm_cancel(
        &self,
        next: Option<tokio::sync::oneshot::Sender<()>>,
    ) -> Option<tokio::sync::oneshot::Sender<()>> {
        self.gtm_sign_in_cancel
            .lock()
            .map(|mut slot| std::mem::replace(&mut *slot, next))
            .unwrap_or_default()
    }

    /// Closes the session; for a real account also removes the stored credentials and the
    /// kept sign-in with ZoomInfo.
    pub async fn sign_out(&self) -> Result<(), ErrorReply> {
        let mut slot = self.session.write().await;
        let demo = slot.as_ref().is_some_and(Console::is_demo);
        if !demo {
            if let Some(console) = slot.as_ref() {
                console.forget_session();
            }
            self.credentials.delete()?;
            if let Some(vault) = self.credentials.session_vault() {
                zi_core::gtm_sign_in::sign_out(vault.as_ref())?;
            }
        }
        *slot = None;
        Ok(())
    }

    /// At launch without `--demo`: reopens the account whose credentials the keychain holds
    /// (no network call; the first request signs in). No stored credentials: stays signed out.
    /// The keychain is read off the async runtime with a time limit, since a locked keychain may
    /// wait for the user, and the window's first `app_status` waits for this.
    pub async fn open_saved_account_with(&self, mut slot: OwnedRwLockWriteGuard<Option<Console>>) {
        if slot.is_some() {
            return;
        }
        let keychain = self.credentials.clone();
        let read = tokio::task::spawn_blocking(move || keychain.load());
        let stored = match tokio::time::timeout(KEYCHAIN_WAIT, read).await {
            Ok(Ok(Ok(stored))) => stored,
            Ok(Ok(Err(error))) => {
                log::warn!("the saved account could not be read: {error}");
                None
            }
            Ok(Err(error)) => {
                log::warn!("reading the keychain failed: {error}");
                None
            }
            Err(_) => {
                log::warn!("the keychain did not answer within {KEYCHAIN_WAIT:?}; sign in again");
                None
            }
        };
        // Every connection from now on goes through the proxy entered in Settings, if any.
        let vault = self.credentials.session_vault();
        let network = async {
            let store = zi_core::paths::open_store(&self.data_dir, false).await?;
            zi_core::network::apply_network(&store, vault.as_deref()).await
        };
        if let Err(error) = network.await {
            log::warn!("the network settings could not be applied: {error}");
        }
        // The credentials were read ahead; the session stays where it is kept.
        let mut memory = zi_core::secrets::MemoryCredentials::default();
        if let Some(vault) = self.credentials.session_vault() {
            memory = memory.with_session_vault(vault);
        }
        if let Some(credentials) = &stored {
            if let Err(error) = memory.save(credentials) {
                log::warn!("{error}");
            }
        }
        let opened = match Console::open(&self.data_dir, &memory).await {
            // No password or key kept: the GTM API, when a sign-in with ZoomInfo is.
            Err(zi_core::CoreError::NoCredentials) => match self.credentials.session_vault() {
                Some(vault) if zi_core::gtm_sign_in::is_signed_in(vault.as_ref()) => {
                    Console::open_gtm(&self.data_dir, vault).await.map(Some)
                }
                _ => Ok(None),
            },
            other => other.map(Some),
        };
        if let Ok(Some(console)) = &opened {
            self.join_team(console).await;
        }
        match opened {
            Ok(console) => *slot = console,
            Err(error) => log::warn!("the saved account could not be opened: {error}"),
        }
    }

    pub fn launch(&self) -> &LaunchOptions {
        &self.launch
    }

    pub fn data_dir(&self) -> &Path {
        &self.data_dir
    }

    /// The open session, waiting for one that is starting.
    pub async fn console(&self) -> Option<Console> {
        self.session.read().await.clone()
    }

    /// The open session, or `not_connected`.
    /// The store a screen works on: the open session's (the demo keeps its own), else the
    /// account's.
    pub async fn session_store(&self) -> Result<Store, ErrorReply> {
        let console = self.console().await;
        Ok(zi_core::paths::session_store(console.as_ref(), &self.data_dir).await?)
    }

    /// The real account's store, whatever session is open (its settings and audit trail).
    pub async fn account_store(&self) -> Result<Store, ErrorReply> {
        Ok(zi_core::paths::open_store(&self.data_dir, false).await?)
    }

    pub async fn require_console(&self) -> Result<Console, ErrorReply> {
        self.console().await.ok_or_else(ErrorReply::not_connected)
    }

    pub fn startup_error(&self) -> Option<ErrorReply> {
        self.startup_error
            .lock()
            .ok()
            .and_then(|error| error.clone())
    }

    /// Starts the demo unless a session is already open; safe to call twice.
    pub async fn start_demo(&self) -> Result<Console, ErrorReply> {
        let guard = self.session.clone().write_owned().await;
        self.start_demo_with(guard).await
    }

    /// Claims the session slot at once (before the window can ask for it), so `--demo` can start
    /// in the background while the first `app_status` waits for it.
    pub fn claim_session(&self) -> Option<OwnedRwLockWriteGuard<Option<Console>>> {
        self.session.clone().try_write_owned().ok()
    }

    /// Starts the demo into a claimed slot, remembering a failure for the Connect screen.
    pub async fn start_demo_with(
        &self,
        mut slot: OwnedRwLockWriteGuard<Option<Console>>,
    ) -> Result<Console, ErrorReply> {
        if let Some(console) = slot.as_ref() {
            return Ok(console.clone());
        }
        // zi-demo keeps the demo in its own database file, so demo data never mixes with an
        // account's (the same layout as `zi --demo`).
        let result = zi_demo::start(&self.data_dir)
            .await
            .map_err(ErrorReply::from);
        match &result {
            Ok(console) => {
                *slot = Some(console.clone());
                self.set_startup_error(None);
            }
            Err(error) => {
                log::error!("demo did not start: {error}");
                self.set_startup_error(Some(error.clone()));
            }
        }
        result
    }

    fn set_startup_error(&self, error: Option<ErrorReply>) {
        if let Ok(mut slot) = self.startup_error.lock() {
            *slot = error;
        }
    }
}
