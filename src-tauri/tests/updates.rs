//! Updates, with tauri-plugin-updater itself as the oracle: a release server on this computer
//! (axum) serves an update manifest (`latest.json`) and an artefact signed with a TEST-ONLY key
//! (tests/fixtures/updater: the public key and the signatures, no private key), and the app's
//! updater, built for that server and that key, finds, downloads and verifies, or refuses.
#![allow(clippy::unwrap_used)]

use std::net::SocketAddr;
use std::path::Path;
use std::sync::{Arc, Mutex};

use axum::extract::{Path as UrlPath, State};
use axum::routing::get;
use axum::{Json, Router};
use serde_json::{json, Value};
use tauri::test::{mock_builder, mock_context, noop_assets, MockRuntime};
use tauri::{App, Url};
use tauri_plugin_updater::{Update, Updater, UpdaterExt};
use zi_console_lib::commands::updates::{available, check, download, with_updater};
use zi_core::updates::{UpdateFailure, UpdateProgress};
use zi_core::ErrorCode;

const REFUSED: &str =
    "The update's signature does not match zi-console's publisher key; nothing was installed.";

fn fixture(name: &str) -> Vec<u8> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/updater")
        .join(name);
    std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn text_fixture(name: &str) -> String {
    String::from_utf8(fixture(name)).unwrap().trim().to_string()
}

const ARTEFACT: &str = "zi-console_0.2.0_amd64.AppImage.tar.gz";

/// What the release server serves, and the manifest paths it was asked for.
#[derive(Clone)]
struct Release {
    manifest: Arc<Mutex<Value>>,
    artefact: Arc<Vec<u8>>,
    asked: Arc<Mutex<Vec<String>>>,
}

async fn manifest(
    State(release): State<Release>,
    UrlPath((target, arch, version)): UrlPath<(String, String, String)>,
) -> Json<Value> {
    release
        .asked
        .lock()
        .unwrap()
        .push(format!("{target}/{arch}/{version}"));
    Json(release.manifest.lock().unwrap().clone())
}

async fn artefact(State(release): State<Release>) -> Vec<u8> {
    release.artefact.as_ref().clone()
}

/// Starts a release server for `artefact`; answers its address.
async fn serve(artefact_bytes: Vec<u8>) -> (SocketAddr, Release) {
    let release = Release {
        manifest: Arc::new(Mutex::new(Value::Null)),
        artefact: Arc::new(artefact_bytes),
        asked: Arc::default(),
    };
    let router = Router::new()
        .route("/{target}/{arch}/{version}", get(manifest))
        .route("/download/{name}", get(artefact))
        .with_state(release.clone());
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, router).await.unwrap() });
    (address, release)
}

/// A `latest.json` announcing `version`, its Linux artefact on `address` with `signature`.
fn latest_json(address: SocketAddr, version: &str, signature: &str) -> Value {
    json!({
        "version": version,
        "notes": "Faster enrichment exports.\nA Settings → Updates section.",
        "pub_date": "2026-01-15T12:00:00Z",
        "platforms": {
            "linux-x86_64": {
                "signature": signature,
                "url": format!("http://{address}/download/{ARTEFACT}")
            }
        }
    })
}

/// The app as the release builds it (the updater plugin and its slot), with a configuration of
/// its own: version 0.1.0, no production endpoint or key in play.
fn app() -> App<MockRuntime> {
    let mut context = mock_context(noop_assets());
    context.config_mut().plugins.0.insert(
        "updater".into(),
        json!({
            "endpoints": ["https://releases.invalid/{{target}}/{{arch}}/{{current_version}}"],
            "pubkey": "not used: each test sets the test publisher key",
            "requireSignedVersion": true,
            // The test server is plain http on this computer.
            "dangerousInsecureTransportProtocol": true
        }),
    );
    with_updater(mock_builder()).build(context).unwrap()
}

/// The updater for the test server, trusting the test publisher key. The target is fixed so the
/// manifest's `linux-x86_64` entry is the one read on any system.
fn updater(app: &App<MockRuntime>, address: SocketAddr) -> Updater {
    let endpoint: Url =
        format!("http://{address}/{{{{target}}}}/{{{{arch}}}}/{{{{current_version}}}}")
            .parse()
            .unwrap();
    app.updater_builder()
        .pubkey(text_fixture("test-publisher.key.pub"))
        .target("linux-x86_64")
        .endpoints(vec![endpoint])
        .unwrap()
        .build()
        .unwrap()
}

/// Serves `artefact` announced as `version` with `signature`, and checks.
async fn found(
    app: &App<MockRuntime>,
    artefact: Vec<u8>,
    version: &str,
    signature: &str,
) -> (Option<Update>, Release) {
    let (address, release) = serve(artefact).await;
    *release.manifest.lock().unwrap() = latest_json(address, version, signature);
    let update = check(&updater(app, address)).await.unwrap();
    (update, release)
}

async fn downloaded(update: &Update) -> (Result<Vec<u8>, UpdateFailure>, Vec<UpdateProgress>) {
    let mut progress = Vec::new();
    let result = download(update, |p| progress.push(p)).await;
    (result, progress)
}

fn run<F: std::future::Future>(test: F) -> F::Output {
    tauri::async_runtime::block_on(test)
}

