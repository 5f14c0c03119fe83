# shellcheck shell=bash
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

prepare_prefix() {
  if [ ! -f "$PREFIX/system.reg" ]; then
    say "creating the Wine prefix $PREFIX (wineboot --init)"
    mkdir -p "$PREFIX"
    wineboot --init >"$ROOT/target/wineboot.log" 2>&1 || {
      cat "$ROOT/target/wineboot.log" >&2
      fail "wineboot --init could not create the Wine prefix"
    }
    wineserver -w
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

# A Linux path as a Windows program sees it: Wine's Z: drive is the root folder.
winpath() { printf 'Z:%s' "${1//\//\\}"; }

# Each step's wall time, printed at the end.
TIMES=()
now() { date +%s.%N; }
timed() {
  local name="$1" start
  shift
  start="$(now)"
  "$@"
  TIMES+=("$(awk -v a="$start" -v b="$(now)" 'BEGIN { printf "%6.1f s", b - a }')  $name")
}
