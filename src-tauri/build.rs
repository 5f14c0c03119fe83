//! Generates the Tauri context and one `allow-<command>` permission per app command, so
//! `capabilities/main.json` grants the window exactly the commands it uses (least privilege).

/// Every command registered in `src/lib.rs`; keep the two lists in step.
const COMMANDS: &[&str] = &[
    "app_status",
    "choose_file",
    "choose_save_path",
    "start_demo",
    "connection_status",
    "sign_in",
    "sign_out",
    "provisioning_status",
    "add_scim_endpoint",
    "forget_scim_endpoint",
    "get_settings",
    "save_settings",
    "export_logs",
    "save_cache_settings",
    "clear_cache",
    "get_usage",
    "live_usage",
    "credit_history",
    "search",
    "export_search",
    "plan_enrichment",
    "cancel_planning",
    "start_enrichment",
    "pause_enrichment",
    "resume_enrichment",
    "cancel_enrichment",
    "export_enrichment",
    "review_enrichment",
    "output_columns",
    "list_jobs",
    "demo_sample_file",
    "selection_file",
];

fn main() {
    let attributes = tauri_build::Attributes::new()
        .app_manifest(tauri_build::AppManifest::new().commands(COMMANDS));
    if let Err(error) = tauri_build::try_build(attributes) {
        panic!("tauri-build failed: {error:#}");
    }
}
