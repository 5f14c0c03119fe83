#!/usr/bin/env bash
# The Windows desktop app, built and run here: cross-builds zi-console.exe for Windows x86-64 on
# Linux (x86_64-pc-windows-gnu with Debian's MinGW-w64, the UI embedded), packs it in an NSIS
# installer, and under Wine (headless, the Wine prefix of scripts/windows.sh) checks that:
#   1. the installer runs silently (/S) and puts zi-console.exe, its uninstaller, a Start-menu
#      shortcut and the uninstall entry (Apps & features) where a per-user install goes;
#   2. the installed zi-console.exe starts on a display (Xvfb) and, WebView2 being absent from
#      Wine, says so plainly: a message box (answered here with Enter through xdotool), the same
#      sentence on standard error, exit code 1; no crash, no panic, no hang;
#   3. the uninstaller (/S) removes the files, the shortcut and the uninstall entry.
# Then it prints the sizes of zi-console.exe and of the installer, and each step's time.
#
# The installer: Tauri's bundler (`tauri bundle --bundles nsis`, with Debian's makensis) where it
# can download what it needs; from Linux that is, on every run, its NSIS plugin
# nsis_tauri_utils.dll from GitHub (github.com/tauri-apps/nsis-tauri-utils, checked against its
# SHA-1; TAURI_BUNDLER_TOOLS_GITHUB_MIRROR names a mirror of GitHub's release downloads). Where
# GitHub is out of reach, scripts/lib/windows-app.nsi builds one with the same per-user layout,
# and the script says so. Either way WebView2 is left out of the installer (this build is for
# Wine, which has no WebView2 to install); the release workflow's installers are unchanged.
#
#   scripts/windows-app.sh                               debug build (the default)
#   WINDOWS_APP_PROFILE=release scripts/windows-app.sh   the release build as shipped (LTO)
#   SKIP_BOOTSTRAP=1 scripts/windows-app.sh              install nothing
#
# Times on 2 cores (debug): from a cold target/ about 10 minutes to build zi-console.exe (the
# crates it shares with zi.exe included; zi.exe after it, 2 more), then about 1 minute to pack
# (makensis) and check; after a change to the app, about 1.5 minutes in all. That is why
# scripts/test.sh runs it only when WINDOWS_APP=1. Debug: zi-console.exe 61 MB, installer 12 MB.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

TARGET="x86_64-pc-windows-gnu"
PROFILE="${WINDOWS_APP_PROFILE:-debug}"
TARGET_DIR="${CARGO_TARGET_DIR:-$ROOT/target}"
APP_DIR="$TARGET_DIR/$TARGET/$PROFILE"
EXE="$APP_DIR/zi-console.exe"
WORK="$ROOT/target/windows-app-checks"
VERSION="$(python3 -c 'import json; print(json.load(open("src-tauri/tauri.conf.json"))["version"])')"

say() { printf 'windows-app: %s\n' "$*"; }
fail() {
  printf 'windows-app: FAILED: %s\n' "$*" >&2
  exit 1
}

# shellcheck source=scripts/lib/wine.sh
. "$ROOT/scripts/lib/wine.sh"

case "$PROFILE" in
  debug) profile_flags=(--debug) ;;
  release) profile_flags=() ;;
  *) fail "WINDOWS_APP_PROFILE must be debug or release, not '$PROFILE'" ;;
esac

# This build only: no WebView2 in the installer (nothing to download at build or install time).
LOCAL_CONFIG='{"bundle":{"windows":{"webviewInstallMode":{"type":"skip"}}}}'
TAURI="$ROOT/ui/node_modules/.bin/tauri"
# The app and the UI it embeds, for Tauri's CLI (which might otherwise take tests/…'s package.json
# for the front end's).
export TAURI_APP_PATH="$ROOT/src-tauri" TAURI_FRONTEND_PATH="$ROOT/ui"

cleanup() { wineserver -k 2>/dev/null || true; }
trap cleanup EXIT

install() {
  [ -n "${SKIP_BOOTSTRAP:-}" ] || ./scripts/bootstrap.sh --windows
  local tool
  for tool in x86_64-w64-mingw32-gcc wine wineboot wineserver winepath makensis xvfb-run xdotool npm python3; do
    command -v "$tool" >/dev/null || fail "$tool is missing (on Debian/Ubuntu: scripts/bootstrap.sh --windows)"
  done
  [ -x "$TAURI" ] || (cd ui && npm ci --no-audit --no-fund --loglevel=error)
}

