-- Scheduled jobs: one row per job and time slot. Whoever inserts the row runs
-- the job for that slot; an unfinished claim older than its lease may be taken
-- over, so a job interrupted by a crash runs again.
CREATE TABLE job_runs (
    run_key     TEXT PRIMARY KEY,
    job         TEXT NOT NULL,
    slot        BIGINT NOT NULL,
    claimed_by  TEXT NOT NULL,
    claimed_at  BIGINT NOT NULL,
    finished_at BIGINT,
    outcome     TEXT
);
CREATE INDEX job_runs_by_job ON job_runs (job, slot);
