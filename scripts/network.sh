#!/usr/bin/env bash
# Corporate networks, through a real TLS-intercepting proxy: mitmproxy (PyPI), installed in a
# virtualenv inside the build tree (target/py-mitm), pinned.
#
#   simulator (http) <- mitmdump reverse mode: HTTPS with a private CA      "the server"
#                    <- mitmdump regular mode: a forward proxy that opens     "the company's
#                       every tunnel and re-signs with the same private CA     inspecting proxy"
#                    <- the same, asking for a user name and password (407)
#
# Checks, with the built `zi` as a user runs it (exit codes, messages, output):
#  1. the CA not trusted (SSL_CERT_FILE = the system's bundle): `zi network check`, `zi usage`
#     and `zi scim status` refuse plainly, naming the host, and nothing reaches the servers;
#  2. the CA trusted (the bundle plus the private CA): `zi usage --json` reads the account, and
#     `zi scim status` the demo SCIM server and its Okta org;
#  3. HTTPS_PROXY: every request goes through the proxy (its log lists them), and an inspecting
#     proxy whose CA is not trusted is refused by name;
#  4. a proxy entered with `zi network proxy` (password in the keychain) overrides the
#     environment: a wrong password is told as such, the right one works; --clear forgets it.
# Idempotent: the virtualenv is reused; every process is stopped on exit.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENV="$ROOT/target/py-mitm"
# The last mitmproxy for Python 3.11 (Debian 12's); 11.1 and later need 3.12.
MITMPROXY_VERSION="11.0.2"
ZI="${ZI_BIN:-$ROOT/target/debug/zi}"
PY="${PYTHON:-python3}"
SYSTEM_BUNDLE="${SYSTEM_CA_BUNDLE:-/etc/ssl/certs/ca-certificates.crt}"

say() { printf 'network: %s\n' "$*"; }
fail() { printf 'network: FAILED: %s\n' "$*" >&2; exit 1; }

# shellcheck source=scripts/lib/pytool.sh
. "$ROOT/scripts/lib/pytool.sh"
pip_tool "$VENV" mitmproxy "$MITMPROXY_VERSION"
[ -x "$VENV/bin/mitmdump" ] || fail "mitmdump is not installed in $VENV"
[ -f "$SYSTEM_BUNDLE" ] || fail "no system CA bundle at $SYSTEM_BUNDLE (apt install ca-certificates)"
if [ ! -x "$ZI" ]; then
    say "building zi"
    (cd "$ROOT" && cargo build --quiet -p zi-cli)
fi

WORK="$(mktemp -d)"
PIDS=()
cleanup() {
    for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
    for pid in "${PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
    rm -rf "$WORK"
}
trap cleanup EXIT INT TERM

# wait_for LOG TEXT WHAT: until TEXT is in LOG (the process must stay up).
wait_for() {
    for _ in $(seq 1 200); do
        grep -q "$2" "$1" 2>/dev/null && return 0
        sleep 0.1
    done
    cat "$1" >&2
    fail "$3 did not start"
}

# The simulator, on plain HTTP.
SIM_PORT="$(free_port)"
"$ZI" sim serve --port "$SIM_PORT" >"$WORK/sim.log" 2>&1 &
PIDS+=($!)
wait_for "$WORK/sim.log" "listening" "the simulator"

# The demo SCIM server with its Okta org, on plain HTTP; its facts as KEY=value lines.
"$ZI" sim scim --port 0 >"$WORK/scim.log" 2>&1 &
PIDS+=($!)
wait_for "$WORK/scim.log" "ENTRA_CLIENT_SECRET=" "the SCIM simulator"
SCIM_HTTP="$(sed -n 's/^OKTA_URL=//p' "$WORK/scim.log")"
export SCIM_TOKEN OKTA_TOKEN
SCIM_TOKEN="$(sed -n 's/^SCIM_TOKEN=//p' "$WORK/scim.log")"
OKTA_TOKEN="$(sed -n 's/^OKTA_TOKEN=//p' "$WORK/scim.log")"

# mitmproxy makes its private CA in the confdir on first start; every instance shares it.
MITM=("$VENV/bin/mitmdump" --set "confdir=$WORK/ca" --listen-host 127.0.0.1 --set flow_detail=1)
TLS_PORT="$(free_port)"
"${MITM[@]}" --mode "reverse:http://127.0.0.1:$SIM_PORT" --listen-port "$TLS_PORT" >"$WORK/server.log" 2>&1 &
PIDS+=($!)
wait_for "$WORK/server.log" "listening at" "mitmdump (reverse, HTTPS)"
SCIM_TLS_PORT="$(free_port)"
"${MITM[@]}" --mode "reverse:$SCIM_HTTP" --listen-port "$SCIM_TLS_PORT" >"$WORK/scim-server.log" 2>&1 &
PIDS+=($!)
wait_for "$WORK/scim-server.log" "listening at" "mitmdump (reverse, HTTPS, SCIM)"
CA="$WORK/ca/mitmproxy-ca-cert.pem"
[ -f "$CA" ] || fail "mitmproxy made no CA"
cat "$SYSTEM_BUNDLE" "$CA" >"$WORK/trusted.pem"

