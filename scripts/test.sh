#!/usr/bin/env bash
# Runs every test of zi-console on a fresh clone: installs what is missing, builds the UI the
# app embeds, checks formatting, lints and the dependency policy (deny.toml), runs the Rust
# tests (client and CLI against the embedded simulator, the keychain against a real Secret
# Service), a type check for macOS of the crates that need no Apple SDK (scripts/macos-check.sh),
# the release workflow's lint (scripts/lint-workflows.sh), the Windows zi.exe under Wine
# (scripts/windows.sh) and the Windows app's installer under Wine when WINDOWS_APP=1
# (scripts/windows-app.sh; SKIP_WINDOWS=1 leaves both out), a short fuzzing run, checks that the
# generated IPC bindings are committed, and runs the conformance suite against ZoomInfo's
# published API description, the data connectors against json-server, the UI's tests, the SCIM interop, the corporate-network checks
# through mitmproxy, the end-to-end test through the app's real WebView and the .deb installed
# and started (scripts/deb-check.sh).
set -euo pipefail
cd "$(dirname "$0")/.."

# Pinned tools, installed into the project tree (tools/cargo, git-ignored) on first use.
CARGO_DENY_VERSION="0.20.2"
CARGO_MACHETE_VERSION="0.9.2"

step() { printf '\n==> %s\n' "$*"; }

# Linux: a private D-Bus session with an unlocked gnome-keyring gives the keychain tests a real
# Secret Service without touching the user's own keyrings.
with_keychain() {
  if [ "$(uname -s)" = "Linux" ] && command -v dbus-run-session >/dev/null && command -v gnome-keyring-daemon >/dev/null; then
    local keyring_home
    keyring_home="$(pwd)/target/test-keyring"
    rm -rf "$keyring_home" && mkdir -p "$keyring_home"
    XDG_DATA_HOME="$keyring_home" dbus-run-session -- bash -c '
      eval "$(printf "zi-console-tests" | gnome-keyring-daemon --unlock --components=secrets)"
      export ZI_TEST_KEYCHAIN=1
      exec "$@"' _ "$@"
  else
    "$@"
  fi
}

# A clean build gains nothing from incremental compilation, which would double what the
# build writes to disk (about 10 GB in all without it, the Windows zi.exe and its Wine prefix
# included).
if [ "${CI:-}" = "true" ]; then export CARGO_INCREMENTAL=0; fi

# Say plainly when the disk is nearly full, before a build fails halfway on it.
free_kib="$(df -Pk . | awk 'NR == 2 { print $4 }')"
if [ -n "$free_kib" ] && [ "$free_kib" -lt $((12 * 1024 * 1024)) ]; then
  echo "warning: only $((free_kib / 1024)) MB free on this disk; the full test run writes about 10 GB (target/ with the Windows build and its Wine prefix, ui/node_modules)" >&2
fi

step "Installing what is missing"
./scripts/bootstrap.sh

step "Building the UI (the app embeds it)"
npm --prefix ui run build

step "Formatting"
cargo fmt --all --check

step "Lints"
cargo clippy --workspace --all-targets --locked -- -D warnings

step "Licences, duplicate dependencies and crate sources (cargo-deny, see deny.toml)"
if ! tools/cargo/bin/cargo-deny --version 2>/dev/null | grep -qx "cargo-deny $CARGO_DENY_VERSION"; then
  cargo install cargo-deny --locked --version "$CARGO_DENY_VERSION" --root tools/cargo --quiet
fi
cargo fetch --locked --quiet # every platform's crates, so the check runs offline
PATH="$(pwd)/tools/cargo/bin:$PATH" cargo deny --offline --locked check licenses bans sources

step "Unused dependencies (cargo-machete)"
if ! tools/cargo/bin/cargo-machete --version 2>/dev/null | grep -qx "$CARGO_MACHETE_VERSION"; then
  cargo install cargo-machete --locked --version "$CARGO_MACHETE_VERSION" --root tools/cargo --quiet
fi
tools/cargo/bin/cargo-machete

step "macOS: the crates that check without Apple's SDK, for both halves of the universal app (scripts/macos-check.sh)"
./scripts/macos-check.sh

step "Release workflow: actionlint and ShellCheck (scripts/lint-workflows.sh)"
./scripts/lint-workflows.sh

step "Rust tests"
with_keychain cargo test --workspace --locked

step "Windows: zi.exe cross-built for x86_64-pc-windows-gnu and run under Wine (scripts/windows.sh)"
if [ -n "${SKIP_WINDOWS:-}" ]; then
  echo "skipped: SKIP_WINDOWS is set"
else
  ./scripts/windows.sh
  if [ -n "${WINDOWS_APP:-}" ]; then
    step "Windows: the app cross-built, its installer and the installed app under Wine (scripts/windows-app.sh)"
    SKIP_BOOTSTRAP=1 ./scripts/windows-app.sh
  else
    echo "the Windows app's installer under Wine: WINDOWS_APP=1 adds it (scripts/windows-app.sh)"
  fi
fi

step "Fuzzing, briefly (the long run: ./scripts/fuzz.sh)"
FUZZ_PARALLEL=2 ./scripts/fuzz.sh 15

step "Generated IPC bindings are committed"
if ! git diff --exit-code --stat -- ui/src/bindings || [ -n "$(git ls-files --others --exclude-standard ui/src/bindings)" ]; then
  echo "error: ui/src/bindings differ from the Rust types; run 'cargo test --workspace' and commit ui/src/bindings" >&2
  exit 1
fi

step "Conformance to ZoomInfo's published API (zi through Stoplight Prism validating requests and the simulator's answers)"
with_keychain npm --prefix tests/conformance test

step "Data connectors against a third-party REST server (json-server from npm): the API key in a query parameter, a header and the body"
npm --prefix tests/connectors test

step "UI lint (TypeScript and React's rules of hooks) and tests"
npm --prefix ui run lint
npm --prefix ui test

step "SCIM interop against a real third-party server (scim2-server from PyPI)"
./scripts/scim-interop.sh

step "Sign in with ZoomInfo and to OAuth 2.0 data connectors (PKCE, loopback redirect) against a real OpenID provider (oidc-provider-mock from PyPI)"
with_keychain ./scripts/oauth-interop.sh

step "Corporate networks through a real TLS-intercepting proxy (mitmproxy from PyPI): trust, HTTPS_PROXY, a proxy with a password"
with_keychain ./scripts/network.sh

step "End to end through the real WebView (tauri-driver + WebKitWebDriver, demo mode)"
SKIP_BOOTSTRAP=1 ./scripts/e2e.sh

step "OAuth 2.0 data connector signed in through the real window against a real OpenID provider (tauri-driver, oidc-provider-mock, json-server)"
SKIP_BOOTSTRAP=1 SKIP_BUILD=1 with_keychain ./scripts/e2e-connectors.sh

step "The Linux package: packed by Tauri's bundler, installed with dpkg into a throwaway root, started under Xvfb, removed (scripts/deb-check.sh)"
SKIP_BUILD=1 ./scripts/deb-check.sh
