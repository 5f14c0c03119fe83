-- Batches ZoomInfo may have charged twice: charged when it answered, but the answer never
-- reached the cache (unreadable, or the process died with the request in flight), so the same
-- records were sent again. Beside the ledger, not in it: what was surely spent stays exact.
CREATE TABLE possibly_charged_twice (
    id        INTEGER PRIMARY KEY AUTOINCREMENT,
    job_id    INTEGER REFERENCES jobs(id) ON DELETE SET NULL,
    at        INTEGER NOT NULL,       -- unix seconds
    records   INTEGER NOT NULL,       -- inputs in the batch: at most this many charged again
    reason    TEXT NOT NULL,          -- unreadable_answer | interrupted
    batch_ref TEXT NOT NULL           -- the sent batch (see ledger.batch_ref)
);
CREATE INDEX possibly_charged_twice_by_job ON possibly_charged_twice (job_id);
CREATE INDEX possibly_charged_twice_by_batch ON possibly_charged_twice (batch_ref);
