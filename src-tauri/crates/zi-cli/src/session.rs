//! Opening the console the way the user asked: the demo, or the real account.

use zi_core::secrets::Keychain;
use zi_core::{paths, BackendChoice, Console, Result};

/// Where a command that signs in connects: the demo, or the real account through one API.
#[derive(Clone, Copy, Debug)]
pub struct Target {
    pub demo: bool,
    pub backend: BackendChoice,
}

pub async fn open(target: Target) -> Result<Console> {
    let data_dir = paths::data_dir()?;
    let console = match target {
        // The demo's simulator is signed in to through legacy.
        Target { demo: true, .. } => zi_demo::start(&data_dir).await,
        Target {
            backend: BackendChoice::Legacy,
            ..
        } => Console::open(&data_dir, &Keychain::default()).await,
        Target {
            backend: BackendChoice::Gtm,
            ..
        } => Console::open_gtm(&data_dir, std::sync::Arc::new(Keychain::default())).await,
    }?;
    // Team mode (ZI_DATABASE_URL or `zi team set`): the team's cache, ledger and pace.
    let keychain = Keychain::default();
    console.join_team_if_set(Some(&keychain)).await?;
    Ok(console)
}

/// The local data only (job history): no sign-in, works offline.
pub async fn open_store(demo: bool) -> Result<zi_store::Store> {
    paths::open_store(&paths::data_dir()?, demo).await
}

/// Every connection from now on goes through the proxy entered with `zi network proxy`, else
/// the system's (its password from the keychain).
pub async fn apply_network() -> Result<()> {
    let store = paths::open_store(&paths::data_dir()?, false).await?;
    zi_core::network::apply_network(&store, Some(&Keychain::default())).await?;
    Ok(())
}
