//! Desktop notifications raised by the Rust side (the window has no notification permission):
//! a job that finished or stopped, a SCIM token nearing expiry.

use tauri::{AppHandle, Manager, Runtime};

/// Shows one notification when the notification plugin is installed (not in command tests).
/// A failure is logged, never reported: the work it announces is done either way.
pub fn show<R: Runtime>(app: &AppHandle<R>, title: &str, body: &str) {
    let Some(notification) = app.try_state::<tauri_plugin_notification::Notification<R>>() else {
        return;
    };
    if let Err(error) = notification.builder().title(title).body(body).show() {
        log::warn!("the notification '{title}' could not be shown: {error}");
    }
}