# Tauri's CLI builds the UI (beforeBuildCommand) and the app with it embedded. Windows-only
# warnings fail the build, and no debug info, as for zi.exe (scripts/windows.sh).
build() {
  say "building zi-console.exe ($TARGET, $PROFILE)"
  CARGO_TARGET_X86_64_PC_WINDOWS_GNU_RUSTFLAGS="-D warnings -C debuginfo=0 -C strip=symbols" \
    "$TAURI" build --ci --target "$TARGET" "${profile_flags[@]}" --no-bundle --config "$LOCAL_CONFIG"
  [ -f "$EXE" ] || fail "the build finished without $EXE"
}

mb() { awk -v s="$(stat -c %s "$1")" 'BEGIN { printf "%.1f MB", s / 1e6 }'; }

package() {
  rm -rf "$APP_DIR/bundle/nsis"
  say "packing the installer with Tauri's bundler (tauri bundle --bundles nsis)"
  if CARGO_TARGET_X86_64_PC_WINDOWS_GNU_RUSTFLAGS="-D warnings -C debuginfo=0 -C strip=symbols" \
    timeout 600 "$TAURI" bundle --ci --target "$TARGET" \
    "${profile_flags[@]}" --bundles nsis --config "$LOCAL_CONFIG" >"$WORK/bundle.log" 2>&1; then
    INSTALLER="$(find "$APP_DIR/bundle/nsis" -name '*-setup.exe' | head -1)"
    [ -n "$INSTALLER" ] || fail "tauri bundle finished without an installer in $APP_DIR/bundle/nsis"
    INSTALLER_KIND="Tauri's bundler"
    if [ -e "$PREFIX/drive_c/windows/syswow64/kernel32.dll" ]; then
      return 0
    fi
    say "  built $INSTALLER ($(mb "$INSTALLER")), a 32-bit program, which this Wine (64-bit only) cannot run;"
  else
    local wanted
    wanted="$(grep -o 'https://[^ "]*' "$WORK/bundle.log" | sort -u | tr '\n' ' ')"
    [ -n "$wanted" ] || { cat "$WORK/bundle.log" >&2; fail "tauri bundle failed, and not for a download"; }
    say "  Tauri's bundler could not download ${wanted}(target/windows-app-checks/bundle.log);"
  fi
  say "  packing with scripts/lib/windows-app.nsi instead (the same per-user layout, 64-bit)"
  INSTALLER="$APP_DIR/bundle/windows-app-check/zi-console_${VERSION}_x64-setup.exe"
  mkdir -p "$(dirname "$INSTALLER")"
  makensis -V2 -DAPP_DIR="$APP_DIR" -DVERSION="$VERSION" -DOUT_FILE="$INSTALLER" \
    scripts/lib/windows-app.nsi >"$WORK/makensis.log" 2>&1 ||
    { cat "$WORK/makensis.log" >&2; fail "makensis could not build the installer"; }
  INSTALLER_KIND="scripts/lib/windows-app.nsi"
}

# A Windows folder of the prefix (%LOCALAPPDATA%, …) as a Linux path.
prefix_folder() {
  winepath -u "$(wine cmd /c echo "%$1%" 2>/dev/null | tr -d '\r')" 2>/dev/null
}

UNINSTALL_KEY='HKCU\Software\Microsoft\Windows\CurrentVersion\Uninstall\zi-console'

check_install() {
  say "check 1: the installer, silently (/S)"
  local code=0
  timeout 300 wine "$INSTALLER" /S >"$WORK/install.out" 2>&1 </dev/null || code=$?
  timeout 120 wineserver -w || true
  [ "$code" -eq 0 ] || { cat "$WORK/install.out" >&2; fail "the installer exited with $code"; }
  INSTALL_DIR="$(prefix_folder LOCALAPPDATA)/zi-console"
  SHORTCUT="$(prefix_folder APPDATA)/Microsoft/Windows/Start Menu/Programs/zi-console.lnk"
  local file
  for file in "$INSTALL_DIR/zi-console.exe" "$INSTALL_DIR/uninstall.exe" "$SHORTCUT"; do
    [ -f "$file" ] || fail "not installed: $file (in the folder: $(find "$INSTALL_DIR" -mindepth 1 -printf '%f ' 2>&1))"
  done
  cmp -s "$EXE" "$INSTALL_DIR/zi-console.exe" || fail "the installed zi-console.exe is not the one built"
  wine reg query "$UNINSTALL_KEY" >"$WORK/uninstall-entry.txt" 2>/dev/null ||
    fail "no uninstall entry ($UNINSTALL_KEY)"
  grep -q "UninstallString" "$WORK/uninstall-entry.txt" || fail "the uninstall entry has no UninstallString: $(cat "$WORK/uninstall-entry.txt")"
  say "  installed in $INSTALL_DIR: $(find "$INSTALL_DIR" -mindepth 1 -printf '%f ')and the Start-menu shortcut"
}

