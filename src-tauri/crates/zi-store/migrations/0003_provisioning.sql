-- SCIM provisioning health: the endpoints watched, what the admin entered about their tokens
-- (dates only: the token itself lives in the OS keychain, NEVER here), seat snapshots over
-- time for the run-out forecast, and the findings of every check.

CREATE TABLE scim_endpoints (
    id                    INTEGER PRIMARY KEY AUTOINCREMENT,
    url                   TEXT NOT NULL UNIQUE,   -- the SCIM base URL
    name                  TEXT NOT NULL DEFAULT '',
    auth_kind             TEXT NOT NULL DEFAULT 'bearer',  -- bearer | oauth
    oauth_token_url       TEXT,                   -- OAuth (Zoom style): never the client secret
    oauth_client_id       TEXT,
    oauth_account_id      TEXT,
    token_issued_on       TEXT,                   -- YYYY-MM-DD, as the admin entered it
    token_lifetime_days   INTEGER,                -- 90 | 180 | 365
    token_expires_on      TEXT,                   -- YYYY-MM-DD, entered, or read from the token
    seats                 TEXT NOT NULL DEFAULT '{}',  -- JSON {"Sales": 100, …}: purchased seats
    group_products        TEXT NOT NULL DEFAULT '[]',  -- JSON [{"group", "product"}]: subscription sets
    last_warned_threshold INTEGER,                -- 30/14/7/1: the last expiry warning shown
    created_at            INTEGER NOT NULL,
    updated_at            INTEGER NOT NULL
);

-- One health check of one endpoint.
CREATE TABLE scim_checks (
    id               INTEGER PRIMARY KEY AUTOINCREMENT,
    endpoint_id      INTEGER NOT NULL REFERENCES scim_endpoints (id) ON DELETE CASCADE,
    checked_at       INTEGER NOT NULL,           -- unix seconds
    token_valid      INTEGER NOT NULL,           -- 0 | 1: the server accepted the token
    token_expires_on TEXT,
    token_days_left  INTEGER,
    users_total      INTEGER NOT NULL,
    users_active     INTEGER NOT NULL,
    users_inactive   INTEGER NOT NULL
);
CREATE INDEX scim_checks_by_endpoint_time ON scim_checks (endpoint_id, checked_at);

-- Seats per product at each check: the forecast reads their growth.
CREATE TABLE scim_seat_snapshots (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    endpoint_id INTEGER NOT NULL REFERENCES scim_endpoints (id) ON DELETE CASCADE,
    taken_at    INTEGER NOT NULL,                -- unix seconds
    product     TEXT NOT NULL,
    purchased   INTEGER,                         -- NULL when the admin entered none
    used        INTEGER NOT NULL
);
CREATE INDEX scim_seat_snapshots_by_product_time
    ON scim_seat_snapshots (endpoint_id, product, taken_at);

-- What each check found (names of users and groups as JSON lists).
CREATE TABLE scim_findings (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    check_id    INTEGER NOT NULL REFERENCES scim_checks (id) ON DELETE CASCADE,
    endpoint_id INTEGER NOT NULL REFERENCES scim_endpoints (id) ON DELETE CASCADE,
    kind        TEXT NOT NULL,
    severity    TEXT NOT NULL,                   -- info | warning | error
    message     TEXT NOT NULL,
    users       TEXT NOT NULL DEFAULT '[]',
    groups      TEXT NOT NULL DEFAULT '[]',
    product     TEXT
);
CREATE INDEX scim_findings_by_check ON scim_findings (check_id);