#[test]
fn a_newer_version_is_found_with_its_notes() {
    let app = app();
    run(async {
        let signature = text_fixture(&format!("{ARTEFACT}.sig"));
        let (update, release) = found(&app, fixture(ARTEFACT), "0.2.0", &signature).await;
        let update = update.expect("0.2.0 is newer than 0.1.0");
        let shown = available(&update);
        assert_eq!(shown.version, "0.2.0");
        assert_eq!(shown.current_version, "0.1.0");
        assert_eq!(shown.date.as_deref(), Some("2026-01-15T12:00:00Z"));
        assert_eq!(
            shown.notes.as_deref(),
            Some("Faster enrichment exports.\nA Settings → Updates section.")
        );
        // The placeholders of the address were filled in.
        let asked = release.asked.lock().unwrap().clone();
        assert_eq!(asked.len(), 1, "{asked:?}");
        assert!(asked[0].starts_with("linux-x86_64/"), "{asked:?}");
        assert!(asked[0].ends_with("/0.1.0"), "{asked:?}");
    });
}

#[test]
fn the_same_version_is_no_update() {
    let app = app();
    run(async {
        let signature = text_fixture(&format!("{ARTEFACT}.sig"));
        let (update, _) = found(&app, fixture(ARTEFACT), "0.1.0", &signature).await;
        assert!(update.is_none());
        let (update, _) = found(&app, fixture(ARTEFACT), "0.0.9", &signature).await;
        assert!(update.is_none(), "an older version is no update either");
    });
}

#[test]
fn an_artefact_signed_by_the_publisher_downloads_and_verifies() {
    let app = app();
    run(async {
        let signature = text_fixture(&format!("{ARTEFACT}.sig"));
        let (update, _) = found(&app, fixture(ARTEFACT), "0.2.0", &signature).await;
        let update = update.unwrap();
        let (bytes, progress) = downloaded(&update).await;
        assert_eq!(bytes.unwrap(), fixture(ARTEFACT));
        let total = fixture(ARTEFACT).len() as u64;
        assert!(
            progress.contains(&UpdateProgress::Downloading {
                downloaded: total,
                total: Some(total)
            }),
            "{progress:?}"
        );
        assert_eq!(progress.last(), Some(&UpdateProgress::Verifying));
        // The plugin's own check of the bytes agrees.
        update.verify(&fixture(ARTEFACT)).unwrap();
    });
}

#[test]
fn an_artefact_changed_after_signing_is_refused() {
    let app = app();
    run(async {
        let mut tampered = fixture(ARTEFACT);
        let middle = tampered.len() / 2;
        tampered[middle] ^= 0x01;
        let signature = text_fixture(&format!("{ARTEFACT}.sig"));
        let (update, _) = found(&app, tampered, "0.2.0", &signature).await;
        let (result, _) = downloaded(&update.unwrap()).await;
        let failure = result.unwrap_err();
        assert!(
            matches!(failure, UpdateFailure::Signature(_)),
            "{failure:?}"
        );
        let reply = failure.reply();
        assert_eq!(reply.code, ErrorCode::UpdateRejected);
        assert_eq!(reply.message, REFUSED);
    });
}

#[test]
fn a_signature_by_another_key_is_refused() {
    let app = app();
    run(async {
        let signature = text_fixture(&format!("{ARTEFACT}.other-key.sig"));
        let (update, _) = found(&app, fixture(ARTEFACT), "0.2.0", &signature).await;
        let (result, _) = downloaded(&update.unwrap()).await;
        let reply = result.unwrap_err().reply();
        assert_eq!(reply.code, ErrorCode::UpdateRejected, "{reply:?}");
        assert_eq!(reply.message, REFUSED);
    });
}

#[test]
fn a_damaged_signature_in_the_manifest_is_refused() {
    let app = app();
    run(async {
        let signature = text_fixture(&format!("{ARTEFACT}.sig"));
        // A character of the signature changed, then one of its base64 removed.
        let mut damaged = signature.clone().into_bytes();
        let at = damaged.len() / 2;
        damaged[at] = if damaged[at] == b'A' { b'B' } else { b'A' };
        for bad in [
            String::from_utf8(damaged).unwrap(),
            signature[1..].to_string(),
        ] {
            let (update, _) = found(&app, fixture(ARTEFACT), "0.2.0", &bad).await;
            let (result, _) = downloaded(&update.unwrap()).await;
            let reply = result.unwrap_err().reply();
            assert_eq!(reply.code, ErrorCode::UpdateRejected, "{reply:?}");
            assert_eq!(reply.message, REFUSED);
        }
    });
}

/// A manifest announcing 0.3.0 with the (genuine) 0.2.0 artefact: the signature binds the
/// version, so an older release cannot pass for a newer one.
#[test]
fn a_release_announced_as_another_version_is_refused() {
    let app = app();
    run(async {
        let signature = text_fixture(&format!("{ARTEFACT}.sig"));
        let (update, _) = found(&app, fixture(ARTEFACT), "0.3.0", &signature).await;
        let (result, _) = downloaded(&update.unwrap()).await;
        let reply = result.unwrap_err().reply();
        assert_eq!(reply.code, ErrorCode::UpdateRejected, "{reply:?}");
        assert_eq!(
            reply.message,
            "The update server announced version 0.3.0, but the download is signed for version 0.2.0; nothing was installed."
        );
    });
}

#[test]
fn an_unreachable_server_is_told_plainly() {
    let app = app();
    run(async {
        // A port that was free a moment ago: nothing listens there now.
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let address = listener.local_addr().unwrap();
        drop(listener);
        let failure = check(&updater(&app, address)).await.err().unwrap();
        let reply = failure.reply();
        assert_eq!(reply.code, ErrorCode::Network, "{reply:?}");
        assert!(
            reply.message.contains("could not reach the update server"),
            "{reply:?}"
        );
    });
}
