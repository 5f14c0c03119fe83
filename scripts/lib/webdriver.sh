# Sourced by scripts/e2e.sh and scripts/bench-app.sh inside their virtual display: a scratch
# folder ($WORK) and tauri-driver with WebKitWebDriver on free ports ($DRIVER_URL), both gone
# when the script exits. Expects $ROOT.

WORK="$(mktemp -d)"
DRIVER_PID=""
cleanup() {
  if [ -n "$DRIVER_PID" ]; then kill "$DRIVER_PID" 2>/dev/null || true; wait "$DRIVER_PID" 2>/dev/null || true; fi
  # WebKit's helper processes may still be writing their shader cache for a moment after the
  # driver goes: try again briefly, and never fail a finished run over a scratch folder.
  local attempt
  for attempt in 1 2 3 4 5; do
    rm -rf "$WORK" 2>/dev/null && return 0
    sleep "$attempt"
  done
  echo "note: could not remove the scratch folder $WORK" >&2
}
trap cleanup EXIT

# shellcheck source=scripts/lib/pytool.sh
. "$ROOT/scripts/lib/pytool.sh"

# Starts tauri-driver (its log: $WORK/driver.log) and waits until it listens. The app it
# launches inherits this shell's environment.
start_tauri_driver() {
  local port native
  port="$(free_port)"
  native="$(free_port)"
  "$ROOT/tools/cargo/bin/tauri-driver" --port "$port" --native-port "$native" \
    --native-driver "${WEBKIT_WEBDRIVER:-/usr/bin/WebKitWebDriver}" >"$WORK/driver.log" 2>&1 &
  DRIVER_PID=$!
  DRIVER_URL="http://127.0.0.1:$port"
  for _ in $(seq 100); do (echo >/dev/tcp/127.0.0.1/"$port") 2>/dev/null && break; sleep 0.1; done
}
