#!/usr/bin/env bash
# Builds zi-console and opens it in demo mode: a simulated ZoomInfo API runs inside the app, so
# every screen works without an account and no credits are spent.
#
#   scripts/demo.sh            install what is missing, build the UI and the app, launch it
#   SKIP_BUILD=1 scripts/demo.sh   launch target/debug/zi-console as it is
#
# This is a debug build with the UI embedded. Release builds and installers: `npx tauri build`
# from ui/ (or `npm --prefix ui run tauri build`).
set -euo pipefail
cd "$(dirname "$0")/.."

if [ -z "${SKIP_BUILD:-}" ]; then
  bash scripts/bootstrap.sh
  echo "==> building the UI"
  npm --prefix ui run build
  echo "==> building the app (debug, with the UI embedded)"
  # Without tauri/custom-protocol the binary would look for the Vite dev server instead.
  cargo build -p zi-console --features tauri/custom-protocol
fi

APP=target/debug/zi-console
[ -x "$APP" ] || { echo "error: $APP is missing; run without SKIP_BUILD" >&2; exit 1; }

if [ "$(uname -s)" = "Linux" ] && [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ]; then
  command -v xvfb-run >/dev/null || { echo "error: no display, and xvfb-run is not installed (scripts/bootstrap.sh installs it)" >&2; exit 1; }
  echo "==> no display found: running zi-console inside a virtual display (xvfb-run, 1280x800)."
  echo "    Nothing will appear on screen; use scripts/screenshot.sh to see it. Ctrl-C to stop."
  exec xvfb-run -a -s '-screen 0 1280x800x24' "$APP" --demo "$@"
fi

echo "==> starting zi-console in demo mode"
exec "$APP" --demo "$@"
