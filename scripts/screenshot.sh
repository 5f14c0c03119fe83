#!/usr/bin/env bash
# Takes screenshots of zi-console in demo mode, in a virtual X display (Xvfb), into
# docs/screenshots/: connect.png (first run), connect-gtm.png (sign in with ZoomInfo), search.png, usage.png, settings.png,
# settings-network.png (the proxy), settings-background.png (start at login, updates),
# provisioning.png (the demo SCIM endpoint),
# provisioning-idp.png (what its Okta org failed to push), provisioning-users.png (its
# directory, searched), provisioning-oauth.png (adding a Zoom endpoint), search-dark.png (the
# dark theme), connectors.png and connectors-test.png (the data connector library and its Test
# API, a json-server provider behind it), waterfall-estimate.png, waterfall-review.png and
# waterfall-found.png (the demo's sample file with the connector asked after ZoomInfo, then
# only the rows it found),
# usage-team.png and settings-team.png (team mode on a private PostgreSQL, after
# two colleagues' enrichments through zi) and, with trayer installed, tray.png (the tray
# icon's badge and menu). SCREENSHOTS_ONLY=team takes the team mode pictures only.
#
#   scripts/screenshot.sh              build the UI and the app, then take the screenshots
#   SKIP_BUILD=1 scripts/screenshot.sh reuse target/debug/zi-console as it is
#
# Each launch gets empty XDG data/config dirs, so saved window positions and earlier demo data
# never change the pictures. Screens are reached with --screen and with xdotool on the fixed
# 1280x800 layout (no window manager, so the window sits at 0,0 and fills the display).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
OUT="${SCREENSHOT_DIR:-$ROOT/docs/screenshots}"
APP="$ROOT/target/debug/zi-console"

if [ "${1:-}" = "--tray-inside-xvfb" ]; then
  WORK="$(mktemp -d)"
  trayer --edge bottom --align right --widthtype pixel --width 120 --height 36 \
    --transparent false --tint 0xdddddd --SetDockType true >/dev/null 2>&1 &
  TRAYER_PID=$!
  sleep 1
  XDG_DATA_HOME="$WORK/data" XDG_CONFIG_HOME="$WORK/config" XDG_CACHE_HOME="$WORK/cache" \
    "$APP" --demo --screen provisioning >"$WORK/tray.log" 2>&1 &
  APP_PID=$!
  timeout 30 xdotool search --sync --onlyvisible --name '^zi-console$' >/dev/null
  sleep 14   # the first background check runs 10 s after launch
  xdotool mousemove --sync 1262 842 click 1   # the icon, at the tray's right end
  sleep 2
  import -window root -crop 640x400+640+460 "$OUT/tray.png"
  echo "    $OUT/tray.png"
  kill "$APP_PID" "$TRAYER_PID" 2>/dev/null || true
  wait "$APP_PID" 2>/dev/null || true
  rm -rf "$WORK"
  exit 0
fi

if [ "${1:-}" != "--inside-xvfb" ]; then
  if [ -z "${SKIP_BUILD:-}" ]; then
    bash scripts/bootstrap.sh
    echo "==> building the UI"
    npm --prefix ui run build
    echo "==> building the app (debug, with the UI embedded)"
    cargo build -p zi-console --features tauri/custom-protocol
  fi
  [ -x "$APP" ] || { echo "error: $APP is missing; run without SKIP_BUILD" >&2; exit 1; }
  mkdir -p "$OUT"
  echo "==> taking screenshots in a virtual display (Xvfb 1280x800)"
  xvfb-run -a -s '-screen 0 1280x800x24' bash "$0" --inside-xvfb
  # The tray needs a tray to sit in: trayer (apt install trayer), below the window.
  if command -v trayer >/dev/null; then
    echo "==> the tray menu (trayer in Xvfb 1280x860)"
    dbus-run-session -- xvfb-run -a -s '-screen 0 1280x860x24' bash "$0" --tray-inside-xvfb
  else
    echo "(no tray picture: install trayer to take tray.png)"
  fi
  exit 0