# The forward proxies send the test's made-up host (*.zi-test) to this machine, and trust the
# HTTPS server behind them (it is ours; its certificate is what they replace).
cat >"$WORK/route.py" <<'PYEOF'
from mitmproxy import http

def _here(flow: http.HTTPFlow) -> None:
    if flow.request.host.endswith(".zi-test"):
        flow.request.host = "127.0.0.1"

http_connect = _here
request = _here
PYEOF
PROXY_PORT="$(free_port)"
"${MITM[@]}" --listen-port "$PROXY_PORT" --set ssl_insecure=true -s "$WORK/route.py" >"$WORK/proxy.log" 2>&1 &
PIDS+=($!)
wait_for "$WORK/proxy.log" "proxy listening" "mitmdump (forward proxy)"
AUTH_PORT="$(free_port)"
PROXY_PASSWORD="s3cret-$("$PY" -c 'import secrets; print(secrets.token_hex(4))')"
"${MITM[@]}" --listen-port "$AUTH_PORT" --set ssl_insecure=true -s "$WORK/route.py" \
    --set "proxyauth=alice:$PROXY_PASSWORD" >"$WORK/auth.log" 2>&1 &
PIDS+=($!)
wait_for "$WORK/auth.log" "proxy listening" "mitmdump (forward proxy with a password)"
say "mitmproxy $MITMPROXY_VERSION: HTTPS server :$TLS_PORT, proxy :$PROXY_PORT, proxy with a password :$AUTH_PORT"

export ZI_DATA_DIR="$WORK/data" ZI_USERNAME="demo@zi-console.test" ZI_PASSWORD="demo-password" NO_COLOR=1
unset HTTPS_PROXY HTTP_PROXY ALL_PROXY https_proxy http_proxy all_proxy NO_PROXY no_proxy
CHECKS=0
ok() { CHECKS=$((CHECKS + 1)); say "ok  $*"; }
# run NAME ARGS...: runs zi, keeps its exit code, output and errors as $WORK/NAME.{code,out,err}.
run() {
    local name="$1"; shift
    set +e
    "$ZI" "$@" >"$WORK/$name.out" 2>"$WORK/$name.err" </dev/null
    echo $? >"$WORK/$name.code"
    set -e
}
code() { cat "$WORK/$1.code"; }
# scim NAME: zi scim status of the demo SCIM server and its Okta org, over HTTPS.
scim() {
    run "$1" scim status --url "https://localhost:$SCIM_TLS_PORT/scim/v2" --token-env SCIM_TOKEN \
        --okta-url "https://localhost:$SCIM_TLS_PORT" --okta-token-env OKTA_TOKEN --json
}
expect_refused() { # NAME TEXT...: exit 1, each TEXT in its error
    local name="$1"; shift
    [ "$(code "$name")" = 1 ] || { cat "$WORK/$name.out" "$WORK/$name.err" >&2; fail "$name: expected exit 1, got $(code "$name")"; }
    for text in "$@"; do
        grep -qF -- "$text" "$WORK/$name.err" || { cat "$WORK/$name.err" >&2; fail "$name: the error does not say '$text'"; }
    done
    if grep -qiE "panicked|stack backtrace|error sending request" "$WORK/$name.err"; then
        cat "$WORK/$name.err" >&2; fail "$name: not a plain message"
    fi
    say "    $name: $(head -n 1 "$WORK/$name.err")"
}
expect_usage() { # NAME: exit 0 and the account's limits as JSON
    [ "$(code "$1")" = 0 ] || { cat "$WORK/$1.err" >&2; fail "$1: expected exit 0, got $(code "$1")"; }
    "$PY" -c 'import json,sys; d=json.load(open(sys.argv[1])); assert any(l["limitType"]=="requestLimit" for l in d), d' "$WORK/$1.out" \
        || fail "$1: no usage limits in its output"
}
served() { grep -c "$2" "$WORK/$1.log" || true; }

# 1. The private CA not trusted.
export SSL_CERT_FILE="$SYSTEM_BUNDLE"
before="$(served server 'POST ')"
run untrusted-check network check "https://localhost:$TLS_PORT/"
expect_refused untrusted-check "certificate of localhost is not trusted" "root certificate"
ZI_API_URL="https://localhost:$TLS_PORT" run untrusted-usage usage --json
expect_refused untrusted-usage "certificate of localhost is not trusted" "nothing was sent to ZoomInfo"
[ "$(served server 'POST ')" = "$before" ] || fail "a request reached the server through an untrusted certificate"
scim untrusted-scim
expect_refused untrusted-scim "certificate of localhost is not trusted" "nothing was sent to the SCIM server"
[ "$(served scim-server 'GET ')" = 0 ] || fail "a request reached the SCIM server through an untrusted certificate"
ok "an untrusted certificate is refused by name, and nothing reaches the ZoomInfo or SCIM server"

