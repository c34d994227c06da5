-- Early warning. Daily counts per source (concerns, events) × area at every
-- level (sub-district up to IQ) × category, kept up to date incrementally:
-- each run adds what arrived after the source's watermark (the last id
-- counted). Conflict events are imported from outside datasets (UCDP GED).
CREATE TABLE conflict_events (
    id          INTEGER PRIMARY KEY,
    dataset     TEXT NOT NULL,
    dataset_id  TEXT NOT NULL,
    occurred_on INTEGER NOT NULL,
    area        TEXT NOT NULL REFERENCES areas (pcode),
    category    TEXT NOT NULL,
    deaths      INTEGER NOT NULL,
    UNIQUE (dataset, dataset_id)
);

CREATE TABLE daily_counts (
    source   TEXT NOT NULL,
    area     TEXT NOT NULL,
    category TEXT NOT NULL,
    day      INTEGER NOT NULL,
    count    INTEGER NOT NULL,
    PRIMARY KEY (source, area, category, day)
);

CREATE TABLE series_watermarks (
    source  TEXT PRIMARY KEY,
    last_id INTEGER NOT NULL
);

-- One row per episode of a rise in one area × category × source.
CREATE TABLE alerts (
    id           INTEGER PRIMARY KEY,
    source       TEXT NOT NULL,
    area         TEXT NOT NULL REFERENCES areas (pcode),
    category     TEXT NOT NULL,
    method       TEXT NOT NULL,
    status       TEXT NOT NULL,
    first_day    INTEGER NOT NULL,
    last_day     INTEGER NOT NULL,
    observed     INTEGER NOT NULL,
    expected     REAL,
    threshold    REAL,
    score        REAL,
    escalated_to TEXT,
    escalated_at INTEGER,
    reason       TEXT,
    created_at   INTEGER NOT NULL,
    updated_at   INTEGER NOT NULL,
    version      INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX alerts_by_series ON alerts (source, area, category, status);
