#!/usr/bin/env bash
# The Linux package as users get it: packs the debug app (built with the UI embedded, as
# scripts/e2e.sh builds it) into a .deb with Tauri's own bundler (`tauri bundle`), then checks
# that
#   1. the package names itself, and every package it depends on is a real Debian package,
#      installed here (so `apt install ./zi-console.deb` can satisfy it);
#   2. dpkg installs it into a throwaway root (target/deb-root, never /) with the program, its
#      menu entry (valid by desktop-file-validate) and its icons where desktops look for them;
#   3. the installed program starts in demo mode under Xvfb, its window appears and shows the
#      UI (not a blank WebView), and it is still running a few seconds later;
#   4. dpkg removes it again, leaving none of its files.
# Prints the package's size and how long each step took.
#
#   scripts/deb-check.sh              build the app if need be, then check
#   SKIP_BUILD=1 scripts/deb-check.sh use target/debug/zi-console as it is
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

APP="$ROOT/target/debug/zi-console"
BUNDLE_DIR="$ROOT/target/debug/bundle/deb"
INSTALL_ROOT="$ROOT/target/deb-root"
WORK="$ROOT/target/deb-check"

say() { printf 'deb: %s\n' "$*"; }
fail() {
  printf 'deb: FAILED: %s\n' "$*" >&2
  exit 1
}

# shellcheck source=scripts/lib/timed.sh
. "$ROOT/scripts/lib/timed.sh"

build() {
  if [ -z "${SKIP_BUILD:-}" ]; then
    npm --prefix ui run build
    cargo build -p zi-console --features tauri/custom-protocol --locked
  fi
  [ -x "$APP" ] || fail "$APP is missing; run without SKIP_BUILD"
}

# Tauri's bundler packs the binary already built; it downloads nothing for a .deb.
pack() {
  rm -rf "$BUNDLE_DIR"
  ui/node_modules/.bin/tauri bundle --debug --bundles deb --ci >"$WORK/bundle.log" 2>&1 ||
    { cat "$WORK/bundle.log" >&2; fail "tauri bundle could not pack the .deb"; }
  DEB="$(find "$BUNDLE_DIR" -maxdepth 1 -name '*.deb' | head -n 1)"
  [ -n "$DEB" ] || fail "tauri bundle finished without a .deb in $BUNDLE_DIR"
}

check_metadata() {
  say "check 1: the package's name, version and dependencies"
  local field
  field="$(dpkg-deb --field "$DEB" Package)"
  [ "$field" = "zi-console" ] || fail "the package is called '$field', not zi-console"
  local version
  version="$(dpkg-deb --field "$DEB" Version)"
  [ "$version" = "$(python3 -c 'import json; print(json.load(open("src-tauri/tauri.conf.json"))["version"])')" ] ||
    fail "the package's version $version is not the app's (src-tauri/tauri.conf.json)"
  local depends dependency missing=()
  depends="$(dpkg-deb --field "$DEB" Depends)"
  printf '%s\n' "$depends" | grep -q 'libwebkit2gtk-4.1' || fail "the package does not depend on WebKitGTK 4.1: $depends"
  # "a, b (>= 1) | c": each alternative's package name.
  while read -r dependency; do
    [ -n "$dependency" ] || continue
    dpkg-query -W -f '${Status}\n' "$dependency" 2>/dev/null | grep -q "install ok installed" || missing+=("$dependency")
  done < <(printf '%s\n' "$depends" | tr ',|' '\n\n' | sed -E 's/\(.*\)//; s/^ +//; s/ +$//')
  [ "${#missing[@]}" -eq 0 ] || fail "the package depends on what no installed Debian package provides: ${missing[*]}"
  say "  zi-console $version, depends on: $depends"
}

# dpkg with its own database in the throwaway root. Dependencies live on this machine, not in
# that root, hence --force-depends; the package runs no maintainer scripts.
dpkg_root() { dpkg --root="$INSTALL_ROOT" --log=/dev/null --force-depends --force-not-root "$@"; }