# 2. Trusted.
export SSL_CERT_FILE="$WORK/trusted.pem"
run trusted-check network check "https://localhost:$TLS_PORT/"
[ "$(code trusted-check)" = 0 ] && grep -q "can be reached" "$WORK/trusted-check.out" || { cat "$WORK/trusted-check.err" >&2; fail "trusted-check"; }
ZI_API_URL="https://localhost:$TLS_PORT" run trusted-usage usage --json
expect_usage trusted-usage
scim trusted-scim
[ "$(code trusted-scim)" = 0 ] || { cat "$WORK/trusted-scim.err" >&2; fail "trusted-scim: exit $(code trusted-scim)"; }
"$PY" - "$WORK/trusted-scim.json" <<'PYEOF' || fail "trusted-scim: not the demo's report"
import json, sys
report = json.load(open(sys.argv[1].replace(".json", ".out")))
assert report["users"]["total"] == 120, report["users"]
idp = report["identity_provider"]
assert idp["error"] is None and len(idp["failed"]) == 2, idp
PYEOF
ok "with the private CA in the trust store, zi reads the account, the SCIM server and Okta over HTTPS"

# 3. HTTPS_PROXY: through the inspecting proxy.
export ZI_API_URL="https://api.zi-test:$TLS_PORT"
HTTPS_PROXY="http://127.0.0.1:$PROXY_PORT" run via-env usage --json
expect_usage via-env
grep -q "POST https://127.0.0.1:$TLS_PORT/authenticate" "$WORK/proxy.log" || { cat "$WORK/proxy.log" >&2; fail "the proxy did not see the sign-in"; }
grep -q "GET https://127.0.0.1:$TLS_PORT/lookup/usage" "$WORK/proxy.log" || { cat "$WORK/proxy.log" >&2; fail "the proxy did not see the usage request"; }
HTTPS_PROXY="http://127.0.0.1:$PROXY_PORT" run via-env-show network show
grep -q "Proxy: http://127.0.0.1:$PROXY_PORT (from the environment)" "$WORK/via-env-show.out" || { cat "$WORK/via-env-show.out" >&2; fail "zi network show does not name the environment's proxy"; }
seen="$(served proxy 'POST ')"
SSL_CERT_FILE="$SYSTEM_BUNDLE" HTTPS_PROXY="http://127.0.0.1:$PROXY_PORT" run via-env-untrusted usage --json
expect_refused via-env-untrusted "certificate of api.zi-test is not trusted"
[ "$(served proxy 'POST ')" = "$seen" ] || fail "a request went through an inspecting proxy whose certificate is not trusted"
ok "HTTPS_PROXY: every request goes through the proxy; its re-signed certificate is refused by name until trusted"

# 4. A proxy entered in zi (password in the keychain) overrides HTTPS_PROXY.
export HTTPS_PROXY="http://127.0.0.1:$PROXY_PORT"
before_env="$(served proxy 'POST ')"
printf 'wrong-password\n' | "$ZI" network proxy "http://127.0.0.1:$AUTH_PORT" --user alice --password-stdin >"$WORK/set-wrong.out" 2>"$WORK/set-wrong.err" \
    || { cat "$WORK/set-wrong.err" >&2; fail "zi network proxy (a keychain is needed: run under the test command's Secret Service)"; }
grep -q "User:  alice (password kept in the keychain)" "$WORK/set-wrong.out" || { cat "$WORK/set-wrong.out" >&2; fail "zi network proxy does not show what it kept"; }
run wrong-password usage --json
expect_refused wrong-password "proxy refused" "user name and password"
printf '%s\n' "$PROXY_PASSWORD" | "$ZI" network proxy "http://127.0.0.1:$AUTH_PORT" --user alice --password-stdin >/dev/null
run right-password usage --json
expect_usage right-password
grep -q "GET https://127.0.0.1:$TLS_PORT/lookup/usage" "$WORK/auth.log" || { cat "$WORK/auth.log" >&2; fail "the entered proxy did not see the usage request"; }
[ "$(served proxy 'POST ')" = "$before_env" ] || fail "HTTPS_PROXY was used although a proxy was entered"
if grep -rqF "$PROXY_PASSWORD" "$WORK/data" "$WORK"/*.out "$WORK"/*.err; then fail "the proxy password is on disk or in zi's output"; fi
"$ZI" network proxy --clear >"$WORK/clear.out"
grep -q "from the environment" "$WORK/clear.out" || { cat "$WORK/clear.out" >&2; fail "--clear did not go back to the environment's proxy"; }
ok "a proxy entered in zi overrides HTTPS_PROXY; a wrong password is told as such; the password stays in the keychain"

say "all $CHECKS checks passed"
