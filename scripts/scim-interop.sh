#!/usr/bin/env bash
# Interop: `zi scim status` against a real third-party SCIM 2.0 server, PyPI's scim2-server
# (in-memory, RFC 7643/7644), installed in a virtualenv inside the build tree (target/py).
# Seeds users and groups over HTTP, runs the built `zi`, and checks the JSON it prints:
# counts, seats, the token's days left, and each planted problem. Exits non-zero on any
# mismatch. Idempotent: the virtualenv is reused; the server is stopped on exit.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENV="$ROOT/target/py"
SCIM2_SERVER_VERSION="0.8.3"
ZI="${ZI_BIN:-$ROOT/target/debug/zi}"
PY="${PYTHON:-python3}"

say() { printf 'scim-interop: %s\n' "$*"; }
fail() { printf 'scim-interop: FAILED: %s\n' "$*" >&2; exit 1; }

# 1. scim2-server in target/py (not system-wide), pinned.
# shellcheck source=scripts/lib/pytool.sh
. "$ROOT/scripts/lib/pytool.sh"
pip_tool "$VENV" scim2-server "$SCIM2_SERVER_VERSION"
[ -x "$VENV/bin/scim2-server" ] || fail "scim2-server is not installed in $VENV"

if [ ! -x "$ZI" ]; then
    say "building zi"
    (cd "$ROOT" && cargo build --quiet -p zi-cli)
fi

# 2. Start the server on a free port with a bearer token; stop it whatever happens.
PORT="$(free_port)"
TOKEN="interop-$("$PY" -c 'import secrets; print(secrets.token_hex(16))')"
BASE="http://127.0.0.1:$PORT/v2"
WORK="$(mktemp -d)"
SERVER_PID=""
cleanup() {
    if [ -n "$SERVER_PID" ]; then kill "$SERVER_PID" 2>/dev/null || true; wait "$SERVER_PID" 2>/dev/null || true; fi
    rm -rf "$WORK"
}
trap cleanup EXIT INT TERM

"$VENV/bin/scim2-server" --hostname 127.0.0.1 --port "$PORT" --bearer-token "$TOKEN" >"$WORK/server.log" 2>&1 &
SERVER_PID=$!
for _ in $(seq 1 100); do
    if curl -fsS -o /dev/null -H "Authorization: Bearer $TOKEN" "$BASE/ServiceProviderConfig" 2>/dev/null; then break; fi
    kill -0 "$SERVER_PID" 2>/dev/null || { cat "$WORK/server.log" >&2; fail "scim2-server did not start"; }
    sleep 0.1
done
say "scim2-server $SCIM2_SERVER_VERSION listening at $BASE"

# 3. Seed over HTTP: 14 users (3 inactive), 3 groups, four planted problems.
SCIM_BASE="$BASE" SCIM_TOKEN="$TOKEN" "$PY" - <<'PYEOF'
import json, os, urllib.request

base, token = os.environ["SCIM_BASE"], os.environ["SCIM_TOKEN"]

def post(path, body):
    req = urllib.request.Request(base + path, data=json.dumps(body).encode(), method="POST",
        headers={"Authorization": "Bearer " + token, "Content-Type": "application/scim+json"})
    with urllib.request.urlopen(req, timeout=10) as r:
        return json.load(r)

def user(name, active=True, email=True, external=None):
    body = {"schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"],
            "userName": name + "@acme-interop.test", "active": active,
            "name": {"givenName": name.capitalize(), "familyName": "Interop"}}
    if external:
        body["externalId"] = external
    if email:
        body["emails"] = [{"value": name + "@acme-interop.test", "type": "work", "primary": True}]
    return post("/Users", body)["id"]

ids = {n: user(n) for n in ["s3", "s4", "s5", "s6", "m1", "m2", "both1", "odd1"]}
ids["s1"] = user("s1", external="s1")                    # Entra's default: the mail nickname
ids["s2"] = user("s2", external="2c6f1a53-8d2e-4e4b-9a7e-5b1f0c3d9e21")  # the objectId GUID
ids["m3"] = user("m3", email=False)                      # active, no work email
ids["gone1"] = user("gone1", active=False)               # inactive, still in Sales Team
ids["old1"] = user("old1", active=False)
ids["old2"] = user("old2", active=False)

def group(name, members):
    post("/Groups", {"schemas": ["urn:ietf:params:scim:schemas:core:2.0:Group"],
                     "displayName": name, "members": [{"value": ids[m]} for m in members]})

group("Sales Team", ["s1", "s2", "s3", "s4", "s5", "s6", "both1", "gone1"])
group("Marketing Team", ["m1", "m2", "m3", "both1"])     # both1 is in two groups
group("Bad_Name", ["odd1"])                              # '_' breaks the naming rule
print("scim-interop: seeded 14 users (3 inactive) and 3 groups")
PYEOF

TODAY_MINUS_85="$("$PY" -c 'import datetime; print(datetime.date.today() - datetime.timedelta(days=85))')"
TODAY_PLUS_5="$("$PY" -c 'import datetime; print(datetime.date.today() + datetime.timedelta(days=5))')"
export ZI_DATA_DIR="$WORK/data"

# 4. The check as outside scripts run it.
say "running: zi scim status --url $BASE --token-env SCIM_INTEROP_TOKEN --token-issued $TODAY_MINUS_85 --token-days 90 --seats Sales=6 --seats Marketing=10 --group-product 'Sales Team=Sales' --group-product 'Marketing Team=Marketing' --json"
set +e
SCIM_INTEROP_TOKEN="$TOKEN" "$ZI" scim status --url "$BASE" --token-env SCIM_INTEROP_TOKEN \
    --token-issued "$TODAY_MINUS_85" --token-days 90 \
    --seats Sales=6 --seats Marketing=10 \
    --group-product "Sales Team=Sales" --group-product "Marketing Team=Marketing" \
    --json >"$WORK/status.json" 2>"$WORK/status.err"
