//! What the app keeps between commands: the ZoomInfo session (if any) and how it was launched.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use tokio::sync::{OwnedRwLockWriteGuard, RwLock};

use crate::domain::Console;
use crate::error::ShellError;
use crate::launch::LaunchOptions;

type Session = Arc<RwLock<Option<Console>>>;

pub struct AppState {
    /// `None` until the demo starts or an account connects. Held for writing while a session
    /// starts, so commands that need it wait instead of failing with "not connected".
    session: Session,
    /// Why the demo requested with `--demo` failed to start, shown by the Connect screen.
    startup_error: Mutex<Option<ShellError>>,
    launch: LaunchOptions,
    /// Where the databases live: `ZI_DATA_DIR`, else the OS app-data directory
    /// (e.g. `~/.local/share/com.zi-console.app`).
    data_dir: PathBuf,
}

impl AppState {
    pub fn new(launch: LaunchOptions, data_dir: PathBuf) -> Self {
        Self {
            session: Arc::default(),
            startup_error: Mutex::default(),
            launch,
            data_dir,
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
    pub async fn require_console(&self) -> Result<Console, ShellError> {
        self.console().await.ok_or_else(ShellError::not_connected)
    }

    pub fn startup_error(&self) -> Option<ShellError> {
        self.startup_error
            .lock()
            .ok()
            .and_then(|error| error.clone())
    }

    /// Starts the demo unless a session is already open; safe to call twice.
    pub async fn start_demo(&self) -> Result<Console, ShellError> {
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
    ) -> Result<Console, ShellError> {
        if let Some(console) = slot.as_ref() {
            return Ok(console.clone());
        }
        // zi-core keeps the demo in its own database file, so demo data never mixes with an
        // account's (the same layout as `zi --demo`).
        let result = Console::start_demo(&self.data_dir)
            .await
            .map_err(ShellError::from);
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

    fn set_startup_error(&self, error: Option<ShellError>) {
        if let Ok(mut slot) = self.startup_error.lock() {
            *slot = error;
        }
    }
}
