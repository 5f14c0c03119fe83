#!/usr/bin/env bash
# Windows, built and run here: cross-builds the `zi` CLI for Windows x86-64 on Linux (Rust's
# x86_64-pc-windows-gnu target with Debian's MinGW-w64, SQLite and ring compiled by its C
# compiler) and runs zi.exe under Wine, headless, in a Wine prefix of its own
# (target/wine-prefix, never ~/.wine). It checks that:
#   1. `zi --demo usage --json` lists the account's limits (recordLimit with its numbers), and
#      demo mode never calls Windows' Credential Manager;
#   2. a demo search exported to CSV has its header row and the rows asked for;
#   3. a demo enrichment of a `zi sim sample` file keeps every input row, cell for cell, and
#      appends ZoomInfo's columns (matches among them);
#   4. `zi login` against `zi sim serve` stores the credentials in the Credential Manager (Wine's
#      own), a later `zi usage` signs in with them alone, and `zi logout` removes them;
#   5. the same with a PKI sign-in, whose private key is longer than one credential of the
#      Credential Manager holds (1,280 characters): it is kept in several, read back whole, and
#      `zi logout` leaves none of them behind.
# Then it prints zi.exe's size and how long each step took. Installs what is missing first
# (scripts/bootstrap.sh --windows: MinGW-w64, Wine, Rust's Windows target).
#
#   scripts/windows.sh                          debug build: the quickest in all (from a cold
#                                               target/ about 1.5 minutes on 2 cores, 39 MB)
#   WINDOWS_PROFILE=release scripts/windows.sh  the release build as shipped (LTO: about twice
#                                               as long from cold, and after every change; 8 MB)
#   SKIP_BOOTSTRAP=1 scripts/windows.sh         install nothing
#
# The Wine prefix, and the stand-in for a DLL Wine 8 lacks: scripts/lib/wine.sh.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

TARGET="x86_64-pc-windows-gnu"
PROFILE="${WINDOWS_PROFILE:-debug}"
TARGET_DIR="${CARGO_TARGET_DIR:-$ROOT/target}"
EXE="$TARGET_DIR/$TARGET/$PROFILE/zi.exe"
WORK="$ROOT/target/windows-checks"

say() { printf 'windows: %s\n' "$*"; }
fail() {
  printf 'windows: FAILED: %s\n' "$*" >&2
  exit 1
}

# shellcheck source=scripts/lib/wine.sh
. "$ROOT/scripts/lib/wine.sh"

case "$PROFILE" in
  debug) build_flags=() ;;
  release) build_flags=(--release) ;;
  *) fail "WINDOWS_PROFILE must be debug or release, not '$PROFILE'" ;;
esac

install() {
  [ -n "${SKIP_BOOTSTRAP:-}" ] || ./scripts/bootstrap.sh --windows
  local tool
  for tool in x86_64-w64-mingw32-gcc wine wineboot wineserver python3 openssl; do
    command -v "$tool" >/dev/null || fail "$tool is missing (on Debian/Ubuntu: scripts/bootstrap.sh --windows)"
  done
}

# Windows-only warnings (code under #[cfg(windows)] or #[cfg(not(unix))]) fail the build here,
# as the host's clippy run fails on the host's. No debug info or symbols, not even the standard
# library's: nobody steps through this zi.exe (a panic still names its file and line), and
# without them the debug build is a quarter of the size (39 MB, not 153) and builds sooner.
build() {
  say "building zi.exe ($TARGET, $PROFILE)"
  CARGO_TARGET_X86_64_PC_WINDOWS_GNU_RUSTFLAGS="-D warnings -C debuginfo=0 -C strip=symbols" \
    cargo build --locked -p zi-cli --bin zi --target "$TARGET" "${build_flags[@]}"
  [ -f "$EXE" ] || fail "the build finished without $EXE"
}

SIM_PID=""
SIM_USER=""
cleanup() {
  [ -z "$SIM_PID" ] || kill "$SIM_PID" 2>/dev/null || true
  # The prefix's own wineserver (started by this script), and whatever still runs in it.
  wineserver -k 2>/dev/null || true
}
trap cleanup EXIT

