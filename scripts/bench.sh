#!/usr/bin/env bash
# Benchmarks of zi-console. Each prints a ratio against a reference measured in the same run:
#   pace:  accepted enrich requests per second ÷ the 25/s rate ceiling, against the simulator
#          with ~80 ms latency (goal ≥ 0.95), for the client alone and for `zi enrich` of 6,000 rows;
#          the same `zi enrich` against stray faults (3% random 429s, 3% 500s, tokens living 6 s;
#          goal ≥ 0.9 of 25/s), the same clean `zi enrich` through the GTM Data API
#          (`zi --backend gtm`, goal ≥ 0.95), and against a real limit of 10/s (another user takes the rest of
#          the account): achieved rate ÷ 10 (goal ≥ 0.9) and the share refused with 429 (goal < 5%);
#   scale: `zi enrich --dry-run` of a 1,000,000-row CSV ÷ `sqlite3 .import` of the same file
#          (goal ≤ 1.0×), and its peak memory (goal < 250 MB).
#   isolation: `zi enrich --dry-run` of a 100,000-row XLSX read in a child process (as release
#          builds do) ÷ the same read in-process.
#   team:  four `zi enrich` processes at once, each with its own data folder but one team
#          database (a private PostgreSQL), on four 3,000-row files overlapping by half, against
#          the simulator at 25 requests/s: credits charged ÷ distinct records (goal 1.0, nobody
#          paid twice), accepted requests/s of all four ÷ 25 (goal ≥ 0.9), the share refused
#          with 429 (goal < 2%); and one `zi enrich` on PostgreSQL ÷ the same on SQLite alone.
#   scim:  a provisioning check of a 20,000-user directory behind a SCIM server allowing 10
#          requests/s (429 with Retry-After beyond): the least time its requests take at 10/s (from
#          the same check without the limit) ÷ the time taken (goal ≥ 0.8), and the time.
# BENCH_ROWS and BENCH_XLSX_ROWS override the files' sizes; BENCH_ONLY="pace scale" runs some
# of the groups (scim, pace, team, scale, isolation) only.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/bootstrap.sh

echo "==> building (release)"
cargo build --release -p zi-cli --locked
# Wherever cargo builds (CARGO_TARGET_DIR is honoured).
TARGET_DIR=$(cargo metadata --format-version 1 --no-deps | python3 -c 'import json, sys; print(json.load(sys.stdin)["target_directory"])')
ZI="$TARGET_DIR/release/zi"
WORK="$(mktemp -d)"
SIM_PID=""
# shellcheck source=scripts/lib/postgres.sh
. scripts/lib/postgres.sh
cleanup() { [ -n "$SIM_PID" ] && kill "$SIM_PID" 2>/dev/null; stop_postgres; rm -rf "$WORK"; }
trap cleanup EXIT
# Whether a group runs: all of them unless BENCH_ONLY names some.
want() { [ -z "${BENCH_ONLY:-}" ] || [[ " $BENCH_ONLY " == *" $1 "* ]]; }

# A simulator on a free port with the given knobs; its summary (what it refused) goes to $SIM_OUT.
start_sim() {
  PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
  SIM_OUT="$WORK/sim-$PORT.out"
  "$ZI" sim serve --port "$PORT" "$@" >"$SIM_OUT" &
  SIM_PID=$!
  for _ in $(seq 50); do (echo >/dev/tcp/127.0.0.1/"$PORT") 2>/dev/null && break; sleep 0.1; done
}
# Stops it; it prints "Stopped after N API requests: A accepted, R refused with 429 ...".
stop_sim() { kill "$SIM_PID"; wait "$SIM_PID" 2>/dev/null || true; SIM_PID=""; }
# `zi enrich` of the 6,000-row sample against the running simulator, in a fresh data folder.
enrich_sample() {
  ZI_API_URL="http://127.0.0.1:$PORT" ZI_USERNAME=demo@zi-console.test ZI_PASSWORD=demo-password ZI_DATA_DIR="$WORK/pace-data-$1" \
    "$ZI" enrich contact "$WORK/pace.csv" --output "$WORK/pace-out-$1.csv" --yes
}
# Requests per second from the report's "Sent N enrich requests in S s", ÷ the reference rate.
pace_ratio() {
  python3 -c '
import re, sys
reference, label, goal = float(sys.argv[1]), sys.argv[2], sys.argv[3]
m = re.search(r"Sent ([\d,]+) enrich requests in ([\d.]+) s", sys.stdin.read())
requests, seconds = int(m.group(1).replace(",", "")), float(m.group(2))
print(f"{label} (accepted req/s ÷ {reference:g}): {requests / seconds / reference:.3f}  (goal {goal})")' "$@"
}

