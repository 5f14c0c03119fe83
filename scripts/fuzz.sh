#!/usr/bin/env bash
# Fuzzes the readers of untrusted input (see fuzz/README.md): every target in fuzz/ runs for
# SECONDS_PER_TARGET seconds (default 600) from the committed corpus in fuzz/corpus/<target>/,
# and the script fails if any target crashes (panic, overflow, timeout or memory blow-up); the
# input that did it is left in fuzz/artifacts/<target>/. Inputs found along the way go to
# fuzz/target/corpus/<target>/ (not committed). FUZZ_PARALLEL=2 runs two targets at a time.
#
#   ./scripts/fuzz.sh             # 10 minutes per target
#   ./scripts/fuzz.sh 15          # the short run CI does
#   FUZZ_TARGETS="sheet_read" ./scripts/fuzz.sh 60
set -euo pipefail
cd "$(dirname "$0")/.."

SECONDS_PER_TARGET="${1:-600}"
PARALLEL="${FUZZ_PARALLEL:-1}"
CARGO_FUZZ_VERSION="0.13.2"
TOOLS="$(pwd)/tools/cargo"
TARGETS=(${FUZZ_TARGETS:-sheet_read dialect_sniff column_mapper zoominfo_responses scim_responses})

# cargo-fuzz is installed into the project tree (git-ignored), pinned, once.
if ! "$TOOLS/bin/cargo-fuzz" --version 2>/dev/null | grep -qx "cargo-fuzz $CARGO_FUZZ_VERSION"; then
  echo "==> installing cargo-fuzz $CARGO_FUZZ_VERSION into tools/cargo"
  cargo install cargo-fuzz --locked --version "$CARGO_FUZZ_VERSION" --root "$TOOLS" --quiet
fi
export PATH="$TOOLS/bin:$PATH"

# cargo-fuzz passes rustc flags that only nightly accepts (-Zsanitizer=address, the
# sanitizer-coverage options). Only the stable toolchain is installed (and rustup cannot fetch
# nightly here), so RUSTC_BOOTSTRAP=1 lets stable rustc take them. -a keeps debug assertions
# and overflow checks on, as in `cargo test`; AddressSanitizer watches the unsafe code of the
# dependencies (the crates themselves forbid unsafe). A short run (under a minute a target,
# as in CI) spends its time building, not fuzzing: it builds unoptimized and without ASan,
# about three times less work.
export RUSTC_BOOTSTRAP=1
unset CARGO_TARGET_DIR # cargo-fuzz builds into fuzz/target
if [ "$SECONDS_PER_TARGET" -lt 60 ]; then
  FUZZ_FLAGS=(--dev -a --sanitizer none)
  export CARGO_INCREMENTAL=0 # a one-off build: incremental bookkeeping only slows it
else
  FUZZ_FLAGS=(-a --sanitizer address)
fi

cd fuzz
cargo fuzz build "${FUZZ_FLAGS[@]}"

# Per-target libFuzzer options: a dictionary, and inputs big enough to pass the sniffers'
# 64 KiB sample for the file readers.
options() {
  case "$1" in
    sheet_read) echo "-dict=dicts/sheet.dict -max_len=70000" ;;
    dialect_sniff) echo "-dict=dicts/sheet.dict -max_len=70000" ;;
    column_mapper) echo "-dict=dicts/column_mapper.dict -max_len=8192" ;;
    zoominfo_responses | scim_responses) echo "-dict=dicts/json.dict -max_len=16384" ;;
  esac
}

run_target() {
  local target="$1" found="target/corpus/$1"
  mkdir -p "$found" "corpus/$target" "artifacts/$target"
  local status=0
  # shellcheck disable=SC2046
  cargo fuzz run "${FUZZ_FLAGS[@]}" "$target" "$found" "corpus/$target" -- \
    -max_total_time="$SECONDS_PER_TARGET" -timeout=10 -rss_limit_mb=2048 \
    -print_final_stats=1 $(options "$target") >"target/$target.log" 2>&1 || status=$?
  local stats
  stats="$(grep -E '^stat::(number_of_executed_units|average_exec_per_sec|new_units_added|peak_rss_mb)' "target/$target.log" | sed 's/^stat:://' | tr -s ' ' | tr '\n' ' ')"
  if [ "$status" -eq 0 ]; then
    printf '%-20s ok     %s\n' "$target" "$stats"
  else
    printf '%-20s FAILED %s (log: fuzz/target/%s.log)\n' "$target" "$stats" "$target"
    grep -E 'panicked at|ERROR: libFuzzer|SUMMARY|Test unit written' "target/$target.log" | head -n 8 | sed 's/^/    /'
  fi
  return "$status"
}

echo "==> fuzzing ${#TARGETS[@]} targets for ${SECONDS_PER_TARGET}s each"
failed=0
pids=()
for target in "${TARGETS[@]}"; do
  run_target "$target" &
  pids+=($!)
  if [ "${#pids[@]}" -ge "$PARALLEL" ]; then
    wait "${pids[0]}" || failed=1
    pids=("${pids[@]:1}")
  fi
done
for pid in "${pids[@]}"; do wait "$pid" || failed=1; done

if [ "$failed" -ne 0 ]; then
  echo "error: a fuzz target crashed; the input is in fuzz/artifacts/<target>/ (replay: cd fuzz && RUSTC_BOOTSTRAP=1 cargo fuzz run ${FUZZ_FLAGS[*]} <target> <input>)" >&2
  exit 1
fi
