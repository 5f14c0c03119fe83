//! Generates the Tauri context and one `allow-<command>` permission per app command, so
//! `capabilities/main.json` grants the window exactly the commands it uses (least privilege).

/// Every command registered in `src/lib.rs`; keep the two lists in step.
const COMMANDS: &[&str] = &[
    "app_status",
    "start_demo",
    "connection_status",
    "get_usage",
    "search",
];

fn main() {
    let attributes = tauri_build::Attributes::new()
        .app_manifest(tauri_build::AppManifest::new().commands(COMMANDS));
    if let Err(error) = tauri_build::try_build(attributes) {
        panic!("tauri-build failed: {error:#}");
    }
}
