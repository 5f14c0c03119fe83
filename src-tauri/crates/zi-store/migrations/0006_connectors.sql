-- Data connectors (waterfall after ZoomInfo): what each connector answered for an input, so
-- no connector call is repeated for the same input (within a file, on a re-run, after a
-- crash), and which answer each job key took.
CREATE TABLE connector_answers (
    connector  TEXT NOT NULL,          -- the connector's name
    action     TEXT NOT NULL,
    input_key  TEXT NOT NULL,          -- the normalized values sent (name=value&…)
    matched    INTEGER NOT NULL,       -- 1 when the answer carries something
    body       TEXT NOT NULL,          -- the JSON answer
    fetched_at INTEGER NOT NULL,
    PRIMARY KEY (connector, action, input_key)
);

CREATE TABLE connector_results (
    job_id    INTEGER NOT NULL REFERENCES jobs(id) ON DELETE CASCADE,
    match_key TEXT NOT NULL,
    connector TEXT NOT NULL,
    action    TEXT NOT NULL,
    input_key TEXT NOT NULL,
    PRIMARY KEY (job_id, match_key, connector, action)
);