if want scim; then
echo
echo "==> scim: a 20,000-user directory behind a server allowing 10 requests/s"
cargo bench -p zi-core --bench scim_directory --locked 2>/dev/null | grep -E "^scim"
fi

if want pace; then
echo
echo "==> pace: the client alone (400 requests of 25)"
cargo bench -p zi-client --bench pace --locked 2>/dev/null | grep -E "^pace"

"$ZI" sim sample contact --rows 6000 --output "$WORK/pace.csv" >/dev/null

echo
echo "==> pace: zi enrich of 6,000 rows, simulator at 80 ms latency and 25 requests/s"
start_sim --latency-ms 80 --rate-per-sec 25 --rate-per-min 1500
REPORT=$(enrich_sample clean)
stop_sim
echo "$REPORT" | grep -E "^(Sent|Done)"
echo "$REPORT" | pace_ratio 25 "pace ratio" "≥ 0.95"

echo
echo "==> pace on the GTM Data API: zi --backend gtm enrich of 6,000 rows, same simulator"
start_sim --latency-ms 80 --rate-per-sec 25 --rate-per-min 1500
REPORT=$(ZI_API_URL="http://127.0.0.1:$PORT/gtm" ZI_BACKEND=gtm ZI_GTM_ACCESS_TOKEN=zi-sim-gtm-demo-token ZI_DATA_DIR="$WORK/pace-data-gtm" \
  "$ZI" enrich contact "$WORK/pace.csv" --output "$WORK/pace-out-gtm.csv" --yes)
stop_sim
echo "$REPORT" | grep -E "^(Sent|Done)"
echo "$REPORT" | pace_ratio 25 "GTM pace ratio" "≥ 0.95"

echo
echo "==> pace under stray faults: zi enrich of 6,000 rows, 3% random 429s and 3% 500s, tokens living 6 s, 80 ms latency, 25 requests/s"
start_sim --latency-ms 80 --rate-per-sec 25 --rate-per-min 1500 --share-429 0.03 --share-500 0.03 --token-lifetime 6
REPORT=$(enrich_sample stray)
stop_sim
echo "$REPORT" | grep -E "^Sent"
grep -E "^Stopped" "$SIM_OUT"
echo "$REPORT" | pace_ratio 25 "stray-fault pace ratio" "≥ 0.9"

echo
echo "==> pace under a shared limit: zi enrich of 6,000 rows, the server lets 10 requests/s through (the client is set for 25), 80 ms latency"
start_sim --latency-ms 80 --rate-per-sec 10 --rate-per-min 1500
REPORT=$(enrich_sample shared)
stop_sim
echo "$REPORT" | grep -E "^Sent"
grep -E "^Stopped" "$SIM_OUT"
echo "$REPORT" | pace_ratio 10 "shared-limit pace ratio" "≥ 0.9"
python3 -c '
import re, sys
m = re.search(r"Stopped after ([\d,]+) API requests: [\d,]+ accepted, ([\d,]+) refused with 429", open(sys.argv[1]).read())
requests, refused = (int(g.replace(",", "")) for g in m.groups())
print(f"shared-limit refused share (429s ÷ requests): {refused / requests:.3f}  (goal < 0.05)")' "$SIM_OUT"
fi

if want team; then
echo
echo "==> team: four zi enrich processes at once on one team database (PostgreSQL), four 3,000-row files overlapping by half, simulator at 80 ms latency and 25 requests/s"
start_postgres
"$ZI" sim sample contact --rows 7500 --output "$WORK/team-all.csv" >/dev/null
for i in 0 1 2 3; do
  python3 -c '
