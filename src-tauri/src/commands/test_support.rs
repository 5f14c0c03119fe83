//! A window-less app for command tests: the real command surface over Tauri's mock runtime,
//! a temporary data directory, and credentials kept in memory instead of the OS keychain.
#![allow(clippy::unwrap_used)]

use std::sync::Arc;

use serde_json::Value;
use tauri::ipc::{CallbackFn, InvokeBody};
use tauri::test::{mock_builder, mock_context, noop_assets, MockRuntime, INVOKE_KEY};
use tauri::webview::InvokeRequest;
use tauri::{App, Manager, WebviewWindow, WebviewWindowBuilder};
use zi_core::secrets::MemoryCredentials;

use crate::launch::LaunchOptions;
use crate::state::AppState;

pub struct TestApp {
    pub app: App<MockRuntime>,
    window: WebviewWindow<MockRuntime>,
    pub credentials: Arc<MemoryCredentials>,
    /// Removed when the test ends.
    data: tempfile::TempDir,
}

impl TestApp {
    /// Launched as the command line `launch` says (`--demo` starts the simulator).
    pub fn launched(launch: LaunchOptions) -> Self {
        let data = tempfile::tempdir().unwrap();
        let app = crate::with_commands(mock_builder())
            .build(mock_context(noop_assets()))
            .unwrap();
        let credentials = Arc::new(MemoryCredentials::default());
        crate::put_state(
            app.handle(),
            AppState::new(launch, data.path().to_path_buf())
                .with_credential_store(credentials.clone()),
        );
        let window = WebviewWindowBuilder::new(&app, "main", Default::default())
            .build()
            .unwrap();
        TestApp {
            app,
            window,
            credentials,
            data,
        }
    }

    pub fn signed_out() -> Self {
        Self::launched(LaunchOptions::default())
    }

    pub fn demo() -> Self {
        let app = Self::signed_out();
        app.invoke("start_demo", serde_json::json!({})).unwrap();
        app
    }

    /// Answers the next open/save dialogs with these paths, as a user picking them would.
    pub fn script_choices(&self, paths: impl IntoIterator<Item = std::path::PathBuf>) {
        self.app
            .state::<crate::file_access::FileAccess>()
            .script(paths);
    }

    /// The app's data folder (a temporary directory).
    pub fn data_dir(&self) -> &std::path::Path {
        self.data.path()
    }

    /// As if the user had picked `path` in an open (`Read`) or save (`Write`) dialog.
    pub fn choose(&self, access: crate::file_access::Access, path: &std::path::Path) {
        self.app
            .state::<crate::file_access::FileAccess>()
            .grant(access, path);
    }

    pub fn state(&self) -> tauri::State<'_, AppState> {
        self.app.state::<AppState>()
    }

    /// Calls a command as the UI does; `Err` holds the JSON the UI would receive.
    pub fn invoke(&self, cmd: &str, args: Value) -> Result<Value, Value> {
        invoke(&self.window, cmd, args)
    }
}

/// Calls a command on `window` as the UI does; `Err` holds the JSON the UI would receive.
fn invoke(window: &WebviewWindow<MockRuntime>, cmd: &str, args: Value) -> Result<Value, Value> {
    let request = InvokeRequest {
        cmd: cmd.into(),
        callback: CallbackFn(0),
        error: CallbackFn(1),
        url: "tauri://localhost".parse().unwrap(),
        body: InvokeBody::Json(args),
        headers: Default::default(),
        invoke_key: INVOKE_KEY.to_string(),
    };
    tauri::test::get_ipc_response(window, request).map(|body| body.deserialize::<Value>().unwrap())
}