fi



# ---- inside the virtual display ----
WORK="$(mktemp -d)"
APP_PID=""
cleanup() {
  if [ -n "$APP_PID" ]; then kill "$APP_PID" 2>/dev/null || true; wait "$APP_PID" 2>/dev/null || true; fi
  rm -rf "$WORK"
}
trap cleanup EXIT

# launch NAME ARGS...: starts the app with fresh profile dirs and waits for its window.
launch() {
  local name="$1"; shift
  mkdir -p "$WORK/$name"
  XDG_DATA_HOME="$WORK/$name/data" XDG_CONFIG_HOME="$WORK/$name/config" XDG_CACHE_HOME="$WORK/$name/cache" \
    "$APP" "$@" >"$WORK/$name.log" 2>&1 &
  APP_PID=$!
  if ! WID="$(timeout 30 xdotool search --sync --onlyvisible --name '^zi-console$' | head -n 1)"; then
    echo "error: the zi-console window did not appear; its log:" >&2
    cat "$WORK/$name.log" >&2
    exit 1
  fi
  # Keyboard input goes to the window under the pointer (there is no window manager).
  xdotool mousemove --sync 640 400
  xdotool windowfocus --sync "$WID" 2>/dev/null || true
  settle 4
}

# The WebView paints a moment after the window maps, and the demo needs a moment to sign in.
settle() { sleep "${1:-2}"; }

shot() {
  import -window root "$OUT/$1.png"
  echo "    $OUT/$1.png"
}

stop() {
  kill "$APP_PID" 2>/dev/null || true
  wait "$APP_PID" 2>/dev/null || true
  APP_PID=""
}

# Sidebar links, at their places in the 1280x800 layout.
click() { xdotool mousemove --sync "$1" "$2" click 1; }
NAV_USAGE=(72 163)
NAV_SETTINGS=(78 690)
NAV_PROVISIONING=(92 200)
PROVISIONING_REFRESH=(1045 113)
PROVISIONING_ADD=(1178 113)
# With the Provisioning screen scrolled to its end: the Users panel, then its search box.
USERS_SUMMARY=(360 703)
USERS_FIND=(409 778)
# In the Add endpoint form: "OAuth app (Zoom)" and the SCIM base URL.
FORM_OAUTH=(480 355)
FORM_URL=(993 286)
# scroll DIRECTION CLICKS: the mouse wheel over the page (4 up, 5 down).
scroll() { xdotool mousemove --sync 760 500; xdotool click --repeat "$2" --delay 20 "$1"; settle 1; }