# Runs zi.exe under Wine with a private data folder and keychain service; its output goes to
# $WORK/NAME.out and $WORK/NAME.err. Fails with both shown when it exits other than expected.
run_zi() {
  local name="$1" expected="$2"
  shift 2
  local code=0
  ZI_DATA_DIR="$(winpath "$WORK/data")" ZI_KEYCHAIN_SERVICE="zi-console-windows-check" \
    wine "$EXE" "$@" >"$WORK/$name.out" 2>"$WORK/$name.err" </dev/null || code=$?
  if [ "$code" -ne "$expected" ]; then
    printf -- '--- stdout of zi.exe %s\n' "$*" >&2
    cat "$WORK/$name.out" >&2
    printf -- '--- stderr\n' >&2
    cat "$WORK/$name.err" >&2
    fail "zi.exe $* exited with $code, not $expected"
  fi
}

check_usage() {
  say "check 1: zi.exe --demo usage --json"
  # trace+cred: Wine logs every Credential Manager call, which demo mode must not make.
  WINEDEBUG=-all,trace+cred run_zi usage 0 --demo usage --json
  python3 - "$WORK/usage.out" <<'EOF' || fail "zi.exe --demo usage --json: not the account's limits (output in target/windows-checks/usage.out)"
import json, sys
limits = json.load(open(sys.argv[1], encoding="utf-8"))
assert isinstance(limits, list) and limits, "no list of limits"
by_type = {limit["limitType"]: limit for limit in limits}
record = by_type.get("recordLimit")
assert record, f"no recordLimit among {sorted(by_type)}"
for field in ("limit", "currentUsage", "usageRemaining"):
    assert isinstance(record[field], int), f"recordLimit.{field} is not a number: {record}"
assert record["limit"] > 0 and record["usageRemaining"] <= record["limit"], record
print(f"windows:   {len(limits)} limits; records {record['currentUsage']} used of {record['limit']}")
EOF
  if grep -q "trace:cred:Cred" "$WORK/usage.err"; then
    grep "trace:cred:Cred" "$WORK/usage.err" | head -3 >&2
    fail "zi.exe --demo usage called the Credential Manager; demo mode must not"
  fi
}

check_search() {
  say "check 2: a demo search exported to CSV"
  run_zi search 0 --demo search contact --max 25 --output "$(winpath "$WORK/contacts.csv")"
  python3 - "$WORK/contacts.csv" <<'EOF' || fail "the demo search's CSV (target/windows-checks/contacts.csv) is not a header and 25 rows"
import csv, sys
rows = list(csv.reader(open(sys.argv[1], encoding="utf-8-sig", newline="")))
assert rows, "empty file"
header, records = rows[0], rows[1:]
for column in ("id", "firstName", "lastName", "jobTitle"):
    assert column in header, f"no {column} column in the header {header}"
assert len(records) == 25, f"{len(records)} rows, not 25"
ids = [record[header.index("id")] for record in records]
assert all(ids) and len(set(ids)) == len(ids), f"missing or repeated ids: {ids}"
assert all(len(record) == len(header) for record in records), "rows of uneven width"
print(f"windows:   {len(header)} columns, {len(records)} rows")
EOF
}

check_enrich() {
  say "check 3: a demo enrichment of a sample file"
  run_zi sample 0 sim sample contact --rows 200 --output "$(winpath "$WORK/sample.csv")"
  run_zi enrich 0 --demo enrich contact "$(winpath "$WORK/sample.csv")" \
    --output "$(winpath "$WORK/enriched.csv")" --yes
  python3 - "$WORK/sample.csv" "$WORK/enriched.csv" <<'EOF' || fail "the enriched file (target/windows-checks/enriched.csv) lost rows, changed cells or appended nothing"
import csv, sys
def read(path):
    return list(csv.reader(open(path, encoding="utf-8-sig", newline="")))
given, enriched = read(sys.argv[1]), read(sys.argv[2])
width = len(given[0])
assert enriched[0][:width] == given[0], f"input header changed: {enriched[0][:width]} vs {given[0]}"
appended = enriched[0][width:]
assert appended and "zi_match_status" in appended, f"no appended columns: {enriched[0]}"
assert len(enriched) == len(given), f"{len(enriched) - 1} rows out, {len(given) - 1} in"
for number, (before, after) in enumerate(zip(given[1:], enriched[1:]), start=1):
    assert after[:width] == before, f"row {number} changed: {before} -> {after[:width]}"
status = enriched[0].index("zi_match_status")
matched = sum(1 for row in enriched[1:] if row[status].endswith("MATCH") and row[status] != "NO_MATCH")
assert matched > 0, "no row matched"
print(f"windows:   {len(given) - 1} rows kept, {len(appended)} columns appended, {matched} matched")
EOF
}

