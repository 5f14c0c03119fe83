-- What a RevOps team sharing one ZoomInfo account shares: the records bought (serving every
-- member), the keys being bought right now, the credit ledger by member and job, the account's
-- request pace, per-member budgets and usage snapshots. Each member's machine keeps its own
-- jobs' rows in its local SQLite; this database is the team's.

-- Records bought by any member.
CREATE TABLE team_records (
    kind       TEXT NOT NULL,             -- contact | company
    zi_id      TEXT NOT NULL,
    data       TEXT NOT NULL,             -- the record as the API sent it (JSON)
    fetched_at BIGINT NOT NULL,           -- unix seconds
    PRIMARY KEY (kind, zi_id)
);

-- What the API answered for a normalized match key.
CREATE TABLE team_answers (
    kind       TEXT NOT NULL,
    match_key  TEXT NOT NULL,
    status     TEXT NOT NULL,
    zi_id      TEXT,                      -- NULL when nothing matched
    fetched_at BIGINT NOT NULL,
    PRIMARY KEY (kind, match_key)
);

-- A key some member's process is buying right now: nobody else buys it meanwhile. A claim
-- older than the timeout belongs to a process that died and may be taken over.
CREATE TABLE team_claims (
    kind       TEXT NOT NULL,
    match_key  TEXT NOT NULL,
    member     TEXT NOT NULL,
    holder     TEXT NOT NULL,             -- the claiming process (host, pid, start)
    claimed_at DOUBLE PRECISION NOT NULL, -- the database's clock, unix seconds
    PRIMARY KEY (kind, match_key)
);

-- One row per member's job, for the Usage screen's "per job".
CREATE TABLE team_jobs (
    member     TEXT NOT NULL,
    job_ref    TEXT NOT NULL,             -- the machine's job (host + local id)
    file_name  TEXT NOT NULL,
    kind       TEXT NOT NULL,
    state      TEXT NOT NULL,
    keys_total BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    PRIMARY KEY (member, job_ref)
);

-- Credits spent, batch by batch, by whom.
CREATE TABLE team_ledger (
    id        BIGSERIAL PRIMARY KEY,
    at        BIGINT NOT NULL,
    member    TEXT NOT NULL,
    job_ref   TEXT NOT NULL,
    credits   BIGINT NOT NULL,
    inputs    BIGINT NOT NULL,
    matched   BIGINT NOT NULL,
    batch_ref TEXT NOT NULL UNIQUE        -- a kept answer replayed after an outage counts once
);
CREATE INDEX team_ledger_by_member ON team_ledger (member, at);
CREATE INDEX team_ledger_by_job ON team_ledger (member, job_ref);

-- The account's request pace: the next free send slot, shared by every member's process.
CREATE TABLE team_pace (
    account TEXT PRIMARY KEY,
    next_at DOUBLE PRECISION NOT NULL     -- the database's clock, unix seconds
);

-- Per-member budgets in credits, enforced by each member's engine.
CREATE TABLE team_budgets (
    member     TEXT PRIMARY KEY,
    credits    BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);

-- What /lookup/usage said, over time, for the whole team.
CREATE TABLE team_usage_snapshots (
    id              BIGSERIAL PRIMARY KEY,
    taken_at        BIGINT NOT NULL,
    member          TEXT NOT NULL,
    limit_type      TEXT NOT NULL,
    description     TEXT,
    usage_limit     BIGINT,
    current_usage   BIGINT,
    usage_remaining BIGINT
);
CREATE INDEX team_usage_snapshots_by_type_time ON team_usage_snapshots (limit_type, taken_at);
