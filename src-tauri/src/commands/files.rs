//! The open and save dialogs. They run here, not in the page, so the window needs no dialog or
//! file-system permission, and each path the user picks is recorded in [`FileAccess`]: the
//! commands that read or write files accept only those.

use std::path::PathBuf;

use serde::Deserialize;
use tauri::{AppHandle, Manager, Runtime, State};
use tauri_plugin_dialog::{Dialog, FileDialogBuilder, FilePath};
use ts_rs::TS;

use crate::error::{CommandResult, ErrorCode, ErrorReply};
use crate::file_access::{Access, FileAccess};

/// What an open dialog is for; it decides the file types offered.
#[derive(Clone, Copy, Debug, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum OpenPurpose {
    /// A file to enrich: the formats zi-sheet reads.
    Spreadsheet,
    /// The PEM private key of a PKI sign-in.
    PrivateKey,
    /// A data connector file to import (JSON).
    Connector,
}

/// What a save dialog is for.
#[derive(Clone, Copy, Debug, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum SavePurpose {
    /// An enriched file or search results: CSV or Excel.
    Spreadsheet,
    /// A copy of the app's log.
    Log,
    /// A data connector file to share (JSON).
    Connector,
}

/// Asks for a file to read; `None` when the user cancels.
#[tauri::command]
pub async fn choose_file<R: Runtime>(
    app: AppHandle<R>,
    files: State<'_, FileAccess>,
    purpose: OpenPurpose,
) -> CommandResult<Option<String>> {
    ask(&files, Access::Read, || {
        Ok(with_filters(dialog(&app)?.file(), open_filters(purpose)))
    })
    .await
}

/// Asks where to write, suggesting `default_name`; `None` when the user cancels.
#[tauri::command]
pub async fn choose_save_path<R: Runtime>(
    app: AppHandle<R>,
    files: State<'_, FileAccess>,
    purpose: SavePurpose,
    default_name: String,
) -> CommandResult<Option<String>> {
    ask(&files, Access::Write, || {
        Ok(with_filters(dialog(&app)?.file(), save_filters(purpose)).set_file_name(default_name))
    })
    .await
}

/// The next scripted answer, else the user's in an open (`Read`) or save (`Write`) dialog; the
/// path picked is granted that access.
async fn ask<R: Runtime>(
    files: &FileAccess,
    access: Access,
    dialog: impl FnOnce() -> CommandResult<FileDialogBuilder<R>>,
) -> CommandResult<Option<String>> {
    let picked = match files.next_scripted() {
        Some(path) => Some(path),
        None => {
            let dialog = dialog()?;
            let (tx, rx) = tokio::sync::oneshot::channel();
            let answer = move |path: Option<FilePath>| {
                let _ = tx.send(path.and_then(|p| p.into_path().ok()));
            };
            match access {
                Access::Read => dialog.pick_file(answer),
                Access::Write => dialog.save_file(answer),
            }
            rx.await.ok().flatten()
        }
    };
    Ok(picked.map(|path| {
        files.grant(access, &path);
        path.display().to_string()
    }))
}

fn dialog<R: Runtime>(app: &AppHandle<R>) -> CommandResult<State<'_, Dialog<R>>> {
    app.try_state::<Dialog<R>>().ok_or_else(|| {
        ErrorReply::new(
            ErrorCode::NotAvailable,
            "File dialogs are not available in this build of zi-console.",
        )
    })
}

type Filters = &'static [(&'static str, &'static [&'static str])];

fn open_filters(purpose: OpenPurpose) -> Filters {
    match purpose {
        OpenPurpose::Spreadsheet => &[(
            "Spreadsheets",
            &["csv", "tsv", "txt", "xlsx", "xlsm", "xls", "ods"],
        )],
        OpenPurpose::PrivateKey => &[("Private key (PEM)", &["pem", "key", "txt"])],
        OpenPurpose::Connector => &[("Connector file (JSON)", &["json"])],
    }
}

