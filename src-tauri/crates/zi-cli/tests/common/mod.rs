//! Runs the built `zi` against `zi sim serve` on a random port, with a private data folder.
#![allow(dead_code)]

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command as StdCommand, Stdio};

use assert_cmd::Command;

pub const USER: &str = zi_sim::DEMO_USERNAME;
pub const PASSWORD: &str = zi_sim::DEMO_PASSWORD;

/// A `zi sim serve` process, stopped when dropped.
pub struct SimProcess {
    child: Child,
    pub url: String,
}

impl Drop for SimProcess {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Starts `zi sim serve --port 0 <extra>` and waits for its "listening on" line.
pub fn sim_serve(extra: &[&str]) -> SimProcess {
    let mut child = StdCommand::new(env!("CARGO_BIN_EXE_zi"))
        .args(["sim", "serve", "--port", "0"])
        .args(extra)
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .expect("zi sim serve starts");
    let stdout = child.stdout.take().expect("stdout");
    let mut line = String::new();
    BufReader::new(stdout).read_line(&mut line).expect("banner");
    let url = line
        .split_whitespace()
        .find(|word| word.starts_with("http://"))
        .unwrap_or_else(|| panic!("no URL in banner: {line}"))
        .to_string();
    // Wait until it accepts connections.
    let addr = url.trim_start_matches("http://").to_string();
    for _ in 0..100 {
        if std::net::TcpStream::connect(&addr).is_ok() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    SimProcess { child, url }
}

/// The keychain entries of this test process (never the app's own).
pub fn test_keychain_service() -> String {
    format!("zi-console-test-{}", std::process::id())
}

/// Whether the `zi` runs may reach an OS keychain: only the one `scripts/test.sh` starts for
/// them (ZI_TEST_KEYCHAIN=1), never the keyrings of the person running the tests.
pub fn keychain_reachable() -> bool {
    std::env::var("ZI_TEST_KEYCHAIN").is_ok_and(|v| v == "1")
}

/// `zi` with a private data folder and keychain entry, pointed at `url` with the demo credentials.
pub fn zi(url: &str, data: &tempfile::TempDir) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_zi"));
    cmd.env_clear()
        .env("PATH", std::env::var("PATH").unwrap_or_default())
        .env("ZI_API_URL", url)
        .env("ZI_USERNAME", USER)
        .env("ZI_PASSWORD", PASSWORD)
        .env("ZI_DATA_DIR", data.path())
        .env("ZI_KEYCHAIN_SERVICE", test_keychain_service())
        .timeout(std::time::Duration::from_secs(120));
    if let Ok(home) = std::env::var("HOME") {
        cmd.env("HOME", home);
    }
    for (var, value) in keychain_env() {
        cmd.env(var, value);
    }
    cmd
}

/// What a `zi` run needs to reach the test keychain (the session bus), when it may.
pub fn keychain_env() -> Vec<(&'static str, String)> {
    if !keychain_reachable() {
        return Vec::new();
    }
    ["DBUS_SESSION_BUS_ADDRESS", "XDG_RUNTIME_DIR"]
        .into_iter()
        .filter_map(|var| std::env::var(var).ok().map(|value| (var, value)))
        .collect()
}

/// Keeps a `zi` run started with the inherited environment away from the keychains of the
/// person running the tests (it may still reach the test keychain).
pub fn isolate_keychain(cmd: &mut std::process::Command) {
    cmd.env("ZI_KEYCHAIN_SERVICE", test_keychain_service());
    if !keychain_reachable() {
        cmd.env_remove("DBUS_SESSION_BUS_ADDRESS")
            .env_remove("XDG_RUNTIME_DIR");
    }
}

/// What a user must never see: a panic, a backtrace, a secret.
pub fn assert_plain(stderr: &str) {
    assert!(!stderr.contains("panicked"), "panic shown: {stderr}");
    assert!(
        !stderr.contains("stack backtrace"),
        "backtrace shown: {stderr}"
    );
    assert!(!stderr.contains(PASSWORD), "password shown: {stderr}");
}

pub fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// Writes a sample file of `rows` contacts or companies the simulator knows.
pub fn sample(dir: &Path, kind: &str, rows: usize) -> PathBuf {
    let path = dir.join(format!("{kind}s.csv"));
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_zi"))
        .args([
            "sim",
            "sample",
            kind,
            "--rows",
            &rows.to_string(),
            "--output",
        ])
        .arg(&path)
        .output()
        .expect("sample");
    assert!(out.status.success(), "{}", text(&out.stderr));
    path
}

/// (records charged, distinct ids charged) as the simulated account reports them.
pub fn account_credits(url: &str, data: &tempfile::TempDir) -> (i64, i64) {
    let out = zi(url, data)
        .args(["usage", "--json"])
        .output()
        .expect("usage");
    assert!(out.status.success(), "{}", text(&out.stderr));
    let limits: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout).expect("json");
    let used = |kind: &str| {
        limits
            .iter()
            .find(|l| l["limitType"] == kind)
            .and_then(|l| l["currentUsage"].as_i64())
            .expect(kind)
    };
    (used("recordLimit"), used("uniqueIdLimit"))
}
