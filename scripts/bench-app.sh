#!/usr/bin/env bash
# Benchmarks of the desktop app (release build, as `npx tauri build` makes it, without bundling):
#   size:  the release binary's size (goal < 12 MB);
#   start: launch in demo mode under Xvfb until the first screen is ready (the page's first
#          status answer, logged by the app), median of 5 cold launches (goal < 1 s);
#   scroll: a 100,000-row file's review scrolled in the real WebView, frame times against the
#          same WebView idle (tests/bench/scroll_review.py).
# SKIP_BUILD=1 reuses the release binary as it is.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
APP="$ROOT/target/release/zi-console"

if [ "${1:-}" != "--inside-xvfb" ]; then
  ./scripts/bootstrap.sh
  SKIP_BUILD=1 SKIP_BOOTSTRAP=1 ./scripts/e2e.sh --tools-only
  if [ -z "${SKIP_BUILD:-}" ]; then
    echo "==> building the release app (UI embedded)"
    npm --prefix ui run build >/dev/null
    cargo build --release -p zi-console --features tauri/custom-protocol --locked
    cargo build -p zi-cli --locked --quiet
  fi
  exec xvfb-run -a -s '-screen 0 1280x800x24' bash "$0" --inside-xvfb
fi

# shellcheck source=lib/webdriver.sh
source "$ROOT/scripts/lib/webdriver.sh"

echo
echo "==> size"
python3 -c "import os; b=os.path.getsize('$APP'); print(f'release binary: {b:,} bytes = {b/1e6:.2f} MB = {b/1048576:.2f} MiB -> ratio to the 12 MB goal {b/12e6:.2f}')"

echo
echo "==> cold start to the first screen (demo mode, fresh profile each time)"
STARTS=()
for i in 1 2 3 4 5; do
  mkdir -p "$WORK/start-$i"
  ( cd "$WORK/start-$i" && ZI_DATA_DIR="$WORK/start-$i/data" XDG_DATA_HOME="$WORK/start-$i/xdg" XDG_CONFIG_HOME="$WORK/start-$i/cfg" \
      XDG_CACHE_HOME="$WORK/start-$i/cache" timeout 30 "$APP" --demo >"$WORK/start-$i/log" 2>&1 & echo $! >"$WORK/start-$i/pid" )
  for _ in $(seq 300); do grep -q "first screen ready" "$WORK/start-$i/log" && break; sleep 0.05; done
  kill "$(cat "$WORK/start-$i/pid")" 2>/dev/null || true
  MS="$(grep -o 'first screen ready [0-9]* ms' "$WORK/start-$i/log" | grep -o '[0-9]*' || true)"
  [ -n "$MS" ] || { echo "launch $i never reached its first screen; its log:" >&2; cat "$WORK/start-$i/log" >&2; exit 1; }
  STARTS+=("$MS")
  sleep 0.5
done
python3 -c "
import statistics; s=[int(x) for x in '${STARTS[*]}'.split()]
m=statistics.median(s); print(f'cold start: {s} ms, median {m:.0f} ms -> ratio to the 1 s goal {m/1000:.2f}')"

echo
echo "==> scrolling a 100,000-row review"
"$ROOT/target/debug/zi" sim sample contact --rows 100000 --output "$WORK/big.csv" >/dev/null
export ZI_DATA_DIR="$WORK/scroll-data" XDG_DATA_HOME="$WORK/scroll-xdg" XDG_CONFIG_HOME="$WORK/scroll-cfg" XDG_CACHE_HOME="$WORK/scroll-cache"
export ZI_DEMO_FILE_CHOICES="$WORK/big.csv"
start_tauri_driver
BENCH_APP="$APP" BENCH_DRIVER_URL="$DRIVER_URL" "$ROOT/target/py-e2e/bin/python" "$ROOT/tests/bench/scroll_review.py"
