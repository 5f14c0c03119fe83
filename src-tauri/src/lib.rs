//! zi-console's desktop shell: Tauri builder, plugins, state and the command surface.
//!
//! The domain lives in zi-core and knows nothing of Tauri; every command here unpacks its
//! arguments, calls one zi-core function and maps the result (see `commands/`).

pub mod background;
pub mod commands;
pub mod domain;
pub mod error;
pub mod file_access;
pub mod launch;
pub mod notifications;
pub mod state;
pub mod tray;

#[cfg(test)]
mod capability_tests;
#[cfg(test)]
mod command_bindings;
#[cfg(test)]
#[allow(dead_code)]
mod command_surface;
#[cfg(test)]
mod ipc_tests;

use tauri::{Manager, Runtime};

use crate::file_access::FileAccess;
use crate::launch::LaunchOptions;
use crate::state::AppState;

/// The log file's size before it is rotated, and how many files are kept in all.
const LOG_FILE_BYTES: u128 = 2 * 1024 * 1024;
const LOG_FILES_KEPT: usize = 5;

/// Registers every command of the IPC surface: every `#[tauri::command]` in `src/commands/`,
/// listed by `build.rs` (which also grants each one to the main window).
pub fn with_commands<R: Runtime>(builder: tauri::Builder<R>) -> tauri::Builder<R> {
    builder
        .manage(zi_core::enrich::RunningJobs::default())
        .manage(FileAccess::default())
        .invoke_handler(include!(concat!(env!("OUT_DIR"), "/invoke_handler.rs")))
}

/// Puts the app state in place and, with `--demo`, starts the demo in the background.
/// The session slot is claimed before this returns, so the window's first `app_status` waits
/// for the demo instead of seeing "not connected".
pub fn install_state<R: Runtime>(
    app: &tauri::AppHandle<R>,
    launch: LaunchOptions,
) -> tauri::Result<()> {
    for arg in &launch.ignored {
        log::warn!("ignoring unknown argument {arg:?}");
    }
    // The same override as the `zi` CLI, so both can share one data folder.
    let data_dir =
        match std::env::var_os(zi_core::paths::DATA_DIR_ENV).filter(|dir| !dir.is_empty()) {
            Some(dir) => std::path::PathBuf::from(dir),
            None => app.path().app_data_dir()?,
        };
    let demo = launch.demo;
    put_state(app, AppState::new(launch, data_dir));
    if !demo {
        // Reopens the account whose credentials the OS keychain holds (no network call); the
        // first `app_status` waits for it. Tests skip this: they never touch the keychain.
        if let Some(slot) = app.state::<AppState>().claim_session() {
            let handle = app.clone();
            tauri::async_runtime::spawn(async move {
                handle
                    .state::<AppState>()
                    .open_saved_account_with(slot)
                    .await;
            });
        }
    }
    Ok(())
}

/// Puts `state` in the app and, launched with `--demo`, starts the embedded simulator
/// (tests give a state of their own: a temporary data folder, credentials in memory).
pub(crate) fn put_state<R: Runtime>(app: &tauri::AppHandle<R>, state: AppState) {
    let demo = state.launch().demo;
    app.manage(state);
    if demo {
        app.state::<FileAccess>().script_from_env();
        let slot = app.state::<AppState>().claim_session();
        let handle = app.clone();
        tauri::async_runtime::spawn(async move {
            let state = handle.state::<AppState>();
            let started = match slot {
                Some(slot) => state.start_demo_with(slot).await,
                None => state.start_demo().await,
            };
            if started.is_ok() {
                log::info!("demo mode: simulated ZoomInfo data, no credits spent");
            }
        });
    }
}

/// Release builds abort on a panic (see the workspace's release profile): the app's log keeps
/// what happened for a bug report; jobs resume where they were on the next launch.
fn keep_panics_in_the_log() {
    let default_hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        log::error!("zi-console stopped on an internal error: {info}");
        log::logger().flush();
        default_hook(info);
    }));
}

/// Windows: the app's pages need the Microsoft Edge WebView2 Runtime (part of Windows 11 and of
/// an updated Windows 10; the installer adds it where it is missing). Without it Tauri would stop
/// on a panic nobody sees in a windowed program: say so plainly instead, in a message box and on
/// standard error, and exit with 1.
#[cfg(windows)]
fn require_webview2() {
    let missing = match tauri::webview_version() {
        Ok(version) if !version.trim().is_empty() => return,
        Ok(_) => "no version found".to_string(),
        Err(error) => error.to_string(),
    };
    let message = "zi-console needs the Microsoft Edge WebView2 Runtime, which is not installed \
                   here. Install it from https://developer.microsoft.com/microsoft-edge/webview2/ \
                   and start zi-console again.";
    eprintln!("zi-console could not start: {message} ({missing})");
    rfd::MessageDialog::new()
        .set_level(rfd::MessageLevel::Error)
        .set_title("zi-console")
        .set_description(message)
        .set_buttons(rfd::MessageButtons::Ok)
        .show();
    std::process::exit(1);
}

/// Runs the desktop app: parses the command line, installs plugins and state, opens the window.
pub fn run() {
    launch::mark_launch();
    keep_panics_in_the_log();
    #[cfg(windows)]
    require_webview2();
    let launch = LaunchOptions::from_args(std::env::args().skip(1));

    let builder = tauri::Builder::default()
        // First, so a second launch only focuses the window that is already open.
        .plugin(tauri_plugin_single_instance::init(|app, _args, _cwd| {
            if let Some(window) = app.get_webview_window("main") {
                let _ = window.unminimize();
                let _ = window.set_focus();
            }
        }))
        .plugin(
            // 2 MB a file, the four before it kept (renamed with their date): weeks of an
            // ordinary day's lines, and an export (Settings) joins them.
            tauri_plugin_log::Builder::new()
                .level(log::LevelFilter::Info)
                .max_file_size(LOG_FILE_BYTES)
                .rotation_strategy(tauri_plugin_log::RotationStrategy::KeepSome(LOG_FILES_KEPT))
                .build(),
        )
        .plugin(tauri_plugin_window_state::Builder::default().build())
        .plugin(tauri_plugin_dialog::init())
        .plugin(tauri_plugin_opener::init())
        .plugin(tauri_plugin_notification::init())
        .plugin(
            tauri_plugin_autostart::Builder::new()
                .args([launch::BACKGROUND_ARG])
                .build(),
        )
        // Files dropped on the window become readable (the page plans them next).
        .on_window_event(|window, event| {
            if let tauri::WindowEvent::DragDrop(tauri::DragDropEvent::Drop { paths, .. }) = event {
                commands::files::grant_dropped(&window.state::<FileAccess>(), paths);
            }
        })
        .setup(move |app| {
            if launch.background {
                if let Some(window) = app.get_webview_window("main") {
                    window.hide()?;
                }
            }
            install_state(app.handle(), launch)?;
            tray::install(app.handle());
            background::start(app.handle().clone());
            Ok(())
        });

    // Updates: the plugin (endpoints and publisher key from tauri.conf.json) and the slot of the
    // update found; the tests build the app without it.
    let builder = commands::updates::with_updater(builder);
    if let Err(error) = with_commands(builder).run(tauri::generate_context!()) {
        eprintln!("zi-console could not start: {error}");
        std::process::exit(1);
    }
}
