//! One login per token, not per run: each `Console::open` here is what one `zi` command does,
//! with the sessions kept in a memory vault standing in for the OS keychain (the CLI's
//! keychain tests do the same against a real Secret Service).

use std::path::Path;
use std::sync::Arc;

use secrecy::ExposeSecret;
use zi_core::secrets::{CredentialStore, MemoryCredentials};
use zi_core::sessions::{session_account, MemorySessions, SessionVault};
use zi_core::{ConnectionSettings, Console, Credentials};
use zi_sim::{Sim, SimConfig, SimHandle, DEMO_PASSWORD, DEMO_USERNAME};

/// A data folder whose settings point at `sim`.
async fn data_folder(sim: &SimHandle) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("dir");
    let store = zi_core::paths::open_store(dir.path(), false)
        .await
        .expect("store");
    ConnectionSettings {
        api_url: sim.url(),
        ..ConnectionSettings::default()
    }
    .save(&store)
    .await
    .expect("settings");
    dir
}

fn keychain(vault: &Arc<MemorySessions>, password: &str) -> MemoryCredentials {
    let credentials = MemoryCredentials::default().with_session_vault(vault.clone());
    credentials
        .save(&Credentials::password(DEMO_USERNAME, password))
        .expect("save");
    credentials
}

/// One `zi usage`.
async fn usage_run(data: &Path, keychain: &MemoryCredentials) -> zi_core::Result<()> {
    Console::open(data, keychain)
        .await?
        .usage()
        .await
        .map(|_| ())
}

fn kept_jwt(vault: &MemorySessions, sim: &SimHandle) -> Option<String> {
    vault
        .load(&session_account(&sim.url(), DEMO_USERNAME))
        .expect("vault")
        .map(|value| value.expose_secret().to_string())
}

#[tokio::test]
async fn ten_runs_sign_in_once_and_a_revoked_session_is_replaced_after_one_401() {
    let sim = Sim::start(SimConfig::unlimited()).await.expect("sim");
    let data = data_folder(&sim).await;
    let vault = Arc::new(MemorySessions::default());
    let keychain = keychain(&vault, DEMO_PASSWORD);

    for run in 0..10 {
        usage_run(data.path(), &keychain)
            .await
            .unwrap_or_else(|e| panic!("run {run}: {e}"));
    }
    assert_eq!(sim.stats().logins, 1, "{:?}", sim.stats());
    assert_eq!(vault.len(), 1);

    // ZoomInfo revokes the token: the next run gets one 401, signs in once, keeps the new one.
    let revoked = kept_jwt(&vault, &sim).expect("kept");
    sim.knobs().revoke_all_tokens();
    usage_run(data.path(), &keychain).await.expect("recovers");
    let stats = sim.stats();
    assert_eq!((stats.unauthorized, stats.logins), (1, 2), "{stats:?}");
    let replacement = kept_jwt(&vault, &sim).expect("kept");
    assert_ne!(replacement, revoked);
    usage_run(data.path(), &keychain).await.expect("next run");
    assert_eq!(sim.stats().logins, 2, "the replacement is reused");

    // The token never reaches the data folder.
    for entry in std::fs::read_dir(data.path()).expect("dir").flatten() {
        let bytes = std::fs::read(entry.path()).unwrap_or_default();
        let text = String::from_utf8_lossy(&bytes);
        assert!(
            !text.contains(&replacement) && !text.contains(&revoked),
            "the session token is in {}",
            entry.path().display()
        );
    }

    // Signing out forgets the session with the credentials.
    Console::forget_account(data.path(), &keychain)
        .await
        .expect("logout");
    assert!(vault.is_empty());
    assert!(keychain.load().expect("load").is_none());
}

#[tokio::test]
async fn a_wrong_password_is_refused_even_with_a_session_kept() {
    let sim = Sim::start(SimConfig::unlimited()).await.expect("sim");
    let data = data_folder(&sim).await;
    let vault = Arc::new(MemorySessions::default());
    usage_run(data.path(), &keychain(&vault, DEMO_PASSWORD))
        .await
        .expect("right password");
    let refused = usage_run(data.path(), &keychain(&vault, "not-the-password")).await;
    assert!(
        matches!(&refused, Err(e) if e.code() == zi_core::ErrorCode::CredentialsRejected),
        "{refused:?}"
    );
    assert!(
        kept_jwt(&vault, &sim).is_some(),
        "the right session stays kept"
    );
}

#[tokio::test]
async fn the_demo_keeps_no_session() {
    let dir = tempfile::tempdir().expect("dir");
    let console = zi_demo::start_with(dir.path(), SimConfig::unlimited())
        .await
        .expect("demo");
    console.usage().await.expect("usage");
    // The demo is given no vault at all: nothing can reach the keychain.
    console.forget_session();
    assert_eq!(zi_demo::simulator(&console).expect("sim").stats().logins, 1);
}
