-- ZoomInfo records bought so far, by id: never pay twice for what is here and fresh.
CREATE TABLE records (
    kind       TEXT NOT NULL,          -- contact | company
    zi_id      TEXT NOT NULL,
    data       TEXT NOT NULL,          -- the record as the API sent it (JSON)
    fetched_at INTEGER NOT NULL,       -- unix seconds
    PRIMARY KEY (kind, zi_id)
);

-- What the API answered for a normalized match key (e.g. contact:email:jane@acme.com).
CREATE TABLE match_keys (
    kind       TEXT NOT NULL,
    match_key  TEXT NOT NULL,
    status     TEXT NOT NULL,          -- FULL_MATCH, NO_MATCH, … (unknown values kept)
    zi_id      TEXT,                   -- NULL when nothing matched
    fetched_at INTEGER NOT NULL,
    PRIMARY KEY (kind, match_key)
);

-- One enrichment of one file with one set of options.
CREATE TABLE jobs (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    fingerprint  TEXT NOT NULL UNIQUE, -- file identity + options: the same command resumes the same job
    kind         TEXT NOT NULL,
    source_path  TEXT NOT NULL,
    options      TEXT NOT NULL,        -- JSON: mapping, fields, sheet, max age
    state        TEXT NOT NULL,        -- planning | ready | running | stopped | completed | failed
    stop_reason  TEXT,
    rows_total   INTEGER NOT NULL DEFAULT 0,
    rows_invalid INTEGER NOT NULL DEFAULT 0,
    max_width    INTEGER NOT NULL DEFAULT 0, -- most cells in a row: ragged rows keep every cell on output
    created_at   INTEGER NOT NULL,
    updated_at   INTEGER NOT NULL
);

-- The distinct keys of a job: each is sent at most once, in batches (in key order, which the
-- primary key's index serves; loading sorted keeps a million-row file fast).
CREATE TABLE job_keys (
    job_id    INTEGER NOT NULL REFERENCES jobs(id) ON DELETE CASCADE,
    seq       INTEGER NOT NULL,        -- first row of the file that carries this key
    match_key TEXT NOT NULL,
    input     TEXT NOT NULL,           -- the API input object (JSON)
    state     TEXT NOT NULL,           -- pending | done | cached
    status    TEXT,
    zi_id     TEXT,
    PRIMARY KEY (job_id, match_key)
);

-- Credits spent, batch by batch: adds up to what /lookup/usage says.
CREATE TABLE ledger (
    id       INTEGER PRIMARY KEY AUTOINCREMENT,
    job_id   INTEGER REFERENCES jobs(id) ON DELETE SET NULL,
    at       INTEGER NOT NULL,
    credits  INTEGER NOT NULL,
    inputs   INTEGER NOT NULL,
    matched  INTEGER NOT NULL,
    batch_ref TEXT UNIQUE             -- which sent batch this pays for: a kept answer is replayed once
);
CREATE INDEX ledger_by_job ON ledger (job_id);
CREATE INDEX ledger_by_time ON ledger (at);
