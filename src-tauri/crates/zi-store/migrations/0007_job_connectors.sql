-- The data connectors a job ran after ZoomInfo, in the waterfall's order, with the output
-- fields their columns show: the review and the export of the job (also reopened from the
-- history) show their columns without being told again which connectors ran.
CREATE TABLE job_connectors (
    job_id    INTEGER NOT NULL REFERENCES jobs(id) ON DELETE CASCADE,
    position  INTEGER NOT NULL,
    connector TEXT NOT NULL,
    action    TEXT NOT NULL,
    fields    TEXT NOT NULL,           -- the output field paths, one per line
    PRIMARY KEY (job_id, connector, action)
);