# Team mode: a private PostgreSQL as the team's database and the simulator as the team's
# account; two colleagues enrich through zi, then Dana's app shows the team.
team_pictures() {
  # shellcheck source=scripts/lib/postgres.sh
  . "$ROOT/scripts/lib/postgres.sh"
  start_postgres
  local zi="$ROOT/target/debug/zi" port sim_pid
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
  "$zi" sim serve --port "$port" >"$WORK/sim.log" 2>&1 &
  sim_pid=$!
  for _ in $(seq 50); do (echo >/dev/tcp/127.0.0.1/"$port") 2>/dev/null && break; sleep 0.1; done
  local account=(ZI_API_URL="http://127.0.0.1:$port" ZI_USERNAME=demo@zi-console.test ZI_PASSWORD=demo-password ZI_DATABASE_URL="$PG_URL")
  "$zi" sim sample contact --rows 1200 --output "$WORK/all.csv" >/dev/null
  head -n 801 "$WORK/all.csv" >"$WORK/q3-leads.csv"
  { head -n 1 "$WORK/all.csv"; tail -n 700 "$WORK/all.csv"; } >"$WORK/webinar-attendees.csv"
  env "${account[@]}" ZI_TEAM_MEMBER=marcus ZI_DATA_DIR="$WORK/marcus" "$zi" enrich contact "$WORK/q3-leads.csv" --output "$WORK/marcus.csv" --yes >/dev/null
  env "${account[@]}" ZI_TEAM_MEMBER=dana ZI_DATA_DIR="$WORK/dana-cli" "$zi" enrich contact "$WORK/webinar-attendees.csv" --output "$WORK/dana.csv" --yes >/dev/null
  env "${account[@]}" "$zi" team budget dana 2000 >/dev/null
  env "${account[@]}" "$zi" team budget priya 500 >/dev/null
  export ZI_API_URL="http://127.0.0.1:$port" ZI_USERNAME=demo@zi-console.test ZI_PASSWORD=demo-password ZI_DATABASE_URL="$PG_URL" ZI_TEAM_MEMBER=dana
  launch team --screen usage
  settle 3
  [ -n "${TEAM_USAGE_TOP:-}" ] && shot usage-team-top
  scroll 5 "${TEAM_USAGE_SCROLL:-12}"
  xdotool mousemove --sync 700 790
  settle 1
  shot usage-team
  click "${NAV_SETTINGS[@]}"
  settle 2
  scroll 5 "${TEAM_PANEL_SCROLL:-12}"
  xdotool mousemove --sync 700 790
  settle 1
  shot settings-team
  stop
  unset ZI_API_URL ZI_USERNAME ZI_PASSWORD ZI_DATABASE_URL ZI_TEAM_MEMBER
  kill "$sim_pid" 2>/dev/null || true
  stop_postgres
}
# The Connectors screen: one connector in the demo's library, calling a json-server provider
# (tests/connectors) with its key from ACME_KEY.
connector_pictures() {
  local port provider_pid library="$WORK/connectors/data/com.zi-console.app/connectors"
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
  # Its people: everyone of the demo's sample files with an e-mail, titles of its own.
  "$ROOT/target/debug/zi" sim sample contact --rows 2000 --output "$WORK/people.csv" >/dev/null
  python3 - "$WORK/people.csv" "$WORK/db.json" <<'PY'
import csv, json, sys
rows = csv.DictReader(open(sys.argv[1], encoding="utf-8-sig"))
titles = ["Head of Growth", "RevOps Manager", "VP Sales", "Marketing Director", "Founder"]
people = [{"id": 1, "email": "ana@acme.example", "title": "VP Finance", "phone": "+1 555 0100", "linkedinUrl": "https://www.linkedin.com/in/ana"}]
for i, row in enumerate(r for r in rows if r.get("Email")):
    people.append({"id": i + 2, "email": row["Email"].strip().lower(), "title": titles[i % len(titles)],
                   "phone": f"+1 555 01{i % 100:02d}", "linkedinUrl": f"https://www.linkedin.com/in/person-{i + 2}"})
json.dump({"people": people}, open(sys.argv[2], "w"))
PY
  KEY_PLACEMENT=header KEY_NAME=X-Api-Key KEY_VALUE=acme-demo-key node "$ROOT/tests/connectors/provider.cjs" "$WORK/db.json" "$port" >"$WORK/provider.log" 2>&1 &
  provider_pid=$!
  mkdir -p "$library"
  cat >"$library/acme-people.json" <<JSON
{"name": "Acme People", "description": "Titles, direct phones and LinkedIn profiles by work e-mail, for the rows ZoomInfo does not match.",
 "baseUrl": "http://127.0.0.1:$port", "category": "Enrichment", "ratePerSecond": 5, "maxCalls": 1000,
 "auth": {"method": "apiKey", "keyName": "X-Api-Key", "placement": "header", "valueEnv": "ACME_KEY"},
 "actions": [{"name": "person by email", "category": "Enrich", "requestType": "GET", "endpoint": "/people?email={email}",
              "output": [{"title": "…", "phone": "…", "linkedinUrl": "…"}]}]}
JSON
  ACME_KEY=acme-demo-key launch connectors --demo --screen connectors
  settle 2
  xdotool mousemove --sync 700 790
  shot connectors
  click 902 193   # Test API…
  settle 1
  click 392 594   # its {email}
  xdotool key ctrl+a
  xdotool type --delay 20 "ana@acme.example"
  click 555 594   # Test API
  settle 2
  scroll 5 10
  xdotool mousemove --sync 700 790
  shot connectors-test
  # The waterfall: the demo's sample file, Acme People asked after ZoomInfo.
  xdotool mousemove --sync 72 126 click 1   # Enrich
  settle 2
  click 1131 290   # Use a sample file
  settle 5
  click 922 615    # Then ask: Acme People
  settle 2
  shot waterfall-estimate
  scroll 5 10
  click 960 63     # Enrich…
  settle 2
  click 1041 203   # Spend up to … credits
  settle 25
  scroll 4 30
  shot waterfall-review
  # Only what Acme People found, its columns scrolled into view.
  click 715 336    # Found by connectors
  settle 2
  xdotool mousemove --sync 760 620
  xdotool click --repeat 40 --delay 20 7
  xdotool mousemove --sync 1200 110   # no cell tooltip in the shot
  settle 1
  shot waterfall-found
  stop
  kill "$provider_pid" 2>/dev/null || true
}

