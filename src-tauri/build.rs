//! Generates the Tauri context and the IPC surface from the command functions themselves
//! (`src/commands/*.rs`, read by `src/command_surface.rs`): the handler list the app registers,
//! one `allow-<command>` permission per command, and the main window's grants of them in
//! `capabilities/main.json`. A command is written once, as a function.

use std::path::Path;

#[path = "src/command_surface.rs"]
#[allow(dead_code)]
mod command_surface;

/// The main window's capability: its hand-written part (description, plugin permissions, each
/// justified in `src/capability_tests.rs`) kept, its command grants replaced by one per command.
fn write_capability(commands: &[command_surface::Command]) {
    let path = Path::new("capabilities/main.json");
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let mut capability: serde_json::Value =
        serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let mut permissions: Vec<serde_json::Value> = capability["permissions"]
        .as_array()
        .cloned()
        .unwrap_or_default()
        .into_iter()
        .filter(|p| !p.as_str().is_some_and(|p| p.starts_with("allow-")))
        .collect();
    permissions.extend(
        commands
            .iter()
            .map(|c| serde_json::Value::from(command_surface::permission(c))),
    );
    capability["permissions"] = serde_json::Value::Array(permissions);
    let new_text = serde_json::to_string_pretty(&capability).expect("JSON") + "\n";
    if new_text != text {
        std::fs::write(path, new_text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    }
}

fn write_handler(commands: &[command_surface::Command]) {
    let paths: Vec<String> = commands
        .iter()
        .map(|c| format!("crate::commands::{}::{}", c.module, c.name))
        .collect();
    let out = Path::new(&std::env::var("OUT_DIR").expect("OUT_DIR")).join("invoke_handler.rs");
    let code = format!(
        "tauri::generate_handler![\n    {},\n]\n",
        paths.join(",\n    ")
    );
    std::fs::write(&out, code).unwrap_or_else(|e| panic!("{}: {e}", out.display()));
}

fn main() {
    println!("cargo:rerun-if-changed=src/commands");
    println!("cargo:rerun-if-changed=src/command_surface.rs");
    println!("cargo:rerun-if-changed=capabilities/main.json");
    let commands = command_surface::read(Path::new("src/commands"));
    write_handler(&commands);
    write_capability(&commands);
    // tauri-build keeps the names for the whole build.
    let names: &'static [&'static str] = Box::leak(
        commands
            .iter()
            .map(|c| &*Box::leak(c.name.clone().into_boxed_str()))
            .collect::<Vec<&'static str>>()
            .into_boxed_slice(),
    );
    let attributes = tauri_build::Attributes::new()
        .app_manifest(tauri_build::AppManifest::new().commands(names));
    if let Err(error) = tauri_build::try_build(attributes) {
        panic!("tauri-build failed: {error:#}");
    }
}