import sys
lines = open(sys.argv[1], encoding="utf-8-sig").read().splitlines()
start = 1 + int(sys.argv[2]) * 1500
open(sys.argv[3], "w", encoding="utf-8").write("\n".join([lines[0]] + lines[start:start + 3000]) + "\n")' "$WORK/team-all.csv" "$i" "$WORK/team-$i.csv"
done
start_sim --latency-ms 80 --rate-per-sec 25 --rate-per-min 1500
STARTED=$(date +%s.%N)
for i in 0 1 2 3; do
  ZI_DATABASE_URL="$PG_URL" ZI_TEAM_MEMBER="member-$i" ZI_API_URL="http://127.0.0.1:$PORT" ZI_USERNAME=demo@zi-console.test ZI_PASSWORD=demo-password \
    ZI_DATA_DIR="$WORK/team-data-$i" "$ZI" enrich contact "$WORK/team-$i.csv" --output "$WORK/team-out-$i.csv" --yes >"$WORK/team-report-$i.txt" 2>&1 &
done
wait_ok=0
for job in $(jobs -p); do [ "$job" = "$SIM_PID" ] && continue; wait "$job" || wait_ok=1; done
ENDED=$(date +%s.%N)
stop_sim
[ "$wait_ok" -eq 0 ] || { cat "$WORK"/team-report-*.txt; echo "a team member's zi enrich failed" >&2; exit 1; }
grep -hE "^Done" "$WORK"/team-report-*.txt
grep -E "^(Stopped|Charged)" "$SIM_OUT"
python3 -c '
import re, sys
text = open(sys.argv[1]).read()
seconds = float(sys.argv[3]) - float(sys.argv[2])
requests, accepted, refused = (int(g.replace(",", "")) for g in re.search(r"Stopped after ([\d,]+) API requests: ([\d,]+) accepted, ([\d,]+) refused", text).groups())
credits, distinct, enrich = (int(g.replace(",", "")) for g in re.search(r"Charged ([\d,]+) credits for ([\d,]+) distinct records in ([\d,]+) enrich", text).groups())
print(f"team credits ratio (credits charged ÷ distinct records): {credits / distinct:.3f}  (goal 1.000: {credits - distinct} paid twice)")
print(f"team pace ratio (accepted requests/s of all four ÷ 25): {accepted / seconds / 25:.3f}  (goal ≥ 0.9; {accepted} accepted in {seconds:.1f} s, planning included)")
print(f"team refused share (429s ÷ requests): {refused / requests:.3f}  (goal < 0.02)")' "$SIM_OUT" "$STARTED" "$ENDED"

echo
echo "==> team: one zi enrich of a 3,000-row file on PostgreSQL against the same on SQLite alone (simulator without limits or latency)"
start_sim
SQLITE_S=$(python3 tests/bench/measure.py env ZI_API_URL="http://127.0.0.1:$PORT" ZI_USERNAME=demo@zi-console.test ZI_PASSWORD=demo-password ZI_DATA_DIR="$WORK/solo-sqlite" \
  "$ZI" enrich contact "$WORK/team-0.csv" --output "$WORK/solo-sqlite.csv" --yes | cut -d" " -f1)
PGPASSWORD="${PG_URL#postgres://zi:}"; PGPASSWORD="${PGPASSWORD%@*}" "$PG_BIN/createdb" -h 127.0.0.1 -p "$PG_PORT" -U zi solo
SOLO_URL="${PG_URL%/zi}/solo"
PG_S=$(python3 tests/bench/measure.py env ZI_DATABASE_URL="$SOLO_URL" ZI_API_URL="http://127.0.0.1:$PORT" ZI_USERNAME=demo@zi-console.test ZI_PASSWORD=demo-password ZI_DATA_DIR="$WORK/solo-pg" \
  "$ZI" enrich contact "$WORK/team-0.csv" --output "$WORK/solo-pg.csv" --yes | cut -d" " -f1)
stop_sim
stop_postgres
echo "SQLite alone: ${SQLITE_S} s; with the team database: ${PG_S} s"
python3 -c "print(f'team store ratio (time with PostgreSQL ÷ SQLite alone): {${PG_S} / ${SQLITE_S}:.2f}×')"
fi

if want scale; then
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

fi

if want isolation; then
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
fi
