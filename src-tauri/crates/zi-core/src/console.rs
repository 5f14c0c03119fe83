//! A connected console: the API backend, the local store, and (in demo mode) the world the
//! demo runs against. The app and the CLI both start from here; demo mode itself is wired up
//! outside the domain (zi-demo), which hands the console its simulator as a [`DemoWorld`].

use std::any::Any;
use std::path::Path;
use std::sync::Arc;

use serde::{Deserialize, Serialize};
use ts_rs::TS;
use zi_client::{
    Credentials, GtmClient, LegacyClient, StaticAccessToken, TokenStatus, ZoomInfoBackend,
};
use zi_store::Store;

use crate::backend_choice::{gtm_access_token, gtm_settings};
use crate::enrich::{FieldLists, ReviewMemo};
use crate::error::{CoreError, Result};
use crate::paths;
use crate::secrets::{resolve_credentials, CredentialStore};
use crate::sessions::{session_account, KeptSession, SessionVault};
use crate::settings::ConnectionSettings;

/// How the session is connected, for the Connect screen and `zi status`. No secrets.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ConnectionStatus {
    pub api_url: String,
    pub demo: bool,
    pub username: String,
    pub token: TokenStatus,
}

/// Something that must live as long as the session and stop with it: in demo mode, the
/// embedded simulator the console is signed in to. zi-core knows nothing more of it; its owner
/// gets it back through [`DemoWorld::as_any`].
pub trait DemoWorld: Send + Sync + 'static {
    /// Whether the session runs against this world instead of a real account.
    fn is_demo(&self) -> bool {
        true
    }
    /// Stops the world; called when the last handle on the console goes.
    fn shutdown(&self);
    fn as_any(&self) -> &dyn Any;
    /// Starts the demo's SCIM server, for the Provisioning screen. A world without one says so.
    fn start_scim(&self) -> DemoScimStart {
        Box::pin(async {
            Err(CoreError::Demo(
                "this demo has no SCIM server to watch".into(),
            ))
        })
    }
}

/// What [`DemoWorld::start_scim`] returns: a future, boxed so the trait stays object-safe.
pub type DemoScimStart =
    std::pin::Pin<Box<dyn std::future::Future<Output = Result<DemoScimServer>> + Send>>;

/// A demo SCIM server and the endpoint that watches it; dropping `server` stops it.
pub struct DemoScimServer {
    pub endpoint: crate::provisioning::WatchedEndpoint,
    pub token: secrecy::SecretString,
    /// The secret of the endpoint's simulated identity provider, when it has one.
    pub idp_secret: Option<secrecy::SecretString>,
    pub server: Box<dyn Any + Send + Sync>,
}

/// The user shown for a session of the GTM API (a token names nobody the console can show).
const GTM_ACCOUNT_LABEL: &str = "ZoomInfo GTM sign-in";

#[derive(Clone)]
pub struct Console {
    inner: Arc<Inner>,
}

struct Inner {
    backend: Arc<dyn ZoomInfoBackend>,
    store: Store,
    username: String,
    demo: Option<Arc<dyn DemoWorld>>,
    /// The account's output field lists, read once per session (see `enrich::account_fields`).
    field_lists: FieldLists,
    /// Review counts that are slow to make, kept while their job is unchanged.
    review_memo: ReviewMemo,
    /// The session kept between runs (a real account with a keychain only).
    kept_session: Option<Arc<KeptSession>>,
    /// Team mode: off, joined, or set up but not reachable when last tried.
    team: std::sync::RwLock<crate::team::TeamState>,
}

impl Console {
    /// Assembles a console from parts (tests use a temp store and a simulator).
    pub fn from_parts(
        backend: Arc<dyn ZoomInfoBackend>,
        store: Store,
        username: String,
        demo: Option<Arc<dyn DemoWorld>>,
    ) -> Self {
        Console::assemble(backend, store, username, demo, None)
    }