# Under Xvfb: starts the app, waits for its window (the message box, without WebView2), keeps a
# screenshot of it when ImageMagick is here, and answers it with Enter. Arguments: the app, and
# where its output, the window's title and the screenshot go.
on_display() {
  local app="$1" out="$2" err="$3" title="$4" shot="$5" pid window="" code=0
  wine "$app" >"$out" 2>"$err" </dev/null &
  pid=$!
  for _ in $(seq 1 120); do
    window="$(xdotool search --onlyvisible --name '^zi-console$' 2>/dev/null | head -1 || true)"
    [ -n "$window" ] && break
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.5
  done
  if [ -n "$window" ]; then
    sleep 1 # drawn
    xdotool getwindowname "$window" >"$title" 2>/dev/null || true
    ! command -v import >/dev/null || import -window root "$shot" 2>/dev/null || true
    xdotool windowfocus --sync "$window" key Return 2>/dev/null || true
  fi
  wait "$pid" || code=$?
  return "$code"
}

check_start() {
  say "check 2: the installed zi-console.exe on a display (Xvfb), without WebView2"
  local code=0 start took
  start="$(now)"
  timeout 120 xvfb-run -a -s "-screen 0 1280x1024x24" bash -c "$(declare -f on_display); on_display \"\$@\"" _ \
    "$INSTALL_DIR/zi-console.exe" "$WORK/start.out" "$WORK/start.err" "$WORK/window-title.txt" \
    "$WORK/no-webview2.png" || code=$?
  timeout 60 wineserver -w || true
  took="$(awk -v a="$start" -v b="$(now)" 'BEGIN { printf "%.0f", b - a }')"
  [ "$code" -ne 124 ] || fail "zi-console.exe was still running after 2 minutes (it should exit when there is no WebView2)"
  if grep -q -i "panicked\|stack backtrace\|unhandled exception\|page fault" "$WORK/start.out" "$WORK/start.err"; then
    cat "$WORK/start.err" >&2
    fail "zi-console.exe crashed instead of saying what it lacks"
  fi
  [ "$code" -eq 1 ] || { cat "$WORK/start.out" "$WORK/start.err" >&2; fail "zi-console.exe exited with $code, not 1"; }
  grep -q "^zi-console could not start: .*WebView2" "$WORK/start.err" ||
    { cat "$WORK/start.err" >&2; fail "zi-console.exe did not say plainly that WebView2 is missing"; }
  [ -s "$WORK/window-title.txt" ] || fail "zi-console.exe showed no message box (a windowed program has no standard error to read)"
  say "  a message box, answered; exit $code after ${took} s: $(grep "^zi-console could not start" "$WORK/start.err" | head -1)"
  [ ! -f "$WORK/no-webview2.png" ] || say "  screenshot: target/windows-app-checks/no-webview2.png"
}

check_uninstall() {
  say "check 3: the uninstaller, silently (/S)"
  local code=0
  timeout 120 wine "$INSTALL_DIR/uninstall.exe" /S >"$WORK/uninstall.out" 2>&1 </dev/null || code=$?
  # The uninstaller runs a copy of itself from %TEMP% and returns at once: wait for that copy.
  timeout 120 wineserver -w || true
  [ "$code" -eq 0 ] || { cat "$WORK/uninstall.out" >&2; fail "the uninstaller exited with $code"; }
  local file
  for file in "$INSTALL_DIR/zi-console.exe" "$INSTALL_DIR/uninstall.exe" "$SHORTCUT"; do
    [ ! -e "$file" ] || fail "left behind by the uninstaller: $file"
  done
  ! wine reg query "$UNINSTALL_KEY" >/dev/null 2>&1 || fail "the uninstaller left the uninstall entry $UNINSTALL_KEY"
  say "  files, shortcut and uninstall entry removed"
}

rm -rf "$WORK" && mkdir -p "$WORK"
timed "install what is missing" install
timed "build zi-console.exe ($PROFILE)" build
timed "prepare the Wine prefix" prepare_prefix
timed "pack the installer" package
if [ -z "$WINE_STARTS" ]; then
  wine_unavailable "the installer was packed, but checks 1 to 3 did not run"
  exit 0
fi
timed "check 1: install" check_install
timed "check 2: start without WebView2" check_start
timed "check 3: uninstall" check_uninstall

say "zi-console.exe ($PROFILE): $(mb "$EXE"), $EXE"
say "installer ($INSTALLER_KIND): $(mb "$INSTALLER"), $INSTALLER"
say "step times:"
printf '  %s\n' "${TIMES[@]}"
say "all checks passed"
