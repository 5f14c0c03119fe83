//! The tray icon: how provisioning stands (healthy, warnings, errors) while the window is
//! closed or hidden, with "Open zi-console", "Check provisioning now" and "Quit".

use tauri::image::Image;
use tauri::menu::{Menu, MenuItem, PredefinedMenuItem};
use tauri::tray::{TrayIcon, TrayIconBuilder};
use tauri::{AppHandle, Manager, Runtime};
use zi_core::provisioning::{ProvisioningStatus, Severity};

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
    if let Some(icon) = app.default_window_icon() {
        let _ = tray.set_icon(Some(with_badge(icon, status.worst())));
    }
    #[cfg(target_os = "linux")]
    let _ = tray.set_title(Some(summary));
}

/// The badge's colours: the worst finding across the endpoints (an endpoint that could not be
/// checked counts as an error); no badge while nothing is watched.
fn badge_colour(worst: Option<Severity>) -> Option<[u8; 3]> {
    match worst? {
        Severity::Error => Some([0xd9, 0x30, 0x25]),
        Severity::Warning => Some([0xe3, 0x9b, 0x0b]),
        Severity::Info => Some([0x1e, 0x9e, 0x4a]),
    }
}

/// The app icon with a dot in its lower right corner, ringed in white, in the state's colour.
fn with_badge(icon: &Image<'_>, worst: Option<Severity>) -> Image<'static> {
    let (width, height) = (icon.width(), icon.height());
    let mut rgba = icon.rgba().to_vec();
    if let Some([r, g, b]) = badge_colour(worst) {
        let radius = f64::from(width.min(height)) * 0.22;
        let (cx, cy) = (
            f64::from(width) - radius - 1.0,
            f64::from(height) - radius - 1.0,
        );
        for y in 0..height {
            for x in 0..width {
                let distance = (f64::from(x) + 0.5 - cx).hypot(f64::from(y) + 0.5 - cy);
                let pixel = if distance <= radius * 0.78 {
                    [r, g, b, 0xff]
                } else if distance <= radius {
                    [0xff, 0xff, 0xff, 0xff]
                } else {
                    continue;
                };
                let at = ((y * width + x) * 4) as usize;
                rgba[at..at + 4].copy_from_slice(&pixel);
            }
        }
    }
    Image::new_owned(rgba, width, height)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pixel(image: &Image<'_>, x: u32, y: u32) -> [u8; 4] {
        let at = ((y * image.width() + x) * 4) as usize;
        image.rgba()[at..at + 4].try_into().unwrap_or_default()
    }

    #[test]
    fn the_badge_takes_the_colour_of_the_worst_state() {
        let icon = Image::new_owned(vec![0x20; 32 * 32 * 4], 32, 32);
        let corner = (32 - 8, 32 - 8);
        for (worst, colour) in [
            (Some(Severity::Error), [0xd9, 0x30, 0x25, 0xff]),
            (Some(Severity::Warning), [0xe3, 0x9b, 0x0b, 0xff]),
            (Some(Severity::Info), [0x1e, 0x9e, 0x4a, 0xff]),
        ] {
            let badged = with_badge(&icon, worst);
            assert_eq!(pixel(&badged, corner.0, corner.1), colour, "{worst:?}");
            assert_eq!(
                pixel(&badged, 4, 4),
                [0x20; 4],
                "the rest of the icon is kept"
            );
        }
        assert_eq!(
            with_badge(&icon, None).rgba(),
            icon.rgba(),
            "nothing watched: no badge"
        );
    }
}