if [ "${SCREENSHOTS_ONLY:-}" = "team" ]; then
  team_pictures
  exit 0
fi
if [ "${SCREENSHOTS_ONLY:-}" = "connectors" ]; then
  connector_pictures
  exit 0
fi

# 1. First run: the Connect screen, no session; then its GTM Data API sign-in.
launch connect
shot connect
click 1010 233   # "GTM Data API"
settle 1
click 1005 304   # its Client ID field
xdotool type --delay 20 "0oa1b2c3d4e5f6g7h8i9"
settle 1
shot connect-gtm
stop

# 2. Demo: a contact search (the job-title field has the keyboard), then Usage and Settings.
launch demo --demo --screen search
xdotool type --delay 40 "Director"
xdotool key Return
settle 3
xdotool mousemove --sync 640 780   # move the pointer off the rows before the picture
settle 1
shot search
click "${NAV_USAGE[@]}"
settle 2
shot usage
click "${NAV_SETTINGS[@]}"
settle 2
shot settings
scroll 5 5
shot settings-network
scroll 5 40
shot settings-background
# Provisioning: the demo SCIM endpoint; Refresh once so the seat history has two checks.
click "${NAV_PROVISIONING[@]}"
settle 4
click "${PROVISIONING_REFRESH[@]}"
settle 3
xdotool mousemove --sync 700 600
settle 1
shot provisioning
# At its end: the identity provider's panel, above the directory.
scroll 5 40
shot provisioning-idp
# Its directory, searched; then the Add endpoint form for a Zoom endpoint.
click "${USERS_SUMMARY[@]}"
settle 2
click "${USERS_FIND[@]}"
xdotool type --delay 40 "grace"
settle 2
scroll 5 6
shot provisioning-users
scroll 4 60
click "${PROVISIONING_ADD[@]}"
settle 1
xdotool type --delay 30 "Zoom"
click "${FORM_OAUTH[@]}"
click "${FORM_URL[@]}"
xdotool type --delay 20 "https://api.zoom.us/scim2"
xdotool mousemove --sync 700 780
settle 1
shot provisioning-oauth
stop

# 3. The dark theme (the WebView follows GTK's dark preference, as it follows the OS elsewhere).
GTK_THEME=Adwaita:dark launch dark --demo --screen search
xdotool type --delay 40 "VP"
xdotool key Return
settle 3
xdotool mousemove --sync 640 780
settle 1
shot search-dark
stop

# 4. Team mode (PostgreSQL's server programs are needed: apt install postgresql).
if ls -d /usr/lib/postgresql/*/bin >/dev/null 2>&1 || command -v initdb >/dev/null; then
  team_pictures
else
  echo "(no team mode pictures: PostgreSQL's initdb is not installed)"
fi

# 5. The Connectors screen.
connector_pictures
