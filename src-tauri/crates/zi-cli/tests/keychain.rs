//! `zi login` against the real OS keychain (Secret Service on Linux). The test command runs
//! these inside a private D-Bus session with an unlocked gnome-keyring; elsewhere set
//! ZI_TEST_KEYCHAIN=1 once a keychain is available.

mod common;

use common::*;

#[test]
fn login_stores_working_credentials_and_refuses_wrong_ones() {
    if !keychain_reachable() {
        eprintln!("ZI_TEST_KEYCHAIN is not 1: no keychain to test against here");
        return;
    }
    let sim = sim_serve(&[]);
    let data = tempfile::tempdir().expect("dir");

    // A wrong password is refused and nothing is stored.
    let refused = zi(&sim.url, &data)
        .env_remove("ZI_PASSWORD")
        .args(["login", "--password-stdin"])
        .write_stdin("wrong-password\n")
        .output()
        .expect("runs");
    assert_eq!(refused.status.code(), Some(1));
    assert!(text(&refused.stderr).contains("rejected the credentials"));
    let without_env = || {
        let mut cmd = zi(&sim.url, &data);
        cmd.env_remove("ZI_USERNAME").env_remove("ZI_PASSWORD");
        cmd
    };
    let nothing_stored = without_env().arg("usage").output().expect("runs");
    assert_eq!(
        nothing_stored.status.code(),
        Some(1),
        "rejected credentials must not be stored"
    );

    // The right password is checked, then stored; later commands need no environment.
    let ok = zi(&sim.url, &data)
        .env_remove("ZI_PASSWORD")
        .args(["login", "--password-stdin"])
        .write_stdin(format!("{PASSWORD}\n"))
        .output()
        .expect("runs");
    assert!(ok.status.success(), "{}", text(&ok.stderr));
    assert!(text(&ok.stdout).contains("stored in the OS keychain"));
    let usage = without_env()
        .args(["usage", "--json"])
        .output()
        .expect("runs");
    assert!(usage.status.success(), "{}", text(&usage.stderr));

    // The password is nowhere in the data folder.
    for entry in walk(data.path()) {
        let bytes = std::fs::read(&entry).unwrap_or_default();
        assert!(
            !bytes
                .windows(PASSWORD.len())
                .any(|w| w == PASSWORD.as_bytes()),
            "password found in {}",
            entry.display()
        );
    }

    let logout = zi(&sim.url, &data).arg("logout").output().expect("runs");
    assert!(logout.status.success());
    assert_eq!(
        without_env()
            .arg("usage")
            .output()
            .expect("runs")
            .status
            .code(),
        Some(1)
    );
}

/// `zi usage` ten times in a row signs in once: the session is kept in the keychain between
/// runs; a token ZoomInfo revoked is replaced after one 401; `zi logout` forgets it.
#[test]
fn runs_share_one_login_through_the_keychain() {
    if !keychain_reachable() {
        eprintln!("ZI_TEST_KEYCHAIN is not 1: no keychain to test against here");
        return;
    }
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(1)
        .enable_all()
        .build()
        .expect("runtime");
    let sim = runtime
        .block_on(zi_sim::Sim::start(zi_sim::SimConfig::unlimited()))
        .expect("sim");
    let data = tempfile::tempdir().expect("dir");
    let usage = || {
        let out = zi(&sim.url(), &data)
            .args(["usage", "--json"])
            .output()
            .expect("runs");
        assert!(out.status.success(), "{}", text(&out.stderr));
        assert_plain(&text(&out.stderr));
    };
    for _ in 0..10 {
        usage();
    }
    assert_eq!(sim.stats().logins, 1, "{:?}", sim.stats());

    sim.knobs().revoke_all_tokens();
    usage();
    usage();
    let stats = sim.stats();
    assert_eq!(
        (stats.unauthorized, stats.logins),
        (1, 2),
        "one 401, one new login, then the new token is reused: {stats:?}"
    );

    let logout = zi(&sim.url(), &data).arg("logout").output().expect("runs");
    assert!(logout.status.success(), "{}", text(&logout.stderr));
    usage();
    assert_eq!(sim.stats().logins, 3, "logout forgot the session");
}

fn walk(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let path = entry.path();
        if path.is_dir() {
            files.extend(walk(&path));
        } else {
            files.push(path);
        }
    }
    files
}

/// A SCIM token added in the app is kept in the keychain under its endpoint's URL; `zi scim
/// status --url` without `--token-env` uses it (a cron job on the admin's machine), and says how
/// to give one when none is kept.
#[test]
fn scim_status_reads_the_token_the_app_keeps() {
    use zi_core::provisioning::token_account;
    use zi_core::secrets::Keychain;
    use zi_core::sessions::SessionVault;

    if !keychain_reachable() {
        eprintln!("ZI_TEST_KEYCHAIN is not 1: no keychain to test against here");
        return;
    }
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(1)
        .enable_all()
        .build()
        .expect("runtime");
    let sim = runtime
        .block_on(zi_sim::scim::ScimSim::start(
            zi_sim::scim::ScimSimConfig::demo(),
        ))
        .expect("SCIM simulator");
    let data = tempfile::tempdir().expect("dir");
    let status = || {
        zi("http://127.0.0.1:9", &data)
            .args(["scim", "status", "--url", &sim.url(), "--json"])
            .output()
            .expect("runs")
    };
    let nothing_kept = status();
    assert_eq!(nothing_kept.status.code(), Some(2));
    assert!(text(&nothing_kept.stderr).contains("--token-env"));

    let keychain = Keychain::with_service(test_keychain_service());
    let account = token_account(&sim.url());
    let token = secrecy::SecretString::from(sim.token());
    SessionVault::save(&keychain, &account, &token).expect("kept in the keychain");
    let out = status();
    assert!(out.status.success(), "{}", text(&out.stderr));
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(report["users"]["total"], 120);
    assert_eq!(report["token"]["valid"], true);
    SessionVault::delete(&keychain, &account).expect("removed");
}

/// Values longer than Windows' Credential Manager holds in one credential (a PKI private key)
/// are kept in several entries and read back whole; deleting one removes all of its parts.
#[test]
fn long_secrets_round_trip_through_the_keychain() {
    use zi_core::secrets::Keychain;
    use zi_core::sessions::SessionVault;

    if !keychain_reachable() {
        eprintln!("ZI_TEST_KEYCHAIN is not 1: no keychain to test against here");
        return;
    }
    let keychain = Keychain::with_service(test_keychain_service());
    let account = "long-secret-check";
    let long =
        "-----BEGIN PRIVATE KEY-----\n".to_string() + &"MIIEvQIBADANBgkqhkiG9w0B€".repeat(120);
    SessionVault::save(
        &keychain,
        account,
        &secrecy::SecretString::from(long.clone()),
    )
    .expect("kept in the keychain");
    let read = SessionVault::load(&keychain, account)
        .expect("read")
        .expect("kept");
    assert!(
        secrecy::ExposeSecret::expose_secret(&read) == long,
        "read back changed"
    );
    SessionVault::delete(&keychain, account).expect("removed");
    assert!(SessionVault::load(&keychain, account)
        .expect("read")
        .is_none());
    assert!(
        SessionVault::load(&keychain, &format!("{account}#2"))
            .expect("read")
            .is_none(),
        "a part was left behind"
    );
}
