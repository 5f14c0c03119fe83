#!/usr/bin/env bash
# Interop: zi-oauth's sign-in (authorization code + PKCE, loopback redirect, refresh,
# revocation) against a real OpenID provider, PyPI's oidc-provider-mock, installed in a
# virtualenv inside the build tree (target/py-oidc) and started on a free port. Runs
# `cargo test -p zi-oauth --test provider` with ZI_OAUTH_ISSUER set: with the variable set,
# an unreachable provider fails the tests instead of skipping them.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENV="$ROOT/target/py-oidc"
# 0.4.x needs Python >= 3.12; 0.3.4 is the newest for the Python 3.11 of our machines.
OIDC_MOCK_VERSION="0.3.4"
PY="${PYTHON:-python3}"

say() { printf 'oauth-interop: %s\n' "$*"; }
fail() { printf 'oauth-interop: FAILED: %s\n' "$*" >&2; exit 1; }

# 1. oidc-provider-mock in target/py-oidc (not system-wide), pinned.
# shellcheck source=scripts/lib/pytool.sh
. "$ROOT/scripts/lib/pytool.sh"
pip_tool "$VENV" oidc-provider-mock "$OIDC_MOCK_VERSION"

# 2. Start the provider on a free port; stop it whatever happens.
PORT="$(free_port)"
ISSUER="http://127.0.0.1:$PORT"
WORK="$(mktemp -d)"
SERVER_PID=""
cleanup() {
    if [ -n "$SERVER_PID" ]; then kill "$SERVER_PID" 2>/dev/null || true; wait "$SERVER_PID" 2>/dev/null || true; fi
    rm -rf "$WORK"
}
trap cleanup EXIT INT TERM

"$VENV/bin/python" -m oidc_provider_mock --host 127.0.0.1 --port "$PORT" >"$WORK/server.log" 2>&1 &
SERVER_PID=$!
for _ in $(seq 1 100); do
    if curl -fsS -o /dev/null "$ISSUER/.well-known/openid-configuration" 2>/dev/null; then break; fi
    kill -0 "$SERVER_PID" 2>/dev/null || { cat "$WORK/server.log" >&2; fail "oidc-provider-mock did not start"; }
    sleep 0.1
done
say "oidc-provider-mock $OIDC_MOCK_VERSION listening at $ISSUER"

# 3. The crate's provider tests, against it.
if ! (cd "$ROOT" && ZI_OAUTH_ISSUER="$ISSUER" cargo test --quiet -p zi-oauth --test provider); then
    cat "$WORK/server.log" >&2
    fail "zi-oauth against oidc-provider-mock"
fi

# 4. `zi login --gtm --no-browser` against it, python playing the browser from the printed
#    address; the refresh token must reach the keychain and never zi's output. Needs the
#    private keychain of scripts/test.sh (with_keychain sets ZI_TEST_KEYCHAIN=1).
if [ "${ZI_TEST_KEYCHAIN:-}" != "1" ]; then
    say "zi login --gtm skipped: no private keychain (run under scripts/test.sh's with_keychain)"
    say "ok"
    exit 0
fi
ZI="${CARGO_TARGET_DIR:-$ROOT/target}/debug/zi"
(cd "$ROOT" && cargo build --quiet -p zi-cli)
export ZI_KEYCHAIN_SERVICE="zi-oauth-interop"
ZI_OAUTH_ISSUER="$ISSUER" ZI_GTM_CLIENT_ID="zi-console-interop" ZI_GTM_CLIENT_SECRET="interop-secret" \
    "$ZI" login --gtm --no-browser --scope openid --scope email >"$WORK/zi.out" 2>"$WORK/zi.err" &
ZI_PID=$!
# The browser: follows the address zi printed in ERR_FILE, consents as SUB, and checks the page
# zi's loopback answers with.
play_browser() {
ZI_ERR="$1" SUB="$2" "$VENV/bin/python" - <<'PYEOF'
import os, re, time, urllib.parse, urllib.request

err = os.environ["ZI_ERR"]
for _ in range(200):
    found = re.search(r"^(http://\S+/oauth2/authorize\S+)$", open(err).read(), re.M)
    if found:
        break
    time.sleep(0.1)
else:
    raise SystemExit("zi printed no sign-in address:\n" + open(err).read())
url = found.group(1)

class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args):
        return None

