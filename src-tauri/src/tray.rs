//! The tray icon: how provisioning stands (healthy, warnings, errors) while the window is
//! closed or hidden, with "Open zi-console", "Check provisioning now" and "Quit".

use tauri::menu::{Menu, MenuItem, PredefinedMenuItem};
use tauri::tray::{TrayIcon, TrayIconBuilder};
use tauri::{AppHandle, Manager, Runtime};
use zi_core::provisioning::ProvisioningStatus;

const TRAY_ID: &str = "main";
const STATE: &str = "state";
const OPEN: &str = "open";
const CHECK_NOW: &str = "check-now";
const QUIT: &str = "quit";

/// Adds the tray icon. A desktop without a tray (some Linux sessions) only loses the icon.
pub fn install<R: Runtime>(app: &AppHandle<R>) {
    if let Err(error) = build(app) {
        log::warn!("no tray icon: {error}");
    }
}

/// The menu's first line: how provisioning stands, whatever the desktop does with tooltips.
struct StateLine<R: Runtime>(MenuItem<R>);

fn build<R: Runtime>(app: &AppHandle<R>) -> tauri::Result<TrayIcon<R>> {
    let state = MenuItem::with_id(
        app,
        STATE,
        "Provisioning: not checked yet",
        false,
        None::<&str>,
    )?;
    app.manage(StateLine(state.clone()));
    let menu = Menu::with_items(
        app,
        &[
            &state,
            &PredefinedMenuItem::separator(app)?,
            &MenuItem::with_id(app, OPEN, "Open zi-console", true, None::<&str>)?,
            &MenuItem::with_id(app, CHECK_NOW, "Check provisioning now", true, None::<&str>)?,
            &PredefinedMenuItem::separator(app)?,
            &MenuItem::with_id(app, QUIT, "Quit zi-console", true, None::<&str>)?,
        ],
    )?;
    let mut tray = TrayIconBuilder::with_id(TRAY_ID)
        .tooltip("zi-console")
        .menu(&menu)
        .on_menu_event(|app, event| match event.id().as_ref() {
            OPEN => open_window(app),
            CHECK_NOW => crate::background::check_now(app.clone()),
            QUIT => app.exit(0),
            _ => {}
        });
    if let Some(icon) = app.default_window_icon() {
        tray = tray.icon(icon.clone());
    }
    tray.build(app)
}

fn open_window<R: Runtime>(app: &AppHandle<R>) {
    if let Some(window) = app.get_webview_window("main") {
        let _ = window.show();
        let _ = window.unminimize();
        let _ = window.set_focus();
    }
}

/// Shows the latest check's summary in the tray: the menu's first line, the tooltip, and the
/// label beside the icon where the desktop shows one (Linux).
pub fn show_state<R: Runtime>(app: &AppHandle<R>, status: &ProvisioningStatus) {
    let Some(tray) = app.tray_by_id(TRAY_ID) else {
        return;
    };
    let summary = status.summary();
    if let Some(line) = app.try_state::<StateLine<R>>() {
        let _ = line.0.set_text(&summary);
    }
    let _ = tray.set_tooltip(Some(format!("zi-console · {summary}")));
    #[cfg(target_os = "linux")]
    let _ = tray.set_title(Some(summary));
}
