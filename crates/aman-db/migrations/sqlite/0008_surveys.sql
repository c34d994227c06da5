-- Perception surveys. A form is kept as the XLSForm workbook it was imported
-- from (parsed again when loaded). A response keeps its answers as JSON
-- (question name → value as submitted) next to the design and demographic
-- columns the estimates use. No name or contact is asked or stored.
CREATE TABLE survey_forms (
    id          INTEGER PRIMARY KEY,
    form_key    TEXT NOT NULL,
    version     TEXT NOT NULL,
    title       TEXT NOT NULL,
    workbook    BLOB NOT NULL,
    imported_at INTEGER NOT NULL,
    UNIQUE (form_key, version)
);

CREATE TABLE survey_responses (
    id           INTEGER PRIMARY KEY,
    form_id      INTEGER NOT NULL REFERENCES survey_forms (id),
    external_id  TEXT NOT NULL,
    area         TEXT NOT NULL REFERENCES areas (pcode),
    collected_on INTEGER NOT NULL,
    weight       REAL NOT NULL,
    stratum      TEXT,
    cluster      TEXT,
    sex          TEXT,
    age_group    TEXT,
    displacement TEXT,
    answers      TEXT NOT NULL,
    source       TEXT NOT NULL,
    UNIQUE (form_id, external_id)
);
CREATE INDEX survey_responses_by_form ON survey_responses (form_id, area);
