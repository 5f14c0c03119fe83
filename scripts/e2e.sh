#!/usr/bin/env bash
# End-to-end test through the real WebView: builds the app as outside checks do (UI first, then
# `cargo build -p zi-console --features tauri/custom-protocol`), starts tauri-driver with
# WebKitWebDriver in a virtual display, and runs tests/e2e/enrich_flow.py: demo mode, a CSV from
# tests/fixtures planned, estimated, enriched (pause and resume on the way), reviewed and exported,
# then the exported file checked; then search results ticked and sent with "Enrich selected".
# Screenshots of each step land in target/e2e/.
#
#   scripts/e2e.sh              install what is missing, build, run
#   SKIP_BUILD=1 scripts/e2e.sh reuse the built UI and app
#   scripts/e2e.sh --tools-only install tauri-driver and selenium, nothing else (bench-app.sh)
#   E2E_UPDATE_SCREENSHOTS=1 scripts/e2e.sh  also copy the Enrich steps into docs/screenshots
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

TAURI_DRIVER_VERSION="2.1.0"
SELENIUM_VERSION="4.51.0"
TOOLS="$ROOT/tools/cargo"
VENV="$ROOT/target/py-e2e"
APP="$ROOT/target/debug/zi-console"
NATIVE_DRIVER="${WEBKIT_WEBDRIVER:-/usr/bin/WebKitWebDriver}"
say() { printf 'e2e: %s\n' "$*"; }

if [ "${1:-}" != "--inside-xvfb" ]; then
  [ -n "${SKIP_BOOTSTRAP:-}" ] || ./scripts/bootstrap.sh
  if ! "$TOOLS/bin/tauri-driver" --help >/dev/null 2>&1 || [ "$(cat "$TOOLS/.tauri-driver-version" 2>/dev/null)" != "$TAURI_DRIVER_VERSION" ]; then
    say "installing tauri-driver $TAURI_DRIVER_VERSION into $TOOLS"
    cargo install tauri-driver --locked --version "$TAURI_DRIVER_VERSION" --root "$TOOLS" --quiet
    echo "$TAURI_DRIVER_VERSION" >"$TOOLS/.tauri-driver-version"
  fi
  # shellcheck source=scripts/lib/pytool.sh
  . "$ROOT/scripts/lib/pytool.sh"
  pip_tool "$VENV" selenium "$SELENIUM_VERSION"
  [ -x "$NATIVE_DRIVER" ] || { echo "error: $NATIVE_DRIVER is missing (Debian package webkit2gtk-driver)" >&2; exit 1; }
  [ "${1:-}" != "--tools-only" ] || exit 0
  if [ -z "${SKIP_BUILD:-}" ]; then
    say "building the UI and the app (debug, UI embedded)"
    npm --prefix ui run build >/dev/null
    cargo build -p zi-console --features tauri/custom-protocol --locked
  fi
  # Release builds read workbooks in a child process of the app (panics abort there): the app's
  # executable must serve that reader before it starts any window.
  frames="$("$APP" --zi-sheet-read-workbook zip tests/fixtures/contacts.xlsx || true)"
  grep -q '^{"Ready":{"format":"Xlsx","sheet_name":"Contacts"' <<<"$frames" && [ "$(grep -c '^{"Row"' <<<"$frames")" = 9 ] && [ "$(tail -n 1 <<<"$frames")" = '"End"' ] \
    || { echo "error: the app did not serve the workbook reader:" >&2; head -c 600 <<<"$frames" >&2; exit 1; }
  say "the app serves the workbook reader (contacts.xlsx: header and 8 rows)"
  exec xvfb-run -a -s '-screen 0 1280x800x24' bash "$0" --inside-xvfb
fi

# ---- inside the virtual display ----
# shellcheck source=lib/webdriver.sh
source "$ROOT/scripts/lib/webdriver.sh"
mkdir -p "$WORK/out" "$ROOT/target/e2e"
INPUT="$ROOT/tests/fixtures/e2e_contacts.csv"
OUTPUT="$WORK/out/e2e_contacts-enriched.csv"

# The app inherits this environment through tauri-driver and WebKitWebDriver: fresh data and
# profile folders, and the dialogs' answers.
export ZI_DATA_DIR="$WORK/data" XDG_DATA_HOME="$WORK/xdg-data" XDG_CONFIG_HOME="$WORK/xdg-config" XDG_CACHE_HOME="$WORK/xdg-cache"
export ZI_DEMO_FILE_CHOICES="$INPUT:$OUTPUT"
start_tauri_driver

if ! E2E_APP="$APP" E2E_DRIVER_URL="$DRIVER_URL" E2E_INPUT="$INPUT" E2E_OUTPUT="$OUTPUT" \
  E2E_SHOTS="$ROOT/target/e2e" "$VENV/bin/python" "$ROOT/tests/e2e/enrich_flow.py"; then
  echo "e2e: tauri-driver's log:" >&2
  tail -n 40 "$WORK/driver.log" >&2
  exit 1
fi

if [ -n "${E2E_UPDATE_SCREENSHOTS:-}" ]; then
  cp "$ROOT/target/e2e/1-estimate.png" "$ROOT/docs/screenshots/enrich-mapping.png"
  cp "$ROOT/target/e2e/2-paused.png" "$ROOT/docs/screenshots/enrich-progress.png"
  cp "$ROOT/target/e2e/3-review.png" "$ROOT/docs/screenshots/enrich-review.png"
  cp "$ROOT/target/e2e/5-usage-credits.png" "$ROOT/docs/screenshots/usage-credits.png"
  echo "e2e: screenshots copied to docs/screenshots"
fi

# After the run, no secret anywhere the app wrote: the demo password and any session token
# (a JWT) must be absent from its data folder, its logs and what it printed.
python3 - "$WORK" <<'PY'
import os, re, stat, sys
jwt = re.compile(rb"eyJ[A-Za-z0-9_-]{10,}\.eyJ")
found, checked = [], 0
for folder, _, names in os.walk(sys.argv[1]):
    for name in names:
        path = os.path.join(folder, name)
        if not stat.S_ISREG(os.lstat(path).st_mode):
            continue  # sockets and pipes of the session bus
        data = open(path, "rb").read()
        checked += 1
        if b"demo-password" in data or jwt.search(data):
            found.append(path)
if found:
    sys.exit(f"e2e: FAILED: a secret was written to {found}")
print(f"e2e: no password or token in the {checked} files of the data folder, logs and output")
PY