check_install() {
  say "check 2: dpkg installs it into $INSTALL_ROOT"
  rm -rf "$INSTALL_ROOT"
  mkdir -p "$INSTALL_ROOT/var/lib/dpkg/info" "$INSTALL_ROOT/var/lib/dpkg/updates"
  : >"$INSTALL_ROOT/var/lib/dpkg/status"
  dpkg_root --install "$DEB" >"$WORK/install.log" 2>&1 || { cat "$WORK/install.log" >&2; fail "dpkg --install failed"; }
  dpkg_root --status zi-console | grep -q '^Status: install ok installed' || fail "dpkg does not list zi-console as installed"
  [ -x "$INSTALL_ROOT/usr/bin/zi-console" ] || fail "the package installed no /usr/bin/zi-console"
  local desktop="$INSTALL_ROOT/usr/share/applications/zi-console.desktop"
  [ -f "$desktop" ] || fail "the package installed no menu entry (usr/share/applications/zi-console.desktop)"
  desktop-file-validate "$desktop" || fail "desktop-file-validate refused the menu entry"
  grep -qx 'Exec=zi-console' "$desktop" || fail "the menu entry does not start zi-console: $(grep '^Exec=' "$desktop")"
  local icon
  icon="$(sed -n 's/^Icon=//p' "$desktop")"
  compgen -G "$INSTALL_ROOT/usr/share/icons/hicolor/*/apps/$icon.png" >/dev/null ||
    fail "the menu entry's icon '$icon' is not among the installed icons"
  local files=0 path
  while read -r path; do [ ! -f "$INSTALL_ROOT$path" ] || files=$((files + 1)); done < <(dpkg_root --listfiles zi-console)
  say "  $files files, menu entry valid, icon $icon"
}

check_start() {
  say "check 3: the installed program starts in demo mode under Xvfb"
  xvfb-run -a -s '-screen 0 1280x800x24' bash "$0" --inside-xvfb "$INSTALL_ROOT/usr/bin/zi-console" "$WORK"
}

check_remove() {
  say "check 4: dpkg removes it"
  dpkg_root --purge zi-console >"$WORK/remove.log" 2>&1 || { cat "$WORK/remove.log" >&2; fail "dpkg --purge failed"; }
  local left
  left="$(find "$INSTALL_ROOT" -path "$INSTALL_ROOT/var" -prune -o -type f -print | head -n 5)"
  [ -z "$left" ] || fail "dpkg --purge left files behind: $left"
  say "  nothing of it left in $INSTALL_ROOT"
}

# ---- inside the virtual display: start, wait for the window, look at it, stop ----
if [ "${1:-}" = "--inside-xvfb" ]; then
  program="$2" work="$3"
  profile="$(mktemp -d)"
  XDG_DATA_HOME="$profile/data" XDG_CONFIG_HOME="$profile/config" XDG_CACHE_HOME="$profile/cache" \
    "$program" --demo >"$work/app.log" 2>&1 &
  pid=$!
  trap 'kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; rm -rf "$profile"' EXIT
  timeout 30 xdotool search --sync --onlyvisible --name '^zi-console$' >/dev/null ||
    { cat "$work/app.log" >&2; fail "the installed zi-console opened no window in 30 s"; }
  sleep 6 # the WebView paints, the demo signs in
  kill -0 "$pid" 2>/dev/null || { cat "$work/app.log" >&2; fail "the installed zi-console quit on its own"; }
  import -window root "$work/window.png"
  # A blank or failed WebView is one or two colours; the demo's first screen has hundreds.
  colours="$(identify -format '%k' "$work/window.png")"
  [ "$colours" -ge 100 ] || fail "the window shows $colours colours: the UI did not load ($work/window.png)"
  say "  window up, $colours colours on screen ($work/window.png)"
  exit 0
fi

mkdir -p "$WORK"
timed "build the app" build
timed "pack the .deb (tauri bundle)" pack
timed "check 1: package metadata" check_metadata
timed "check 2: install" check_install
timed "check 3: start" check_start
timed "check 4: remove" check_remove

say "$(basename "$DEB"): $(awk -v s="$(stat -c %s "$DEB")" 'BEGIN { printf "%.1f MB", s / 1e6 }'), installed size $(dpkg-deb --field "$DEB" Installed-Size) KiB"
say "step times:"
printf '  %s\n' "${TIMES[@]}"
say "all checks passed"
