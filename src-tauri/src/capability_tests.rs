//! Least privilege: the main window's capability grants exactly what its page uses. Adding a
//! permission the page does not use, or a command the page calls without a permission, fails.
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

/// The commands the page invokes: every `call<…>("name"` in its Tauri backend.
fn invoked_by_page(page: &str) -> BTreeSet<String> {
    let mut commands = BTreeSet::new();
    for piece in page.split("call<").skip(1) {
        let line = piece.lines().next().unwrap_or_default();
        // `call<T>(command: string …` is the helper's own definition, not a call.
        let Some(start) = line.find(">(\"") else {
            continue;
        };
        let name = &line[start + 3..];
        commands.insert(name[..name.find('"').unwrap()].to_owned());
    }
    commands
}

#[test]
fn the_window_is_granted_exactly_what_its_page_uses() {
    let page = read("../ui/src/api/tauri.ts");
    let invoked = invoked_by_page(&page);
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

    for permission in granted.iter().filter(|p| !p.starts_with("allow-")) {
        let Some((_, used_by)) = PLUGIN_PERMISSIONS.iter().find(|(p, _)| p == permission) else {
            panic!("{permission} is granted, but nothing says what on the page needs it");
        };
        assert!(
            page.contains(used_by),
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