check_keychain() {
  say "check 4: zi login / usage / logout through the Credential Manager (Wine's)"
  : >"$WORK/sim.out"
  # An RSA key for check 5's PKI sign-in: its PEM alone is about 1,700 characters.
  openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$WORK/pki-key.pem" 2>/dev/null
  openssl pkey -in "$WORK/pki-key.pem" -pubout -out "$WORK/pki-public.pem"
  ZI_DATA_DIR="$(winpath "$WORK/sim-data")" wine "$EXE" sim serve --port 0 \
    --pki-public-key "$(winpath "$WORK/pki-public.pem")" >"$WORK/sim.out" 2>"$WORK/sim.err" &
  SIM_PID=$!
  local url="" user password
  for _ in $(seq 1 150); do
    url="$(grep -o -m 1 'http://127\.0\.0\.1:[0-9]*' "$WORK/sim.out" | head -n 1 || true)"
    [ -n "$url" ] && break
    kill -0 "$SIM_PID" 2>/dev/null || break
    sleep 0.2
  done
  [ -n "$url" ] || { cat "$WORK/sim.err" >&2; fail "zi.exe sim serve did not start"; }
  user="$(sed -n 's/.*(username \([^,]*\),.*/\1/p' "$WORK/sim.out")"
  password="$(sed -n 's/.*password \([^)]*\)).*/\1/p' "$WORK/sim.out")"
  for _ in $(seq 1 100); do
    (exec 3<>"/dev/tcp/127.0.0.1/${url##*:}") 2>/dev/null && break
    sleep 0.1
  done

  local code=0
  export ZI_API_URL="$url"
  printf '%s\n' "$password" | ZI_USERNAME="$user" ZI_DATA_DIR="$(winpath "$WORK/account")" \
    ZI_KEYCHAIN_SERVICE="zi-console-windows-check" wine "$EXE" login --password-stdin \
    >"$WORK/login.out" 2>"$WORK/login.err" || code=$?
  [ "$code" -eq 0 ] || { cat "$WORK/login.out" "$WORK/login.err" >&2; fail "zi.exe login exited with $code"; }
  grep -q "stored in the OS keychain" "$WORK/login.out" || fail "zi.exe login did not say where the credentials went: $(cat "$WORK/login.out")"
  # No credentials in the environment from here on: only the Credential Manager has them.
  local account_zi=(env -u ZI_USERNAME -u ZI_PASSWORD ZI_DATA_DIR="$(winpath "$WORK/account")" ZI_KEYCHAIN_SERVICE="zi-console-windows-check" wine "$EXE")
  "${account_zi[@]}" usage --json >"$WORK/stored.out" 2>"$WORK/stored.err" </dev/null ||
    { cat "$WORK/stored.err" >&2; fail "zi.exe usage could not sign in with the credentials it stored"; }
  grep -q '"recordLimit"' "$WORK/stored.out" || fail "zi.exe usage with stored credentials printed no limits"
  "${account_zi[@]}" logout >"$WORK/logout.out" 2>"$WORK/logout.err" </dev/null ||
    { cat "$WORK/logout.err" >&2; fail "zi.exe logout failed"; }
  code=0
  "${account_zi[@]}" usage >"$WORK/forgotten.out" 2>"$WORK/forgotten.err" </dev/null || code=$?
  [ "$code" -eq 1 ] || fail "zi.exe usage after logout exited with $code, not 1 (credentials still stored?)"
  grep -q "^error: " "$WORK/forgotten.err" && ! grep -q "panicked" "$WORK/forgotten.err" ||
    fail "zi.exe usage after logout did not fail with one plain sentence: $(cat "$WORK/forgotten.err")"
  say "  stored, used and removed; without them: $(head -1 "$WORK/forgotten.err")"
  SIM_USER="$user"
}

