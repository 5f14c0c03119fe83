#!/usr/bin/env bash
# Installs what building, running and testing zi-console needs on Debian/Ubuntu, and only what
# is missing: system packages (apt), the UI's npm modules (npm ci). Safe to run again.
# On macOS and Windows see the README's prerequisites instead.
#
#   scripts/bootstrap.sh            what building, running and testing on Linux needs
#   scripts/bootstrap.sh --build    only the system packages building the app needs (the release
#                                   workflow's Linux job, .github/workflows/release.yml)
#   scripts/bootstrap.sh --windows  only what cross-building zi.exe and the app and running them
#                                   under Wine needs (scripts/windows.sh, scripts/windows-app.sh):
#                                   MinGW-w64, Wine, NSIS, Xvfb, Rust's Windows target
set -euo pipefail
cd "$(dirname "$0")/.."

# Build: Tauri's WebKitGTK stack.
BUILD_APT_PACKAGES=(
  build-essential pkg-config file libwebkit2gtk-4.1-dev libssl-dev
  libayatana-appindicator3-dev librsvg2-dev libgtk-3-dev libxdo-dev libdbus-1-dev
)
# Run and test: a virtual display, WebKit's WebDriver, a Secret Service (gnome-keyring on a
# private D-Bus), ImageMagick for screenshots, ShellCheck for the release workflow's scripts,
# man (man-db, groff) to render the pages `zi man` writes, desktop-file-validate for the
# .deb's menu entry, and PostgreSQL's server programs for team mode's store (the tests start a
# private server with initdb and pg_ctl; no system cluster is used).
TEST_APT_PACKAGES=(
  xvfb xauth x11-utils xdotool imagemagick webkit2gtk-driver dbus dbus-x11
  gnome-keyring libsecret-tools sqlite3 python3-venv shellcheck groff-base man-db
  desktop-file-utils postgresql
)

# Windows from Linux (scripts/windows.sh, scripts/windows-app.sh): the x86-64 MinGW-w64 C
# compiler (SQLite and ring are C) without the mingw-w64 metapackage's 32-bit and C++ compilers,
# 64-bit Wine for the 64-bit programs (no i386 multiarch), makensis for the app's installer
# (whose stubs need no compiler here), and Xvfb and xdotool for the app's window.
WINDOWS_APT_PACKAGES=(gcc-mingw-w64-x86-64-win32 wine64 wine nsis xvfb xauth xdotool)
WINDOWS_RUST_TARGET="x86_64-pc-windows-gnu"

install_apt_packages() {
  command -v dpkg-query >/dev/null 2>&1 || return 0
  local missing=()
  for pkg in "$@"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  echo "==> installing system packages: ${missing[*]}"
  local sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

install_npm_modules() {
  command -v npm >/dev/null 2>&1 || { echo "error: Node.js 20+ with npm is needed (https://nodejs.org)"; exit 1; }
  # The UI, the conformance suite's validator (Stoplight Prism) and the data connectors'
  # third-party REST server (json-server) inside the project tree.
  local dir
  for dir in ui tests/conformance tests/connectors; do
    [ -f "$dir/package-lock.json" ] || continue
    if [ ! -d "$dir/node_modules" ] || [ "$dir/package-lock.json" -nt "$dir/node_modules/.package-lock.json" ]; then
      echo "==> installing $dir modules (npm ci)"
      (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error)
    fi
  done
}

install_windows_tools() {
  install_apt_packages "${WINDOWS_APT_PACKAGES[@]}"
  # Its standard library, whichever way the toolchain was installed.
  if [ ! -d "$(rustc --print target-libdir --target "$WINDOWS_RUST_TARGET" 2>/dev/null)" ]; then
    command -v rustup >/dev/null 2>&1 || {
      echo "error: Rust's $WINDOWS_RUST_TARGET standard library is missing and there is no rustup to add it"
      exit 1
    }
    echo "==> adding Rust's $WINDOWS_RUST_TARGET target"
    rustup target add "$WINDOWS_RUST_TARGET"
  fi
}

if [ "${1:-}" = "--build" ]; then
  install_apt_packages "${BUILD_APT_PACKAGES[@]}"
  exit 0
fi
command -v cargo >/dev/null 2>&1 || { echo "error: a Rust toolchain is needed (https://rustup.rs)"; exit 1; }
if [ "${1:-}" = "--windows" ]; then
  install_windows_tools
  exit 0
fi
install_apt_packages "${BUILD_APT_PACKAGES[@]}" "${TEST_APT_PACKAGES[@]}"
install_npm_modules