opener = urllib.request.build_opener(NoRedirect)
opener.open(url).read()  # the consent page
try:
    opener.open(url, data=urllib.parse.urlencode({"sub": os.environ["SUB"]}).encode())
    raise SystemExit("the consent form did not redirect")
except urllib.error.HTTPError as redirect:
    location = redirect.headers["Location"]
page = urllib.request.urlopen(location).read().decode()
assert "return to zi-console" in page, page
PYEOF
}
play_browser "$WORK/zi.err" cli@example.com
wait "$ZI_PID" || { cat "$WORK/zi.out" "$WORK/zi.err" >&2; fail "zi login --gtm"; }
grep -q "Waiting for you to sign in in your browser" "$WORK/zi.err" || fail "zi did not say it was waiting"
grep -q "Signed in to ZoomInfo's GTM API" "$WORK/zi.out" || fail "zi did not say it signed in"
STORED="$(secret-tool lookup service "$ZI_KEYCHAIN_SERVICE" username "gtm refresh token" || true)"
[ -n "$STORED" ] || fail "no GTM refresh token in the keychain"
if grep -qF "$STORED" "$WORK/zi.out" "$WORK/zi.err"; then fail "zi printed the refresh token"; fi
say "zi login --gtm: the refresh token is in the keychain and in none of zi's output"

# 5. Later runs spend the kept sign-in: `zi --backend gtm` renews the access token at the
#    provider and the simulator's GTM API takes it (it asks the provider's userinfo endpoint,
#    as a resource server asks its issuer). Then the provider revokes the user's tokens: the
#    next run says to sign in again and the keychain forgets the dead sign-in.
SIM_PORT="$(free_port)"
"$ZI" sim serve --port "$SIM_PORT" --gtm-userinfo-url "$ISSUER/userinfo" >"$WORK/sim.out" 2>&1 &
SIM_PID=$!
trap 'kill "$SIM_PID" 2>/dev/null || true; cleanup' EXIT
for _ in $(seq 1 100); do grep -q listening "$WORK/sim.out" && break; sleep 0.1; done
grep -q listening "$WORK/sim.out" || { cat "$WORK/sim.out" >&2; fail "the simulator did not start"; }
gtm() { ZI_API_URL="http://127.0.0.1:$SIM_PORT/gtm" ZI_DATA_DIR="$WORK/data" "$ZI" --backend gtm "$@"; }
gtm search contact --field "jobTitle=Director" --max 30 --output "$WORK/directors.csv" >"$WORK/run.out" 2>&1 \
    || { cat "$WORK/run.out" >&2; fail "zi --backend gtm search with the kept sign-in"; }
ROWS=$(($(wc -l <"$WORK/directors.csv") - 1))
[ "$ROWS" -eq 30 ] || fail "the search wrote $ROWS rows, not 30"
if grep -qF "$STORED" "$WORK/run.out"; then fail "zi printed the refresh token"; fi
say "zi --backend gtm search: the kept sign-in was renewed at the provider and spent (30 rows)"
STATUS="$("$VENV/bin/python" -c 'import sys, urllib.request
r = urllib.request.urlopen(urllib.request.Request(sys.argv[1], method="POST"))
print(r.status)' "$ISSUER/users/cli@example.com/revoke-tokens")"
[ "$STATUS" = 204 ] || fail "the provider did not revoke the tokens ($STATUS)"
if gtm usage >"$WORK/revoked.out" 2>&1; then fail "zi ran with a revoked sign-in"; fi
grep -q "no longer accepts the saved sign-in" "$WORK/revoked.out" \
    || { cat "$WORK/revoked.out" >&2; fail "zi did not say the sign-in was revoked"; }
[ -z "$(secret-tool lookup service "$ZI_KEYCHAIN_SERVICE" username "gtm refresh token" || true)" ] \
    || fail "the revoked sign-in is still in the keychain"
gtm usage >"$WORK/gone.out" 2>&1 && fail "zi ran without a sign-in"
grep -q "Not signed in to ZoomInfo's GTM API" "$WORK/gone.out" || { cat "$WORK/gone.out" >&2; fail "zi did not say to sign in"; }
say "a revoked sign-in: zi says to sign in again and the keychain forgets it"