# Wine keeps the Credential Manager's entries in the registry, one key each.
credential_entries() {
  wine reg query 'HKCU\Software\Wine\Credential Manager' 2>/dev/null |
    tr -d '\r' | grep -i 'zi-console-windows-check' || true
}

check_long_secret() {
  say "check 5: a PKI sign-in's key (longer than one credential holds) through the Credential Manager"
  local account_zi=(env -u ZI_USERNAME -u ZI_PASSWORD ZI_DATA_DIR="$(winpath "$WORK/pki-account")" ZI_KEYCHAIN_SERVICE="zi-console-windows-check" wine "$EXE")
  "${account_zi[@]}" login --username "$SIM_USER" --pki-key "$(winpath "$WORK/pki-key.pem")" \
    --client-id demo-client >"$WORK/pki-login.out" 2>"$WORK/pki-login.err" </dev/null ||
    { cat "$WORK/pki-login.out" "$WORK/pki-login.err" >&2; fail "zi.exe login --pki-key failed"; }
  grep -q "stored in the OS keychain" "$WORK/pki-login.out" || fail "zi.exe login --pki-key did not store the credentials: $(cat "$WORK/pki-login.out")"
  local entries
  entries="$(credential_entries)"
  printf '%s\n' "$entries" | grep -q 'zoominfo-api#2' ||
    fail "the PKI credentials were not split across entries; the Credential Manager has: ${entries:-nothing}"
  local parts
  parts="$(printf '%s\n' "$entries" | grep -c 'zoominfo-api')"
  "${account_zi[@]}" usage --json >"$WORK/pki-stored.out" 2>"$WORK/pki-stored.err" </dev/null ||
    { cat "$WORK/pki-stored.err" >&2; fail "zi.exe usage could not sign in with the PKI key it stored"; }
  grep -q '"recordLimit"' "$WORK/pki-stored.out" || fail "zi.exe usage with the stored PKI key printed no limits"
  "${account_zi[@]}" logout >"$WORK/pki-logout.out" 2>"$WORK/pki-logout.err" </dev/null ||
    { cat "$WORK/pki-logout.err" >&2; fail "zi.exe logout failed"; }
  entries="$(credential_entries)"
  [ -z "$entries" ] || fail "zi.exe logout left entries in the Credential Manager: $entries"
  unset ZI_API_URL
  kill "$SIM_PID" 2>/dev/null || true
  wait "$SIM_PID" 2>/dev/null || true
  SIM_PID=""
  say "  a $(wc -c <"$WORK/pki-key.pem")-byte key kept in $parts entries, signed in with, and removed"
}

timed "install what is missing" install
timed "build zi.exe ($PROFILE)" build
timed "prepare the Wine prefix" prepare_prefix
size="$(stat -c %s "$EXE")"
say "zi.exe ($PROFILE): $(awk -v s="$size" 'BEGIN { printf "%.1f MB", s / 1e6 }') ($size bytes), $EXE"
if [ -z "$WINE_STARTS" ]; then
  wine_unavailable "zi.exe was built, but checks 1 to 5 did not run"
  exit 0
fi
rm -rf "$WORK" && mkdir -p "$WORK/data" "$WORK/account" "$WORK/pki-account" "$WORK/sim-data"
timed "check 1: usage --json" check_usage
timed "check 2: search to CSV" check_search
timed "check 3: enrich a sample" check_enrich
timed "check 4: keychain round trip" check_keychain
timed "check 5: a long secret in the keychain" check_long_secret

say "step times:"
printf '  %s\n' "${TIMES[@]}"
say "all checks passed"
