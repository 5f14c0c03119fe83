# shellcheck shell=bash
# Each step's wall time, printed at the end by the check scripts: `timed NAME COMMAND...` runs
# the command and adds "  12.3 s  NAME" to TIMES.
TIMES=()
now() { date +%s.%N; }
timed() {
  local name="$1" start
  shift
  start="$(now)"
  "$@"
  TIMES+=("$(awk -v a="$start" -v b="$(now)" 'BEGIN { printf "%6.1f s", b - a }')  $name")
}
