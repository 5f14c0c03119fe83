#!/usr/bin/env bash
# End to end through the real window: an OAuth 2.0 data connector ("Acme OAuth") signs in at a
# real OpenID provider (PyPI's oidc-provider-mock), "Test API" spends the sign-in at a json-server
# resource server that accepts only that provider's tokens (tests/connectors/provider.cjs), then
# the provider revokes it and the app says to sign in again. tauri-driver + WebKitWebDriver
# under Xvfb drive tests/e2e/connector_sign_in.py; screenshots land in target/e2e/connector-*.png.
#
#   scripts/e2e-connectors.sh              install what is missing, build, run
#   SKIP_BUILD=1 scripts/e2e-connectors.sh reuse the built UI and app
#
# The sign-in goes to the keychain. scripts/test.sh runs this under its private one
# (with_keychain, ZI_TEST_KEYCHAIN=1); run alone, the script starts a private one of its own, so
# the keyrings of the person running it are never touched.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

# As scripts/oauth-interop.sh: 0.4.x needs Python >= 3.12.
OIDC_MOCK_VERSION="0.3.4"
APP="$ROOT/target/debug/zi-console"
VENV_E2E="$ROOT/target/py-e2e"
VENV_OIDC="$ROOT/target/py-oidc"
say() { printf 'e2e-connectors: %s\n' "$*"; }
fail() { printf 'e2e-connectors: FAILED: %s\n' "$*" >&2; exit 1; }

if [ "${1:-}" != "--inside-xvfb" ]; then
  if [ "${ZI_TEST_KEYCHAIN:-}" != "1" ]; then
    keyring_home="$ROOT/target/e2e-connectors-keyring"
    rm -rf "$keyring_home" && mkdir -p "$keyring_home"
    say "starting a private keychain (a D-Bus session with gnome-keyring in $keyring_home)"
    # shellcheck disable=SC2016 # expanded by the inner bash
    XDG_DATA_HOME="$keyring_home" exec dbus-run-session -- bash -c '
      eval "$(printf "zi-console-tests" | gnome-keyring-daemon --unlock --components=secrets)"
      export ZI_TEST_KEYCHAIN=1
      exec "$@"' _ bash "$0" "$@"
  fi
  ./scripts/e2e.sh --tools-only
  # shellcheck source=scripts/lib/pytool.sh disable=SC1091
  . "$ROOT/scripts/lib/pytool.sh"
  pip_tool "$VENV_OIDC" oidc-provider-mock "$OIDC_MOCK_VERSION"
  if [ ! -d tests/connectors/node_modules ]; then
    say "installing tests/connectors modules (npm ci)"
    npm --prefix tests/connectors ci --no-audit --no-fund --loglevel=error
  fi
  command -v secret-tool >/dev/null || fail "secret-tool is missing (Debian package libsecret-tools)"
  if [ -z "${SKIP_BUILD:-}" ]; then
    say "building the UI and the app (debug, UI embedded)"
    if ! built="$(npm --prefix ui run build 2>&1)"; then printf '%s\n' "$built" >&2; fail "the UI did not build"; fi
    cargo build -p zi-console --features tauri/custom-protocol --locked
  fi
  [ -x "$APP" ] || fail "$APP is missing: run without SKIP_BUILD"
  exec xvfb-run -a -s '-screen 0 1280x800x24' bash "$0" --inside-xvfb
fi

