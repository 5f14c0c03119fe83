-- Settings the user changes in the app or the CLI (never secrets: those live in the OS keychain).
CREATE TABLE settings (
    key        TEXT PRIMARY KEY NOT NULL,
    value      TEXT NOT NULL,
    updated_at INTEGER NOT NULL
);

-- What /lookup/usage said, over time: the Usage screen's history and forecast.
CREATE TABLE usage_snapshots (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    taken_at   INTEGER NOT NULL,
    limit_type TEXT NOT NULL,
    description TEXT,
    usage_limit INTEGER,
    current_usage INTEGER,
    usage_remaining INTEGER
);
CREATE INDEX usage_snapshots_by_type_time ON usage_snapshots (limit_type, taken_at);

-- What the user did that matters later (sign-ins, searches, spends). No secrets, ever.
CREATE TABLE audit_log (
    id     INTEGER PRIMARY KEY AUTOINCREMENT,
    at     INTEGER NOT NULL,
    action TEXT NOT NULL,
    detail TEXT NOT NULL DEFAULT ''
);
