#!/usr/bin/env bash
# Benchmarks of zi-console. Each prints a ratio against a reference measured in the same run:
#   pace:  accepted enrich requests per second ÷ the 25/s rate ceiling, against the simulator
#          with ~80 ms latency (goal ≥ 0.95), for the client alone and for `zi enrich` of 6,000 rows;
#   scale: `zi enrich --dry-run` of a 1,000,000-row CSV ÷ `sqlite3 .import` of the same file
#          (goal ≤ 1.0×), and its peak memory (goal < 250 MB).
#   isolation: `zi enrich --dry-run` of a 100,000-row XLSX read in a child process (as release
#          builds do) ÷ the same read in-process.
# BENCH_ROWS and BENCH_XLSX_ROWS override the files' sizes.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/bootstrap.sh

echo "==> building (release)"
cargo build --release -p zi-cli --locked
ZI="$(pwd)/target/release/zi"
WORK="$(mktemp -d)"
SIM_PID=""
cleanup() { [ -n "$SIM_PID" ] && kill "$SIM_PID" 2>/dev/null; rm -rf "$WORK"; }
trap cleanup EXIT

echo
echo "==> pace: the client alone (400 requests of 25)"
cargo bench -p zi-client --bench pace --locked 2>/dev/null | grep -E "^pace"

echo
echo "==> pace: zi enrich of 6,000 rows, simulator at 80 ms latency and 25 requests/s"
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
"$ZI" sim serve --port "$PORT" --latency-ms 80 --rate-per-sec 25 --rate-per-min 1500 >/dev/null &
SIM_PID=$!
for _ in $(seq 50); do (echo >/dev/tcp/127.0.0.1/"$PORT") 2>/dev/null && break; sleep 0.1; done
"$ZI" sim sample contact --rows 6000 --output "$WORK/pace.csv" >/dev/null
REPORT=$(ZI_API_URL="http://127.0.0.1:$PORT" ZI_USERNAME=demo@zi-console.test ZI_PASSWORD=demo-password ZI_DATA_DIR="$WORK/pace-data" \
  "$ZI" enrich contact "$WORK/pace.csv" --output "$WORK/pace-out.csv" --yes)
echo "$REPORT" | grep -E "^(Sent|Done)"
echo "$REPORT" | python3 -c '
import re, sys
m = re.search(r"Sent ([\d,]+) enrich requests in ([\d.]+) s", sys.stdin.read())
requests, seconds = int(m.group(1).replace(",", "")), float(m.group(2))
print(f"pace ratio (accepted req/s ÷ 25): {requests / seconds / 25:.3f}  (goal ≥ 0.95)")'
kill "$SIM_PID"; SIM_PID=""

ROWS="${BENCH_ROWS:-1000000}"
echo
echo "==> scale: --dry-run of a ${ROWS}-row CSV against sqlite3 .import of the same file"
"$ZI" sim sample contact --rows "$ROWS" --output "$WORK/big.csv" >/dev/null
ls -l "$WORK/big.csv" | awk '{printf "file: %.1f MB\n", $5/1048576}'
read -r IMPORT_S IMPORT_MB < <(python3 tests/bench/measure.py sqlite3 "$WORK/import.db" ".import --csv $WORK/big.csv contacts")
read -r DRY_S DRY_MB < <(ZI_DATA_DIR="$WORK/scale-data" python3 tests/bench/measure.py "$ZI" --demo enrich contact "$WORK/big.csv" --dry-run)
echo "sqlite3 .import: ${IMPORT_S} s, peak ${IMPORT_MB} MB"
echo "zi --dry-run:    ${DRY_S} s, peak ${DRY_MB} MB"
python3 -c "print(f'scale ratio (dry-run ÷ sqlite3 .import): {${DRY_S} / ${IMPORT_S}:.2f}×  (goal ≤ 1.0×); peak memory {${DRY_MB}:.0f} MB (goal < 250 MB)')"

XLSX_ROWS="${BENCH_XLSX_ROWS:-100000}"
echo
echo "==> workbook isolation: --dry-run of a ${XLSX_ROWS}-row XLSX read in a child process against the same read in-process"
"$ZI" sim sample contact --rows "$XLSX_ROWS" --output "$WORK/big.xlsx" >/dev/null
ls -l "$WORK/big.xlsx" | awk '{printf "file: %.1f MB\n", $5/1048576}'
read -r THREAD_S THREAD_MB < <(ZI_SHEET_READER=thread ZI_DATA_DIR="$WORK/xlsx-thread" python3 tests/bench/measure.py "$ZI" --demo enrich contact "$WORK/big.xlsx" --dry-run)
read -r CHILD_S CHILD_MB < <(ZI_SHEET_READER=process ZI_DATA_DIR="$WORK/xlsx-child" python3 tests/bench/measure.py "$ZI" --demo enrich contact "$WORK/big.xlsx" --dry-run)
echo "in-process:       ${THREAD_S} s, peak ${THREAD_MB} MB"
echo "child process:    ${CHILD_S} s, peak ${CHILD_MB} MB (the larger of app and reader)"
python3 -c "print(f'isolation ratio (child process ÷ in-process): {${CHILD_S} / ${THREAD_S}:.2f}×')"