# ---- inside the virtual display ----
# shellcheck source=scripts/lib/webdriver.sh disable=SC1091
source "$ROOT/scripts/lib/webdriver.sh"
SERVERS=()
stop_servers() {
  local pid
  for pid in "${SERVERS[@]}"; do kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; done
}
trap 'stop_servers; cleanup' EXIT
mkdir -p "$WORK/servers" "$WORK/data/connectors" "$WORK/bin" "$ROOT/target/e2e"
logs() { tail -n 40 "$WORK/driver.log" "$WORK"/servers/*.log >&2 || true; }

# The OpenID provider, and the resource server that asks the provider's userinfo endpoint
# about each bearer token, as a resource server asks its issuer.
OIDC_PORT="$(free_port)"
ISSUER="http://127.0.0.1:$OIDC_PORT"
"$VENV_OIDC/bin/python" -m oidc_provider_mock --host 127.0.0.1 --port "$OIDC_PORT" >"$WORK/servers/oidc.log" 2>&1 &
SERVERS+=("$!")
RESOURCE_PORT="$(free_port)"
printf '{"people": [{"id": 1, "email": "ana@acme.example", "title": "VP Finance"}]}' >"$WORK/servers/db.json"
KEY_PLACEMENT=bearer USERINFO_URL="$ISSUER/userinfo" \
  node "$ROOT/tests/connectors/provider.cjs" "$WORK/servers/db.json" "$RESOURCE_PORT" >"$WORK/servers/resource.log" 2>&1 &
SERVERS+=("$!")
for _ in $(seq 1 100); do
  curl -fsS -o /dev/null "$ISSUER/.well-known/openid-configuration" 2>/dev/null && grep -q listening "$WORK/servers/resource.log" && break
  sleep 0.1
done
curl -fsS -o /dev/null "$ISSUER/.well-known/openid-configuration" || { logs; fail "oidc-provider-mock did not start"; }
grep -q listening "$WORK/servers/resource.log" || { logs; fail "the resource server did not start"; }
say "oidc-provider-mock $OIDC_MOCK_VERSION at $ISSUER, the resource server at http://127.0.0.1:$RESOURCE_PORT"

# In the library before launch, as a connector the team shared.
cat >"$WORK/data/connectors/acme-oauth.json" <<JSON
{"name": "Acme OAuth", "baseUrl": "http://127.0.0.1:$RESOURCE_PORT", "category": "Enrichment",
 "auth": {"method": "oauth2", "authorizationUrl": "$ISSUER/oauth2/authorize",
          "accessTokenUrl": "$ISSUER/oauth2/token", "refreshTokenUrl": "$ISSUER/oauth2/token",
          "scopes": "openid email",
          "clientId": "zi-connector-e2e", "clientSecretEnv": "ACME_SECRET"},
 "actions": [{"name": "person by email", "category": "Enrich", "requestType": "GET",
              "endpoint": "/people?email={email}", "output": [{"title": "…"}]}]}
JSON

# The system browser the app opens (xdg-open) only writes the address down: the test plays the
# browser itself.
cat >"$WORK/bin/xdg-open" <<'SH'
#!/bin/sh
printf '%s\n' "$1" >>"$E2E_BROWSER_LOG"
SH
chmod +x "$WORK/bin/xdg-open"

# The app inherits this environment through tauri-driver and WebKitWebDriver: fresh data and
# profile folders, its own keychain entries, the connector's client secret, the stub browser.
export ZI_DATA_DIR="$WORK/data" XDG_DATA_HOME="$WORK/xdg-data" XDG_CONFIG_HOME="$WORK/xdg-config" XDG_CACHE_HOME="$WORK/xdg-cache"
export ZI_KEYCHAIN_SERVICE="zi-e2e-connectors" ACME_SECRET="connector-e2e-secret"
export E2E_BROWSER_LOG="$WORK/browser.log" BROWSER=true PATH="$WORK/bin:$PATH"
secret-tool clear service "$ZI_KEYCHAIN_SERVICE" username "connector sign-in Acme OAuth" 2>/dev/null || true
start_tauri_driver

if ! E2E_APP="$APP" E2E_DRIVER_URL="$DRIVER_URL" E2E_ISSUER="$ISSUER" E2E_SHOTS="$ROOT/target/e2e" \
  E2E_APP_FILES="$ZI_DATA_DIR:$XDG_DATA_HOME:$XDG_CONFIG_HOME:$XDG_CACHE_HOME:$WORK/driver.log" \
  "$VENV_E2E/bin/python" "$ROOT/tests/e2e/connector_sign_in.py"; then
  echo "e2e-connectors: tauri-driver's log, then the provider's and the resource server's:" >&2
  logs
  exit 1
fi
say "ok"