    fn assemble(
        backend: Arc<dyn ZoomInfoBackend>,
        store: Store,
        username: String,
        demo: Option<Arc<dyn DemoWorld>>,
        kept_session: Option<Arc<KeptSession>>,
    ) -> Self {
        Console {
            inner: Arc::new(Inner {
                backend,
                store,
                username,
                demo,
                field_lists: FieldLists::default(),
                review_memo: ReviewMemo::default(),
                kept_session,
                team: Default::default(),
            }),
        }
    }

    pub(crate) fn team_state(&self) -> crate::team::TeamState {
        self.inner
            .team
            .read()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
            .clone()
    }

    pub(crate) fn set_team_state(&self, state: crate::team::TeamState) {
        *self
            .inner
            .team
            .write()
            .unwrap_or_else(|poisoned| poisoned.into_inner()) = state;
    }

    /// Connects to a real account: settings from the store (and `ZI_API_URL`), credentials from
    /// the keychain with `ZI_USERNAME` / `ZI_PASSWORD` on top.
    pub async fn open(data_dir: &Path, keychain: &dyn CredentialStore) -> Result<Console> {
        let store = Store::open(&paths::database_path(data_dir, false)).await?;
        let settings = ConnectionSettings::load(&store).await?;
        let (env_username, env_password) = (
            std::env::var("ZI_USERNAME").ok(),
            std::env::var("ZI_PASSWORD").ok(),
        );
        // Both given in the environment: the keychain is not needed (and may not exist, e.g. in CI).
        let stored = if env_username.is_some() && env_password.is_some() {
            None
        } else {
            keychain.load()?
        };
        let credentials = resolve_credentials(stored, env_username, env_password)
            .ok_or(CoreError::NoCredentials)?;
        Console::connect(store, &settings, credentials, keychain.session_vault())
    }

    /// Connects to a real account through the GTM Data API: with the access token in
    /// `ZI_GTM_ACCESS_TOKEN` when set (obtained elsewhere, never renewed), else with the
    /// sign-in with ZoomInfo kept in `vault`, its access tokens renewed before they expire.
    pub async fn open_gtm(data_dir: &Path, vault: Arc<dyn SessionVault>) -> Result<Console> {
        let tokens: Arc<dyn zi_client::AccessTokenSource> = match gtm_access_token() {
            Some(token) => Arc::new(StaticAccessToken::new(token)),
            None => crate::gtm_sign_in::kept_tokens(vault)?,
        };
        let store = Store::open(&paths::database_path(data_dir, false)).await?;
        let settings = gtm_settings(&store).await?.checked()?;
        let client = GtmClient::new(settings.client_config(), tokens)?;
        // A token names no user the console can show; field lists are kept under this name.
        let username = GTM_ACCOUNT_LABEL.to_string();
        Ok(Console::assemble(
            Arc::new(client),
            store,
            username,
            None,
            None,
        ))
    }

    /// Signs in with ZoomInfo in the browser (`show` gets the address to open), keeps the
    /// sign-in in `vault` and connects through the GTM API with it.
    pub async fn sign_in_gtm(
        data_dir: &Path,
        config: zi_oauth::OAuthConfig,
        vault: Arc<dyn SessionVault>,
        show: impl FnOnce(&str),
    ) -> Result<Console> {
        crate::gtm_sign_in::sign_in(config, vault.as_ref(), show).await?;
        Console::open_gtm(data_dir, vault).await
    }

    /// Signs in with new credentials and, only once ZoomInfo accepted them, keeps them in the
    /// keychain. Rejected credentials are never stored.
    pub async fn sign_in_and_remember(
        data_dir: &Path,
        credentials: Credentials,
        keychain: &dyn CredentialStore,
    ) -> Result<Console> {
        let store = Store::open(&paths::database_path(data_dir, false)).await?;
        let settings = ConnectionSettings::load(&store).await?;
        let console = Console::connect(
            store,
            &settings,
            credentials.clone(),
            keychain.session_vault(),
        )?;
        console.test_connection().await?;
        keychain.save(&credentials)?;
        Ok(console)
    }