CODE=$?
set -e
[ "$CODE" -eq 0 ] || { cat "$WORK/status.err" >&2; fail "zi scim status exited $CODE"; }

EXPIRES="$TODAY_PLUS_5" "$PY" - "$WORK/status.json" <<'PYEOF'
import json, os, sys

report = json.load(open(sys.argv[1]))
checks = 0
def check(label, actual, expected):
    global checks
    if actual != expected:
        print(f"scim-interop: MISMATCH {label}: expected {expected!r}, got {actual!r}", file=sys.stderr)
        sys.exit(1)
    checks += 1
    print(f"scim-interop: ok  {label} = {actual!r}")

def problems(kind):
    return [p for p in report["problems"] if p["kind"] == kind]

check("token.valid", report["token"]["valid"], True)
check("token.days_left (issued 85 days ago for 90)", report["token"]["days_left"], 5)
check("token.expires_on", report["token"]["expires_on"], os.environ["EXPIRES"])
check("users", report["users"], {"total": 14, "active": 11, "inactive": 3})
seats = {s["product"]: s for s in report["seats"]}
check("seats Sales", seats.get("Sales"), {"product": "Sales", "purchased": 6, "used": 7, "free": -1})
check("seats Marketing", seats.get("Marketing"), {"product": "Marketing", "purchased": 10, "used": 4, "free": 6})
expiring = problems("token_expiring")
check("token_expiring (7-day warning)", [(p["severity"], p["days_left"]) for p in expiring], [("warning", 5)])
over = problems("seats_over_assigned")
check("seats_over_assigned names Sales", [(p["severity"], p["product"]) for p in over], [("error", "Sales")])
check("user_in_multiple_groups", [p["users"] for p in problems("user_in_multiple_groups")], [["both1@acme-interop.test"]])
check("group_name_invalid", [p["groups"] for p in problems("group_name_invalid")], [["Bad_Name"]])
check("active_user_without_work_email", [p["users"] for p in problems("active_user_without_work_email")], [["m3@acme-interop.test"]])
check("inactive_user_holds_product", [(p["users"], p["product"]) for p in problems("inactive_user_holds_product")], [(["gone1@acme-interop.test"], "Sales")])
check("active_user_without_product", [p["users"] for p in problems("active_user_without_product")], [["odd1@acme-interop.test"]])
check("external_id_not_object_id", [p["users"] for p in problems("external_id_not_object_id")], [["s1@acme-interop.test"]])
print(f"scim-interop: {checks} checks passed on the healthy-token report")
PYEOF

# 5. A subscription set spelled differently from its group (case, spaces) is named with both
#    spellings, and --fail-on error turns it into exit 3 for monitoring.
set +e
SCIM_INTEROP_TOKEN="$TOKEN" "$ZI" scim status --url "$BASE" --token-env SCIM_INTEROP_TOKEN \
    --token-issued "$TODAY_MINUS_85" --token-days 90 --group-product "sales  team=Sales" \
    --fail-on error --json >"$WORK/near.json" 2>"$WORK/near.err"
CODE=$?
set -e
[ "$CODE" -eq 3 ] || { cat "$WORK/near.err" >&2; fail "--fail-on error with an error found exited $CODE (expected 3)"; }
"$PY" - "$WORK/near.json" <<'PYEOF'
import json, sys
report = json.load(open(sys.argv[1]))
near = [p for p in report["problems"] if p["kind"] == "group_name_near_miss"]
assert [p["groups"] for p in near] == [["sales  team", "Sales Team"]], near
print("scim-interop: ok  'sales  team' vs 'Sales Team' -> group_name_near_miss, --fail-on error exit 3")
PYEOF

# 6. A token the server refuses is a finding (exit 0), not a failure.
set +e
SCIM_INTEROP_TOKEN="wrong-$TOKEN" "$ZI" scim status --url "$BASE" --token-env SCIM_INTEROP_TOKEN --json >"$WORK/rejected.json" 2>"$WORK/rejected.err"
CODE=$?
set -e
[ "$CODE" -eq 0 ] || { cat "$WORK/rejected.err" >&2; fail "a rejected token exited $CODE (expected 0)"; }
"$PY" - "$WORK/rejected.json" <<'PYEOF'
import json, sys
report = json.load(open(sys.argv[1]))
assert report["token"]["valid"] is False, report["token"]
kinds = [(p["kind"], p["severity"]) for p in report["problems"]]
assert ("token_rejected", "error") in kinds, kinds
print("scim-interop: ok  wrong token -> token.valid false, token_rejected error, exit 0")
PYEOF

# 7. A server that is gone is a failure: exit 1 and one plain line.
kill "$SERVER_PID" 2>/dev/null || true; wait "$SERVER_PID" 2>/dev/null || true; SERVER_PID=""
set +e
SCIM_INTEROP_TOKEN="$TOKEN" "$ZI" scim status --url "$BASE" --token-env SCIM_INTEROP_TOKEN --json >"$WORK/down.json" 2>"$WORK/down.err"
CODE=$?
set -e
[ "$CODE" -eq 1 ] || fail "an unreachable server exited $CODE (expected 1)"
[ "$(wc -l <"$WORK/down.err")" -eq 1 ] || { cat "$WORK/down.err" >&2; fail "expected one line on stderr"; }
grep -q "Could not reach" "$WORK/down.err" || fail "unexpected message: $(cat "$WORK/down.err")"
say "ok  stopped server -> exit 1: $(cat "$WORK/down.err")"
say "all interop checks passed against scim2-server $SCIM2_SERVER_VERSION"