fn save_filters(purpose: SavePurpose) -> Filters {
    match purpose {
        SavePurpose::Spreadsheet => &[("CSV", &["csv"]), ("Excel workbook", &["xlsx"])],
        SavePurpose::Log => &[("Log file", &["log", "txt"])],
        SavePurpose::Connector => &[("Connector file (JSON)", &["json"])],
    }
}

fn with_filters<R: Runtime>(
    mut dialog: FileDialogBuilder<R>,
    filters: Filters,
) -> FileDialogBuilder<R> {
    for (name, extensions) in filters {
        dialog = dialog.add_filter(*name, extensions);
    }
    dialog
}

/// Remembers paths dropped on the window as readable (the page gets the same paths in its
/// drop event and plans them).
pub fn grant_dropped(files: &FileAccess, paths: &[PathBuf]) {
    for path in paths {
        files.grant(Access::Read, path);
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use serde_json::json;
    use tauri::Manager;

    use crate::commands::test_support::TestApp;

    #[test]
    fn chosen_paths_are_the_only_ones_the_commands_accept() {
        let app = TestApp::demo();
        let dir = tempfile::tempdir().unwrap();
        let leads = dir.path().join("leads.csv");
        std::fs::write(&leads, "Email\nann@example.com\n").unwrap();
        let plan = |path: &std::path::Path| {
            app.invoke(
                "plan_enrichment",
                json!({ "request": { "kind": "contact", "input": path.display().to_string(), "mapping_overrides": [], "columns": [] }, "onProgress": "__CHANNEL__:3" }),
            )
        };

        // Named by the page without being chosen: refused, and the file is not read.
        let error = plan(&leads).unwrap_err();
        assert_eq!(error["code"], "file_not_chosen", "{error}");

        app.script_choices([leads.clone(), dir.path().join("out.csv")]);
        let chosen = app
            .invoke("choose_file", json!({ "purpose": "spreadsheet" }))
            .unwrap();
        assert_eq!(chosen, json!(leads.display().to_string()));
        let plan = plan(&leads).unwrap();
        assert_eq!(plan["estimate"]["rows"], 1, "{plan}");

        // A file chosen for reading cannot be overwritten by an export …
        let job = plan["job_id"].clone();
        let error = app
            .invoke(
                "export_enrichment",
                json!({ "jobId": job, "path": leads.display().to_string(), "columns": [], "connectors": [] }),
            )
            .unwrap_err();
        assert_eq!(error["code"], "file_not_chosen", "{error}");
        // … while the place picked in the save dialog can be written.
        let out = app
            .invoke(
                "choose_save_path",
                json!({ "purpose": "spreadsheet", "defaultName": "leads-enriched.csv" }),
            )
            .unwrap();
        let summary = app
            .invoke(
                "export_enrichment",
                json!({ "jobId": job, "path": out, "columns": [], "connectors": [] }),
            )
            .unwrap();
        assert_eq!(summary["rows"], 1, "{summary}");
        assert!(dir.path().join("out.csv").is_file());
    }

    #[test]
    fn dropped_paths_become_readable() {
        let app = TestApp::demo();
        let files = app.app.state::<crate::file_access::FileAccess>();
        let path = std::path::PathBuf::from("/tmp/dropped.csv");
        assert!(files
            .check(crate::file_access::Access::Read, "/tmp/dropped.csv")
            .is_err());
        super::grant_dropped(&files, std::slice::from_ref(&path));
        assert!(files
            .check(crate::file_access::Access::Read, "/tmp/dropped.csv")
            .is_ok());
    }
}

/// Shows a file the app wrote (an export) in the system's file manager, selected. Only files
/// the user chose in a save dialog.
#[tauri::command]
pub fn show_in_folder<R: Runtime>(
    app: AppHandle<R>,
    files: State<'_, FileAccess>,
    path: String,
) -> CommandResult<()> {
    use tauri_plugin_opener::OpenerExt;
    files.check(Access::Write, &path)?;
    app.opener().reveal_item_in_dir(&path).map_err(|error| {
        ErrorReply::new(
            ErrorCode::NotAvailable,
            format!("The file manager could not be opened at {path} ({error}). The file is there; open its folder by hand."),
        )
    })
}