    /// Connects with the given settings and credentials, reusing the session kept in
    /// `sessions` by an earlier run (and keeping each new one there).
    pub fn connect(
        store: Store,
        settings: &ConnectionSettings,
        credentials: Credentials,
        sessions: Option<Arc<dyn SessionVault>>,
    ) -> Result<Console> {
        settings.checked()?;
        let username = credentials.username().to_string();
        let kept = sessions
            .map(|vault| Arc::new(KeptSession::new(vault, &settings.api_url, &credentials)));
        let mut client = LegacyClient::new(settings.client_config(), credentials)?;
        if let Some(kept) = &kept {
            client = client.with_session_cache(kept.clone());
        }
        Ok(Console::assemble(
            Arc::new(client),
            store,
            username,
            None,
            kept,
        ))
    }

    /// Forgets the session kept for this account (signing out).
    pub fn forget_session(&self) {
        if let Some(kept) = &self.inner.kept_session {
            zi_client::SessionCache::forget(kept.as_ref());
        }
    }

    /// Forgets the stored account without signing in: the credentials and the session kept for
    /// them at the configured API address (`zi logout`).
    pub async fn forget_account(data_dir: &Path, keychain: &dyn CredentialStore) -> Result<()> {
        if let Some(vault) = keychain.session_vault() {
            let store = Store::open(&paths::database_path(data_dir, false)).await?;
            let settings = ConnectionSettings::load(&store).await?;
            let stored = keychain
                .load()
                .ok()
                .flatten()
                .map(|c| c.username().to_string());
            let from_env = std::env::var("ZI_USERNAME").ok();
            for username in stored.iter().chain(from_env.iter()) {
                vault.delete(&session_account(&settings.api_url, username))?;
            }
        }
        keychain.delete()
    }

    /// Demo mode: signs in to `world` (already serving at `settings.api_url`) and keeps it
    /// running for as long as the console. Nothing is kept in the keychain.
    pub async fn connect_demo(
        store: Store,
        settings: &ConnectionSettings,
        credentials: Credentials,
        world: Arc<dyn DemoWorld>,
    ) -> Result<Console> {
        settings.checked()?;
        let username = credentials.username().to_string();
        let client = LegacyClient::new(settings.client_config(), credentials)?;
        let console = Console::from_parts(Arc::new(client), store, username, Some(world));
        console.inner.backend.sign_in().await?;
        Ok(console)
    }

    pub fn is_demo(&self) -> bool {
        self.inner
            .demo
            .as_ref()
            .is_some_and(|world| world.is_demo())
    }

    /// The world this session runs against, in demo mode.
    pub fn demo_world(&self) -> Option<&dyn DemoWorld> {
        self.inner.demo.as_deref()
    }

    pub fn backend(&self) -> &dyn ZoomInfoBackend {
        self.inner.backend.as_ref()
    }

    /// A shared handle on the backend, for work spread over tasks.
    pub fn backend_arc(&self) -> Arc<dyn ZoomInfoBackend> {
        self.inner.backend.clone()
    }

    pub fn store(&self) -> &Store {
        &self.inner.store
    }

    /// The user signed in (the account the field lists are kept for).
    pub(crate) fn username(&self) -> &str {
        &self.inner.username
    }

    pub(crate) fn field_lists(&self) -> &FieldLists {
        &self.inner.field_lists
    }

    pub(crate) fn review_memo(&self) -> &ReviewMemo {
        &self.inner.review_memo
    }

    pub async fn connection_status(&self) -> ConnectionStatus {
        ConnectionStatus {
            api_url: self.inner.backend.base_url().to_string(),
            demo: self.is_demo(),
            username: self.inner.username.clone(),
            token: self.inner.backend.token_status().await,
        }
    }

    /// Signs in afresh: proves the credentials and the connection work.
    pub async fn test_connection(&self) -> Result<ConnectionStatus> {
        self.inner.backend.sign_in().await?;
        self.store()
            .audit("sign_in", &format!("user {}", self.inner.username))
            .await?;
        Ok(self.connection_status().await)
    }
}

impl Drop for Inner {
    fn drop(&mut self) {
        if let Some(world) = &self.demo {
            world.shutdown();
        }
    }
}
