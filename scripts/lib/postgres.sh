# shellcheck shell=bash
# A private PostgreSQL server for scripts (benchmarks, manual tries): Debian's initdb and
# pg_ctl on a free port in a temporary folder, as the unprivileged user `nobody` when run as
# root (PostgreSQL refuses root), password sign-in like a real team server. Source this file;
# `start_postgres` sets PG_URL (postgres://zi:PASSWORD@127.0.0.1:PORT/zi), `stop_postgres` ends it.

pg_bin() {
  local dir
  dir="$(printf '%s\n' /usr/lib/postgresql/*/bin | sort -V | tail -1)"
  if [ -n "$dir" ] && [ -x "$dir/initdb" ]; then echo "$dir"; return; fi
  dirname "$(command -v initdb)"
}

pg_as_owner() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u nobody -- "$@"; else "$@"; fi
}

start_postgres() {
  PG_BIN="$(pg_bin)"
  PG_DIR="$(mktemp -d)"
  PG_PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
  local password="zi-team-bench-$RANDOM$RANDOM"
  printf '%s\n' "$password" >"$PG_DIR/pw"
  chmod 0777 "$PG_DIR" && chmod 0644 "$PG_DIR/pw"
  pg_as_owner "$PG_BIN/initdb" -D "$PG_DIR/data" -U zi --pwfile="$PG_DIR/pw" --auth=scram-sha-256 -E UTF8 --no-sync >/dev/null
  pg_as_owner "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/log" -w \
    -o "-p $PG_PORT -k $PG_DIR -c listen_addresses=127.0.0.1 -c max_connections=100" start >/dev/null
  PGPASSWORD="$password" "$PG_BIN/createdb" -h 127.0.0.1 -p "$PG_PORT" -U zi zi
  PG_URL="postgres://zi:$password@127.0.0.1:$PG_PORT/zi"
  export PG_URL PG_DIR PG_BIN PG_PORT
}

stop_postgres() {
  [ -n "${PG_DIR:-}" ] || return 0
  pg_as_owner "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$PG_DIR"
  PG_DIR=""
}
