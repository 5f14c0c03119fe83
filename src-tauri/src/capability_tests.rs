//! Least privilege: the main window's capability grants exactly what its page uses. `build.rs`
//! grants every command; a command the page never calls, or a plugin permission nothing on the
//! page needs, fails here.
#![allow(clippy::unwrap_used)]

use std::collections::BTreeSet;

/// Permissions that are not app commands, each with the page code that needs it.
const PLUGIN_PERMISSIONS: &[(&str, &str)] = &[
    // `onDragDropEvent` listens to the window's drag-and-drop events …
    ("core:event:allow-listen", "onDragDropEvent"),
    // … and stops listening when the Enrich screen closes.
    ("core:event:allow-unlisten", "onDragDropEvent"),
];

fn read(relative: &str) -> String {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(relative);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn granted() -> BTreeSet<String> {
    let capability: serde_json::Value =
        serde_json::from_str(&read("capabilities/main.json")).unwrap();
    assert_eq!(capability["windows"], serde_json::json!(["main"]));
    capability["permissions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            p.as_str()
                .expect("permissions are plain identifiers")
                .to_owned()
        })
        .collect()
}

/// The page's own source: screens, components and hooks, without tests, the generated layer
/// and the backends (which bind every command whether the page calls it or not).
fn page_sources(dir: &std::path::Path, out: &mut String) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        if path.is_dir() {
            if !matches!(name.as_str(), "api" | "bindings" | "test") {
                page_sources(&path, out);
            }
        } else if (name.ends_with(".ts") || name.ends_with(".tsx")) && !name.contains(".test.") {
            out.push_str(&std::fs::read_to_string(&path).unwrap());
        }
    }
}

/// The commands the page invokes: every `backend.name(` in its source, named as the generated
/// layer (`bindings/commands.ts`) maps each wrapper to its command.
fn invoked_by_page(page: &str, layer: &str) -> BTreeSet<String> {
    let wrapper_to_command: Vec<(String, String)> = layer
        .lines()
        .filter_map(|line| {
            let (wrapper, rest) = line.trim().split_once(": (")?;
            let name = rest.split("invoke(\"").nth(1)?.split('"').next()?;
            Some((wrapper.to_owned(), name.to_owned()))
        })
        .collect();
    // Calls are often chained over lines (`backend\n  .search(`).
    let compact: String = page.chars().filter(|c| !c.is_whitespace()).collect();
    compact
        .split("backend.")
        .skip(1)
        .filter_map(|piece| {
            let wrapper = piece.split('(').next()?;
            wrapper_to_command
                .iter()
                .find(|(w, _)| w == wrapper)
                .map(|(_, command)| command.clone())
        })
        .collect()
}

#[test]
fn the_window_is_granted_exactly_what_its_page_uses() {
    let mut page = String::new();
    page_sources(
        &std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../ui/src"),
        &mut page,
    );
    let invoked = invoked_by_page(&page, &read("../ui/src/bindings/commands.ts"));
    assert!(
        invoked.len() > 20,
        "the parse found the commands: {invoked:?}"
    );
    let granted = granted();

    let command_grants: BTreeSet<String> = granted
        .iter()
        .filter_map(|p| p.strip_prefix("allow-"))
        .map(|c| c.replace('-', "_"))
        .collect();
    let unused: Vec<_> = command_grants.difference(&invoked).collect();
    assert!(
        unused.is_empty(),
        "granted but never called by the page: {unused:?}"
    );
    let missing: Vec<_> = invoked.difference(&command_grants).collect();
    assert!(
        missing.is_empty(),
        "called by the page without a permission: {missing:?}"
    );

    let adapter = read("../ui/src/api/tauri.ts");
    for permission in granted.iter().filter(|p| !p.starts_with("allow-")) {
        let Some((_, used_by)) = PLUGIN_PERMISSIONS.iter().find(|(p, _)| p == permission) else {
            panic!("{permission} is granted, but nothing says what on the page needs it");
        };
        assert!(
            adapter.contains(used_by),
            "{permission} is granted for {used_by}, which the page no longer uses"
        );
    }
}

#[test]
fn the_page_has_no_plugin_of_its_own() {
    // Dialogs, notifications, window state and logs are driven from Rust; the page importing a
    // plugin would need a permission the capability does not give.
    let manifest: serde_json::Value = serde_json::from_str(&read("../ui/package.json")).unwrap();
    let plugins: Vec<&String> = manifest["dependencies"]
        .as_object()
        .unwrap()
        .keys()
        .filter(|name| name.starts_with("@tauri-apps/plugin-"))
        .collect();
    assert!(plugins.is_empty(), "{plugins:?}");
}

#[test]
fn the_content_security_policy_stays_strict() {
    let config: serde_json::Value = serde_json::from_str(&read("tauri.conf.json")).unwrap();
    let csp = config["app"]["security"]["csp"].as_str().unwrap();
    for forbidden in ["unsafe-eval", "http:", "https:", "*", "ws:"] {
        let allowed_ipc = forbidden == "http:"
            && csp.matches("http:").count() == 1
            && csp.contains("http://ipc.localhost");
        assert!(
            allowed_ipc || !csp.contains(forbidden),
            "the CSP allows {forbidden}: {csp}"
        );
    }
    assert!(csp.contains("script-src 'self'"), "{csp}");
    // No `window.__TAURI__` for injected scripts to find.
    assert_ne!(config["app"]["withGlobalTauri"], serde_json::json!(true));
}
