# shellcheck shell=bash
# shellcheck disable=SC2034 # WINE_STARTS and TIMES are read by the scripts that source this one
# The Wine prefix scripts/windows.sh and scripts/windows-app.sh run Windows programs in:
# target/wine-prefix, never ~/.wine. Sourced; expects ROOT, and say/fail functions.
#
# Wine 8 (Debian 12) has no bcryptprimitives.dll, whose ProcessPrng Rust's standard library
# draws random numbers from since Rust 1.78: the prefix gets a stand-in built from
# scripts/lib/bcryptprimitives.c, only where Wine lacks its own (Wine 9.1 and later have it).

PREFIX="$ROOT/target/wine-prefix"

# Wine, headless and quiet: no display (a console program needs none), no debug channels, and
# no offer to install Mono or Gecko (zi-console uses neither), and no menu entries or file
# associations on this machine for what an installer sets up in the prefix (winemenubuilder).
export WINEPREFIX="$PREFIX" WINEDEBUG=-all WINEDLLOVERRIDES="mscoree=;mshtml=;winemenubuilder.exe=d"
unset DISPLAY WAYLAND_DISPLAY

# Creates the prefix if need be, then installs the stand-in. When Wine cannot start on this
# machine at all (some sandboxes stop its loader before it prints a word), it prints Wine's own
# words and clears WINE_STARTS: the caller decides whether that ends the run (WINE_REQUIRED=1)
# or only the checks that need Wine.
WINE_STARTS=1
prepare_prefix() {
  if [ ! -f "$PREFIX/system.reg" ]; then
    create_prefix || {
      WINE_STARTS=""
      return 0
    }
  fi
  local system32="$PREFIX/drive_c/windows/system32"
  local dll="$system32/bcryptprimitives.dll"
  [ -d "$system32" ] || fail "the Wine prefix $PREFIX has no system32 folder; remove it and run again"
  if [ -f "$dll" ] && grep -q "Wine builtin DLL" "$dll"; then
    return 0 # Wine's own (9.1 and later)
  fi
  local stand_in="$ROOT/target/wine-bcryptprimitives.dll"
  if [ ! -f "$stand_in" ] || [ "$ROOT/scripts/lib/bcryptprimitives.c" -nt "$stand_in" ]; then
    x86_64-w64-mingw32-gcc -shared -O2 -s -o "$stand_in" "$ROOT/scripts/lib/bcryptprimitives.c" -ladvapi32
  fi
  cmp -s "$stand_in" "$dll" 2>/dev/null || {
    say "installing the ProcessPrng stand-in (bcryptprimitives.dll) into the prefix"
    cp "$stand_in" "$dll"
  }
}

# wineboot --init, and once more with Wine's error messages on when the first try fails.
create_prefix() {
  local log="$ROOT/target/wineboot.log" status=0
  say "creating the Wine prefix $PREFIX (wineboot --init)"
  rm -rf "$PREFIX" && mkdir -p "$PREFIX"
  timeout --kill-after=10 300 wineboot --init >"$log" 2>&1 || status=$?
  if [ "$status" -ne 0 ]; then
    say "wineboot --init exited with $(exit_status "$status"); once more, with Wine's error messages on"
    wineserver -k 2>/dev/null || true
    rm -rf "$PREFIX" && mkdir -p "$PREFIX"
    status=0
    WINEDEBUG=err+all,fixme-all timeout --kill-after=10 300 wineboot --init >"$log" 2>&1 || status=$?
  fi
  if [ "$status" -ne 0 ]; then
    {
      printf -- '--- wineboot --init exited with %s; the last of what it printed:\n' "$(exit_status "$status")"
      tail -n 40 "$log"
      printf -- '--- %s, kernel %s, user %s\n' "$(wine --version 2>/dev/null)" "$(uname -r)" "$(id -un)"
    } >&2
    rm -rf "$PREFIX"
    return 1
  fi
  wineserver -w
}

# "1", "124 (no answer in 5 minutes)" or "137 (killed by signal KILL)".
exit_status() {
  if [ "$1" -eq 124 ]; then
    printf '124 (no answer in 5 minutes)'
  elif [ "$1" -gt 128 ]; then
    printf '%s (killed by signal %s)' "$1" "$(kill -l "$(($1 - 128))" 2>/dev/null || echo "$(($1 - 128))")"
  else
    printf '%s' "$1"
  fi
}

# Whether a run where Wine cannot start fails (WINE_REQUIRED=1) or goes on without the checks
# that need Wine, saying so.
wine_unavailable() {
  if [ -n "${WINE_REQUIRED:-}" ]; then
    fail "Wine cannot start on this machine (see above), and WINE_REQUIRED is set"
  fi
  say "SKIPPED: $1 — Wine cannot start on this machine (see above). WINE_REQUIRED=1 makes this an error."
}

# A Linux path as a Windows program sees it: Wine's Z: drive is the root folder.
winpath() { printf 'Z:%s' "${1//\//\\}"; }

# shellcheck source=scripts/lib/timed.sh
. "$ROOT/scripts/lib/timed.sh"