# 6. A data connector that signs in with OAuth 2.0 (the Data Connectors guide's method):
#    `zi connector login` against the same provider, then `zi connector test` spends the kept
#    sign-in at a json-server provider (tests/connectors) that accepts only tokens the OpenID
#    provider's userinfo endpoint accepts.
PROVIDER_PORT="$(free_port)"
printf '{"people": [{"id": 1, "email": "ana@acme.example", "title": "VP Finance"}]}' >"$WORK/db.json"
KEY_PLACEMENT=bearer USERINFO_URL="$ISSUER/userinfo" node "$ROOT/tests/connectors/provider.cjs" "$WORK/db.json" "$PROVIDER_PORT" >"$WORK/provider.out" 2>&1 &
PROVIDER_PID=$!
trap 'kill "$SIM_PID" "$PROVIDER_PID" 2>/dev/null || true; cleanup' EXIT
for _ in $(seq 1 100); do grep -q listening "$WORK/provider.out" && break; sleep 0.1; done
cat >"$WORK/acme-oauth.json" <<JSON
{"name": "Acme OAuth", "baseUrl": "http://127.0.0.1:$PROVIDER_PORT", "category": "Enrichment",
 "auth": {"method": "oauth2", "authorizationUrl": "$ISSUER/oauth2/authorize",
          "accessTokenUrl": "$ISSUER/oauth2/token", "refreshTokenUrl": "$ISSUER/oauth2/token",
          "scopes": "openid email",
          "clientId": "zi-connector-interop", "clientSecretEnv": "ACME_SECRET"},
 "actions": [{"name": "person by email", "category": "Enrich", "requestType": "GET",
              "endpoint": "/people?email={email}", "output": [{"title": "…"}]}]}
JSON
"$ZI" connector test "$WORK/acme-oauth.json" --param email=ana@acme.example >"$WORK/before.out" 2>&1 \
    && fail "zi called an OAuth connector nobody signed in to"
grep -q "Not signed in to Acme OAuth" "$WORK/before.out" || { cat "$WORK/before.out" >&2; fail "zi did not say to sign in to the connector"; }
ACME_SECRET="connector-secret" "$ZI" connector login "$WORK/acme-oauth.json" --no-browser >"$WORK/cl.out" 2>"$WORK/cl.err" &
CL_PID=$!
play_browser "$WORK/cl.err" connector@example.com
wait "$CL_PID" || { cat "$WORK/cl.out" "$WORK/cl.err" >&2; fail "zi connector login"; }
KEPT="$(secret-tool lookup service "$ZI_KEYCHAIN_SERVICE" username "connector sign-in Acme OAuth" || true)"
[ -n "$KEPT" ] || fail "no connector sign-in in the keychain"
"$ZI" connector test "$WORK/acme-oauth.json" --param email=ana@acme.example --json >"$WORK/test.out" 2>&1 \
    || { cat "$WORK/test.out" >&2; fail "zi connector test with the kept sign-in"; }
grep -q '"title": "VP Finance"' "$WORK/test.out" || { cat "$WORK/test.out" >&2; fail "the provider's record did not come back"; }
if grep -qF "$KEPT" "$WORK/test.out" "$WORK/cl.out" "$WORK/cl.err"; then fail "zi printed the connector's sign-in"; fi
say "zi connector login + test: an OAuth 2.0 connector signed in at the provider, its token accepted by the resource server"
"$VENV/bin/python" -c 'import sys, urllib.request
urllib.request.urlopen(urllib.request.Request(sys.argv[1], method="POST"))' "$ISSUER/users/connector@example.com/revoke-tokens"
# The access token may still live: the resource server refuses it, the refresh is refused too.
if "$ZI" connector test "$WORK/acme-oauth.json" --param email=ana@acme.example >"$WORK/revoked-c.out" 2>&1; then
    fail "zi called the connector with a revoked sign-in"
fi
grep -q "Acme OAuth no longer accepts the saved sign-in" "$WORK/revoked-c.out" \
    || { cat "$WORK/revoked-c.out" >&2; fail "zi did not say the connector's sign-in was revoked"; }
grep -q "Sign in to Acme OAuth again" "$WORK/revoked-c.out" || fail "zi did not say how to sign in again"
[ -z "$(secret-tool lookup service "$ZI_KEYCHAIN_SERVICE" username "connector sign-in Acme OAuth" || true)" ] \
    || fail "the revoked connector sign-in is still in the keychain"
say "a revoked connector sign-in: zi names the connector, says to sign in again, and the keychain forgets it"
say "ok"
